package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.AlarmDefinition;
import dev.globaltable.operator.model.AutoScaling;
import dev.globaltable.operator.model.Capacity;
import dev.globaltable.operator.model.CapacityDimension;
import dev.globaltable.operator.model.DeletionPolicy;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.ObservedEncryption;
import dev.globaltable.operator.model.ObservedSettings;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.RegionSettings;
import dev.globaltable.operator.model.TimeToLive;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.IndexThroughput;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Monitoring;
import dev.globaltable.operator.model.ObservedAlarm;
import dev.globaltable.operator.model.ObservedDashboard;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.ObservedScaling;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.model.ReplicaThroughput;
import dev.globaltable.operator.model.ScalarType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small builders that keep planner fixtures readable: a spec, a table per region, an observation. */
final class Fx {
  static final String HOME = "us-east-1";
  static final String EU = "eu-west-1";
  static final String AP = "ap-south-1";
  static final String US2 = "us-west-2";
  static final String TABLE = "Orders";
  static final String OWNER = "shop/orders";
  static final KeySchema KEYS = keys("PK", "SK");

  static final IndexDefinition BY_CUSTOMER = gsi("ByCustomer", "CustomerId", "CreatedAt", Projection.ALL);
  static final IndexDefinition BY_STATUS = gsi("ByStatus", "Status", null, new Projection("KEYS_ONLY", List.of()));
  static final IndexDefinition BY_SKU = gsi("BySku", "Sku", null,
      new Projection("INCLUDE", List.of("Price", "Title")));
  static final IndexDefinition BY_DATE = new IndexDefinition("ByDate", keys("PK", "OrderDate"), Projection.ALL);

  private Fx() {
  }

  static KeySchema keys(String pk, String sk) {
    return new KeySchema(new KeyAttribute(pk, ScalarType.S), sk == null ? null : new KeyAttribute(sk, ScalarType.S));
  }

  static IndexDefinition gsi(String name, String pk, String sk, Projection projection) {
    return new IndexDefinition(name, keys(pk, sk), projection);
  }

  static String arn(String region) {
    return "arn:aws:dynamodb:" + region + ":111122223333:table/" + TABLE;
  }

  /** The owner tag plus the default spec tag: what a converged table carries. */
  static Map<String, String> ownedTags() {
    return Map.of(Desired.OWNER_TAG, OWNER, "team", "payments");
  }

  static Map<String, String> tags(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // spec

  static DesiredB desired(String... regions) {
    return new DesiredB(regions.length == 0 ? List.of(HOME) : Arrays.asList(regions));
  }

  static final class DesiredB {
    private List<String> regions;
    private List<IndexDefinition> gsis = new ArrayList<>();
    private List<IndexDefinition> lsis = new ArrayList<>();
    private String stream;
    private Map<String, String> tags = new TreeMap<>(Map.of("team", "payments"));
    private OnDemandLimits onDemand = OnDemandLimits.NONE;
    private DeletionPolicy policy = DeletionPolicy.RETAIN;
    private KeySchema keys = KEYS;
    private String billing = Desired.PAY_PER_REQUEST;
    private Capacity read;
    private Capacity write;
    private final Map<String, IndexThroughput> indexThroughput = new TreeMap<>();
    private final Map<String, ReplicaThroughput> replicaThroughput = new TreeMap<>();
    private TimeToLive timeToLive;
    private EncryptionType encryption;
    private final Map<String, RegionSettings> regionSettings = new TreeMap<>();
    private final Map<String, Map<String, String>> regionTags = new TreeMap<>();
    private Monitoring monitoring = Monitoring.NONE;

    DesiredB(List<String> regions) {
      this.regions = regions;
    }

    DesiredB gsi(IndexDefinition... defs) {
      gsis.addAll(List.of(defs));
      return this;
    }

    DesiredB lsi(IndexDefinition... defs) {
      lsis.addAll(List.of(defs));
      return this;
    }

    DesiredB stream(String viewType) {
      stream = viewType;
      return this;
    }

    DesiredB tags(Map<String, String> t) {
      tags = new TreeMap<>(t);
      return this;
    }

    DesiredB onDemand(Long read, Long write) {
      onDemand = new OnDemandLimits(read, write);
      return this;
    }

    DesiredB delete() {
      policy = DeletionPolicy.DELETE;
      return this;
    }

    DesiredB keys(KeySchema k) {
      keys = k;
      return this;
    }

    /** billing.mode Provisioned with the table's read (default of every region) and write capacity. */
    DesiredB provisioned(Capacity tableRead, Capacity tableWrite) {
      billing = Desired.PROVISIONED;
      read = tableRead;
      write = tableWrite;
      return this;
    }

    /** A GSI's provisioned read and write capacity. */
    DesiredB indexCapacity(String index, Capacity indexRead, Capacity indexWrite) {
      indexThroughput.put(index, new IndexThroughput(indexRead, indexWrite, null));
      return this;
    }

    /** A GSI's on-demand limits (null = unlimited). */
    DesiredB indexOnDemand(String index, Long maxRead, Long maxWrite) {
      indexThroughput.put(index, new IndexThroughput(null, null, new OnDemandLimits(maxRead, maxWrite)));
      return this;
    }

    /** The replica's own provisioned read capacity. */
    DesiredB replicaRead(String region, Capacity c) {
      ReplicaThroughput r = replica(region);
      replicaThroughput.put(region, new ReplicaThroughput(c, r.maxReadRequestUnits(), r.indexes()));
      return this;
    }

    /** The replica's own on-demand read limit. */
    DesiredB replicaMaxRead(String region, Long units) {
      ReplicaThroughput r = replica(region);
      replicaThroughput.put(region, new ReplicaThroughput(r.read(), units, r.indexes()));
      return this;
    }

    /** The replica's own read capacity / on-demand read limit of one index. */
    DesiredB replicaIndex(String region, String index, Capacity c, Long maxRead) {
      ReplicaThroughput r = replica(region);
      Map<String, ReplicaThroughput.IndexRead> indexes = new TreeMap<>(r.indexes());
      indexes.put(index, new ReplicaThroughput.IndexRead(c, maxRead));
      replicaThroughput.put(region, new ReplicaThroughput(r.read(), r.maxReadRequestUnits(), indexes));
      return this;
    }

    private ReplicaThroughput replica(String region) {
      return replicaThroughput.getOrDefault(region, ReplicaThroughput.NONE);
    }

    /** spec.timeToLive: enabled on {@code attribute}, or disabled when null. */
    DesiredB ttl(String attribute) {
      timeToLive = new TimeToLive(attribute != null, attribute);
      return this;
    }

    DesiredB encryption(EncryptionType type) {
      encryption = type;
      return this;
    }

    private RegionSettings settings(String region) {
      return regionSettings.getOrDefault(region, RegionSettings.NONE);
    }

    private DesiredB put(String region, RegionSettings s) {
      regionSettings.put(region, s);
      return this;
    }

    /** The effective point-in-time recovery of {@code region}. */
    DesiredB pitr(String region, PointInTimeRecovery p) {
      RegionSettings s = settings(region);
      return put(region, new RegionSettings(p, s.tableClass(), s.deletionProtection(), s.contributorInsights(),
          s.kmsKeyId(), s.kinesisStreamArn(), s.tags()));
    }

    DesiredB tableClass(String region, String c) {
      RegionSettings s = settings(region);
      return put(region, new RegionSettings(s.pointInTimeRecovery(), c, s.deletionProtection(),
          s.contributorInsights(), s.kmsKeyId(), s.kinesisStreamArn(), s.tags()));
    }

    DesiredB deletionProtection(String region, Boolean on) {
      RegionSettings s = settings(region);
      return put(region, new RegionSettings(s.pointInTimeRecovery(), s.tableClass(), on, s.contributorInsights(),
          s.kmsKeyId(), s.kinesisStreamArn(), s.tags()));
    }

    DesiredB insights(String region, Boolean on) {
      RegionSettings s = settings(region);
      return put(region, new RegionSettings(s.pointInTimeRecovery(), s.tableClass(), s.deletionProtection(), on,
          s.kmsKeyId(), s.kinesisStreamArn(), s.tags()));
    }

    DesiredB kmsKey(String region, String key) {
      RegionSettings s = settings(region);
      return put(region, new RegionSettings(s.pointInTimeRecovery(), s.tableClass(), s.deletionProtection(),
          s.contributorInsights(), key, s.kinesisStreamArn(), s.tags()));
    }

    DesiredB kinesis(String region, String streamArn) {
      RegionSettings s = settings(region);
      return put(region, new RegionSettings(s.pointInTimeRecovery(), s.tableClass(), s.deletionProtection(),
          s.contributorInsights(), s.kmsKeyId(), streamArn, s.tags()));
    }

    /** The replica's own tags, merged over the table tags in that region. */
    DesiredB regionTags(String region, Map<String, String> t) {
      regionTags.put(region, new TreeMap<>(t));
      return put(region, settings(region));
    }

    /** spec.alarms / spec.dashboard. */
    DesiredB monitoring(Monitoring m) {
      monitoring = m;
      return this;
    }

    Desired build() {
      Map<String, String> all = new TreeMap<>(tags);
      all.put(Desired.OWNER_TAG, OWNER);
      Map<String, RegionSettings> effective = new TreeMap<>();
      regionSettings.forEach((region, s) -> {
        // As the mapper does: the table tags with the region's own merged over them, without the owner tag.
        Map<String, String> t = new TreeMap<>(tags);
        t.putAll(regionTags.getOrDefault(region, Map.of()));
        effective.put(region, new RegionSettings(s.pointInTimeRecovery(), s.tableClass(), s.deletionProtection(),
            s.contributorInsights(), s.kmsKeyId(), s.kinesisStreamArn(), t));
      });
      return new Desired(TABLE, HOME, keys, billing, onDemand, gsis, lsis, stream, all, regions, policy,
          false, OWNER, read, write, indexThroughput, replicaThroughput, timeToLive, encryption, effective, monitoring);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // AWS

  static ObservedReplica rep(String region) {
    return rep(region, "ACTIVE");
  }

  static ObservedReplica rep(String region, String status) {
    return new ObservedReplica(region, status, null, null);
  }

  static ObservedReplica rep(String region, String status, String description, Integer progress) {
    return new ObservedReplica(region, status, description, progress);
  }

  /** An ACTIVE replica entry with the overrides DescribeTable lists for it. */
  static ObservedReplica rep(String region, ReplicaOverrides overrides) {
    return new ObservedReplica(region, "ACTIVE", null, null, overrides);
  }

  /** A replica entry's ProvisionedThroughputOverride read units (table, then index name / units pairs). */
  static ReplicaOverrides readOverride(Long table, Object... indexUnits) {
    Map<String, Long> indexes = new TreeMap<>();
    for (int i = 0; i < indexUnits.length; i += 2) {
      indexes.put((String) indexUnits[i], ((Number) indexUnits[i + 1]).longValue());
    }
    return new ReplicaOverrides(table, null, indexes, null);
  }

  /** A replica entry's OnDemandThroughputOverride read limit (table, then index name / limit pairs). */
  static ReplicaOverrides maxReadOverride(Long table, Object... indexUnits) {
    Map<String, Long> indexes = new TreeMap<>();
    for (int i = 0; i < indexUnits.length; i += 2) {
      indexes.put((String) indexUnits[i], ((Number) indexUnits[i + 1]).longValue());
    }
    return new ReplicaOverrides(null, table, null, indexes);
  }

  static Capacity units(long u) {
    return Capacity.fixed(u);
  }

  /** Autoscaling with AWS's default cooldowns and scale-in. */
  static Capacity scaled(long min, long max, double target) {
    return Capacity.autoScaled(new AutoScaling(min, max, target, 0, 0, false));
  }

  static ObservedCapacity cap(long read, long write) {
    return new ObservedCapacity(read, write, 0, null);
  }

  /** A PROVISIONED index as DescribeTable reports it. */
  static ObservedIndex idx(IndexDefinition def, ObservedCapacity capacity) {
    return new ObservedIndex(def, "ACTIVE", false, capacity, null);
  }

  /** An on-demand index with its limits. */
  static ObservedIndex idx(IndexDefinition def, OnDemandLimits limits) {
    return new ObservedIndex(def, "ACTIVE", false, null, limits);
  }

  /**
   * A scalable target with the operator's policy for {@code c} (its autoscaling), as Application Auto Scaling reports
   * it (also what AWS mirrors into a new replica: same name, same values).
   */
  static ObservedScaling target(CapacityDimension dim, String index, Capacity c) {
    AutoScaling a = c.autoScaling();
    return new ObservedScaling(index, dim, a.min(), a.max(), List.of(policy(dim, index, a)));
  }

  /** A scalable target without any policy (AWS: not enough to count as autoscaled). */
  static ObservedScaling bareTarget(CapacityDimension dim, String index, long min, long max) {
    return new ObservedScaling(index, dim, min, max, List.of());
  }

  /** The operator's (and DynamoDB's) policy for {@code a}. */
  static ObservedScaling.Policy policy(CapacityDimension dim, String index, AutoScaling a) {
    return new ObservedScaling.Policy(dim.policyName(CapacityDimension.resourceId(TABLE, index)),
        a.targetUtilization(), a.scaleInCooldownSeconds(), a.scaleOutCooldownSeconds(), a.disableScaleIn());
  }

  static String scalingKey(String region, String index, CapacityDimension dim) {
    return Managed.scalingKey(region, TABLE, index, dim);
  }

  static ObservedIndex idx(IndexDefinition def) {
    return new ObservedIndex(def, "ACTIVE", false);
  }

  static ObservedIndex idx(IndexDefinition def, String status, boolean backfilling) {
    return new ObservedIndex(def, status, backfilling);
  }

  static TableB table() {
    return new TableB(HOME);
  }

  static TableB table(String region) {
    return new TableB(region);
  }

  static final class TableB {
    private final String region;
    private String status = "ACTIVE";
    private String id;
    private KeySchema keys = KEYS;
    private String billing = "PAY_PER_REQUEST";
    private OnDemandLimits onDemand = OnDemandLimits.NONE;
    private String stream;
    private final List<ObservedIndex> gsis = new ArrayList<>();
    private final List<IndexDefinition> lsis = new ArrayList<>();
    private final List<ObservedReplica> replicas = new ArrayList<>();
    private boolean protection;
    private ObservedCapacity capacity;
    private ObservedEncryption encryption;
    private String tableClass;

    TableB(String region) {
      this.region = region;
      this.id = "id-" + region;
    }

    TableB status(String s) {
      status = s;
      return this;
    }

    TableB id(String tableId) {
      id = tableId;
      return this;
    }

    TableB keys(KeySchema k) {
      keys = k;
      return this;
    }

    TableB billing(String mode) {
      billing = mode;
      return this;
    }

    TableB onDemand(Long read, Long write) {
      onDemand = new OnDemandLimits(read, write);
      return this;
    }

    TableB stream(String viewType) {
      stream = viewType;
      return this;
    }

    TableB gsi(IndexDefinition... defs) {
      for (IndexDefinition d : defs) {
        gsis.add(idx(d));
      }
      return this;
    }

    TableB gsi(ObservedIndex... indexes) {
      gsis.addAll(List.of(indexes));
      return this;
    }

    TableB lsi(IndexDefinition... defs) {
      lsis.addAll(List.of(defs));
      return this;
    }

    /** Replicas in AWS order (creation order); plain region names are ACTIVE. */
    TableB replicas(String... regions) {
      for (String r : regions) {
        replicas.add(rep(r));
      }
      return this;
    }

    TableB replicas(ObservedReplica... rs) {
      replicas.addAll(List.of(rs));
      return this;
    }

    /** billing PROVISIONED with this ProvisionedThroughput. */
    TableB provisioned(long read, long write) {
      billing = Desired.PROVISIONED;
      capacity = cap(read, write);
      return this;
    }

    /** billing PROVISIONED with this ProvisionedThroughput, decrease counters included. */
    TableB provisioned(ObservedCapacity c) {
      billing = Desired.PROVISIONED;
      capacity = c;
      return this;
    }

    TableB protectedFromDeletion() {
      protection = true;
      return this;
    }

    /** SSEDescription (AWS owned key when never set). */
    TableB encryption(ObservedEncryption e) {
      encryption = e;
      return this;
    }

    /** SSEDescription ENABLED with this KMS key. */
    TableB kms(String keyArn) {
      return encryption(new ObservedEncryption("ENABLED", "KMS", keyArn));
    }

    /** TableClassSummary.TableClass (STANDARD when never set). */
    TableB tableClass(String c) {
      tableClass = c;
      return this;
    }

    RegionalTable build() {
      return new RegionalTable(region, TABLE, arn(region), id, status, keys,
          Map.of("PK", ScalarType.S, "SK", ScalarType.S), billing, onDemand, stream, gsis, lsis, replicas, protection,
          Instant.parse("2026-11-01T00:00:00Z"), replicas.isEmpty() ? null : "2019.11.21", capacity, encryption,
          tableClass);
    }
  }

  /** An observation whose home table is {@code home}, with owned tags read, not deep. */
  static ObsB observe(TableB home) {
    return new ObsB(home == null ? null : home.build());
  }

  /** An observation in which the home table does not exist. */
  static ObsB absent() {
    return new ObsB(null);
  }

  static final class ObsB {
    private final RegionalTable home;
    private Map<String, String> homeTags;
    private final Map<String, RegionObservation> others = new LinkedHashMap<>();
    private boolean deep;
    private List<ObservedScaling> homeScaling;
    private ObservedSettings homeSettings;
    private Instant observedAt;
    private final Map<String, List<ObservedAlarm>> alarms = new LinkedHashMap<>();
    private ObservedDashboard dashboard;

    ObsB(RegionalTable home) {
      this.home = home;
      this.homeTags = home == null ? null : ownedTags();
    }

    ObsB homeTags(Map<String, String> t) {
      homeTags = t;
      return this;
    }

    ObsB deep() {
      deep = true;
      return this;
    }

    /** Another region with its table (null = ResourceNotFound) and tags (null = not read). */
    ObsB region(String region, TableB table, Map<String, String> tags) {
      others.put(region, new RegionObservation(region, table == null ? null : table.build(), tags));
      return this;
    }

    /** Another region holding an ACTIVE member table with owned tags. */
    ObsB member(String region, TableB table) {
      return region(region, table, ownedTags());
    }

    /** Another region holding a member table with owned tags and these scalable targets (null = not read). */
    ObsB member(String region, TableB table, List<ObservedScaling> scaling) {
      others.put(region, new RegionObservation(region, table == null ? null : table.build(), ownedTags(), scaling));
      return this;
    }

    /** The home region's scalable targets (null = not read, the default). */
    ObsB homeScaling(ObservedScaling... targets) {
      homeScaling = List.of(targets);
      return this;
    }

    ObsB homeScaling(List<ObservedScaling> targets) {
      homeScaling = targets;
      return this;
    }

    ObsB at(Instant when) {
      observedAt = when;
      return this;
    }

    /** The home region's per-region settings (null = not read, the default). */
    ObsB homeSettings(SetB settings) {
      homeSettings = settings == null ? null : settings.build();
      return this;
    }

    /** Another region holding a member table with owned tags and these settings (null = not read). */
    ObsB member(String region, TableB table, SetB settings) {
      others.put(region, new RegionObservation(region, table == null ? null : table.build(), ownedTags(), null,
          settings == null ? null : settings.build()));
      return this;
    }

    /**
     * The alarms DescribeAlarms lists in {@code region} (home or a region added before); without a call a region's
     * alarms were not read.
     */
    ObsB alarms(String region, List<AlarmDefinition> defs) {
      alarms.put(region, defs.stream().map(Fx::observedAlarm).toList());
      return this;
    }

    ObsB alarms(String region, AlarmDefinition... defs) {
      return alarms(region, List.of(defs));
    }

    /** GetDashboard's answer (null = not read, the default). */
    ObsB dashboard(ObservedDashboard d) {
      dashboard = d;
      return this;
    }

    Observed build() {
      Map<String, RegionObservation> regions = new LinkedHashMap<>();
      regions.put(HOME, new RegionObservation(HOME, home, home == null ? null : homeTags, homeScaling,
          homeSettings));
      regions.putAll(others);
      alarms.forEach((region, list) -> {
        RegionObservation ro = regions.get(region);
        regions.put(region, ro == null ? new RegionObservation(region, null, null, null, null, list, null)
            : new RegionObservation(region, ro.table(), ro.tags(), ro.scaling(), ro.settings(), list, null));
      });
      return new Observed(HOME, regions, deep, observedAt, dashboard);
    }
  }

  /** Settings as a region's own Describe calls report them: by default PITR, TTL and CCI off, no Kinesis. */
  static SetB settings() {
    return new SetB();
  }

  static final class SetB {
    private PointInTimeRecovery pitr = new PointInTimeRecovery(false, null, "DISABLED");
    private ObservedSettings.TimeToLiveState ttl = new ObservedSettings.TimeToLiveState("DISABLED", null);
    private ObservedSettings.ContributorInsightsState cci = ObservedSettings.ContributorInsightsState.DISABLED;
    private final Map<String, ObservedSettings.ContributorInsightsState> indexCci = new TreeMap<>();
    private final List<ObservedSettings.KinesisDestination> kinesis = new ArrayList<>();

    /** PointInTimeRecoveryStatus ENABLED with this period. */
    SetB pitr(int days) {
      pitr = new PointInTimeRecovery(true, days, "ENABLED");
      return this;
    }

    SetB ttl(String status, String attribute) {
      ttl = new ObservedSettings.TimeToLiveState(status, attribute);
      return this;
    }

    SetB insights(String status, String failure) {
      cci = new ObservedSettings.ContributorInsightsState(status, failure);
      return this;
    }

    SetB indexInsights(String index, String status) {
      indexCci.put(index, new ObservedSettings.ContributorInsightsState(status, null));
      return this;
    }

    SetB kinesis(String streamArn, String status, String description) {
      kinesis.add(new ObservedSettings.KinesisDestination(streamArn, status, description));
      return this;
    }

    ObservedSettings build() {
      return new ObservedSettings(pitr, ttl, cci, indexCci, kinesis);
    }
  }

  /** An alarm as DescribeAlarms lists it (state OK). */
  static ObservedAlarm observedAlarm(AlarmDefinition def) {
    return new ObservedAlarm(def, "OK", null, "arn:aws:cloudwatch:" + def.region() + ":111122223333:alarm:"
        + def.name());
  }

  static String stream(String region, String name) {
    return "arn:aws:kinesis:" + region + ":111122223333:stream/" + name;
  }

  static String key(String region, String id) {
    return "arn:aws:kms:" + region + ":111122223333:key/" + id;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // plan inspection

  static List<Step> steps(Plan p) {
    return p.steps().stream().map(PlannedStep::step).toList();
  }

  static List<Blocker> blockers(Plan p) {
    return p.steps().stream().map(PlannedStep::blockedBy).toList();
  }

  static Blocker queued(Step after) {
    return new Blocker(BlockReason.QUEUED, "after: " + after.describe());
  }

  static Step.AddReplica add(String region) {
    return new Step.AddReplica(HOME, TABLE, region);
  }

  static Step.RemoveReplica remove(String region) {
    return new Step.RemoveReplica(HOME, TABLE, region);
  }

  static Step.DeleteIndex deleteIndex(String name) {
    return new Step.DeleteIndex(HOME, TABLE, name);
  }

  static Step.CreateIndex createIndex(Desired d, IndexDefinition def) {
    return new Step.CreateIndex(HOME, TABLE, def, d.attributeDefinitions());
  }

  static Managed managed(List<String> replicas, List<String> indexes) {
    return new Managed(new java.util.HashSet<>(replicas), new java.util.HashSet<>(indexes));
  }
}
