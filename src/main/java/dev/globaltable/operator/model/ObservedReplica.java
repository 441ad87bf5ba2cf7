package dev.globaltable.operator.model;

/**
 * One entry of DescribeTable's Replicas list (never the region called).
 *
 * @param status ReplicaStatus verbatim
 * @param statusDescription ReplicaStatusDescription, may be null
 * @param progressPercent parsed ReplicaStatusPercentProgress, null when absent
 */
public record ObservedReplica(String region, String status, String statusDescription, Integer progressPercent) {
  public boolean isActive() {
    return "ACTIVE".equals(status);
  }
}
