package dev.globaltable.operator.model;

/**
 * One entry of DescribeTable's Replicas list (never the region called).
 *
 * @param status ReplicaStatus verbatim
 * @param statusDescription ReplicaStatusDescription, may be null
 * @param progressPercent parsed ReplicaStatusPercentProgress, null when absent
 * @param overrides the replica's throughput overrides (NONE when it inherits everything)
 * @param tableClassOverride ReplicaTableClassSummary.TableClass, null when absent (the replica inherits the base's)
 * @param kmsKeyId KMSMasterKeyId as listed (a key ARN), null when absent; the replica region's own SSEDescription is
 *     the authority (reference 9.6)
 */
public record ObservedReplica(String region, String status, String statusDescription, Integer progressPercent,
    ReplicaOverrides overrides, String tableClassOverride, String kmsKeyId) {
  public ObservedReplica {
    overrides = overrides == null ? ReplicaOverrides.NONE : overrides;
  }

  /** Without table class and key. */
  public ObservedReplica(String region, String status, String statusDescription, Integer progressPercent,
      ReplicaOverrides overrides) {
    this(region, status, statusDescription, progressPercent, overrides, null, null);
  }

  /** Without overrides. */
  public ObservedReplica(String region, String status, String statusDescription, Integer progressPercent) {
    this(region, status, statusDescription, progressPercent, null, null, null);
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }
}
