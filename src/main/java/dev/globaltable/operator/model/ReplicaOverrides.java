package dev.globaltable.operator.model;

import java.util.Map;

/**
 * The per-replica throughput overrides of one replica, as listed in DescribeTable's Replicas[] entry, or as sent in a
 * replica Create/Update action. Null / absent = inherited from the table (or index).
 *
 * @param readCapacityUnits ProvisionedThroughputOverride.ReadCapacityUnits
 * @param maxReadRequestUnits OnDemandThroughputOverride.MaxReadRequestUnits
 * @param indexReadCapacityUnits per index: ProvisionedThroughputOverride.ReadCapacityUnits
 * @param indexMaxReadRequestUnits per index: OnDemandThroughputOverride.MaxReadRequestUnits
 */
public record ReplicaOverrides(Long readCapacityUnits, Long maxReadRequestUnits,
    Map<String, Long> indexReadCapacityUnits, Map<String, Long> indexMaxReadRequestUnits) {
  public static final ReplicaOverrides NONE = new ReplicaOverrides(null, null, Map.of(), Map.of());

  public ReplicaOverrides {
    indexReadCapacityUnits = Map.copyOf(indexReadCapacityUnits == null ? Map.of() : indexReadCapacityUnits);
    indexMaxReadRequestUnits = Map.copyOf(indexMaxReadRequestUnits == null ? Map.of() : indexMaxReadRequestUnits);
  }

  public boolean isNone() {
    return readCapacityUnits == null && maxReadRequestUnits == null && indexReadCapacityUnits.isEmpty()
        && indexMaxReadRequestUnits.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (readCapacityUnits != null) {
      b.append("read ").append(readCapacityUnits);
    }
    if (maxReadRequestUnits != null) {
      b.append(b.isEmpty() ? "" : ", ").append("max read request units ")
          .append(maxReadRequestUnits < 0 ? "unlimited" : maxReadRequestUnits);
    }
    new java.util.TreeMap<>(indexReadCapacityUnits).forEach((k, v) ->
        b.append(b.isEmpty() ? "" : ", ").append("index ").append(k).append(" read ").append(v));
    new java.util.TreeMap<>(indexMaxReadRequestUnits).forEach((k, v) ->
        b.append(b.isEmpty() ? "" : ", ").append("index ").append(k).append(" max read request units ")
            .append(v < 0 ? "unlimited" : v));
    return b.toString();
  }
}
