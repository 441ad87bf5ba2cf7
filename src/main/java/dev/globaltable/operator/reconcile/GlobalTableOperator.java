package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.aws.AwsGateway;
import dev.globaltable.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
  /** How long {@link #close()} lets passes in flight finish. */
  static final java.time.Duration RECONCILIATION_TERMINATION_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final Operator operator;
  private final GlobalTableReconciler reconciler;
  private final AtomicReference<LeaderState> leaderState;

  private final KubernetesClient client;
  private final LeaderElection election;
  private final String identity;
  /** Set when {@link #close()} starts: losing the Lease then is the shutdown itself, not a reason to exit. */
  private final java.util.concurrent.atomic.AtomicBoolean closing;

  private GlobalTableOperator(Operator operator, GlobalTableReconciler reconciler,
      AtomicReference<LeaderState> leaderState, KubernetesClient client, LeaderElection election, String identity,
      java.util.concurrent.atomic.AtomicBoolean closing) {
    this.closing = closing;
    this.operator = operator;
    this.reconciler = reconciler;
    this.leaderState = leaderState;
    this.client = client;
    this.election = election;
    this.identity = identity;
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
    return start(client, aws, clock, settings, listener, metrics, election,
        // Why a thread of its own: System.exit runs the shutdown hook, which stops the operator and joins threads
        // the election's callback may be running on.
        () -> new Thread(() -> System.exit(1), "lost-lease-exit").start());
  }

  /** As above; {@code exit} ends the process when the Lease is lost while running (tests count it instead). */
  static GlobalTableOperator start(KubernetesClient client, AwsGateway aws, Clock clock,
      OperatorSettings settings, PassListener listener, OperatorMetrics metrics, LeaderElection election,
      Runnable exit) {
    java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    AtomicReference<LeaderState> leaderState = new AtomicReference<>(
        election == null ? LeaderState.DISABLED : LeaderState.CANDIDATE);
    String identity = election == null ? null : election.identity() != null ? election.identity() : hostname();
    GlobalTableReconciler reconciler = new GlobalTableReconciler(aws, new KubernetesEventRecorder(client, clock),
        clock, settings, listener, metrics);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(false)
          .withCloseClientOnStop(false)
          .withConcurrentReconciliationThreads(settings.reconcileThreads())
          // Why: let a pass in flight finish (its AWS call, its Event and status) before close() releases the Lease;
          // JOSDK's default (zero) interrupts it. Shorter than the pod's 30 s termination grace period.
          .withReconciliationTerminationTimeout(RECONCILIATION_TERMINATION_TIMEOUT)
          .withMetrics(josdkMetrics(metrics));
      if (election != null) {
        o.withLeaderElectionConfiguration(leaderElection(election, identity, leaderState, closing, exit));
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
    return new GlobalTableOperator(operator, reconciler, leaderState, client, election, identity, closing);
  }

  private static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection(
      LeaderElection election, String self, AtomicReference<LeaderState> state,
      java.util.concurrent.atomic.AtomicBoolean closing, Runnable exit) {
    LeaderElectionConfigurationBuilder b = LeaderElectionConfigurationBuilder
        .aLeaderElectionConfiguration(election.leaseName())
        .withIdentity(self)
        .withLeaseDuration(election.leaseDuration())
        .withRenewDeadline(election.renewDeadline())
        .withRetryPeriod(election.retryPeriod())
        // Why not JOSDK's exit: it calls System.exit on whatever thread stops the election, which during a SIGTERM is
        // the shutdown hook itself, where System.exit blocks for good (the pod would hang until SIGKILL).
        .withExitOnStopLeading(false)
        .withLeaderCallbacks(new LeaderCallbacks(
            () -> {
              state.set(LeaderState.LEADING);
              LOG.info("leading: this instance ({}) holds Lease {} and reconciles", self, election.leaseName());
            },
            () -> {
              state.set(LeaderState.LOST);
              if (closing.get()) {
                // Why no exit: this is the shutdown stopping the election; close() releases the Lease.
                return;
              }
              LOG.error("lost Lease {} (not renewed within {}): this instance ({}) stops acting{}",
                  election.leaseName(), election.renewDeadline(), self,
                  election.exitOnLoss() ? " and exits, so that two instances never act at once" : "");
              if (election.exitOnLoss()) {
                exit.run();
              }
            },
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

  /**
   * Stops reconciling (JOSDK waits up to {@link #RECONCILIATION_TERMINATION_TIMEOUT} for passes in flight), then, if
   * this instance held the Lease, releases it so that a standby takes over at its next retry instead of after the lease duration. JOSDK 5.2.3 shuts its executors down
   * before it cancels the election, so fabric8's own release-on-cancel does not happen (measured: a takeover took the
   * full lease duration).
   */
  @Override
  public void close() {
    closing.set(true);
    // Why read first: stopping cancels the election, whose callback turns LEADING into LOST.
    boolean leading = leaderState.get() == LeaderState.LEADING;
    operator.stop();
    if (election != null && leading) {
      releaseLease();
    }
  }

  /** What client-go's ReleaseOnCancel writes: no holder, a 1 s lease; only if this instance still holds it. */
  private void releaseLease() {
    String namespace = election.leaseNamespace() != null ? election.leaseNamespace() : client.getNamespace();
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(election.leaseName()).get();
      if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
        // Why: someone else holds it already (or it is gone); releasing would take it from them.
        return;
      }
      java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
      lease.getSpec().setHolderIdentity("");
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setAcquireTime(now);
      lease.getSpec().setRenewTime(now);
      // update() sends the resourceVersion read above: a concurrent change makes it fail (409) rather than overwrite.
      client.leases().inNamespace(namespace).resource(lease).update();
      leaderState.set(LeaderState.LOST);
      LOG.info("released Lease {}/{} held by {}", namespace, election.leaseName(), identity);
    } catch (KubernetesClientException e) {
      LOG.warn("could not release Lease {}/{} (a standby takes over when it expires): {}", namespace,
          election.leaseName(), e.getMessage());
    }
  }
}
