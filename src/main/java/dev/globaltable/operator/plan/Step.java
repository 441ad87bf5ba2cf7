package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.AlarmDefinition;
import dev.globaltable.operator.model.AutoScaling;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.CapacityDimension;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.ProvisionedUnits;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.model.ScalarType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mutating AWS call the operator may make. Each step is exactly one API call in one region. Steps are data:
 * {@link #describe()} is the plain-words line shown in {@code status.pending}.
 */
public sealed interface Step {

  /** Region whose endpoint receives the call. */
  String region();

  /** Plain words for status.pending, events and logs. */
  String describe();

  /**
   * Whether the step is an UpdateTable-class change of the global table (serialised: only the first such step may run,
   * and only when every gate passes). Per-region housekeeping (tags) is not.
   */
  default boolean tableMutation() {
    return true;
  }

  /**
   * For a step that sets a per-region setting or tags: the spec field, the region, and the expected and found values,
   * so that a correction made after the table had converged is reported as drift. Null for structural steps.
   */
  default Drift drift() {
    return null;
  }

  /** The {@link Cooldowns} key that holds this step (an AWS budget Describe does not show), or null. */
  default String cooldownKey() {
    return null;
  }

  /** How long AWS refuses the next step with the same {@link #cooldownKey()} after this one succeeded, or null. */
  default java.time.Duration cooldownAfter() {
    return null;
  }

  /** The AWS rule behind {@link #cooldownAfter()}, in plain words (recorded with the hold); null when there is none. */
  default String cooldownReason() {
    return null;
  }

  /**
   * Settings CreateTable can carry: table class, deletion protection and encryption of the home table. Null fields are
   * not sent (AWS's defaults).
   */
  record CreateOptions(String tableClass, Boolean deletionProtection, EncryptionType encryption, String kmsKeyId) {
    public static final CreateOptions NONE = new CreateOptions(null, null, null, null);
  }

  /**
   * CreateTable in the home region.
   *
   * @param provisioned table ProvisionedThroughput (PROVISIONED only; autoscaled dimensions seeded with their minimum)
   * @param indexProvisioned each GSI's ProvisionedThroughput by name (PROVISIONED only)
   * @param indexOnDemand each GSI's OnDemandThroughput by name (PAY_PER_REQUEST only; absent = unlimited)
   */
  record CreateTable(
      String region,
      String tableName,
      KeySchema keySchema,
      Map<String, ScalarType> attributeDefinitions,
      String billingMode,
      OnDemandLimits onDemand,
      List<IndexDefinition> globalSecondaryIndexes,
      List<IndexDefinition> localSecondaryIndexes,
      String streamViewType,
      Map<String, String> tags,
      ProvisionedUnits provisioned,
      Map<String, ProvisionedUnits> indexProvisioned,
      Map<String, OnDemandLimits> indexOnDemand,
      CreateOptions options) implements Step {
    public CreateTable {
      indexProvisioned = Map.copyOf(indexProvisioned == null ? Map.of() : indexProvisioned);
      indexOnDemand = Map.copyOf(indexOnDemand == null ? Map.of() : indexOnDemand);
      options = options == null ? CreateOptions.NONE : options;
    }

    /** Without table class, deletion protection and encryption. */
    public CreateTable(String region, String tableName, KeySchema keySchema,
        Map<String, ScalarType> attributeDefinitions, String billingMode, OnDemandLimits onDemand,
        List<IndexDefinition> globalSecondaryIndexes, List<IndexDefinition> localSecondaryIndexes,
        String streamViewType, Map<String, String> tags, ProvisionedUnits provisioned,
        Map<String, ProvisionedUnits> indexProvisioned, Map<String, OnDemandLimits> indexOnDemand) {
      this(region, tableName, keySchema, attributeDefinitions, billingMode, onDemand, globalSecondaryIndexes,
          localSecondaryIndexes, streamViewType, tags, provisioned, indexProvisioned, indexOnDemand, null);
    }

    /** An on-demand table without index limits. */
    public CreateTable(String region, String tableName, KeySchema keySchema,
        Map<String, ScalarType> attributeDefinitions, String billingMode, OnDemandLimits onDemand,
        List<IndexDefinition> globalSecondaryIndexes, List<IndexDefinition> localSecondaryIndexes,
        String streamViewType, Map<String, String> tags) {
      this(region, tableName, keySchema, attributeDefinitions, billingMode, onDemand, globalSecondaryIndexes,
          localSecondaryIndexes, streamViewType, tags, null, null, null, null);
    }

    public String describe() {
      return "create table " + tableName + " in " + region;
    }
  }

  /**
   * UpdateTable ReplicaUpdates[Create] sent to the home region.
   *
   * @param overrides the new replica's throughput overrides (ProvisionedThroughputOverride / OnDemandThroughputOverride
   *     and per-GSI ones); NONE when it inherits everything
   * @param tableClassOverride TableClassOverride (AWS wire name) when the region's class differs from the base's, else
   *     null
   * @param kmsKeyId KMSMasterKeyId, the customer managed key of the new region (required by AWS for a table encrypted
   *     with customer managed keys), else null
   */
  record AddReplica(String region, String tableName, String replicaRegion, ReplicaOverrides overrides,
      String tableClassOverride, String kmsKeyId) implements Step {
    public AddReplica {
      overrides = overrides == null ? ReplicaOverrides.NONE : overrides;
    }

    public AddReplica(String region, String tableName, String replicaRegion, ReplicaOverrides overrides) {
      this(region, tableName, replicaRegion, overrides, null, null);
    }

    public AddReplica(String region, String tableName, String replicaRegion) {
      this(region, tableName, replicaRegion, null, null, null);
    }

    public String describe() {
      List<String> extras = new java.util.ArrayList<>();
      if (!overrides.isNone()) {
        extras.add(overrides.toString());
      }
      if (tableClassOverride != null) {
        extras.add("table class " + tableClassOverride);
      }
      if (kmsKeyId != null) {
        extras.add("KMS key " + kmsKeyId);
      }
      return "add replica " + replicaRegion + (extras.isEmpty() ? "" : " (" + String.join(", ", extras) + ")");
    }
  }

  /** UpdateTable ReplicaUpdates[Delete] sent to the home region. */
  record RemoveReplica(String region, String tableName, String replicaRegion) implements Step {
    public String describe() {
      return "remove replica " + replicaRegion;
    }
  }

  /**
   * UpdateTable GlobalSecondaryIndexUpdates[Create] (fans out to every replica).
   *
   * @param provisioned the index's ProvisionedThroughput (PROVISIONED tables), else null
   * @param onDemand the index's OnDemandThroughput (PAY_PER_REQUEST tables with limits), else null
   */
  record CreateIndex(String region, String tableName, IndexDefinition index,
      Map<String, ScalarType> attributeDefinitions, ProvisionedUnits provisioned, OnDemandLimits onDemand)
      implements Step {
    public CreateIndex(String region, String tableName, IndexDefinition index,
        Map<String, ScalarType> attributeDefinitions) {
      this(region, tableName, index, attributeDefinitions, null, null);
    }

    public String describe() {
      return "create index " + index.name();
    }
  }

  /** UpdateTable GlobalSecondaryIndexUpdates[Delete] (fans out to every replica). */
  record DeleteIndex(String region, String tableName, String indexName) implements Step {
    public String describe() {
      return "delete index " + indexName;
    }
  }

  /**
   * UpdateTable OnDemandThroughput of the table, or of one GSI (GlobalSecondaryIndexUpdates[Update]) when
   * {@code indexName} is set; group-wide. Null limits are sent as -1 (no limit).
   */
  record UpdateOnDemandThroughput(String region, String tableName, OnDemandLimits limits, String indexName)
      implements Step {
    public UpdateOnDemandThroughput(String region, String tableName, OnDemandLimits limits) {
      this(region, tableName, limits, null);
    }

    public String describe() {
      return "set on-demand throughput limits" + (indexName == null ? "" : " of index " + indexName) + " to " + limits;
    }
  }

  /**
   * UpdateTable BillingMode (group-wide), in the home region. To PROVISIONED the request seeds ProvisionedThroughput
   * for the table and every GSI ({@code provisioned}, {@code indexProvisioned}); to PAY_PER_REQUEST it carries the
   * desired on-demand limits of the table when there are any ({@code onDemand}, the one field AWS lets travel with
   * BillingMode).
   */
  record SwitchBillingMode(String region, String tableName, String billingMode, ProvisionedUnits provisioned,
      Map<String, ProvisionedUnits> indexProvisioned, OnDemandLimits onDemand) implements Step {
    public SwitchBillingMode {
      indexProvisioned = Map.copyOf(indexProvisioned == null ? Map.of() : indexProvisioned);
    }

    public String describe() {
      return "switch billing mode to " + billingMode
          + (provisioned == null ? "" : " (table " + provisioned + (indexProvisioned.isEmpty() ? "" : ", indexes "
          + new java.util.TreeMap<>(indexProvisioned)) + ")");
    }
  }

  /**
   * UpdateTable ProvisionedThroughput of the table ({@code indexName} null) or GlobalSecondaryIndexUpdates[Update] of
   * one GSI, in the home region; fans out to every replica and overwrites their read overrides (reference 3). The
   * dimension the spec autoscales is sent at its observed value, unchanged.
   *
   * @param decrease whether the call lowers a dimension (and so spends one of AWS's daily decreases)
   */
  record UpdateProvisionedThroughput(String region, String tableName, String indexName, ProvisionedUnits units,
      boolean decrease) implements Step {
    public String describe() {
      return (decrease ? "lower" : "set") + " provisioned capacity of " + (indexName == null ? "the table"
          : "index " + indexName) + " to " + units;
    }
  }

  /** UpdateTable ReplicaUpdates[Update] for one replica's read overrides, sent to the home region. */
  record UpdateReplicaThroughput(String region, String tableName, String replicaRegion, ReplicaOverrides overrides)
      implements Step {
    public String describe() {
      return "set read overrides of replica " + replicaRegion + " to " + overrides;
    }
  }

  /**
   * Application Auto Scaling RegisterScalableTarget (creates or updates the target's bounds) in {@code region}.
   *
   * @param indexName the index, or null for the table
   */
  record RegisterScalableTarget(String region, String tableName, String indexName, CapacityDimension dimension,
      long min, long max) implements Step {
    public String resourceId() {
      return CapacityDimension.resourceId(tableName, indexName);
    }

    public String describe() {
      return "register autoscaling of " + dimension.describe(indexName) + " in " + region + " (min " + min + ", max "
          + max + ")";
    }

    public boolean tableMutation() {
      return false;
    }
  }

  /** Application Auto Scaling PutScalingPolicy (TargetTrackingScaling) under the operator's policy name. */
  record PutScalingPolicy(String region, String tableName, String indexName, CapacityDimension dimension,
      AutoScaling autoScaling) implements Step {
    public String resourceId() {
      return CapacityDimension.resourceId(tableName, indexName);
    }

    public String policyName() {
      return dimension.policyName(resourceId());
    }

    public String describe() {
      return "set the autoscaling policy of " + dimension.describe(indexName) + " in " + region + " (target "
          + AutoScalingFormat.percent(autoScaling.targetUtilization()) + "%)";
    }

    public boolean tableMutation() {
      return false;
    }
  }

  /** Application Auto Scaling DeregisterScalableTarget (AWS deletes its policies and their alarms with it). */
  record DeregisterScalableTarget(String region, String tableName, String indexName, CapacityDimension dimension)
      implements Step {
    public String resourceId() {
      return CapacityDimension.resourceId(tableName, indexName);
    }

    public String describe() {
      return "remove autoscaling of " + dimension.describe(indexName) + " in " + region;
    }

    public boolean tableMutation() {
      return false;
    }
  }

  /** UpdateTable StreamSpecification; only while the table has no replicas. viewType null disables the stream. */
  record UpdateStream(String region, String tableName, String viewType) implements Step {
    public String describe() {
      return viewType == null ? "disable the stream (to change its view type)" : "enable stream " + viewType;
    }
  }

  /**
   * TagResource with the full desired set, in the region that owns the ARN.
   *
   * @param found the tags AWS reported there (for the drift report), or null when unknown
   */
  record TagTable(String region, String resourceArn, Map<String, String> tags, Map<String, String> found)
      implements Step {
    public TagTable(String region, String resourceArn, Map<String, String> tags) {
      this(region, resourceArn, tags, null);
    }

    public String describe() {
      return "tag the table in " + region + " (" + String.join(", ", new TreeSet<>(tags.keySet())) + ")";
    }

    public boolean tableMutation() {
      return false;
    }

    public Drift drift() {
      Map<String, String> have = found == null ? Map.of() : found;
      java.util.TreeMap<String, String> want = new java.util.TreeMap<>();
      java.util.TreeMap<String, String> got = new java.util.TreeMap<>();
      tags.forEach((k, v) -> {
        if (!v.equals(have.get(k))) {
          want.put(k, v);
          got.put(k, have.containsKey(k) ? have.get(k) : "(absent)");
        }
      });
      return new Drift("tags", region, want.toString(), got.toString());
    }
  }

  /** UntagResource for keys the spec no longer has (never the owner tag, never aws: keys). */
  record UntagTable(String region, String resourceArn, Set<String> keys) implements Step {
    public String describe() {
      return "remove tags " + String.join(", ", new TreeSet<>(keys)) + " in " + region;
    }

    public boolean tableMutation() {
      return false;
    }

    public Drift drift() {
      return new Drift("tags", region, "without " + new TreeSet<>(keys), "with " + new TreeSet<>(keys));
    }
  }

  /**
   * UpdateTimeToLive from the home region (group-wide; AWS allows one change per table per hour, reference 7.1). A
   * rename is two steps: disable the old attribute, then (an hour later) enable the new one.
   *
   * @param attributeName the attribute to enable, or when disabling the attribute AWS has now
   * @param found what AWS reports now, in plain words
   */
  record UpdateTimeToLive(String region, String tableName, boolean enabled, String attributeName, String found)
      implements Step {
    public static final String COOLDOWN_KEY = "timeToLive";
    /** AWS accepts one UpdateTimeToLive per table per hour (reference 7.1). */
    public static final java.time.Duration COOLDOWN = java.time.Duration.ofHours(1);
    public static final String COOLDOWN_REASON = "AWS allows one time-to-live change per table per hour";

    public String describe() {
      return (enabled ? "enable" : "disable") + " time to live on " + attributeName;
    }

    public Drift drift() {
      return new Drift("timeToLive", region, enabled ? "enabled on " + attributeName : "disabled", found);
    }

    public String cooldownKey() {
      return COOLDOWN_KEY;
    }

    public java.time.Duration cooldownAfter() {
      return COOLDOWN;
    }

    public String cooldownReason() {
      return COOLDOWN_REASON;
    }
  }

  /**
   * UpdateTable SSESpecification in {@code region}. In the home region it sets the encryption type of the whole group
   * (fans out); in a replica region it moves that region to its own customer managed key ({@code kmsKeyId}, reference 3:
   * replica keys change only there). AWS budget: 4 changes per 24 h, then one per 6 h (reference 1.5).
   *
   * @param kmsKeyId the key of {@code region} when {@code type} is CUSTOMER_MANAGED, else null
   * @param found what AWS reports now, in plain words
   */
  record UpdateEncryption(String region, String tableName, EncryptionType type, String kmsKeyId, String found)
      implements Step {
    public String describe() {
      return "set encryption in " + region + " to " + type + (kmsKeyId == null ? "" : " key " + kmsKeyId);
    }

    public Drift drift() {
      return new Drift("encryption", region, type + (kmsKeyId == null ? "" : " key " + kmsKeyId), found);
    }

    public String cooldownKey() {
      return "encryption " + region;
    }
  }

  /**
   * UpdateTable TableClass in the home region: the base table's class, which AWS also applies to every replica that
   * has no override of its own (reference 3). AWS budget: 2 changes per 30 days.
   *
   * @param tableClass AWS wire name
   * @param found the class AWS reports now
   */
  record UpdateTableClass(String region, String tableName, String tableClass, String found) implements Step {
    public String describe() {
      return "set table class in " + region + " to " + tableClass;
    }

    public Drift drift() {
      return new Drift("tableClass", region, tableClass, found);
    }

    public String cooldownKey() {
      return "tableClass " + region;
    }
  }

  /**
   * UpdateTable ReplicaUpdates[Update{TableClassOverride}] for one replica, sent to the home region.
   *
   * @param tableClass AWS wire name
   * @param found the class the replica has now
   */
  record UpdateReplicaTableClass(String region, String tableName, String replicaRegion, String tableClass,
      String found) implements Step {
    public String describe() {
      return "set table class in " + replicaRegion + " to " + tableClass;
    }

    public Drift drift() {
      return new Drift("tableClass", replicaRegion, tableClass, found);
    }

    public String cooldownKey() {
      return "tableClass " + replicaRegion;
    }
  }

  /**
   * UpdateTable DeletionProtectionEnabled in {@code region} (per region, never synchronized). AWS refuses a second toggle
   * within 15 s.
   */
  record UpdateDeletionProtection(String region, String tableName, boolean enabled) implements Step {
    public String describe() {
      return (enabled ? "enable" : "disable") + " deletion protection in " + region;
    }

    public Drift drift() {
      return new Drift("deletionProtection", region, String.valueOf(enabled), String.valueOf(!enabled));
    }

    public String cooldownKey() {
      return "deletionProtection " + region;
    }

    public java.time.Duration cooldownAfter() {
      return java.time.Duration.ofSeconds(15);
    }

    public String cooldownReason() {
      return "AWS refuses a second deletion-protection change within 15 seconds";
    }
  }

  /**
   * UpdateContinuousBackups (point-in-time recovery) with {@code region}'s own client and the table name (never another
   * region's ARN, reference 7.2).
   *
   * @param pointInTimeRecovery the desired value (RecoveryPeriodInDays sent only when enabled and set)
   * @param found what AWS reports now, in plain words
   */
  record UpdatePointInTimeRecovery(String region, String tableName, PointInTimeRecovery pointInTimeRecovery,
      String found) implements Step {
    public String describe() {
      return (pointInTimeRecovery.enabled() ? "enable point-in-time recovery in " + region + " ("
          + pointInTimeRecovery.effectivePeriod() + " days)" : "disable point-in-time recovery in " + region);
    }

    public boolean tableMutation() {
      return false;
    }

    public Drift drift() {
      return new Drift("pointInTimeRecovery", region, pointInTimeRecovery.toString(), found);
    }
  }

  /**
   * UpdateContributorInsights of the table ({@code indexName} null) or of one GSI, in {@code region}
   * (ACCESSED_AND_THROTTLED_KEYS when enabling).
   *
   * @param found the ContributorInsightsStatus AWS reports now
   */
  record UpdateContributorInsights(String region, String tableName, String indexName, boolean enabled, String found)
      implements Step {
    public String describe() {
      return (enabled ? "enable" : "disable") + " contributor insights of " + (indexName == null ? "the table"
          : "index " + indexName) + " in " + region;
    }

    public boolean tableMutation() {
      return false;
    }

    public Drift drift() {
      return new Drift(indexName == null ? "contributorInsights" : "contributorInsights (index " + indexName + ")",
          region, enabled ? "ENABLED" : "DISABLED", found);
    }
  }

  /**
   * EnableKinesisStreamingDestination in {@code region} (the stream is in that region; AWS validates the ARN
   * asynchronously and reports ENABLE_FAILED).
   *
   * @param found the live destination AWS reports now ("none" when there is none)
   */
  record EnableKinesisStreaming(String region, String tableName, String streamArn, String found) implements Step {
    public String describe() {
      return "stream changes in " + region + " to Kinesis " + streamArn;
    }

    public boolean tableMutation() {
      return false;
    }

    public Drift drift() {
      return new Drift("kinesisStreamArn", region, streamArn, found);
    }
  }

  /** DisableKinesisStreamingDestination in {@code region}: a destination this resource manages and the spec dropped. */
  record DisableKinesisStreaming(String region, String tableName, String streamArn) implements Step {
    public String describe() {
      return "stop streaming changes in " + region + " to Kinesis " + streamArn;
    }

    public boolean tableMutation() {
      return false;
    }

    public Drift drift() {
      return new Drift("kinesisStreamArn", region, "not " + streamArn, streamArn);
    }
  }

  /** DeleteTable in the home region (last step of deletionPolicy Delete). */
  record DeleteTable(String region, String tableName) implements Step {
    public String describe() {
      return "delete table " + tableName + " in " + region;
    }
  }

  /**
   * CloudWatch PutMetricAlarm in {@code alarm.region()} (creates or fully overwrites the alarm). An operator-owned alarm
   * is only sent when its configuration differs from what DescribeAlarms reports (PutMetricAlarm is limited to 3 per
   * second per region).
   *
   * @param tags the owner tag (PutMetricAlarm applies Tags only when it creates the alarm)
   * @param create whether the alarm does not exist yet (for the words only)
   */
  record PutMetricAlarm(String region, AlarmDefinition alarm, Map<String, String> tags, boolean create)
      implements Step {
    public PutMetricAlarm {
      tags = Map.copyOf(tags == null ? Map.of() : tags);
    }

    public String describe() {
      return (create ? "create" : "update") + " alarm " + alarm.name() + " in " + region;
    }

    public boolean tableMutation() {
      return false;
    }
  }

  /** CloudWatch DeleteAlarms in {@code region} for operator-owned alarms nothing in the spec watches any more. */
  record DeleteAlarms(String region, List<String> names) implements Step {
    public DeleteAlarms {
      names = List.copyOf(names);
    }

    public String describe() {
      return "delete alarm" + (names.size() == 1 ? " " : "s ") + String.join(", ", names) + " in " + region;
    }

    public boolean tableMutation() {
      return false;
    }
  }

  /**
   * CloudWatch PutDashboard (dashboards are global; sent through {@code region}'s client, the home region). Replaces
   * the whole dashboard.
   *
   * @param body DashboardBody JSON
   * @param create whether the dashboard does not exist yet (for the words only)
   */
  record PutDashboard(String region, String name, String body, boolean create) implements Step {
    public String describe() {
      return (create ? "create" : "update") + " dashboard " + name;
    }

    public boolean tableMutation() {
      return false;
    }
  }

  /** CloudWatch DeleteDashboards for the table's own dashboard (the spec turned it off, or the table is deleted). */
  record DeleteDashboard(String region, String name) implements Step {
    public String describe() {
      return "delete dashboard " + name;
    }

    public boolean tableMutation() {
      return false;
    }
  }
}
