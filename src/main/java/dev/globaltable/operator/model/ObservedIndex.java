package dev.globaltable.operator.model;

/**
 * A GSI as DescribeTable reports it in one region.
 *
 * @param status IndexStatus verbatim (CREATING, UPDATING, DELETING, ACTIVE)
 * @param backfilling Backfilling flag (false when absent)
 * @param capacity the index's ProvisionedThroughput in this region (0/0 on PAY_PER_REQUEST)
 * @param onDemand the index's OnDemandThroughput, normalized
 */
public record ObservedIndex(IndexDefinition definition, String status, boolean backfilling, ObservedCapacity capacity,
    OnDemandLimits onDemand) {
  public ObservedIndex {
    capacity = capacity == null ? ObservedCapacity.NONE : capacity;
    onDemand = onDemand == null ? OnDemandLimits.NONE : onDemand;
  }

  /** Without throughput (an on-demand index without limits). */
  public ObservedIndex(IndexDefinition definition, String status, boolean backfilling) {
    this(definition, status, backfilling, null, null);
  }

  public String name() {
    return definition.name();
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }
}
