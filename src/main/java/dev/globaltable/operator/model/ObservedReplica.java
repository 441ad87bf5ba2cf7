package dev.globaltable.operator.model;

/**
 * One entry of DescribeTable's Replicas list (never the region called).
 *
 * @param status ReplicaStatus verbatim
 * @param statusDescription ReplicaStatusDescription, may be null
 * @param progressPercent parsed ReplicaStatusPercentProgress, null when absent
 * @param overrides the replica's throughput overrides (NONE when it inherits everything)
 */
public record ObservedReplica(String region, String status, String statusDescription, Integer progressPercent,
    ReplicaOverrides overrides) {
  public ObservedReplica {
    overrides = overrides == null ? ReplicaOverrides.NONE : overrides;
  }

  /** Without overrides. */
  public ObservedReplica(String region, String status, String statusDescription, Integer progressPercent) {
    this(region, status, statusDescription, progressPercent, null);
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }
}
