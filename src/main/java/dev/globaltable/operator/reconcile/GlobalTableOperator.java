package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.aws.AwsGateway;
import dev.globaltable.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the reconciler into a JOSDK {@link Operator}. Used identically by production ({@code run}), the sandbox and the
 * integration tests, so the code path that ships is the one tested.
 */
public final class GlobalTableOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GlobalTableOperator.class);

  private final Operator operator;
  private final GlobalTableReconciler reconciler;
  private final AtomicReference<LeaderState> leaderState;

  private GlobalTableOperator(Operator operator, GlobalTableReconciler reconciler,
      AtomicReference<LeaderState> leaderState) {
    this.operator = operator;
    this.reconciler = reconciler;
    this.leaderState = leaderState;
  }

  /** Without metrics or leader election: this instance acts alone (unit tests). */
  public static GlobalTableOperator start(KubernetesClient client, AwsGateway aws, Clock clock,
      OperatorSettings settings, PassListener listener) {
    return start(client, aws, clock, settings, listener, null, null);
  }

  /**
   * Registers the controller and starts the informers. The reconciler's metrics and JOSDK's own ({@code operator_sdk_*},
   * without per-resource series) go to {@code metrics} (null: none); AWS calls are counted by the gateway's clients
   * ({@link dev.globaltable.operator.metrics.MeteredRegionalClients}). With {@code election} (null: none) only the
   * holder of its Lease reconciles.
   *
   * <p>Primary-resource patches use JSON patch, not server-side apply: the same path runs against every API server and
   * against the fabric8 mock server our tests use (which has no SSA).
   */
  public static GlobalTableOperator start(KubernetesClient client, AwsGateway aws, Clock clock,
      OperatorSettings settings, PassListener listener, OperatorMetrics metrics, LeaderElection election) {
    AtomicReference<LeaderState> leaderState = new AtomicReference<>(
        election == null ? LeaderState.DISABLED : LeaderState.CANDIDATE);
    GlobalTableReconciler reconciler = new GlobalTableReconciler(aws, new KubernetesEventRecorder(client, clock),
        clock, settings, listener, metrics);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(false)
          .withCloseClientOnStop(false)
          .withConcurrentReconciliationThreads(settings.reconcileThreads())
          .withMetrics(josdkMetrics(metrics));
      if (election != null) {
        o.withLeaderElectionConfiguration(leaderElection(election, leaderState));
      }
    });
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
    // With leader election, start() starts the informers and the election; reconciling starts once leading. Without
    // RBAC for Leases it fails here: "No permission to lease resource. in namespace: ...".
    operator.start();
    return new GlobalTableOperator(operator, reconciler, leaderState);
  }

  private static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection(
      LeaderElection election, AtomicReference<LeaderState> state) {
    String self = election.identity() != null ? election.identity() : hostname();
    LeaderElectionConfigurationBuilder b = LeaderElectionConfigurationBuilder
        .aLeaderElectionConfiguration(election.leaseName())
        .withIdentity(self)
        .withLeaseDuration(election.leaseDuration())
        .withRenewDeadline(election.renewDeadline())
        .withRetryPeriod(election.retryPeriod())
        .withExitOnStopLeading(election.exitOnLoss())
        .withLeaderCallbacks(new LeaderCallbacks(
            () -> {
              state.set(LeaderState.LEADING);
              LOG.info("leading: this instance ({}) holds Lease {} and reconciles", self, election.leaseName());
            },
            () -> state.set(LeaderState.LOST),
            leader -> state.updateAndGet(current -> nextOnNewLeader(current, leader, self))));
    if (election.leaseNamespace() != null) {
      b.withLeaseNamespace(election.leaseNamespace());
    }
    return b.build();
  }

  /** A new holder was observed: another instance means standing by, unless this one already leads or lost. */
  static LeaderState nextOnNewLeader(LeaderState current, String leader, String self) {
    if (current == LeaderState.LEADING || current == LeaderState.LOST || Objects.equals(leader, self)) {
      return current;
    }
    // Why: an empty holder is a released Lease (its holder shut down); nobody leads until someone acquires it.
    return leader == null || leader.isEmpty() ? LeaderState.CANDIDATE : LeaderState.STANDING_BY;
  }

  private static String hostname() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? java.util.UUID.randomUUID().toString() : host;
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
   * Readiness: started, every informer (event source) has synced and is healthy, so that a pass sees the current
   * resources rather than an empty cache, and, with leader election, this instance leads or stands by (a Lease holder
   * is known).
   */
  public boolean ready() {
    return notReadyBecause() == null;
  }

  /** Why this instance is not ready, or null when it is; the body of a failing {@code /readyz}. */
  public String notReadyBecause() {
    if (!alive()) {
      return "not started";
    }
    if (!operator.getRuntimeInfo().allEventSourcesAreHealthy()) {
      return "informers not synced";
    }
    LeaderState state = leaderState.get();
    return state.ready() ? null : "leader election: " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** Where this instance stands in leader election ({@link LeaderState#DISABLED} without it). */
  public LeaderState leaderState() {
    return leaderState.get();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
