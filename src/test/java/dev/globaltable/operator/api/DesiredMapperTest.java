package dev.globaltable.operator.api;

import static dev.globaltable.operator.validate.Specs.gsi;
import static dev.globaltable.operator.validate.Specs.key;
import static dev.globaltable.operator.validate.Specs.lsi;
import static dev.globaltable.operator.validate.Specs.projection;
import static dev.globaltable.operator.validate.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.AlarmThreshold;
import dev.globaltable.operator.model.AutoScaling;
import dev.globaltable.operator.model.Capacity;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.DesiredMapper;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.IndexThroughput;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Monitoring;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionSettings;
import dev.globaltable.operator.model.ReplicaThroughput;
import dev.globaltable.operator.model.ReplicaThroughput.IndexRead;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.model.TimeToLive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DesiredMapper: api spec to the planner's Desired, and the identity recorded in status. */
class DesiredMapperTest {
  private static final KeyAttribute PK = new KeyAttribute("PK", ScalarType.S);
  private static final KeyAttribute SK = new KeyAttribute("SK", ScalarType.S);

  @Test
  void defaultsAreAppliedToAMinimalSpec() {
    Desired d = DesiredMapper.toDesired("payments", "orders", spec());

    assertThat(d).isEqualTo(new Desired("orders", "us-east-1", new KeySchema(PK, SK), "PAY_PER_REQUEST",
        OnDemandLimits.NONE, List.of(), List.of(), null, Map.of("globaltable.dev/owner", "payments/orders"),
        List.of("us-east-1"), dev.globaltable.operator.model.DeletionPolicy.RETAIN, false, "payments/orders",
        null, null, Map.of(), Map.of("us-east-1", ReplicaThroughput.NONE), null, null,
        Map.of("us-east-1", RegionSettings.NONE)));
  }

  @Test
  void provisionedCapacityIsMappedForTheTableEveryIndexAndEveryRegion() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1", "ap-northeast-1");
    spec.billing = provisioned(CapacitySpec.autoscaling(full(5, 500, 60.5, 300, 30, true)),
        CapacitySpec.autoscaling(new AutoScalingSpec(5L, 1000L, 70.0)));
    GlobalSecondaryIndexSpec byCustomer = gsi("ByCustomer", key("CustomerId", AttributeType.S), null, null);
    byCustomer.readCapacity = CapacitySpec.units(10);
    byCustomer.writeCapacity = CapacitySpec.autoscaling(new AutoScalingSpec(5L, 100L, 50.0));
    GlobalSecondaryIndexSpec byStatus = gsi("ByStatus", key("Status", AttributeType.S), null, null);
    byStatus.readCapacity = CapacitySpec.autoscaling(new AutoScalingSpec(1L, 50L, 20.0));
    byStatus.writeCapacity = CapacitySpec.autoscaling(new AutoScalingSpec(1L, 1L, 90.0));
    spec.globalSecondaryIndexes = List.of(byCustomer, byStatus);
    ReplicaSpec eu = spec.replicas.get(1);
    eu.readCapacity = CapacitySpec.units(20);
    eu.globalSecondaryIndexes = List.of(readOverride("ByCustomer", CapacitySpec.units(4)),
        readOverride("ByStatus", CapacitySpec.autoscaling(new AutoScalingSpec(2L, 20L, null))));
    ReplicaSpec ap = spec.replicas.get(2);
    ap.readCapacity = CapacitySpec.autoscaling(new AutoScalingSpec(10L, 200L, 50.0));

    Desired d = DesiredMapper.toDesired("payments", "orders", spec);

    assertThat(d.billingMode()).isEqualTo("PROVISIONED");
    assertThat(d.provisioned()).isTrue();
    assertThat(d.onDemand()).isEqualTo(OnDemandLimits.NONE);
    assertThat(d.readCapacity()).isEqualTo(Capacity.autoScaled(new AutoScaling(5, 500, 60.5, 300, 30, true)));
    assertThat(d.writeCapacity()).isEqualTo(Capacity.autoScaled(new AutoScaling(5, 1000, 70, 0, 0, false)));
    assertThat(d.indexThroughput()).isEqualTo(Map.of(
        "ByCustomer", new IndexThroughput(Capacity.fixed(10),
            Capacity.autoScaled(new AutoScaling(5, 100, 50, 0, 0, false)), OnDemandLimits.NONE),
        "ByStatus", new IndexThroughput(Capacity.autoScaled(new AutoScaling(1, 50, 20, 0, 0, false)),
            Capacity.autoScaled(new AutoScaling(1, 1, 90, 0, 0, false)), OnDemandLimits.NONE)));
    assertThat(d.replicaThroughput()).isEqualTo(Map.of(
        "us-east-1", ReplicaThroughput.NONE,
        "eu-west-1", new ReplicaThroughput(Capacity.fixed(20), null, Map.of(
            "ByCustomer", new IndexRead(Capacity.fixed(4), null),
            "ByStatus", new IndexRead(Capacity.autoScaled(new AutoScaling(2, 20, 70, 0, 0, false)), null))),
        "ap-northeast-1", new ReplicaThroughput(Capacity.autoScaled(new AutoScaling(10, 200, 50, 0, 0, false)),
            null, Map.of())));
  }

  @Test
  void effectiveCapacityPerRegionComesFromTheReplicaElseTheTable() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.billing = provisioned(CapacitySpec.units(8), CapacitySpec.autoscaling(new AutoScalingSpec(1L, 9L, null)));
    GlobalSecondaryIndexSpec byCustomer = gsi("ByCustomer", key("CustomerId", AttributeType.S), null, null);
    byCustomer.readCapacity = CapacitySpec.units(3);
    byCustomer.writeCapacity = CapacitySpec.autoscaling(new AutoScalingSpec(1L, 5L, null));
    spec.globalSecondaryIndexes = List.of(byCustomer);
    spec.replicas.get(1).readCapacity = CapacitySpec.units(12);
    spec.replicas.get(1).globalSecondaryIndexes = List.of(readOverride("ByCustomer", CapacitySpec.units(6)));

    Desired d = DesiredMapper.toDesired("payments", "orders", spec);

    assertThat(d.readCapacity("us-east-1")).isEqualTo(Capacity.fixed(8));
    assertThat(d.readCapacity("eu-west-1")).isEqualTo(Capacity.fixed(12));
    assertThat(d.indexReadCapacity("us-east-1", "ByCustomer")).isEqualTo(Capacity.fixed(3));
    assertThat(d.indexReadCapacity("eu-west-1", "ByCustomer")).isEqualTo(Capacity.fixed(6));
    assertThat(d.indexWriteCapacity("ByCustomer"))
        .isEqualTo(Capacity.autoScaled(new AutoScaling(1, 5, 70, 0, 0, false)));
  }

  @Test
  void autoscalingDefaultsAreTarget70CooldownsZeroAndScaleInEnabled() {
    assertThat(DesiredMapper.capacity(CapacitySpec.autoscaling(new AutoScalingSpec(3L, 30L, null))))
        .isEqualTo(Capacity.autoScaled(new AutoScaling(3, 30, AutoScaling.DEFAULT_TARGET, 0, 0, false)));
    assertThat(AutoScaling.DEFAULT_TARGET).isEqualTo(70.0);
    assertThat(DesiredMapper.capacity(CapacitySpec.units(7))).isEqualTo(Capacity.fixed(7));
    assertThat(DesiredMapper.capacity(null)).isNull();
  }

  @Test
  void onDemandLimitsAreMappedForTheTableEveryIndexAndEveryRegion() {
    GlobalTableSpec spec = spec("us-west-2", "eu-central-1");
    spec.billing = new BillingSpec();
    spec.billing.maxReadRequestUnits = 4000L;
    GlobalSecondaryIndexSpec byUser = gsi("ByUser", key("UserId", AttributeType.S), null, null);
    byUser.maxReadRequestUnits = 1000L;
    byUser.maxWriteRequestUnits = 500L;
    GlobalSecondaryIndexSpec byTeam = gsi("ByTeam", key("TeamId", AttributeType.S), null, null);
    spec.globalSecondaryIndexes = List.of(byUser, byTeam);
    ReplicaSpec eu = spec.replicas.get(1);
    eu.maxReadRequestUnits = 800L;
    ReplicaIndexSpec euByUser = new ReplicaIndexSpec("ByUser");
    euByUser.maxReadRequestUnits = 200L;
    eu.globalSecondaryIndexes = List.of(euByUser);

    Desired d = DesiredMapper.toDesired("web", "sessions", spec);

    assertThat(d.billingMode()).isEqualTo("PAY_PER_REQUEST");
    assertThat(d.onDemand()).isEqualTo(new OnDemandLimits(4000L, null));
    assertThat(d.readCapacity()).isNull();
    assertThat(d.writeCapacity()).isNull();
    assertThat(d.indexThroughput()).isEqualTo(Map.of(
        "ByUser", new IndexThroughput(null, null, new OnDemandLimits(1000L, 500L)),
        "ByTeam", IndexThroughput.NONE));
    assertThat(d.replicaThroughput()).isEqualTo(Map.of(
        "us-west-2", ReplicaThroughput.NONE,
        "eu-central-1", new ReplicaThroughput(null, 800L, Map.of("ByUser", new IndexRead(null, 200L)))));
    assertThat(d.maxReadRequestUnits("us-west-2")).isEqualTo(4000L);
    assertThat(d.maxReadRequestUnits("eu-central-1")).isEqualTo(800L);
    assertThat(d.indexMaxReadRequestUnits("us-west-2", "ByUser")).isEqualTo(1000L);
    assertThat(d.indexMaxReadRequestUnits("eu-central-1", "ByUser")).isEqualTo(200L);
  }

  @Test
  void onlyTheThroughputOfTheBillingModeIsMapped() {
    // Not a valid spec (SpecValidator rejects both halves); the mapper still never hands the planner a mix.
    GlobalTableSpec provisioned = spec("us-east-1");
    provisioned.billing = provisioned(CapacitySpec.units(1), CapacitySpec.units(1));
    provisioned.billing.maxReadRequestUnits = 10L;
    provisioned.replicas.get(0).maxReadRequestUnits = 10L;
    ReplicaIndexSpec limitOnly = new ReplicaIndexSpec("ByX");
    limitOnly.maxReadRequestUnits = 10L;
    provisioned.replicas.get(0).globalSecondaryIndexes = List.of(limitOnly);

    Desired p = DesiredMapper.toDesired("ns", "t1", provisioned);
    assertThat(p.onDemand()).isEqualTo(OnDemandLimits.NONE);
    assertThat(p.replica("us-east-1")).isEqualTo(ReplicaThroughput.NONE);

    GlobalTableSpec onDemand = spec("us-east-1");
    onDemand.billing = new BillingSpec();
    onDemand.billing.readCapacity = CapacitySpec.units(1);
    onDemand.replicas.get(0).readCapacity = CapacitySpec.units(1);

    Desired o = DesiredMapper.toDesired("ns", "t1", onDemand);
    assertThat(o.billingMode()).isEqualTo("PAY_PER_REQUEST");
    assertThat(o.readCapacity()).isNull();
    assertThat(o.replica("us-east-1")).isEqualTo(ReplicaThroughput.NONE);
  }

  private static BillingSpec provisioned(CapacitySpec read, CapacitySpec write) {
    BillingSpec billing = new BillingSpec();
    billing.mode = BillingMode.Provisioned;
    billing.readCapacity = read;
    billing.writeCapacity = write;
    return billing;
  }

  private static AutoScalingSpec full(long min, long max, double target, int scaleIn, int scaleOut,
      boolean disableScaleIn) {
    AutoScalingSpec a = new AutoScalingSpec(min, max, target);
    a.scaleInCooldownSeconds = scaleIn;
    a.scaleOutCooldownSeconds = scaleOut;
    a.disableScaleIn = disableScaleIn;
    return a;
  }

  private static ReplicaIndexSpec readOverride(String name, CapacitySpec read) {
    ReplicaIndexSpec override = new ReplicaIndexSpec(name);
    override.readCapacity = read;
    return override;
  }

  @Test
  void everyFieldIsMappedToAwsWireNames() {
    GlobalTableSpec spec = spec("eu-west-1", "us-east-1", "ap-northeast-1");
    spec.tableName = "Orders";
    spec.billing = new BillingSpec();
    spec.billing.mode = BillingMode.PayPerRequest;
    spec.billing.maxReadRequestUnits = 4000L;
    spec.billing.maxWriteRequestUnits = 2000L;
    spec.globalSecondaryIndexes = List.of(
        gsi("ByCustomer", key("CustomerId", AttributeType.S), key("CreatedAt", AttributeType.N),
            projection(ProjectionType.Include, "Total", "Status")),
        gsi("ByStatus", key("Status", AttributeType.S), null, projection(ProjectionType.KeysOnly)),
        gsi("ByAmount", key("Amount", AttributeType.N), null, null));
    spec.localSecondaryIndexes = List.of(lsi("ByDate", key("CreatedAt", AttributeType.N),
        projection(ProjectionType.All)));
    spec.stream = new StreamSpec();
    spec.stream.viewType = StreamViewType.NEW_AND_OLD_IMAGES;
    spec.tags = new LinkedHashMap<>(Map.of("team", "payments"));
    spec.deletionPolicy = DeletionPolicy.Delete;
    spec.suspend = true;

    Desired d = DesiredMapper.toDesired("payments", "orders", spec);

    assertThat(d.tableName()).isEqualTo("Orders");
    assertThat(d.homeRegion()).isEqualTo("eu-west-1");
    assertThat(d.regions()).containsExactly("eu-west-1", "us-east-1", "ap-northeast-1");
    assertThat(d.replicaRegions()).containsExactly("us-east-1", "ap-northeast-1");
    assertThat(d.billingMode()).isEqualTo("PAY_PER_REQUEST");
    assertThat(d.onDemand()).isEqualTo(new OnDemandLimits(4000L, 2000L));
    assertThat(d.globalSecondaryIndexes()).containsExactly(
        new IndexDefinition("ByCustomer", new KeySchema(new KeyAttribute("CustomerId", ScalarType.S),
            new KeyAttribute("CreatedAt", ScalarType.N)), new Projection("INCLUDE", List.of("Total", "Status"))),
        new IndexDefinition("ByStatus", new KeySchema(new KeyAttribute("Status", ScalarType.S), null),
            new Projection("KEYS_ONLY", List.of())),
        new IndexDefinition("ByAmount", new KeySchema(new KeyAttribute("Amount", ScalarType.N), null),
            Projection.ALL));
    assertThat(d.localSecondaryIndexes()).as("an LSI gets the table's partition key").containsExactly(
        new IndexDefinition("ByDate", new KeySchema(PK, new KeyAttribute("CreatedAt", ScalarType.N)),
            Projection.ALL));
    assertThat(d.streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(d.tags()).isEqualTo(Map.of("team", "payments", "globaltable.dev/owner", "payments/orders"));
    assertThat(d.deletionPolicy()).isEqualTo(dev.globaltable.operator.model.DeletionPolicy.DELETE);
    assertThat(d.suspend()).isTrue();
    assertThat(d.owner()).isEqualTo("payments/orders");
    assertThat(d.readCapacity()).isNull();
    assertThat(d.writeCapacity()).isNull();
    assertThat(d.indexThroughput()).as("every GSI, without limits").isEqualTo(Map.of(
        "ByCustomer", IndexThroughput.NONE, "ByStatus", IndexThroughput.NONE, "ByAmount", IndexThroughput.NONE));
    assertThat(d.attributeDefinitions()).containsExactly(
        Map.entry("PK", ScalarType.S), Map.entry("SK", ScalarType.S), Map.entry("CreatedAt", ScalarType.N),
        Map.entry("CustomerId", ScalarType.S), Map.entry("Status", ScalarType.S), Map.entry("Amount", ScalarType.N));
  }

  // ------------------------------------------------------------------------------------- per-region settings

  private static final String KEY_US = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
  private static final String KEY_EU = "arn:aws:kms:eu-west-1:111122223333:key/1c2d3e4f-5061-7283-94a5-b6c7d8e9f0a1";
  private static final String STREAM_EU = "arn:aws:kinesis:eu-west-1:111122223333:stream/payments-cdc";

  @Test
  void absentSettingsAreNotManagedInAnyRegion() {
    Desired d = DesiredMapper.toDesired("ns", "t1", spec("us-east-1", "eu-west-1"));

    assertThat(d.timeToLive()).isNull();
    assertThat(d.encryption()).isNull();
    assertThat(d.regionSettings()).isEqualTo(Map.of("us-east-1", RegionSettings.NONE, "eu-west-1",
        RegionSettings.NONE));
  }

  @Test
  void tableDefaultsApplyInEveryRegionWithAWireNameForTheTableClass() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.pointInTimeRecovery = new PointInTimeRecoverySpec(true, 14);
    spec.tableClass = TableClass.StandardInfrequentAccess;
    spec.deletionProtection = true;
    spec.contributorInsights = false;
    spec.tags = Map.of("team", "payments");

    Desired d = DesiredMapper.toDesired("ns", "t1", spec);

    RegionSettings expected = new RegionSettings(PointInTimeRecovery.desired(true, 14), "STANDARD_INFREQUENT_ACCESS",
        true, false, null, null, Map.of("team", "payments"));
    assertThat(d.regionSettings()).isEqualTo(Map.of("us-east-1", expected, "eu-west-1", expected));
    assertThat(d.settings("eu-west-1").pointInTimeRecovery().effectivePeriod()).isEqualTo(14);
  }

  @Test
  void replicaOverridesReplaceTheDefaultsInTheirRegionOnly() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1", "ap-southeast-2");
    spec.pointInTimeRecovery = new PointInTimeRecoverySpec(true, 14);
    spec.tableClass = TableClass.Standard;
    spec.deletionProtection = true;
    ReplicaSpec eu = spec.replicas.get(1);
    eu.pointInTimeRecovery = new PointInTimeRecoverySpec(false, null);
    eu.tableClass = TableClass.StandardInfrequentAccess;
    eu.deletionProtection = false;
    eu.contributorInsights = true;
    eu.kinesisStreamArn = STREAM_EU;
    ReplicaSpec ap = spec.replicas.get(2);
    // The override replaces the object as a whole: no period here means AWS's 35, not the default's 14.
    ap.pointInTimeRecovery = new PointInTimeRecoverySpec(true, null);

    Desired d = DesiredMapper.toDesired("ns", "t1", spec);

    assertThat(d.settings("us-east-1")).isEqualTo(new RegionSettings(PointInTimeRecovery.desired(true, 14),
        "STANDARD", true, null, null, null, Map.of()));
    assertThat(d.settings("eu-west-1")).isEqualTo(new RegionSettings(PointInTimeRecovery.desired(false, null),
        "STANDARD_INFREQUENT_ACCESS", false, true, null, STREAM_EU, Map.of()));
    assertThat(d.settings("ap-southeast-2")).isEqualTo(new RegionSettings(PointInTimeRecovery.desired(true, null),
        "STANDARD", true, null, null, null, Map.of()));
    assertThat(d.settings("ap-southeast-2").pointInTimeRecovery().effectivePeriod()).isEqualTo(35);
  }

  @Test
  void replicaTagsAreMergedOverTheTableTagsWithoutTheOwnerTagWhichDesiredAddsPerRegion() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.tags = Map.of("team", "payments", "cost-center", "4711");
    spec.replicas.get(1).tags = Map.of("cost-center", "4712", "residency", "eu");

    Desired d = DesiredMapper.toDesired("ns", "t1", spec);

    assertThat(d.settings("us-east-1").tags()).isEqualTo(Map.of("team", "payments", "cost-center", "4711"));
    assertThat(d.settings("eu-west-1").tags()).isEqualTo(Map.of("team", "payments", "cost-center", "4712",
        "residency", "eu"));
    assertThat(d.tags("eu-west-1")).isEqualTo(Map.of("team", "payments", "cost-center", "4712", "residency", "eu",
        "globaltable.dev/owner", "ns/t1"));
    // The table-level tags are unchanged: spec.tags and the owner tag.
    assertThat(d.tags()).isEqualTo(Map.of("team", "payments", "cost-center", "4711", "globaltable.dev/owner",
        "ns/t1"));
  }

  @Test
  void customerManagedEncryptionCarriesEachRegionsKey() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.encryption = new EncryptionSpec(dev.globaltable.operator.api.EncryptionType.CustomerManaged);
    spec.replicas.get(0).kmsKeyId = KEY_US;
    spec.replicas.get(1).kmsKeyId = KEY_EU;

    Desired d = DesiredMapper.toDesired("ns", "t1", spec);

    assertThat(d.encryption()).isEqualTo(EncryptionType.CUSTOMER_MANAGED);
    assertThat(d.settings("us-east-1").kmsKeyId()).isEqualTo(KEY_US);
    assertThat(d.settings("eu-west-1").kmsKeyId()).isEqualTo(KEY_EU);
  }

  @Test
  void aKeyIsOnlyCarriedWithCustomerManagedEncryption() {
    GlobalTableSpec spec = spec("us-east-1");
    spec.replicas.get(0).kmsKeyId = KEY_US;
    spec.encryption = new EncryptionSpec(dev.globaltable.operator.api.EncryptionType.AwsManaged);

    Desired managed = DesiredMapper.toDesired("ns", "t1", spec);
    spec.encryption = new EncryptionSpec(dev.globaltable.operator.api.EncryptionType.AwsOwned);
    Desired owned = DesiredMapper.toDesired("ns", "t1", spec);

    assertThat(managed.encryption()).isEqualTo(EncryptionType.AWS_MANAGED);
    assertThat(managed.settings("us-east-1").kmsKeyId()).isNull();
    assertThat(owned.encryption()).isEqualTo(EncryptionType.AWS_OWNED);
    assertThat(owned.settings("us-east-1").kmsKeyId()).isNull();
  }

  @Test
  void timeToLiveIsEnabledUnlessItSaysOtherwise() {
    GlobalTableSpec spec = spec();
    spec.timeToLive = new TimeToLiveSpec("expiresAt", null);
    assertThat(DesiredMapper.toDesired("ns", "t1", spec).timeToLive()).isEqualTo(new TimeToLive(true, "expiresAt"));

    spec.timeToLive = new TimeToLiveSpec("expiresAt", false);
    assertThat(DesiredMapper.toDesired("ns", "t1", spec).timeToLive()).isEqualTo(new TimeToLive(false, "expiresAt"));
  }

  @Test
  void tableClassWireNames() {
    assertThat(DesiredMapper.wireName(TableClass.Standard)).isEqualTo("STANDARD");
    assertThat(DesiredMapper.wireName(TableClass.StandardInfrequentAccess)).isEqualTo("STANDARD_INFREQUENT_ACCESS");
  }

  @Test
  void theOwnerTagCannotBeOverriddenBySpecTags() {
    GlobalTableSpec spec = spec();
    spec.tags = Map.of("globaltable.dev/owner", "someone/else");

    assertThat(DesiredMapper.toDesired("ns", "t1", spec).tags()).containsEntry("globaltable.dev/owner", "ns/t1");
  }

  @Test
  void nonKeyAttributesAreDroppedUnlessTheProjectionIsInclude() {
    GlobalTableSpec spec = spec();
    spec.globalSecondaryIndexes = List.of(gsi("ByX", key("X", AttributeType.S), null,
        projection(ProjectionType.KeysOnly, "Ignored")));

    assertThat(DesiredMapper.toDesired("ns", "t1", spec).globalSecondaryIndexes().get(0).projection())
        .isEqualTo(new Projection("KEYS_ONLY", List.of()));
  }

  @Test
  void projectionWireNames() {
    assertThat(DesiredMapper.wireName(ProjectionType.All)).isEqualTo("ALL");
    assertThat(DesiredMapper.wireName(ProjectionType.KeysOnly)).isEqualTo("KEYS_ONLY");
    assertThat(DesiredMapper.wireName(ProjectionType.Include)).isEqualTo("INCLUDE");
  }

  @Test
  void identityHoldsTheEffectiveNameAndDeepCopies() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.localSecondaryIndexes = List.of(lsi("ByDate", key("CreatedAt", AttributeType.N),
        projection(ProjectionType.Include, "A")));

    TableIdentity identity = DesiredMapper.identityOf("orders", spec);
    spec.keySchema.partitionKey.name = "Changed";
    spec.localSecondaryIndexes.get(0).projection.nonKeyAttributes.add("B");

    assertThat(identity.tableName).isEqualTo("orders");
    assertThat(identity.homeRegion).isEqualTo("us-east-1");
    assertThat(identity.keySchema.partitionKey.name).isEqualTo("PK");
    assertThat(identity.keySchema.sortKey.name).isEqualTo("SK");
    assertThat(identity.localSecondaryIndexes).hasSize(1);
    assertThat(identity.localSecondaryIndexes.get(0).name).isEqualTo("ByDate");
    assertThat(identity.localSecondaryIndexes.get(0).projection.nonKeyAttributes).containsExactly("A");
  }

  @Test
  void identityPrefersTheExplicitTableName() {
    GlobalTableSpec spec = spec();
    spec.tableName = "Orders";

    assertThat(DesiredMapper.identityOf("orders", spec).tableName).isEqualTo("Orders");
    assertThat(DesiredMapper.identityOf("orders", spec).localSecondaryIndexes).isNull();
  }

  // ------------------------------------------------------------------------------------------- alarms, dashboard

  private static final AlarmThreshold LATENCY_DEFAULT = new AlarmThreshold(10_000, 300, 2, 2);
  private static final AlarmThreshold COUNT_DEFAULT = new AlarmThreshold(1, 60, 5, 5);

  @Test
  void withoutAlarmsAndDashboardTheOperatorOwnsNoMonitoring() {
    Monitoring m = DesiredMapper.toDesired("payments", "orders", spec("us-east-1", "eu-west-1")).monitoring();

    assertThat(m).isEqualTo(Monitoring.NONE);
    assertThat(m.alarmsEnabled()).isFalse();
    assertThat(m.dashboard()).isFalse();
  }

  @Test
  void emptyAlarmsIsEveryKindWithItsDefaults() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.alarms = new AlarmsSpec();

    assertThat(DesiredMapper.toDesired("payments", "orders", spec).monitoring()).isEqualTo(new Monitoring(true,
        LATENCY_DEFAULT, COUNT_DEFAULT, COUNT_DEFAULT, COUNT_DEFAULT, List.of(), false));
  }

  @Test
  void eachKindTakesItsFieldsAndDatapointsToAlarmDefaultsToTheEvaluationPeriodsInEffect() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.replicationLatency = new ReplicationLatencyAlarmSpec(30_000L, 60, 10, null);
    spec.alarms.throttling = new CountAlarmSpec(null, null, 3, 2);
    spec.alarms.systemErrors = new CountAlarmSpec(5L, 300, null, null);
    spec.alarms.maxThroughputThrottling = new CountAlarmSpec(0L, 10, 8640, 1);
    spec.alarms.maxThroughputThrottling.enabled = true;

    assertThat(DesiredMapper.toDesired("payments", "orders", spec).monitoring()).isEqualTo(new Monitoring(true,
        new AlarmThreshold(30_000, 60, 10, 10),
        new AlarmThreshold(1, 60, 3, 2),
        new AlarmThreshold(5, 300, 5, 5),
        new AlarmThreshold(0, 10, 8640, 1),
        List.of(), false));
  }

  @Test
  void enabledFalseTurnsOnlyThatKindOffAndTheOperatorStillOwnsTheAlarms() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.replicationLatency = new ReplicationLatencyAlarmSpec();
    spec.alarms.replicationLatency.enabled = false;
    spec.alarms.systemErrors = new CountAlarmSpec(3L, 120, 2, 1);
    spec.alarms.systemErrors.enabled = false;

    Monitoring m = DesiredMapper.toDesired("payments", "orders", spec).monitoring();

    assertThat(m).isEqualTo(new Monitoring(true, null, COUNT_DEFAULT, null, COUNT_DEFAULT, List.of(), false));
    assertThat(m.alarmsEnabled()).as("alarms present: the operator deletes the alarms of the kinds turned off")
        .isTrue();
  }

  @Test
  void actionsAreKeptAsWrittenAndResolvedPerAlarmRegion() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.actions = List.of("arn:aws:sns:${region}:111122223333:dynamodb-alerts",
        "arn:aws:sns:${region}:444455556666:central");

    Monitoring m = DesiredMapper.toDesired("payments", "orders", spec).monitoring();

    assertThat(m.actions()).containsExactly("arn:aws:sns:${region}:111122223333:dynamodb-alerts",
        "arn:aws:sns:${region}:444455556666:central");
    assertThat(m.actionsIn("eu-west-1")).containsExactly("arn:aws:sns:eu-west-1:111122223333:dynamodb-alerts",
        "arn:aws:sns:eu-west-1:444455556666:central");
  }

  @Test
  void theDashboardIsOnOnlyWhenEnabledIsTrueWithOrWithoutAlarms() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.dashboard = new DashboardSpec(true);
    assertThat(DesiredMapper.toDesired("payments", "orders", spec).monitoring())
        .isEqualTo(new Monitoring(false, null, null, null, null, List.of(), true));

    spec.alarms = new AlarmsSpec();
    assertThat(DesiredMapper.toDesired("payments", "orders", spec).monitoring()).isEqualTo(new Monitoring(true,
        LATENCY_DEFAULT, COUNT_DEFAULT, COUNT_DEFAULT, COUNT_DEFAULT, List.of(), true));

    spec.alarms = null;
    spec.dashboard = new DashboardSpec(false);
    assertThat(DesiredMapper.toDesired("payments", "orders", spec).monitoring()).isEqualTo(Monitoring.NONE);
  }
}
