package dev.globaltable.operator.model;

/**
 * Desired throughput of one global secondary index, group-wide (per-region read overrides live in
 * {@link ReplicaThroughput}).
 *
 * @param read provisioned read capacity (PROVISIONED tables), else null
 * @param write provisioned write capacity (PROVISIONED tables), else null
 * @param onDemand on-demand limits (PAY_PER_REQUEST tables); NONE = unlimited
 */
public record IndexThroughput(Capacity read, Capacity write, OnDemandLimits onDemand) {
  public static final IndexThroughput NONE = new IndexThroughput(null, null, OnDemandLimits.NONE);

  public IndexThroughput {
    onDemand = onDemand == null ? OnDemandLimits.NONE : onDemand;
  }
}
