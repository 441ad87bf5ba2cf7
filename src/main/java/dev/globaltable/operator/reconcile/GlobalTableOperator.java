package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.aws.AwsGateway;
import dev.globaltable.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;

/**
 * Wires the reconciler into a JOSDK {@link Operator}. Used identically by production ({@code run}), the sandbox and the
 * integration tests, so the code path that ships is the one tested.
 */
public final class GlobalTableOperator implements AutoCloseable {
  private final Operator operator;
  private final GlobalTableReconciler reconciler;

  private GlobalTableOperator(Operator operator, GlobalTableReconciler reconciler) {
    this.operator = operator;
    this.reconciler = reconciler;
  }

  /**
   * Registers the controller and starts the informers.
   *
   * <p>Primary-resource patches use JSON patch, not server-side apply: the same path runs against every API server and
   * against the fabric8 mock server our tests use (which has no SSA).
   */
  public static GlobalTableOperator start(KubernetesClient client, AwsGateway aws, Clock clock,
      OperatorSettings settings, PassListener listener) {
    return start(client, aws, clock, settings, listener, null);
  }

  /**
   * As {@link #start(KubernetesClient, AwsGateway, Clock, OperatorSettings, PassListener)}, recording the reconciler's
   * metrics and JOSDK's own ({@code operator_sdk_*}, without per-resource series) in {@code metrics} (null: none).
   * AWS calls are counted by the gateway's clients ({@link dev.globaltable.operator.metrics.MeteredRegionalClients}).
   */
  public static GlobalTableOperator start(KubernetesClient client, AwsGateway aws, Clock clock,
      OperatorSettings settings, PassListener listener, OperatorMetrics metrics) {
    GlobalTableReconciler reconciler = new GlobalTableReconciler(aws, new KubernetesEventRecorder(client, clock),
        clock, settings, listener, metrics);
    Operator operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withUseSSAToPatchPrimaryResource(false)
        .withCloseClientOnStop(false)
        .withConcurrentReconciliationThreads(settings.reconcileThreads())
        .withMetrics(josdkMetrics(metrics)));
    GenericRetry retry = new GenericRetry()
        .setInitialInterval(settings.retryInitial().toMillis())
        .setIntervalMultiplier(2.0)
        .setMaxInterval(settings.retryMax().toMillis())
        .withoutMaxAttempts();
    operator.register(reconciler, c -> {
      c.withRetry(retry);
      if (!settings.namespaces().isEmpty()) {
        c.settingNamespaces(settings.namespaces());
      }
    });
    operator.start();
    return new GlobalTableOperator(operator, reconciler);
  }

  /**
   * JOSDK's own metrics into the operator's registry, without JOSDK's per-resource series (the operator's per-resource
   * gauges are removed on deletion; JOSDK's would add a set per resource for no extra insight). None without metrics.
   */
  private static Metrics josdkMetrics(OperatorMetrics metrics) {
    return metrics == null ? Metrics.NOOP : MicrometerMetrics.withoutPerResourceMetrics(metrics.registry());
  }

  public GlobalTableReconciler reconciler() {
    return reconciler;
  }

  /** Liveness: the operator was started and has not been stopped. */
  public boolean alive() {
    return operator.getRuntimeInfo().isStarted();
  }

  /**
   * Readiness: started, and every informer (event source) has synced and is healthy, so that a pass sees the current
   * resources rather than an empty cache.
   */
  public boolean ready() {
    return alive() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
