package dev.globaltable.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * The metric series tests feed, per region. A metric is identified as CloudWatch identifies it: namespace, name and
 * the exact set of dimensions. A series holds single datapoints and "constant" segments; a constant segment reports
 * its value once a minute (at its start and every 60 s after) until it is replaced or stopped. Nothing is reported
 * after the current virtual time. Not thread-safe on its own: callers hold the simulator's lock.
 */
final class MetricStore {
  /** How often a constant segment reports its value. */
  static final Duration CONSTANT_INTERVAL = Duration.ofSeconds(60);

  /** A metric's identity; dimensions sorted by name. */
  record Key(String namespace, String metricName, Map<String, String> dimensions) {
    Key {
      dimensions = Map.copyOf(dimensions);
    }

    static Key of(String namespace, String metricName, Collection<Dimension> dims) {
      Map<String, String> m = new TreeMap<>();
      if (dims != null) {
        for (Dimension d : dims) {
          m.put(d.name(), d.value());
        }
      }
      return new Key(namespace, metricName, m);
    }
  }

  private record Constant(Instant from, Instant until, double value) {}

  private static final class Series {
    final TreeMap<Instant, List<Double>> points = new TreeMap<>();
    final List<Constant> constants = new ArrayList<>();
  }

  private final Map<String, Map<Key, Series>> regions = new HashMap<>();

  MetricStore(Collection<String> regionNames) {
    for (String r : regionNames) {
      regions.put(r, new HashMap<>());
    }
  }

  void put(String region, Key key, Instant at, double value) {
    series(region, key).points.computeIfAbsent(at, t -> new ArrayList<>()).add(value);
  }

  /** Reports {@code value} from {@code from} on, ending any constant segment still open. */
  void constant(String region, Key key, Instant from, double value) {
    stop(region, key, from);
    series(region, key).constants.add(new Constant(from, null, value));
  }

  /** Ends the open constant segment, if any, at {@code at} (exclusive). */
  void stop(String region, Key key, Instant at) {
    List<Constant> cs = series(region, key).constants;
    for (int i = 0; i < cs.size(); i++) {
      Constant c = cs.get(i);
      if (c.until() == null) {
        cs.set(i, new Constant(c.from(), at, c.value()));
      }
    }
  }

  /** Every sample of the metric with {@code start <= t < end} and {@code t <= now}. */
  List<Double> samples(String region, Key key, Instant start, Instant end, Instant now) {
    Map<Key, Series> m = regions.get(region);
    Series s = m == null ? null : m.get(key);
    List<Double> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    Instant last = end.isAfter(now) ? now.plusNanos(1) : end; // exclusive upper bound
    if (!start.isBefore(last)) {
      return out;
    }
    NavigableMap<Instant, List<Double>> range = s.points.subMap(start, true, last, false);
    range.values().forEach(out::addAll);
    long step = CONSTANT_INTERVAL.toNanos();
    for (Constant c : s.constants) {
      Instant to = c.until() == null || c.until().isAfter(last) ? last : c.until();
      Instant t = c.from();
      if (t.isBefore(start)) {
        long gap = Duration.between(t, start).toNanos();
        t = t.plusNanos((gap + step - 1) / step * step);
      }
      for (; t.isBefore(to); t = t.plusNanos(step)) {
        out.add(c.value());
      }
    }
    return out;
  }

  /** The statistic of {@code samples}, or null when there are none or the statistic is not modelled. */
  static Double statistic(String stat, List<Double> samples) {
    if (samples.isEmpty()) {
      return null;
    }
    return switch (stat) {
      case "Sum" -> samples.stream().mapToDouble(Double::doubleValue).sum();
      case "Average" -> samples.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      case "Minimum" -> samples.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      case "Maximum" -> samples.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      case "SampleCount" -> (double) samples.size();
      default -> null;
    };
  }

  private Series series(String region, Key key) {
    return regions.get(region).computeIfAbsent(key, k -> new Series());
  }
}
