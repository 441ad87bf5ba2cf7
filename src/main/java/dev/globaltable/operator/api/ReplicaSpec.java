package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * One region the table lives in, with its overrides: read throughput (write throughput is group-wide) and the
 * per-region settings (table class, KMS key, point-in-time recovery, deletion protection, Contributor Insights, Kinesis
 * destination, tags). An absent override means the table-level default applies; where that is absent too, the setting
 * is not managed in this region. Rules that relate these fields to the billing mode, the encryption type, the table's
 * indexes and tags are on {@link GlobalTableSpec}; the ARN rules, which compare an ARN with this replica's region, are
 * here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.kmsKeyId) || self.kmsKeyId.matches('"
    + ValidationPatterns.KMS_KEY_ARN_BEFORE_REGION + "' + self.region + '"
    + ValidationPatterns.KMS_KEY_ARN_AFTER_REGION + "')",
    message = "spec.replicas[].kmsKeyId must be the ARN of a KMS key in the replica's region, "
        + "arn:<partition>:kms:<region>:<account>:key/<key id>, not an alias (DescribeTable reports key ARNs)",
    fieldPath = ".kmsKeyId")
@ValidationRule(value = "!has(self.kinesisStreamArn) || self.kinesisStreamArn.matches('"
    + ValidationPatterns.KINESIS_STREAM_ARN_BEFORE_REGION + "' + self.region + '"
    + ValidationPatterns.KINESIS_STREAM_ARN_AFTER_REGION + "')",
    message = "spec.replicas[].kinesisStreamArn must be the ARN of a Kinesis data stream in the replica's region, "
        + "arn:<partition>:kinesis:<region>:<account>:stream/<name>",
    fieldPath = ".kinesisStreamArn")
public class ReplicaSpec {
  @JsonPropertyDescription("AWS region, e.g. eu-west-1. Unique among the replicas.")
  @Required
  @Size(max = ValidationPatterns.REGION_MAX)
  @Pattern(ValidationPatterns.REGION)
  public String region;

  @JsonPropertyDescription("Read capacity of the table in this region (Provisioned only). Absent: "
      + "spec.billing.readCapacity.")
  public CapacitySpec readCapacity;

  @JsonPropertyDescription("On-demand maximum read request units per second of the table in this region "
      + "(PayPerRequest only, >= 1). Absent: spec.billing.maxReadRequestUnits.")
  @Min(1)
  public Long maxReadRequestUnits;

  @JsonPropertyDescription("Read overrides of global secondary indexes in this region; each names an index of "
      + "spec.globalSecondaryIndexes, at most once. At most 20.")
  @Size(max = ValidationPatterns.MAX_GLOBAL_INDEXES)
  @ValidationRule(value = "self.all(i, self.exists_one(o, o.name == i.name))",
      message = "spec.replicas[].globalSecondaryIndexes[].name must be unique within a replica",
      reason = "FieldValueDuplicate")
  public List<ReplicaIndexSpec> globalSecondaryIndexes;

  @JsonPropertyDescription("Table class in this region: Standard or StandardInfrequentAccess. Absent: "
      + "spec.tableClass; when that is absent too, the table class is not managed (left as it is in AWS).")
  public TableClass tableClass;

  @JsonPropertyDescription("ARN of this region's customer managed KMS key, arn:<partition>:kms:<this region>:"
      + "<account>:key/<key id> (a key ARN, not an alias: DescribeTable reports key ARNs). Required on every replica, "
      + "the home region's included, when spec.encryption.type is CustomerManaged; forbidden otherwise.")
  @Size(max = ValidationPatterns.ARN_MAX)
  public String kmsKeyId;

  @JsonPropertyDescription("Point-in-time recovery in this region; replaces spec.pointInTimeRecovery as a whole. "
      + "Absent: spec.pointInTimeRecovery; when that is absent too, point-in-time recovery is not managed (left as "
      + "it is in AWS).")
  public PointInTimeRecoverySpec pointInTimeRecovery;

  @JsonPropertyDescription("Deletion protection of the table in this region. Absent: spec.deletionProtection; when "
      + "that is absent too, deletion protection is not managed (left as it is in AWS).")
  public Boolean deletionProtection;

  @JsonPropertyDescription("Contributor Insights on the table and every global secondary index in this region. "
      + "Absent: spec.contributorInsights; when that is absent too, Contributor Insights is not managed (left as it "
      + "is in AWS).")
  public Boolean contributorInsights;

  @JsonPropertyDescription("ARN of the Kinesis data stream this region's table streams item changes to, "
      + "arn:<partition>:kinesis:<this region>:<account>:stream/<name>. Absent: no Kinesis destination is managed in "
      + "this region; one this resource enabled earlier is disabled, others are left as they are.")
  @Size(max = ValidationPatterns.ARN_MAX)
  public String kinesisStreamArn;

  @JsonPropertyDescription("Tags of the table in this region, merged over spec.tags (a key here wins). Same rules as "
      + "spec.tags: keys 1-128 characters, values at most 256, no 'aws:' keys and not globaltable.dev/owner; the "
      + "merged set is at most 49 tags, because the operator adds globaltable.dev/owner and AWS allows 50. Absent: "
      + "spec.tags alone.")
  @Size(max = ValidationPatterns.MAX_SPEC_TAGS)
  @ValidationRule(value = "self.all(k, !k.startsWith('aws:'))",
      message = "spec.replicas[].tags keys must not start with 'aws:' (reserved by AWS)")
  @ValidationRule(value = "!('globaltable.dev/owner' in self)",
      message = "spec.replicas[].tags must not set globaltable.dev/owner: the operator sets it to <namespace>/<name>",
      reason = "FieldValueForbidden")
  @ValidationRule(value = "self.all(k, size(k) >= 1 && size(k) <= 128)",
      message = "spec.replicas[].tags keys must be 1-128 characters")
  public Map<String, @Size(max = ValidationPatterns.TAG_VALUE_MAX) String> tags;

  public ReplicaSpec() {}

  public ReplicaSpec(String region) {
    this.region = region;
  }
}
