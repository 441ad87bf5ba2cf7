package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.AutoScaling;
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
      Map<String, OnDemandLimits> indexOnDemand) implements Step {
    public CreateTable {
      indexProvisioned = Map.copyOf(indexProvisioned == null ? Map.of() : indexProvisioned);
      indexOnDemand = Map.copyOf(indexOnDemand == null ? Map.of() : indexOnDemand);
    }

    /** An on-demand table without index limits. */
    public CreateTable(String region, String tableName, KeySchema keySchema,
        Map<String, ScalarType> attributeDefinitions, String billingMode, OnDemandLimits onDemand,
        List<IndexDefinition> globalSecondaryIndexes, List<IndexDefinition> localSecondaryIndexes,
        String streamViewType, Map<String, String> tags) {
      this(region, tableName, keySchema, attributeDefinitions, billingMode, onDemand, globalSecondaryIndexes,
          localSecondaryIndexes, streamViewType, tags, null, null, null);
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
   */
  record AddReplica(String region, String tableName, String replicaRegion, ReplicaOverrides overrides)
      implements Step {
    public AddReplica {
      overrides = overrides == null ? ReplicaOverrides.NONE : overrides;
    }

    public AddReplica(String region, String tableName, String replicaRegion) {
      this(region, tableName, replicaRegion, null);
    }

    public String describe() {
      return "add replica " + replicaRegion + (overrides.isNone() ? "" : " (" + overrides + ")");
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

  /** TagResource with the full desired set, in the region that owns the ARN. */
  record TagTable(String region, String resourceArn, Map<String, String> tags) implements Step {
    public String describe() {
      return "tag the table in " + region + " (" + String.join(", ", new TreeSet<>(tags.keySet())) + ")";
    }

    public boolean tableMutation() {
      return false;
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
  }

  /** DeleteTable in the home region (last step of deletionPolicy Delete). */
  record DeleteTable(String region, String tableName) implements Step {
    public String describe() {
      return "delete table " + tableName + " in " + region;
    }
  }
}
