package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What AWS reports for one region of the global table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaStatus {
  @JsonPropertyDescription("AWS region.")
  public String region;

  @JsonPropertyDescription("true for the home region (the table created with CreateTable).")
  public Boolean home;

  @JsonPropertyDescription("ReplicaStatus (TableStatus for the home region) verbatim from AWS; NOT_FOUND when absent.")
  public String status;

  @JsonPropertyDescription("ReplicaStatusPercentProgress while AWS creates, updates or deletes the replica.")
  public Integer progressPercent;

  @JsonPropertyDescription("ReplicaStatusDescription from AWS, or the operator's own words.")
  public String message;

  @JsonPropertyDescription("Provisioned read capacity of the table in this region (its per-replica override when it has "
      + "one) and the autoscaling bounds there; only when the table is PROVISIONED.")
  public CapacityStatus readCapacity;

  @JsonPropertyDescription("Provisioned write capacity of the table in this region (the same in every region) and the "
      + "autoscaling bounds there; only when the table is PROVISIONED.")
  public CapacityStatus writeCapacity;

  @JsonPropertyDescription("Provisioned capacity of each global secondary index in this region, by index name; only "
      + "when the table is PROVISIONED.")
  public List<ReplicaIndexStatus> indexes;

  @JsonPropertyDescription("Point-in-time recovery in this region (DescribeContinuousBackups), as of the last deep "
      + "check.")
  public PointInTimeRecoveryStatus pointInTimeRecovery;

  @JsonPropertyDescription("Time to live as DescribeTimeToLive reports it in this region (status and attribute), as "
      + "of the last deep check.")
  public SettingStatus timeToLive;

  @JsonPropertyDescription("Table class in this region: STANDARD or STANDARD_INFREQUENT_ACCESS.")
  public String tableClass;

  @JsonPropertyDescription("DeletionProtectionEnabled in this region.")
  public Boolean deletionProtection;

  @JsonPropertyDescription("Encryption at rest in this region: AWS_OWNED, or KMS with kmsKeyArn.")
  public String encryption;

  @JsonPropertyDescription("KMSMasterKeyArn of this region's table, when encrypted with a KMS key.")
  public String kmsKeyArn;

  @JsonPropertyDescription("Contributor Insights of the table (name absent) and of each index (name = index) in this "
      + "region, as of the last deep check.")
  public java.util.List<SettingStatus> contributorInsights;

  @JsonPropertyDescription("The Kinesis streaming destination of this region's table (name = stream ARN, status = "
      + "DestinationStatus), as of the last deep check; absent when there is none.")
  public SettingStatus kinesis;

  @JsonPropertyDescription("Recent average replication latency into this region in milliseconds: the highest "
      + "ReplicationLatency (Average) any other region reports for this receiving region over the last 15 minutes, "
      + "read from CloudWatch on the deep check; absent when CloudWatch has no recent data or alarms are off.")
  public Long replicationLatencyMillis;

  @JsonPropertyDescription("The CloudWatch alarms the operator owns in this region and their state, as of the last "
      + "deep check.")
  public java.util.List<AlarmStatus> alarms;

  @JsonPropertyDescription("How many times the operator has put a per-region setting or tag of this region back to the "
      + "spec after AWS drifted from it (someone changed it outside the operator).")
  public Integer driftCorrections;
}
