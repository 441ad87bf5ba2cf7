package dev.globaltable.operator.model;

import java.util.Map;

/**
 * Per-region read throughput a replica declares over the table's defaults (only read is overridable, reference 1.1).
 * Null fields inherit.
 *
 * @param read provisioned read capacity for this region (PROVISIONED), or null to inherit the table's
 * @param maxReadRequestUnits on-demand read limit for this region (PAY_PER_REQUEST), or null to inherit
 * @param indexes per-index read overrides in this region, by index name
 */
public record ReplicaThroughput(Capacity read, Long maxReadRequestUnits, Map<String, IndexRead> indexes) {
  public static final ReplicaThroughput NONE = new ReplicaThroughput(null, null, Map.of());

  public ReplicaThroughput {
    indexes = Map.copyOf(indexes == null ? Map.of() : indexes);
  }

  /**
   * Read overrides of one index in one region.
   *
   * @param read provisioned read capacity, or null to inherit the index's
   * @param maxReadRequestUnits on-demand read limit, or null to inherit
   */
  public record IndexRead(Capacity read, Long maxReadRequestUnits) {}
}
