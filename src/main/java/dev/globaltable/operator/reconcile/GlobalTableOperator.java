package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.aws.AwsGateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
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
    GlobalTableReconciler reconciler = new GlobalTableReconciler(aws, new KubernetesEventRecorder(client, clock),
        clock, settings, listener);
    Operator operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withUseSSAToPatchPrimaryResource(false)
        .withCloseClientOnStop(false)
        .withConcurrentReconciliationThreads(settings.reconcileThreads()));
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
