package dev.globaltable.operator.sim;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The metric series of one simulated region, fed by tests: what CloudWatch would have recorded, read back by
 * GetMetricData and by alarm evaluation in the same region. A metric is namespace + name + the exact dimension set,
 * e.g. {@code ("AWS/DynamoDB", "ReplicationLatency", {TableName=Orders, ReceivingRegion=eu-west-1})} reported in the
 * source region (aws-semantics 6.1). Never journalled, never faulted. Thread-safe (uses the simulator's lock).
 */
public final class SimMetrics {
  private final Object lock;
  private final MetricStore store;
  private final String region;
  private final SimClock clock;

  SimMetrics(Object lock, MetricStore store, String region, SimClock clock) {
    this.lock = lock;
    this.store = store;
    this.region = region;
    this.clock = clock;
  }

  /** The region these series belong to. */
  public String region() {
    return region;
  }

  /** Records one datapoint {@code value} at {@code at} (past, present or future; future points count once due). */
  public SimMetrics put(String namespace, String metricName, Map<String, String> dimensions, Instant at,
      double value) {
    MetricStore.Key key = key(namespace, metricName, dimensions);
    Objects.requireNonNull(at, "at");
    synchronized (lock) {
      store.put(region, key, at, value);
    }
    return this;
  }

  /**
   * From the current virtual time on, the metric reports {@code value} once a minute (at now, now + 60 s, ...), until
   * another {@code constant} or {@link #stop} for the same metric. E.g. "ReplicationLatency from us-east-1 to
   * eu-west-1 is now 15000 ms".
   */
  public SimMetrics constant(String namespace, String metricName, Map<String, String> dimensions, double value) {
    MetricStore.Key key = key(namespace, metricName, dimensions);
    synchronized (lock) {
      store.constant(region, key, clock.instant(), value);
    }
    return this;
  }

  /** Ends the metric's constant reporting at the current virtual time (no more samples from now on). */
  public SimMetrics stop(String namespace, String metricName, Map<String, String> dimensions) {
    MetricStore.Key key = key(namespace, metricName, dimensions);
    synchronized (lock) {
      store.stop(region, key, clock.instant());
    }
    return this;
  }

  private static MetricStore.Key key(String namespace, String metricName, Map<String, String> dimensions) {
    return new MetricStore.Key(Objects.requireNonNull(namespace, "namespace"),
        Objects.requireNonNull(metricName, "metricName"), Objects.requireNonNull(dimensions, "dimensions"));
  }
}
