package dev.globaltable.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's Prometheus metrics: one {@link PrometheusMeterRegistry} that holds the operator's own meters and, when
 * it is handed to the JOSDK operator, the framework's ({@code operator_sdk_*}). {@link #scrape()} renders all of them in
 * the Prometheus text format (served as {@code GET /metrics}).
 *
 * <p>The operator's own meters, as scraped:
 * <ul>
 *   <li>{@code globaltable_aws_calls_total{service,operation,region,outcome}}: every AWS API call the operator makes,
 *       reads and mutations ({@link MeteredRegionalClients}); {@code outcome} is {@code success} or AWS's error code.</li>
 *   <li>{@code globaltable_reconcile_duration_seconds{outcome}}: wall time of each reconcile or cleanup pass, by its
 *       result ({@code ready}, {@code progressing}, {@code stalled}, {@code suspended}, {@code deleted},
 *       {@code error}).</li>
 *   <li>{@code globaltable_ready{namespace,name}}: 1 while the resource's Ready condition is True, else 0.</li>
 *   <li>{@code globaltable_replicas{namespace,name,state}}: {@code desired} (regions in the spec) and the number of
 *       regions the status lists per replica state: {@code active}, {@code creating}, {@code updating},
 *       {@code deleting}, {@code not_found} (wanted, not created yet), {@code other} (any other AWS status).</li>
 *   <li>{@code globaltable_time_to_ready_seconds}: per generation of a resource, the time from the first pass that saw it
 *       not Ready to the first status that reported it Ready, on the operator's clock; recorded once per generation.</li>
 * </ul>
 * The per-resource series are removed by {@link #forget} once the resource's finalizer is released, so a scrape never
 * shows deleted resources. Thread-safe.
 */
public final class OperatorMetrics {
  /** The Content-Type of {@link #scrape()}'s text (Prometheus text exposition format 0.0.4). */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Meter names (Micrometer's dotted form; Prometheus shows them with underscores and a unit suffix). */
  public static final String AWS_CALLS = "globaltable.aws.calls";
  public static final String RECONCILE_DURATION = "globaltable.reconcile.duration";
  public static final String READY = "globaltable.ready";
  public static final String REPLICAS = "globaltable.replicas";
  public static final String TIME_TO_READY = "globaltable.time.to.ready";

  /** The {@code outcome} of an AWS call that AWS accepted. */
  public static final String SUCCESS = "success";
  /** The {@code outcome} of an AWS call that failed without an AWS error code (network, timeout, client-side). */
  public static final String CLIENT_ERROR = "ClientError";

  /** The {@code state} values of {@code globaltable_replicas}, always all present for a resource. */
  public static final List<String> REPLICA_STATES = List.of("desired", "active", "creating", "updating", "deleting",
      "not_found", "other");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, ResourceGauges> gauges = new ConcurrentHashMap<>();
  /** Per resource uid: the generation being timed to Ready and when it was first seen not Ready. */
  private final Map<String, Pending> pendingReady = new ConcurrentHashMap<>();
  /** Per resource uid: the last generation whose time to Ready was recorded. */
  private final Map<String, Long> recordedReady = new ConcurrentHashMap<>();
  private final Timer timeToReady;

  public OperatorMetrics() {
    timeToReady = Timer.builder(TIME_TO_READY)
        .description("Time from the first pass that saw a generation of a GlobalTable not Ready until its status first "
            + "reported that generation Ready (operator clock)")
        .register(registry);
  }

  /**
   * Adds the JVM and process series ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*},
   * {@code process_cpu_usage}, {@code process_uptime_seconds}, ...): what on-call needs to tell a memory-limited pod
   * from a slow AWS. Called by {@code run}; tests leave them out. Returns this.
   */
  public OperatorMetrics withJvmMetrics() {
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
    // Why kept open: JvmGcMetrics listens to GC notifications for the life of the process (the operator's).
    @SuppressWarnings("resource")
    io.micrometer.core.instrument.binder.jvm.JvmGcMetrics gc = new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics();
    gc.bindTo(registry);
    return this;
  }

  /** The registry, for the JOSDK operator's own metrics ({@code MicrometerMetrics}) and tests. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Counts one AWS API call. {@code outcome} is {@link #SUCCESS}, AWS's error code, or {@link #CLIENT_ERROR}.
   */
  public void awsCall(String service, String operation, String region, String outcome) {
    Counter.builder(AWS_CALLS)
        .description("AWS API calls made by the operator, by service, operation, region and outcome (success or AWS's "
            + "error code); an SDK-internal retry counts once")
        .tag("service", service)
        .tag("operation", operation)
        .tag("region", region == null ? "" : region)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** A start mark for {@link #passFinished} (monotonic; not the operator's clock, which may be simulated). */
  public long passStarted() {
    return registry.config().clock().monotonicTime();
  }

  /** Records the wall time of one reconcile or cleanup pass begun at {@code started}, with its result. */
  public void passFinished(long started, String outcome) {
    long elapsed = registry.config().clock().monotonicTime() - started;
    Timer.builder(RECONCILE_DURATION)
        .description("Wall time of one reconcile or cleanup pass, by its result")
        .tag("outcome", outcome)
        .register(registry)
        .record(elapsed, TimeUnit.NANOSECONDS);
  }

  /**
   * A pass begins for generation {@code generation} of resource {@code uid}: when that generation is not Ready, and is
   * neither being timed nor already recorded, its time to Ready starts at {@code now}.
   */
  public void generationSeen(String uid, Long generation, boolean readyForGeneration, Instant now) {
    if (uid == null || generation == null || readyForGeneration || generation.equals(recordedReady.get(uid))) {
      return;
    }
    pendingReady.compute(uid, (k, p) -> p != null && p.generation == generation ? p : new Pending(generation, now));
  }

  /**
   * What one pass's status says about a resource: sets its gauges and, when the status reports the generation being
   * timed as Ready, records its time to Ready (once per generation).
   *
   * @param generation the resource's metadata.generation
   * @param ready the Ready condition is True
   * @param readyGeneration the observedGeneration of that Ready condition
   * @param desiredReplicas regions in the spec; null when this pass could not tell (invalid spec): the last value stays
   * @param replicaStatuses the AWS status of each replica the status lists (ACTIVE, CREATING, NOT_FOUND, ...)
   */
  public void statusReported(String namespace, String name, String uid, Long generation, boolean ready,
      Long readyGeneration, Integer desiredReplicas, List<String> replicaStatuses, Instant now) {
    ResourceGauges g = gauges.computeIfAbsent(key(namespace, name), k -> new ResourceGauges(namespace, name));
    g.ready.set(ready ? 1 : 0);
    if (desiredReplicas != null) {
      g.replicas.get("desired").set(desiredReplicas);
    }
    if (replicaStatuses != null) {
      Map<String, Long> counts = new ConcurrentHashMap<>();
      for (String status : replicaStatuses) {
        counts.merge(replicaState(status), 1L, Long::sum);
      }
      g.replicas.forEach((state, value) -> {
        if (!"desired".equals(state)) {
          value.set(counts.getOrDefault(state, 0L));
        }
      });
    }
    if (uid == null || generation == null || !ready || !generation.equals(readyGeneration)) {
      return;
    }
    Pending p = pendingReady.get(uid);
    if (p != null && p.generation == generation) {
      pendingReady.remove(uid);
      recordedReady.put(uid, generation);
      Duration took = Duration.between(p.since, now);
      timeToReady.record(took.isNegative() ? Duration.ZERO : took);
    }
  }

  /** The resource is gone (its finalizer released): its series leave the scrape and its timing state is dropped. */
  public void forget(String namespace, String name, String uid) {
    ResourceGauges g = gauges.remove(key(namespace, name));
    if (g != null) {
      g.meters.forEach(registry::remove);
    }
    if (uid != null) {
      pendingReady.remove(uid);
      recordedReady.remove(uid);
    }
  }

  /** The {@code state} label for a replica's AWS status. */
  static String replicaState(String awsStatus) {
    if (awsStatus == null) {
      return "other";
    }
    String s = awsStatus.toLowerCase(Locale.ROOT);
    return REPLICA_STATES.contains(s) && !"desired".equals(s) && !"other".equals(s) ? s : "other";
  }

  private static String key(String namespace, String name) {
    return Objects.requireNonNullElse(namespace, "") + "/" + Objects.requireNonNull(name, "name");
  }

  private record Pending(long generation, Instant since) {}

  /** One resource's gauges and the meters to remove with it. */
  private final class ResourceGauges {
    final AtomicLong ready = new AtomicLong();
    final Map<String, AtomicLong> replicas = new ConcurrentHashMap<>();
    final List<Meter> meters = new ArrayList<>();

    ResourceGauges(String namespace, String name) {
      meters.add(Gauge.builder(READY, ready, AtomicLong::get)
          .description("1 while the GlobalTable's Ready condition is True, else 0")
          .tag("namespace", namespace)
          .tag("name", name)
          .strongReference(true)
          .register(registry));
      for (String state : REPLICA_STATES) {
        AtomicLong value = new AtomicLong();
        replicas.put(state, value);
        meters.add(Gauge.builder(REPLICAS, value, AtomicLong::get)
            .description("Regions of a GlobalTable: desired (in the spec) and per replica state as its status lists them")
            .tag("namespace", namespace)
            .tag("name", name)
            .tag("state", state)
            .strongReference(true)
            .register(registry));
      }
    }
  }
}
