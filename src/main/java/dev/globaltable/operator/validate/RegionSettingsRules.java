package dev.globaltable.operator.validate;

import static dev.globaltable.operator.validate.ValidationPatterns.ARN_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.ATTRIBUTE_NAME_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_SPEC_TAGS;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_TAGS;
import static dev.globaltable.operator.validate.ValidationPatterns.OWNER_TAG;
import static dev.globaltable.operator.validate.ValidationPatterns.PITR_DAYS_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.PITR_DAYS_MIN;

import dev.globaltable.operator.api.EncryptionType;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.PointInTimeRecoverySpec;
import dev.globaltable.operator.api.ReplicaSpec;
import dev.globaltable.operator.api.TimeToLiveSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-region settings rules of {@link SpecValidator}: time to live, point-in-time recovery, the encryption type and
 * the customer managed keys it needs, the key and Kinesis stream ARNs (in the replica's own region) and the tag count a
 * region ends up with. The same rules as the CEL rules on {@code GlobalTableSpec}, {@code ReplicaSpec} and
 * {@code PointInTimeRecoverySpec}, with messages that name the exact field (list indexes included) and the value.
 */
final class RegionSettingsRules {
  /** AWS's own rejection of a recovery period sent with PointInTimeRecoveryEnabled=false (reference 7.2). */
  static final String AWS_PITR_PERIOD =
      "Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.";
  /** AWS's own rejection of a replica without a key on a customer-managed-key table (reference 3). */
  static final String AWS_KMS_PER_REPLICA = "KMSMasterKeyId must be specified for each replica.";

  private RegionSettingsRules() {}

  /** spec.timeToLive, spec.pointInTimeRecovery and spec.encryption (the table-level settings with rules). */
  static void table(GlobalTableSpec spec, List<Violation> out) {
    timeToLive(spec.timeToLive, out);
    pointInTimeRecovery("spec.pointInTimeRecovery", spec.pointInTimeRecovery, out);
    if (spec.encryption != null && spec.encryption.type == null) {
      out.add(Violation.of("spec.encryption.type", "is required (AwsOwned, AwsManaged or CustomerManaged)"));
    }
  }

  /**
   * The settings of one replica, in field order: kmsKeyId, pointInTimeRecovery, kinesisStreamArn. The tags are checked
   * by {@link SpecValidator} and {@link #mergedTags}.
   *
   * @param path e.g. {@code spec.replicas[1]}
   * @param regionOk whether the replica's region is present and well formed, so ARNs can be compared with it
   */
  static void replica(String path, ReplicaSpec replica, boolean regionOk, GlobalTableSpec spec,
      List<Violation> out) {
    kmsKeyId(path + ".kmsKeyId", replica, regionOk, spec, out);
    pointInTimeRecovery(path + ".pointInTimeRecovery", replica.pointInTimeRecovery, out);
    if (replica.kinesisStreamArn != null && regionOk) {
      arn(path + ".kinesisStreamArn", replica.kinesisStreamArn, replica.region,
          ValidationPatterns.KINESIS_STREAM_ARN_BEFORE_REGION, ValidationPatterns.KINESIS_STREAM_ARN_AFTER_REGION,
          "a Kinesis data stream ARN", "arn:aws:kinesis:" + replica.region + ":<account>:stream/<name>", "", out);
    }
  }

  /**
   * The tags the table carries in one region: spec.tags merged with the replica's tags, plus the owner tag, within
   * AWS's 50. Checked only when both are set, as the CEL rule does; each set alone is bounded by its own limit.
   */
  static void mergedTags(String path, ReplicaSpec replica, GlobalTableSpec spec, List<Violation> out) {
    if (spec.tags == null || replica.tags == null) {
      return;
    }
    Set<String> merged = new HashSet<>(spec.tags.keySet());
    merged.addAll(replica.tags.keySet());
    if (merged.size() > MAX_SPEC_TAGS) {
      String region = replica.region == null ? "this region" : replica.region;
      out.add(Violation.of(path, "spec.tags merged with these make " + merged.size() + " tags in " + region + ", "
          + (merged.size() + 1) + " with " + OWNER_TAG + " (added by the operator); AWS allows " + MAX_TAGS
          + " per table, so at most " + MAX_SPEC_TAGS + " from the spec"));
    }
  }

  private static void timeToLive(TimeToLiveSpec ttl, List<Violation> out) {
    if (ttl == null) {
      return;
    }
    String name = ttl.attributeName;
    if (name == null || name.isEmpty()) {
      out.add(Violation.of("spec.timeToLive.attributeName", "is required"));
    } else if (name.length() > ATTRIBUTE_NAME_MAX) {
      out.add(Violation.of("spec.timeToLive.attributeName", "must be 1-" + ATTRIBUTE_NAME_MAX
          + " characters, got " + name.length()));
    }
  }

  private static void pointInTimeRecovery(String path, PointInTimeRecoverySpec pitr, List<Violation> out) {
    if (pitr == null) {
      return;
    }
    if (pitr.enabled == null) {
      out.add(Violation.of(path + ".enabled", "is required"));
    }
    Integer days = pitr.recoveryPeriodInDays;
    if (days == null) {
      return;
    }
    if (days < PITR_DAYS_MIN || days > PITR_DAYS_MAX) {
      out.add(Violation.of(path + ".recoveryPeriodInDays", "must be " + PITR_DAYS_MIN + "-" + PITR_DAYS_MAX
          + " (days), got " + days));
    }
    if (Boolean.FALSE.equals(pitr.enabled)) {
      out.add(Violation.of(path + ".recoveryPeriodInDays", "is only allowed when " + path + ".enabled is true (AWS: \""
          + AWS_PITR_PERIOD + "\")"));
    }
  }

  private static void kmsKeyId(String path, ReplicaSpec replica, boolean regionOk, GlobalTableSpec spec,
      List<Violation> out) {
    EncryptionType type = spec.encryption == null ? null : spec.encryption.type;
    boolean customerManaged = type == EncryptionType.CustomerManaged;
    if (replica.kmsKeyId == null) {
      if (customerManaged) {
        out.add(Violation.of(path, "is required on every replica, the home region's included, when "
            + "spec.encryption.type is CustomerManaged (AWS: \"" + AWS_KMS_PER_REPLICA + "\")"));
      }
      return;
    }
    if (!customerManaged) {
      out.add(Violation.of(path, "is only allowed when spec.encryption.type is CustomerManaged ("
          + (spec.encryption == null ? "spec.encryption is absent"
              : type == null ? "spec.encryption.type is absent" : "type is " + type) + ")"));
    }
    if (regionOk) {
      arn(path, replica.kmsKeyId, replica.region, ValidationPatterns.KMS_KEY_ARN_BEFORE_REGION,
          ValidationPatterns.KMS_KEY_ARN_AFTER_REGION, "a KMS key ARN",
          "arn:aws:kms:" + replica.region + ":<account>:key/<key id>",
          ", not an alias (DescribeTable reports key ARNs, so an alias never compares equal)", out);
    }
  }

  /** An ARN that must be of one kind and in {@code region}; at most {@link ValidationPatterns#ARN_MAX} characters. */
  private static void arn(String path, String value, String region, String before, String after, String kind,
      String example, String note, List<Violation> out) {
    if (value.length() > ARN_MAX) {
      out.add(Violation.of(path, "must be at most " + ARN_MAX + " characters, got " + value.length()));
      return;
    }
    if (!Pattern.compile(before + Pattern.quote(region) + after).matcher(value).matches()) {
      out.add(Violation.of(path, "must be " + kind + " in " + region + " (the replica's region), like " + example
          + note + ": got \"" + value + "\""));
    }
  }
}
