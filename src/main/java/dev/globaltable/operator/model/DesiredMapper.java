package dev.globaltable.operator.model;

import dev.globaltable.operator.api.AlarmsSpec;
import dev.globaltable.operator.api.AttributeType;
import dev.globaltable.operator.api.AutoScalingSpec;
import dev.globaltable.operator.api.BillingMode;
import dev.globaltable.operator.api.BillingSpec;
import dev.globaltable.operator.api.CapacitySpec;
import dev.globaltable.operator.api.CountAlarmSpec;
import dev.globaltable.operator.api.GlobalSecondaryIndexSpec;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.KeyAttributeSpec;
import dev.globaltable.operator.api.KeySchemaSpec;
import dev.globaltable.operator.api.LocalSecondaryIndexSpec;
import dev.globaltable.operator.api.PointInTimeRecoverySpec;
import dev.globaltable.operator.api.ProjectionSpec;
import dev.globaltable.operator.api.ProjectionType;
import dev.globaltable.operator.api.ReplicaIndexSpec;
import dev.globaltable.operator.api.ReplicaSpec;
import dev.globaltable.operator.api.ReplicationLatencyAlarmSpec;
import dev.globaltable.operator.api.TableClass;
import dev.globaltable.operator.api.TableIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the api spec to the planner's {@link Desired}: defaults applied (billing PAY_PER_REQUEST, projection ALL,
 * deletionPolicy RETAIN, suspend false; autoscaling target 70 %, cooldowns 0, scale-in enabled), api enums turned into
 * AWS wire names, the owner tag added to the table tags.
 *
 * <p>Per-region settings: {@code regionSettings} has an entry for every region, each with the replica's override or
 * else the table default; a setting absent from both stays null (not managed), never "off". TTL ({@code enabled}
 * defaults to true) and the encryption type are group-wide and null when absent.
 *
 * <p>Throughput follows the billing mode: with PROVISIONED only capacity is mapped (table read/write, every GSI's
 * read/write, per-region read overrides); with PAY_PER_REQUEST only on-demand limits. {@code indexThroughput} has an
 * entry for every GSI and {@code replicaThroughput} one for every region ({@link ReplicaThroughput#NONE} when the
 * replica overrides nothing), so the maps list the whole spec.
 *
 * <p>Monitoring: {@code spec.alarms} present (even empty) turns every alarm kind on with its defaults (replication
 * latency 10000 ms in 2 of 2 periods of 300 s; the counting kinds 1 event in 5 of 5 periods of 60 s;
 * datapointsToAlarm defaults to evaluationPeriods) unless the kind says {@code enabled: false}; absent, the operator
 * owns no alarms. The dashboard is on only when {@code spec.dashboard.enabled} is true.
 *
 * <p>Call it only with a spec that {@code SpecValidator} accepted; a missing required field then fails fast with a
 * {@link NullPointerException} naming it.
 */
public final class DesiredMapper {
  private DesiredMapper() {}

  /**
   * The desired state for the resource {@code namespace/name}.
   *
   * @param namespace metadata.namespace
   * @param name metadata.name (the table name when spec.tableName is absent)
   * @param spec a validated spec
   */
  public static Desired toDesired(String namespace, String name, GlobalTableSpec spec) {
    String owner = namespace + "/" + name;
    KeySchema keySchema = keySchema(spec.keySchema);

    BillingSpec billing = spec.billing;
    boolean provisioned = billing != null && billing.mode == BillingMode.Provisioned;

    List<IndexDefinition> gsis = new ArrayList<>();
    Map<String, IndexThroughput> indexThroughput = new LinkedHashMap<>();
    for (GlobalSecondaryIndexSpec gsi : orEmpty(spec.globalSecondaryIndexes)) {
      gsis.add(new IndexDefinition(gsi.name, new KeySchema(key(gsi.partitionKey), key(gsi.sortKey)),
          projection(gsi.projection)));
      indexThroughput.put(gsi.name, provisioned
          ? new IndexThroughput(capacity(gsi.readCapacity), capacity(gsi.writeCapacity), OnDemandLimits.NONE)
          : new IndexThroughput(null, null,
              OnDemandLimits.normalized(gsi.maxReadRequestUnits, gsi.maxWriteRequestUnits)));
    }
    List<IndexDefinition> lsis = new ArrayList<>();
    for (LocalSecondaryIndexSpec lsi : orEmpty(spec.localSecondaryIndexes)) {
      // An LSI always shares the table's partition key.
      lsis.add(new IndexDefinition(lsi.name, new KeySchema(keySchema.partitionKey(), key(lsi.sortKey)),
          projection(lsi.projection)));
    }

    Map<String, String> tags = new LinkedHashMap<>();
    if (spec.tags != null) {
      tags.putAll(spec.tags);
    }
    tags.put(Desired.OWNER_TAG, owner);

    EncryptionType encryption = spec.encryption == null || spec.encryption.type == null ? null
        : EncryptionType.fromSpec(spec.encryption.type.name());

    List<String> regions = new ArrayList<>();
    Map<String, ReplicaThroughput> replicaThroughput = new LinkedHashMap<>();
    Map<String, RegionSettings> regionSettings = new LinkedHashMap<>();
    for (ReplicaSpec replica : spec.replicas) {
      regions.add(replica.region);
      replicaThroughput.put(replica.region, replicaThroughput(replica, provisioned));
      regionSettings.put(replica.region, regionSettings(spec, replica, encryption));
    }

    OnDemandLimits onDemand = billing == null || provisioned ? OnDemandLimits.NONE
        : OnDemandLimits.normalized(billing.maxReadRequestUnits, billing.maxWriteRequestUnits);

    return new Desired(
        tableName(name, spec),
        spec.homeRegion,
        keySchema,
        provisioned ? Desired.PROVISIONED : Desired.PAY_PER_REQUEST,
        onDemand,
        gsis,
        lsis,
        spec.stream == null || spec.stream.viewType == null ? null : spec.stream.viewType.name(),
        tags,
        regions,
        spec.deletionPolicy == dev.globaltable.operator.api.DeletionPolicy.Delete ? DeletionPolicy.DELETE
            : DeletionPolicy.RETAIN,
        Boolean.TRUE.equals(spec.suspend),
        owner,
        provisioned ? capacity(billing.readCapacity) : null,
        provisioned ? capacity(billing.writeCapacity) : null,
        indexThroughput,
        replicaThroughput,
        spec.timeToLive == null ? null
            : new TimeToLive(!Boolean.FALSE.equals(spec.timeToLive.enabled), spec.timeToLive.attributeName),
        encryption,
        regionSettings,
        monitoring(spec));
  }

  /** spec.alarms and spec.dashboard with defaults applied; {@link Monitoring#NONE} when both are absent or off. */
  static Monitoring monitoring(GlobalTableSpec spec) {
    boolean dashboard = spec.dashboard != null && Boolean.TRUE.equals(spec.dashboard.enabled);
    AlarmsSpec alarms = spec.alarms;
    if (alarms == null) {
      return dashboard ? new Monitoring(false, null, null, null, null, List.of(), true) : Monitoring.NONE;
    }
    return new Monitoring(true,
        replicationLatency(alarms.replicationLatency),
        count(alarms.throttling),
        count(alarms.systemErrors),
        count(alarms.maxThroughputThrottling),
        alarms.actions,
        dashboard);
  }

  /** The replication latency alarm threshold, or null when turned off; an absent object is on with the defaults. */
  private static AlarmThreshold replicationLatency(ReplicationLatencyAlarmSpec spec) {
    ReplicationLatencyAlarmSpec s = spec == null ? new ReplicationLatencyAlarmSpec() : spec;
    if (Boolean.FALSE.equals(s.enabled)) {
      return null;
    }
    return threshold(s.thresholdMillis == null ? ReplicationLatencyAlarmSpec.DEFAULT_THRESHOLD_MILLIS
            : s.thresholdMillis,
        s.periodSeconds, ReplicationLatencyAlarmSpec.DEFAULT_PERIOD_SECONDS,
        s.evaluationPeriods, ReplicationLatencyAlarmSpec.DEFAULT_EVALUATION_PERIODS, s.datapointsToAlarm);
  }

  /** The threshold of a counting alarm kind, or null when turned off; an absent object is on with the defaults. */
  private static AlarmThreshold count(CountAlarmSpec spec) {
    CountAlarmSpec s = spec == null ? new CountAlarmSpec() : spec;
    if (Boolean.FALSE.equals(s.enabled)) {
      return null;
    }
    return threshold(s.threshold == null ? CountAlarmSpec.DEFAULT_THRESHOLD : s.threshold,
        s.periodSeconds, CountAlarmSpec.DEFAULT_PERIOD_SECONDS,
        s.evaluationPeriods, CountAlarmSpec.DEFAULT_EVALUATION_PERIODS, s.datapointsToAlarm);
  }

  /** datapointsToAlarm defaults to the effective evaluationPeriods: every evaluated period must breach. */
  private static AlarmThreshold threshold(long threshold, Integer period, int defaultPeriod, Integer evaluation,
      int defaultEvaluation, Integer datapoints) {
    int evaluationPeriods = evaluation == null ? defaultEvaluation : evaluation;
    return new AlarmThreshold(threshold, period == null ? defaultPeriod : period, evaluationPeriods,
        datapoints == null ? evaluationPeriods : datapoints);
  }

  /**
   * The settings of one region: the replica's override, else the table default, for point-in-time recovery, table
   * class, deletion protection and Contributor Insights (null where both are absent: not managed); the replica's key
   * (only with CUSTOMER_MANAGED encryption) and Kinesis stream; the table tags with the replica's merged over them,
   * without the owner tag.
   */
  private static RegionSettings regionSettings(GlobalTableSpec spec, ReplicaSpec replica, EncryptionType encryption) {
    PointInTimeRecoverySpec pitr = replica.pointInTimeRecovery != null ? replica.pointInTimeRecovery
        : spec.pointInTimeRecovery;
    TableClass tableClass = replica.tableClass != null ? replica.tableClass : spec.tableClass;
    Map<String, String> tags = new LinkedHashMap<>();
    if (spec.tags != null) {
      tags.putAll(spec.tags);
    }
    if (replica.tags != null) {
      tags.putAll(replica.tags);
    }
    return new RegionSettings(
        pitr == null ? null : PointInTimeRecovery.desired(pitr.enabled, pitr.recoveryPeriodInDays),
        tableClass == null ? null : wireName(tableClass),
        replica.deletionProtection != null ? replica.deletionProtection : spec.deletionProtection,
        replica.contributorInsights != null ? replica.contributorInsights : spec.contributorInsights,
        encryption == EncryptionType.CUSTOMER_MANAGED ? replica.kmsKeyId : null,
        replica.kinesisStreamArn,
        tags);
  }

  /** AWS wire name of a table class: Standard -> STANDARD, StandardInfrequentAccess -> STANDARD_INFREQUENT_ACCESS. */
  public static String wireName(TableClass tableClass) {
    return switch (tableClass) {
      case Standard -> RegionSettings.STANDARD;
      case StandardInfrequentAccess -> RegionSettings.STANDARD_INFREQUENT_ACCESS;
    };
  }

  /**
   * Capacity with autoscaling defaults applied (target {@link AutoScaling#DEFAULT_TARGET}, cooldowns 0, scale-in
   * enabled); null for null. A validated spec has exactly one of units and autoscaling.
   */
  public static Capacity capacity(CapacitySpec spec) {
    if (spec == null) {
      return null;
    }
    if (spec.units != null) {
      return Capacity.fixed(spec.units);
    }
    AutoScalingSpec a = spec.autoscaling;
    return Capacity.autoScaled(new AutoScaling(a.min, a.max,
        a.targetUtilization == null ? AutoScaling.DEFAULT_TARGET : a.targetUtilization,
        a.scaleInCooldownSeconds == null ? 0 : a.scaleInCooldownSeconds,
        a.scaleOutCooldownSeconds == null ? 0 : a.scaleOutCooldownSeconds,
        Boolean.TRUE.equals(a.disableScaleIn)));
  }

  /** A replica's read overrides that apply in the billing mode: capacity when provisioned, else on-demand limits. */
  private static ReplicaThroughput replicaThroughput(ReplicaSpec replica, boolean provisioned) {
    Map<String, ReplicaThroughput.IndexRead> indexes = new LinkedHashMap<>();
    for (ReplicaIndexSpec index : orEmpty(replica.globalSecondaryIndexes)) {
      ReplicaThroughput.IndexRead read = provisioned
          ? new ReplicaThroughput.IndexRead(capacity(index.readCapacity), null)
          : new ReplicaThroughput.IndexRead(null, index.maxReadRequestUnits);
      if (read.read() != null || read.maxReadRequestUnits() != null) {
        // Why: an entry that overrides nothing in this mode would read as an override where there is none.
        indexes.put(index.name, read);
      }
    }
    return new ReplicaThroughput(provisioned ? capacity(replica.readCapacity) : null,
        provisioned ? null : replica.maxReadRequestUnits, indexes);
  }

  /**
   * The immutable identity to record in status when the operator creates or adopts the table: effective table name,
   * home region, key schema and local secondary indexes, deep-copied so later spec edits cannot alter the record.
   *
   * @param name metadata.name
   * @param spec the spec the table is created from
   */
  public static TableIdentity identityOf(String name, GlobalTableSpec spec) {
    TableIdentity identity = new TableIdentity();
    identity.tableName = tableName(name, spec);
    identity.homeRegion = spec.homeRegion;
    identity.keySchema = spec.keySchema == null ? null
        : new KeySchemaSpec(copy(spec.keySchema.partitionKey), copy(spec.keySchema.sortKey));
    if (spec.localSecondaryIndexes != null) {
      identity.localSecondaryIndexes = new ArrayList<>();
      for (LocalSecondaryIndexSpec lsi : spec.localSecondaryIndexes) {
        LocalSecondaryIndexSpec c = new LocalSecondaryIndexSpec();
        c.name = lsi.name;
        c.sortKey = copy(lsi.sortKey);
        if (lsi.projection != null) {
          c.projection = new ProjectionSpec();
          c.projection.type = lsi.projection.type;
          c.projection.nonKeyAttributes =
              lsi.projection.nonKeyAttributes == null ? null : new ArrayList<>(lsi.projection.nonKeyAttributes);
        }
        identity.localSecondaryIndexes.add(c);
      }
    }
    return identity;
  }

  /** spec.tableName, or metadata.name when it is absent. */
  public static String tableName(String name, GlobalTableSpec spec) {
    return spec.tableName != null ? spec.tableName : name;
  }

  /** AWS wire name of a projection type: All -> ALL, KeysOnly -> KEYS_ONLY, Include -> INCLUDE. */
  public static String wireName(ProjectionType type) {
    return switch (type) {
      case All -> "ALL";
      case KeysOnly -> "KEYS_ONLY";
      case Include -> "INCLUDE";
    };
  }

  private static Projection projection(ProjectionSpec spec) {
    if (spec == null || spec.type == null) {
      return Projection.ALL;
    }
    List<String> nonKey = spec.type == ProjectionType.Include ? spec.nonKeyAttributes : List.of();
    return new Projection(wireName(spec.type), nonKey);
  }

  private static KeySchema keySchema(KeySchemaSpec spec) {
    return new KeySchema(key(spec.partitionKey), key(spec.sortKey));
  }

  private static KeyAttribute key(KeyAttributeSpec spec) {
    return spec == null ? null : new KeyAttribute(spec.name, scalar(spec.type));
  }

  private static ScalarType scalar(AttributeType type) {
    return type == null ? null : ScalarType.valueOf(type.name());
  }

  private static KeyAttributeSpec copy(KeyAttributeSpec key) {
    return key == null ? null : new KeyAttributeSpec(key.name, key.type);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
