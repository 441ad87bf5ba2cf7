package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** PROVISIONED global tables: the write auto scaling gate on replica Create and its mirroring (aws-semantics 4.1). */
class ProvisionedGlobalTableConformanceTest extends SimTestSupport {
  static final String RES = "table/" + T;
  static final String GSI_RES = "table/" + T + "/index/byCustomer";
  static final ScalableDimension TW = ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS;
  static final ScalableDimension TR = ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS;
  static final ScalableDimension IW = ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS;
  static final String TABLE_TEXT = "Table write capacity should either be Pay-Per-Request or AutoScaled.";
  static final String GSI_TEXT = "GSI write capacity should either be Pay-Per-Request or AutoScaled.";

  final ApplicationAutoScalingClient aasUs = aws.applicationAutoScaling(US);
  final ApplicationAutoScalingClient aasEu = aws.applicationAutoScaling(EU);
  final CloudWatchClient cwEu = aws.cloudWatch(EU);

  void createProvisioned() {
    us.createTable(table(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L)).build());
    advance(6);
  }

  void createProvisionedWithIndex() {
    us.createTable(table(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L))
        .attributeDefinitions(attr("PK"), attr("SK"), attr("customer"))
        .globalSecondaryIndexes(g -> g.indexName("byCustomer").keySchema(hash("customer"))
            .projection(p -> p.projectionType(ProjectionType.ALL))
            .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L)))
        .build());
    advance(6);
  }

  void autoScaleTableWrite() {
    register(aasUs, RES, TW, 2, 50);
    aasUs.putScalingPolicy(policy("write-tt", RES, TW, MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION, 70));
  }

  void autoScaleIndexWrite() {
    register(aasUs, GSI_RES, IW, 1, 20);
    aasUs.putScalingPolicy(policy("gsi-write-tt", GSI_RES, IW, MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION, 60));
  }

  List<ScalableTarget> targets(ApplicationAutoScalingClient c) {
    return c.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)).scalableTargets();
  }

  List<ScalingPolicy> policies(ApplicationAutoScalingClient c) {
    return c.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)).scalingPolicies();
  }

  /** The rejected Create left nothing behind: no group, no UPDATING hold, no table in the target region. */
  void assertNothingChanged() {
    TableDescription d = describe(us);
    assertThat(d.tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(d.hasReplicas()).isFalse();
    assertThat(d.globalTableVersion()).isNull();
    advance(30);
    assertNotFound(() -> describe(eu), "Requested resource not found: Table: " + T + " not found");
    assertThat(targets(aasEu)).isEmpty();
  }

  // ------------------------------------------------------------------------------------------- the gate

  @Test
  void replicaCreateOnAProvisionedTableWithoutWriteAutoScalingIsRejected() {
    createProvisioned();

    assertValidation(() -> addReplica(us, EU), TABLE_TEXT);

    assertNothingChanged();
  }

  @Test
  void aBareWriteTargetWithoutAPolicyIsNotEnough() {
    createProvisioned();
    register(aasUs, RES, TW, 1, 10);

    assertValidation(() -> addReplica(us, EU), TABLE_TEXT);

    assertNothingChanged();
  }

  @Test
  void readAutoScalingDoesNotSatisfyTheWriteRule() {
    createProvisioned();
    register(aasUs, RES, TR, 1, 10);
    aasUs.putScalingPolicy(policy("read-tt", RES, TR, MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 70));

    assertValidation(() -> addReplica(us, EU), TABLE_TEXT);
  }

  @Test
  void writeAutoScalingInAnotherRegionDoesNotCount() {
    createProvisioned();
    register(aasEu, RES, TW, 1, 10);
    aasEu.putScalingPolicy(policy("write-tt", RES, TW, MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION, 70));

    assertValidation(() -> addReplica(us, EU), TABLE_TEXT);
  }

  @Test
  void everyGsiNeedsWriteAutoScalingToo() {
    createProvisionedWithIndex();
    autoScaleTableWrite();

    assertValidation(() -> addReplica(us, EU), GSI_TEXT);

    assertNothingChanged();
  }

  @Test
  void theTableRuleIsCheckedBeforeTheGsiRule() {
    createProvisionedWithIndex();
    autoScaleIndexWrite();

    assertValidation(() -> addReplica(us, EU), TABLE_TEXT);
  }

  @Test
  void writeAutoScaledTableAndGsisGetTheReplicaWithoutReadAutoScaling() {
    createProvisionedWithIndex();
    autoScaleTableWrite();
    autoScaleIndexWrite();

    addReplica(us, EU);
    advance(20);

    assertThat(describe(us).replicas()).singleElement()
        .satisfies(r -> assertThat(r.replicaStatusAsString()).isEqualTo("ACTIVE"));
    TableDescription e = describe(eu);
    assertThat(e.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
    assertThat(e.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);
  }

  @Test
  void onDemandTablesNeedNoAutoScaling() {
    createActive();

    addReplica(us, EU);
    advance(20);

    assertThat(describe(us).replicas().get(0).replicaStatusAsString()).isEqualTo("ACTIVE");
    assertThat(targets(aasEu)).as("nothing is mirrored for on-demand tables").isEmpty();
  }

  @Test
  void theGateAlsoAppliesToAFurtherReplicaCalledFromAMirroredRegion() {
    createProvisioned();
    autoScaleTableWrite();
    addReplica(us, EU);
    advance(20);

    // eu-west-1 now has the mirrored write auto scaling, so it can source a third replica.
    addReplica(eu, AP);
    advance(20);

    assertThat(describe(us).replicas()).extracting(r -> r.regionName() + "=" + r.replicaStatusAsString())
        .containsExactlyInAnyOrder(EU + "=ACTIVE", AP + "=ACTIVE");
  }

  @Test
  void removingThePolicyReopensTheGateForTheNextReplica() {
    createProvisioned();
    autoScaleTableWrite();
    addReplica(us, EU);
    advance(20);
    aasUs.deleteScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).policyName("write-tt")
        .resourceId(RES).scalableDimension(TW));

    assertValidation(() -> addReplica(us, AP), TABLE_TEXT);
  }

  // ------------------------------------------------------------------------------------------- mirroring

  @Test
  void writeAutoScalingIsMirroredIntoTheReplicaRegionOnceActive() {
    createProvisionedWithIndex();
    autoScaleTableWrite();
    autoScaleIndexWrite();
    register(aasUs, RES, TR, 3, 30);
    aasUs.putScalingPolicy(policy("read-tt", RES, TR, MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 50));

    addReplica(us, EU);
    advance(19);
    assertThat(targets(aasEu)).as("not before the replica is ACTIVE").isEmpty();
    assertThat(cwEu.describeAlarms().metricAlarms()).isEmpty();
    advance(1);

    assertThat(targets(aasEu)).extracting(t -> t.resourceId() + " " + t.scalableDimensionAsString() + " "
        + t.minCapacity() + ".." + t.maxCapacity())
        .containsExactly(RES + " dynamodb:table:WriteCapacityUnits 2..50",
            GSI_RES + " dynamodb:index:WriteCapacityUnits 1..20");
    assertThat(targets(aasEu)).allSatisfy(t -> assertThat(t.scalableTargetARN())
        .startsWith("arn:aws:application-autoscaling:" + EU + ":" + ACCOUNT + ":scalable-target/"));
    List<ScalingPolicy> mirrored = policies(aasEu);
    assertThat(mirrored).extracting(p -> p.policyName() + " " + p.resourceId() + " "
        + p.targetTrackingScalingPolicyConfiguration().targetValue() + " "
        + p.targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification().predefinedMetricTypeAsString())
        .containsExactly("write-tt " + RES + " 70.0 DynamoDBWriteCapacityUtilization",
            "gsi-write-tt " + GSI_RES + " 60.0 DynamoDBWriteCapacityUtilization");
    assertThat(mirrored.get(0).policyARN()).startsWith("arn:aws:autoscaling:" + EU + ":" + ACCOUNT + ":scalingPolicy:")
        .endsWith(":resource/dynamodb/" + RES + ":policyName/write-tt");
    List<MetricAlarm> alarms = cwEu.describeAlarms(b -> b.maxRecords(100)).metricAlarms();
    assertThat(alarms).hasSize(8);
    assertThat(alarms).extracting(MetricAlarm::alarmName)
        .filteredOn(n -> n.startsWith("TargetTracking-" + RES + "-AlarmHigh-")).hasSize(1);
    assertThat(alarms).extracting(MetricAlarm::alarmName)
        .filteredOn(n -> n.startsWith("TargetTracking-" + GSI_RES + "-AlarmLow-")).hasSize(1);
    assertThat(alarms).allSatisfy(a -> assertThat(a.alarmArn()).startsWith("arn:aws:cloudwatch:" + EU + ":"));
    assertThat(mirrored.get(0).alarms()).extracting(a -> a.alarmName())
        .allSatisfy(n -> assertThat(alarms).extracting(MetricAlarm::alarmName).contains(n));
    assertThat(targets(aasUs)).as("the source keeps its own targets, read included").hasSize(3);
  }

  @Test
  void aFailedReplicaCreateMirrorsNothing() {
    createProvisioned();
    autoScaleTableWrite();
    aws.faults().failReplicaCreate(EU);

    addReplica(us, EU);
    advance(20);

    assertThat(describe(us).replicas().get(0).replicaStatusAsString()).isEqualTo("CREATION_FAILED");
    assertThat(targets(aasEu)).isEmpty();
    assertThat(cwEu.describeAlarms().metricAlarms()).isEmpty();
  }

  // ------------------------------------------------------------------------------------------- GSIs on the group

  void addIndex(String index, String key) {
    us.updateTable(b -> b.tableName(T).attributeDefinitions(attr(key))
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(index)
            .keySchema(hash(key)).projection(p -> p.projectionType(ProjectionType.ALL))
            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))).build()));
  }

  void createProvisionedGlobalWithIndex() {
    createProvisionedWithIndex();
    autoScaleTableWrite();
    autoScaleIndexWrite();
    addReplica(us, EU);
    advance(20);
  }

  @Test
  void addingAGsiToTheGroupIsRejectedWhileAnExistingGsiLacksWriteAutoScaling() {
    createProvisionedGlobalWithIndex();
    aasUs.deleteScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).policyName("gsi-write-tt")
        .resourceId(GSI_RES).scalableDimension(IW));

    assertValidation(() -> addIndex("byRegion", "region"), GSI_TEXT);

    assertThat(describe(us).globalSecondaryIndexes()).extracting(g -> g.indexName()).containsExactly("byCustomer");
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
  }

  @Test
  void anAdmittedGsiGetsDefaultWriteAutoScalingInEveryRegion() {
    createProvisionedGlobalWithIndex();
    String res = "table/" + T + "/index/byRegion";

    addIndex("byRegion", "region");

    for (ApplicationAutoScalingClient c : List.of(aasUs, aasEu)) {
      assertThat(targets(c)).filteredOn(t -> t.resourceId().equals(res))
          .extracting(t -> t.scalableDimensionAsString() + " " + t.minCapacity() + ".." + t.maxCapacity())
          .containsExactly("dynamodb:index:WriteCapacityUnits 1..10");
      assertThat(policies(c)).filteredOn(p -> p.resourceId().equals(res))
          .extracting(p -> p.policyName() + " " + p.targetTrackingScalingPolicyConfiguration().targetValue() + " "
              + p.alarms().size())
          .containsExactly("DynamoDBWriteCapacityUtilization:" + res + " 70.0 4");
    }
    assertThat(cwEu.describeAlarms(b -> b.maxRecords(100)).metricAlarms()).extracting(MetricAlarm::alarmName)
        .filteredOn(n -> n.startsWith("TargetTracking-" + res + "-")).hasSize(4);
  }

  @Test
  void aGsiAddedToARegionalProvisionedTableGetsNoAutoScaling() {
    createProvisioned();

    addIndex("byRegion", "region");

    assertThat(targets(aasUs)).isEmpty();
  }
}
