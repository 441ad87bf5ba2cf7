package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingPolicyDescription;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingSettingsDescription;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingSettingsUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexAutoScalingUpdate;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReplicaAutoScalingDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaAutoScalingUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexAutoScalingDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexAutoScalingUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableAutoScalingDescription;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingResponse;

/**
 * UpdateTableReplicaAutoScaling / DescribeTableReplicaAutoScaling (aws-semantics 4.3, 2.1, 2.3): global tables only,
 * every region listed, per-region AAS state underneath, the exact error texts of the live probes.
 */
class ReplicaAutoScalingConformanceTest extends SimTestSupport {
  static final String IX = "byCustomer";
  static final String RES = "table/" + T;
  static final String IX_RES = RES + "/index/" + IX;
  static final ScalableDimension TW = ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS;
  static final ScalableDimension TR = ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS;
  static final ScalableDimension IW = ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS;
  static final ScalableDimension IR = ScalableDimension.DYNAMODB_INDEX_READ_CAPACITY_UNITS;
  static final String SLR = "arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/"
      + "dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable";
  static final String NOT_GLOBAL = "Global table with name: '" + T + "' does not exist.";
  static final String SETTINGS = "Failed to update settings for global table with name: \u2018" + T + "\u2019";
  static final AutoScalingSettingsDescription DISABLED =
      AutoScalingSettingsDescription.builder().autoScalingDisabled(true).scalingPolicies(List.of()).build();
  static final AutoScalingSettingsUpdate DISABLE = AutoScalingSettingsUpdate.builder().autoScalingDisabled(true)
      .build();

  final ApplicationAutoScalingClient aasUs = aws.applicationAutoScaling(US);
  final ApplicationAutoScalingClient aasEu = aws.applicationAutoScaling(EU);
  final CloudWatchClient cwUs = aws.cloudWatch(US);
  final CloudWatchClient cwEu = aws.cloudWatch(EU);

  // ------------------------------------------------------------------------------------------- fixtures

  /**
   * PROVISIONED 5/7 in us-east-1 (optionally with GSI byCustomer 3/4), write auto scaled through AAS (table 2..50
   * "write-tt" at 70, GSI 1..20 "gsi-write-tt" at 60), replica in eu-west-1 ACTIVE (write scaling mirrored there).
   */
  void createProvisionedGlobal(boolean withIndex) {
    CreateTableRequest.Builder b = table(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L));
    if (withIndex) {
      b.attributeDefinitions(attr("PK"), attr("SK"), attr("customer"))
          .globalSecondaryIndexes(g -> g.indexName(IX).keySchema(hash("customer"))
              .projection(p -> p.projectionType(ProjectionType.ALL))
              .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L)));
    }
    us.createTable(b.build());
    advance(6);
    register(aasUs, RES, TW, 2, 50);
    aasUs.putScalingPolicy(policy("write-tt", RES, TW, MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION, 70));
    if (withIndex) {
      register(aasUs, IX_RES, IW, 1, 20);
      aasUs.putScalingPolicy(policy("gsi-write-tt", IX_RES, IW, MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION,
          60));
    }
    addReplica(us, EU);
    advance(20);
    assertThat(describe(us).replicas().get(0).replicaStatusAsString()).isEqualTo("ACTIVE");
  }

  static AutoScalingSettingsUpdate enable(long min, long max, double target) {
    return AutoScalingSettingsUpdate.builder().minimumUnits(min).maximumUnits(max)
        .scalingPolicyUpdate(p -> p.targetTrackingScalingPolicyConfiguration(c -> c.targetValue(target))).build();
  }

  static AutoScalingSettingsUpdate enableNamed(String name, long min, long max, double target) {
    return enable(min, max, target).toBuilder()
        .scalingPolicyUpdate(p -> p.policyName(name).targetTrackingScalingPolicyConfiguration(c -> c.targetValue(
            target))).build();
  }

  /** The settings Describe shows for an auto scaled dimension of a PROVISIONED table. */
  static AutoScalingSettingsDescription shown(long min, long max, String policyName, double target) {
    return AutoScalingSettingsDescription.builder().minimumUnits(min).maximumUnits(max).autoScalingRoleArn(SLR)
        .scalingPolicies(AutoScalingPolicyDescription.builder().policyName(policyName)
            .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(target)).build())
        .build();
  }

  TableAutoScalingDescription ras(DynamoDbClient c) {
    return c.describeTableReplicaAutoScaling(b -> b.tableName(T)).tableAutoScalingDescription();
  }

  static ReplicaAutoScalingDescription in(TableAutoScalingDescription d, String region) {
    return d.replicas().stream().filter(r -> r.regionName().equals(region)).findFirst().orElseThrow();
  }

  UpdateTableReplicaAutoScalingResponse updateWrite(DynamoDbClient c, AutoScalingSettingsUpdate u) {
    return c.updateTableReplicaAutoScaling(b -> b.tableName(T).provisionedWriteCapacityAutoScalingUpdate(u));
  }

  UpdateTableReplicaAutoScalingResponse updateRead(DynamoDbClient c, String region, AutoScalingSettingsUpdate u) {
    return c.updateTableReplicaAutoScaling(b -> b.tableName(T).replicaUpdates(ReplicaAutoScalingUpdate.builder()
        .regionName(region).replicaProvisionedReadCapacityAutoScalingUpdate(u).build()));
  }

  static List<String> targets(ApplicationAutoScalingClient c) {
    return c.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)).scalableTargets().stream()
        .map(t -> t.resourceId() + " " + t.scalableDimensionAsString() + " " + t.minCapacity() + ".."
            + t.maxCapacity())
        .toList();
  }

  static List<ScalingPolicy> policies(ApplicationAutoScalingClient c) {
    return c.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)).scalingPolicies();
  }

  static List<String> policyNames(ApplicationAutoScalingClient c) {
    return policies(c).stream().map(p -> p.resourceId() + " " + p.scalableDimensionAsString() + " " + p.policyName()
        + " " + p.targetTrackingScalingPolicyConfiguration().targetValue()).toList();
  }

  /** Alarm names without their UUID suffix. */
  static List<String> alarmKinds(CloudWatchClient c) {
    return c.describeAlarms(b -> b.maxRecords(100)).metricAlarms().stream().map(MetricAlarm::alarmName)
        .map(n -> n.replaceAll("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "")).sorted()
        .toList();
  }

  static List<String> trackingAlarms(String resourceId) {
    return List.of("TargetTracking-" + resourceId + "-AlarmHigh", "TargetTracking-" + resourceId + "-AlarmLow",
        "TargetTracking-" + resourceId + "-ProvisionedCapacityHigh",
        "TargetTracking-" + resourceId + "-ProvisionedCapacityLow");
  }

  // ------------------------------------------------------------------------------------------- global tables only

  @Test
  void bothAreNotFoundOnARegionalOrMissingTable() {
    createActive();

    assertNotFound(() -> ras(us), NOT_GLOBAL);
    assertNotFound(() -> updateWrite(us, DISABLE), NOT_GLOBAL);
    assertNotFound(() -> us.describeTableReplicaAutoScaling(b -> b.tableName("Nope")),
        "Global table with name: 'Nope' does not exist.");
    assertNotFound(() -> us.updateTableReplicaAutoScaling(b -> b.tableName("Nope")
        .provisionedWriteCapacityAutoScalingUpdate(DISABLE)), "Global table with name: 'Nope' does not exist.");
  }

  @Test
  void aRemovedLastReplicaMakesTheTableRegionalAgain() {
    createGlobal();
    removeReplica(us, EU);
    advance(40);

    // While the replica is DELETING the table is still global and the region still listed.
    assertThat(ras(us).replicas()).extracting(r -> r.regionName() + "=" + r.replicaStatusAsString())
        .containsExactly(EU + "=DELETING", US + "=ACTIVE");

    advance(90); // the entry is removed 125 s after the Delete

    assertNotFound(() -> ras(us), NOT_GLOBAL);
    assertNotFound(() -> updateWrite(us, DISABLE), NOT_GLOBAL);
  }

  // ------------------------------------------------------------------------------------------- Describe

  @Test
  void describeListsEveryRegionAlphabeticallyWhereverItIsCalled() {
    createGlobal();
    addReplica(us, AP);
    advance(20);

    for (DynamoDbClient c : List.of(us, eu, ap)) {
      TableAutoScalingDescription d = ras(c);
      assertThat(d.tableName()).isEqualTo(T);
      assertThat(d.tableStatusAsString()).isEqualTo("ACTIVE");
      assertThat(d.replicas()).extracting(ReplicaAutoScalingDescription::regionName).containsExactly(AP, EU, US);
      // On-demand, never configured: every dimension reads as disabled, GSIs as an empty list.
      assertThat(d.replicas()).allSatisfy(r -> {
        assertThat(r.replicaStatusAsString()).isEqualTo("ACTIVE");
        assertThat(r.replicaProvisionedReadCapacityAutoScalingSettings()).isEqualTo(DISABLED);
        assertThat(r.replicaProvisionedWriteCapacityAutoScalingSettings()).isEqualTo(DISABLED);
        assertThat(r.hasGlobalSecondaryIndexes()).isTrue();
        assertThat(r.globalSecondaryIndexes()).isEmpty();
      });
    }
  }

  @Test
  void describeReadsTheTargetsAndPoliciesOfEachRegion() {
    createProvisionedGlobal(true);
    register(aasUs, RES, TR, 3, 30); // a target without a policy

    TableAutoScalingDescription d = ras(eu);

    for (String region : List.of(US, EU)) {
      ReplicaAutoScalingDescription r = in(d, region);
      assertThat(r.replicaProvisionedWriteCapacityAutoScalingSettings()).isEqualTo(shown(2, 50, "write-tt", 70));
      assertThat(r.replicaProvisionedWriteCapacityAutoScalingSettings().autoScalingDisabled()).isNull();
      assertThat(r.replicaProvisionedReadCapacityAutoScalingSettings()).as("policy-less target").isEqualTo(DISABLED);
      assertThat(r.globalSecondaryIndexes()).containsExactly(ReplicaGlobalSecondaryIndexAutoScalingDescription
          .builder().indexName(IX).indexStatus("ACTIVE").provisionedReadCapacityAutoScalingSettings(DISABLED)
          .provisionedWriteCapacityAutoScalingSettings(shown(1, 20, "gsi-write-tt", 60)).build());
    }
    assertThat(targets(aasUs)).as("the policy-less target stays registered").contains(RES
        + " dynamodb:table:ReadCapacityUnits 3..30");

    aasUs.putScalingPolicy(policy("read-tt", RES, TR, MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 50));
    assertThat(in(ras(eu), US).replicaProvisionedReadCapacityAutoScalingSettings())
        .isEqualTo(shown(3, 30, "read-tt", 50));
    assertThat(in(ras(eu), EU).replicaProvisionedReadCapacityAutoScalingSettings()).isEqualTo(DISABLED);

    aasUs.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(RES)
        .scalableDimension(TR));
    assertThat(in(ras(eu), US).replicaProvisionedReadCapacityAutoScalingSettings()).isEqualTo(DISABLED);
  }

  @Test
  void anOnDemandGroupKeepsItsTargetsAndShowsThemDisabled() {
    createProvisionedGlobal(false);
    us.updateTable(b -> b.tableName(T).billingMode(BillingMode.PAY_PER_REQUEST));
    advance(40);

    AutoScalingSettingsDescription write = in(ras(us), US).replicaProvisionedWriteCapacityAutoScalingSettings();

    assertThat(write).isEqualTo(shown(2, 50, "write-tt", 70).toBuilder().autoScalingDisabled(true).build());
  }

  @Test
  void describeDuringAReplicaCreateOfANonEmptyTableFailsUntilTheReplicaTableAnswers() {
    createActive();
    aws.putItems(US, T, 1);
    addReplica(us, EU);
    advance(8); // the entry is listed from 6 s, the eu-west-1 table answers from 10 s

    DynamoDbException e = awsError(() -> ras(us));
    assertThat(e).isInstanceOf(ResourceNotFoundException.class);
    assertThat(e.awsErrorDetails().errorMessage()).matches(Pattern.quote("Requested resource not found: Table: " + T
        + " not found (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException; Request "
        + "ID: ") + "[A-Z0-9]{52}" + Pattern.quote("; Proxy: null)"));

    advance(4);
    assertThat(ras(us).replicas()).extracting(r -> r.regionName() + "=" + r.replicaStatusAsString())
        .containsExactly(EU + "=CREATING", US + "=ACTIVE");
  }

  @Test
  void theTableArnIsAcceptedAsTableName() {
    createGlobal();

    TableAutoScalingDescription d = eu.describeTableReplicaAutoScaling(b -> b.tableName(arn(EU, T)))
        .tableAutoScalingDescription();

    assertThat(d.tableName()).isEqualTo(T);
    assertThat(d.replicas()).extracting(ReplicaAutoScalingDescription::regionName).containsExactly(EU, US);
  }

  // ------------------------------------------------------------------------------------------- Update

  @Test
  void tableWriteIsAppliedInEveryRegionUnderTheServerPolicyName() {
    createProvisionedGlobal(false);

    updateWrite(eu, enable(3, 30, 60));

    String server = "DynamoDBWriteCapacityUtilization:" + RES;
    for (ApplicationAutoScalingClient c : List.of(aasUs, aasEu)) {
      assertThat(targets(c)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits 3..30");
      // The new name replaces the AAS-created "write-tt" policy: one policy per dimension.
      assertThat(policyNames(c)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits " + server + " 60.0");
      assertThat(policies(c).get(0).targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification()
          .predefinedMetricTypeAsString()).isEqualTo("DynamoDBWriteCapacityUtilization");
    }
    for (CloudWatchClient c : List.of(cwUs, cwEu)) {
      assertThat(alarmKinds(c)).as("write-tt's alarms are gone, the new policy has its four")
          .containsExactlyElementsOf(trackingAlarms(RES));
      assertThat(c.describeAlarms(b -> b.maxRecords(100)).metricAlarms()).allSatisfy(a ->
          assertThat(a.alarmActions()).containsExactly(policies(c == cwUs ? aasUs : aasEu).get(0).policyARN()));
    }
    assertThat(in(ras(us), EU).replicaProvisionedWriteCapacityAutoScalingSettings()).isEqualTo(shown(3, 30, server,
        60));
  }

  @Test
  void replicaReadIsAppliedInTheNamedRegionOnly() {
    createProvisionedGlobal(false);

    updateRead(us, EU, enableNamed("eu-read", 1, 10, 70));

    assertThat(targets(aasEu)).contains(RES + " dynamodb:table:ReadCapacityUnits 1..10");
    assertThat(policyNames(aasEu)).contains(RES + " dynamodb:table:ReadCapacityUnits eu-read 70.0");
    assertThat(targets(aasUs)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits 2..50");
    TableAutoScalingDescription d = ras(us);
    assertThat(in(d, EU).replicaProvisionedReadCapacityAutoScalingSettings()).isEqualTo(shown(1, 10, "eu-read", 70));
    assertThat(in(d, US).replicaProvisionedReadCapacityAutoScalingSettings()).isEqualTo(DISABLED);
  }

  @Test
  void gsiWriteGoesEverywhereAndReplicaGsiReadToItsRegion() {
    createProvisionedGlobal(true);

    us.updateTableReplicaAutoScaling(b -> b.tableName(T)
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexAutoScalingUpdate.builder().indexName(IX)
            .provisionedWriteCapacityAutoScalingUpdate(enable(2, 12, 55)).build())
        .replicaUpdates(ReplicaAutoScalingUpdate.builder().regionName(US)
            .replicaGlobalSecondaryIndexUpdates(ReplicaGlobalSecondaryIndexAutoScalingUpdate.builder().indexName(IX)
                .provisionedReadCapacityAutoScalingUpdate(enable(4, 40, 45)).build())
            .build()));

    String write = "DynamoDBWriteCapacityUtilization:" + IX_RES;
    String read = "DynamoDBReadCapacityUtilization:" + IX_RES;
    assertThat(policyNames(aasEu)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits write-tt 70.0",
        IX_RES + " dynamodb:index:WriteCapacityUnits " + write + " 55.0");
    assertThat(policyNames(aasUs)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits write-tt 70.0",
        IX_RES + " dynamodb:index:WriteCapacityUnits " + write + " 55.0",
        IX_RES + " dynamodb:index:ReadCapacityUnits " + read + " 45.0");
    TableAutoScalingDescription d = ras(eu);
    ReplicaGlobalSecondaryIndexAutoScalingDescription usIndex = in(d, US).globalSecondaryIndexes().get(0);
    assertThat(usIndex.provisionedReadCapacityAutoScalingSettings()).isEqualTo(shown(4, 40, read, 45));
    assertThat(usIndex.provisionedWriteCapacityAutoScalingSettings()).isEqualTo(shown(2, 12, write, 55));
    ReplicaGlobalSecondaryIndexAutoScalingDescription euIndex = in(d, EU).globalSecondaryIndexes().get(0);
    assertThat(euIndex.provisionedReadCapacityAutoScalingSettings()).isEqualTo(DISABLED);
    assertThat(euIndex.provisionedWriteCapacityAutoScalingSettings()).isEqualTo(shown(2, 12, write, 55));
  }

  @Test
  void theResponseEchoesTheSettingsFromBeforeTheUpdate() {
    createProvisionedGlobal(false);

    UpdateTableReplicaAutoScalingResponse r = updateRead(us, US, enable(1, 10, 70));

    assertThat(in(r.tableAutoScalingDescription(), US).replicaProvisionedReadCapacityAutoScalingSettings())
        .isEqualTo(DISABLED);
    assertThat(in(ras(us), US).replicaProvisionedReadCapacityAutoScalingSettings())
        .isEqualTo(shown(1, 10, "DynamoDBReadCapacityUtilization:" + RES, 70));
  }

  @Test
  void reSendingTheSamePolicyKeepsItAndANewNameReplacesIt() {
    createProvisionedGlobal(false);
    updateRead(us, US, enableNamed("p1", 1, 10, 70));
    ScalingPolicy first = policies(aasUs).stream().filter(p -> p.policyName().equals("p1")).findFirst()
        .orElseThrow();
    List<String> alarmsBefore = cwUs.describeAlarms(b -> b.maxRecords(100)).metricAlarms().stream()
        .map(MetricAlarm::alarmName).toList();

    updateRead(us, US, enableNamed("p1", 1, 10, 70));

    assertThat(policies(aasUs)).filteredOn(p -> p.policyName().equals("p1")).singleElement()
        .satisfies(p -> assertThat(p.policyARN()).isEqualTo(first.policyARN()))
        .satisfies(p -> assertThat(p.creationTime()).isEqualTo(first.creationTime()));
    assertThat(cwUs.describeAlarms(b -> b.maxRecords(100)).metricAlarms()).extracting(MetricAlarm::alarmName)
        .containsExactlyElementsOf(alarmsBefore);

    updateRead(us, US, enableNamed("p2", 2, 20, 40));

    assertThat(policyNames(aasUs)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits write-tt 70.0",
        RES + " dynamodb:table:ReadCapacityUnits p2 40.0");
    assertThat(alarmKinds(cwUs)).hasSize(8);
  }

  @Test
  void disablingDeregistersThatDimensionOnlyAndMayBeRepeated() {
    createProvisionedGlobal(false);
    updateRead(us, US, enable(1, 10, 70));

    updateRead(us, US, DISABLE);

    assertThat(targets(aasUs)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits 2..50");
    assertThat(policyNames(aasUs)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits write-tt 70.0");
    assertThat(alarmKinds(cwUs)).containsExactlyElementsOf(trackingAlarms(RES));
    assertThat(in(ras(us), US).replicaProvisionedReadCapacityAutoScalingSettings()).isEqualTo(DISABLED);

    updateRead(us, US, DISABLE); // disabling what is not there is fine
    updateWrite(us, DISABLE); // write: every region

    assertThat(targets(aasUs)).isEmpty();
    assertThat(targets(aasEu)).isEmpty();
    assertThat(cwEu.describeAlarms().metricAlarms()).isEmpty();
  }

  // ------------------------------------------------------------------------------------------- Update errors

  @Test
  void anOnDemandGroupAcceptsOnlyDisabling() {
    createGlobal();
    String prefix = "Failed to update global table with name \u2018" + T + "\u2018. Replicas 'EU-WEST-1', "
        + "'US-EAST-1' BillingMode is PayPerRequest. You must convert table's BillingMode to PROVISIONED to set "
        + "parameters: ";

    assertValidation(() -> updateWrite(us, enable(1, 10, 70)),
        prefix + "'GlobalTableProvisionedWriteCapacityAutoScalingSettingsUpdate'.");
    assertValidation(() -> updateRead(eu, US, enable(1, 10, 70)),
        prefix + "'ReplicaProvisionedReadCapacityAutoScalingSettingsUpdate'.");

    updateWrite(us, DISABLE);
    updateRead(us, EU, DISABLE);
    assertThat(targets(aasUs)).isEmpty();
  }

  @Test
  void partialSettingsAreRejectedUnlessDisabling() {
    createProvisionedGlobal(false);
    String tail = " are required unless auto scaling is being disabled.";

    assertValidation(() -> updateRead(us, US, AutoScalingSettingsUpdate.builder().minimumUnits(1L).maximumUnits(10L)
        .build()), SETTINGS + ": Parameters 'ScalingPolicyUpdate'" + tail);
    assertValidation(() -> updateRead(us, US, enable(1, 10, 70).toBuilder().minimumUnits(null).maximumUnits(null)
        .build()), SETTINGS + ": Parameters 'MaximumUnits', 'MinimumUnits'" + tail);
    assertValidation(() -> updateRead(us, US, enable(1, 10, 70).toBuilder().maximumUnits(null).build()),
        SETTINGS + ": Parameters 'MaximumUnits'" + tail);
    assertValidation(() -> updateWrite(us, enable(1, 10, 70).toBuilder().minimumUnits(null).build()),
        SETTINGS + ": Parameters 'MinimumUnits'" + tail);
    assertValidation(() -> updateWrite(us, AutoScalingSettingsUpdate.builder().build()),
        SETTINGS + ": Parameters 'MaximumUnits', 'ScalingPolicyUpdate', 'MinimumUnits'" + tail);
    assertValidation(() -> updateWrite(us, AutoScalingSettingsUpdate.builder().autoScalingDisabled(false).build()),
        SETTINGS + ": Parameters 'MaximumUnits', 'ScalingPolicyUpdate', 'MinimumUnits'" + tail);

    assertThat(policyNames(aasUs)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits write-tt 70.0");
  }

  @Test
  void disablingWithSettingsIsRejected() {
    createProvisionedGlobal(false);
    String prefix = "Failed to update settings for global table with name \u2018" + T + "\u2019: Parameters ";

    assertValidation(() -> updateWrite(us, DISABLE.toBuilder().minimumUnits(1L).maximumUnits(10L).build()),
        prefix + "'MaximumUnits', 'MinimumUnits' must be left blank when disabling auto scaling.");
    assertValidation(() -> updateWrite(us, enable(1, 10, 70).toBuilder().autoScalingDisabled(true).minimumUnits(null)
        .maximumUnits(null).build()), prefix + "'ScalingPolicyUpdate' must be left blank when disabling auto scaling.");

    assertThat(targets(aasUs)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits 2..50");
  }

  @Test
  void aRegionNamedTwiceIsRejected() {
    createProvisionedGlobal(false);
    ReplicaAutoScalingUpdate read = ReplicaAutoScalingUpdate.builder().regionName(EU)
        .replicaProvisionedReadCapacityAutoScalingUpdate(enable(1, 10, 70)).build();

    assertValidation(() -> us.updateTableReplicaAutoScaling(b -> b.tableName(T).replicaUpdates(read, read)),
        SETTINGS + " because the regions: \u2018[" + EU + "]\u2019 were specified more than once.");

    assertThat(targets(aasEu)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits 2..50");
  }

  @Test
  void aRegionWithoutSettingsOrNoSettingsAtAllAreRejected() {
    createProvisionedGlobal(false);

    assertValidation(() -> us.updateTableReplicaAutoScaling(b -> b.tableName(T)
        .replicaUpdates(ReplicaAutoScalingUpdate.builder().regionName(US).build())),
        SETTINGS + " because at least one update parameter must be specified for region: \u2018" + US + "\u2019.");
    assertValidation(() -> us.updateTableReplicaAutoScaling(b -> b.tableName(T)),
        SETTINGS + " because at least one update parameter must be specified.");
  }

  @Test
  void applicationAutoScalingErrorsPassThroughAndChangeNothing() {
    createProvisionedGlobal(false);
    String suffix = Pattern.quote(" (Service: AWSApplicationAutoScaling; Status Code: 400; Error Code: "
        + "ValidationException; Request ID: ") + "[0-9a-f-]{36}" + Pattern.quote("; Proxy: null)");

    DynamoDbException minMax = awsError(() -> updateWrite(us, enable(20, 10, 70)));
    DynamoDbException target = awsError(() -> updateRead(us, EU, enable(1, 10, 90.1)));

    assertThat(minMax.getClass()).isEqualTo(DynamoDbException.class);
    assertThat(minMax.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(minMax.awsErrorDetails().errorMessage())
        .matches(Pattern.quote("Maximum capacity cannot be less than minimum capacity") + suffix);
    assertThat(target.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(target.awsErrorDetails().errorMessage()).matches(Pattern.quote("For predefined metric type "
        + "DynamoDBReadCapacityUtilization, target value must be between '10.0' and '90.0', but was '90.1'.")
        + suffix);
    assertThat(targets(aasUs)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits 2..50");
    assertThat(targets(aasEu)).containsExactly(RES + " dynamodb:table:WriteCapacityUnits 2..50");
  }

  @Test
  void aRoleOtherThanTheServiceLinkedOneFailsWithPassRole() {
    createProvisionedGlobal(false);
    String role = "arn:aws:iam::" + ACCOUNT + ":role/Admin";

    DynamoDbException e = awsError(() -> updateRead(us, US, enable(1, 10, 70).toBuilder().autoScalingRoleArn(role)
        .build()));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(e.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:sts::" + ACCOUNT + ":assumed-role/"
        + "AWSServiceRoleForDynamoDBReplication/DynamoDBReplication is not authorized to perform: iam:PassRole on "
        + "resource: " + role + " because no identity-based policy allows the iam:PassRole action (Service: "
        + "AWSApplicationAutoScaling; Status Code: 400;");
    updateRead(us, US, enable(1, 10, 70).toBuilder().autoScalingRoleArn(SLR).build());
    assertThat(targets(aasUs)).contains(RES + " dynamodb:table:ReadCapacityUnits 1..10");
  }

  @Test
  void unknownIndexesAndRegionsAreNotFound() {
    createProvisionedGlobal(true);

    assertNotFound(() -> us.updateTableReplicaAutoScaling(b -> b.tableName(T).globalSecondaryIndexUpdates(
        GlobalSecondaryIndexAutoScalingUpdate.builder().indexName("nope").provisionedWriteCapacityAutoScalingUpdate(
            DISABLE).build())),
        SETTINGS + " because the global secondary indexes with names: \u2018[nope]\u2019 do not exist.");
    assertNotFound(() -> us.updateTableReplicaAutoScaling(b -> b.tableName(T).replicaUpdates(ReplicaAutoScalingUpdate
        .builder().regionName(EU).replicaGlobalSecondaryIndexUpdates(ReplicaGlobalSecondaryIndexAutoScalingUpdate
            .builder().indexName("nope").provisionedReadCapacityAutoScalingUpdate(DISABLE).build()).build())),
        SETTINGS + " because a global secondary index with name: \u2018nope\u2019 does not exist in region: \u2018"
            + EU + "\u2019.");
    assertNotFound(() -> updateRead(us, AP, DISABLE), SETTINGS + " because the global table has no replica in "
        + "region: \u2018" + AP + "\u2019 (simulator rule).");
  }

  @Test
  void anIndexBeingCreatedIsNeitherListedNorUpdatable() {
    createProvisionedGlobal(true);
    us.updateTable(b -> b.tableName(T).attributeDefinitions(attr("region"))
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byRegion")
            .keySchema(hash("region")).projection(p -> p.projectionType(ProjectionType.ALL))
            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))).build()));
    advance(40); // table ACTIVE again, byRegion CREATING (backfilling) in every region

    assertThat(describe(us).globalSecondaryIndexes()).extracting(g -> g.indexName() + "=" + g.indexStatusAsString())
        .contains("byRegion=CREATING");
    assertThat(in(ras(us), EU).globalSecondaryIndexes()).extracting(g -> g.indexName()).containsExactly(IX);
    assertNotFound(() -> us.updateTableReplicaAutoScaling(b -> b.tableName(T).globalSecondaryIndexUpdates(
        GlobalSecondaryIndexAutoScalingUpdate.builder().indexName("byRegion")
            .provisionedWriteCapacityAutoScalingUpdate(enable(1, 10, 70)).build())),
        SETTINGS + " because the global secondary indexes with names: \u2018[byRegion]\u2019 do not exist.");
  }

  @Test
  void anUpdateWhileTheTableOrAReplicaIsNotActiveIsResourceInUse() {
    createProvisionedGlobal(false);
    us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)); // holds us-east-1 UPDATING ~35 s

    assertInUse(() -> updateRead(us, US, enable(1, 10, 70)), TERSE);
    assertInUse(() -> updateRead(eu, EU, enable(1, 10, 70)), TERSE); // called where the other member is UPDATING
    // Describe is admitted, and the facade reports the table ACTIVE while DescribeTable says UPDATING.
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(ras(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(in(ras(eu), US).replicaStatusAsString()).isEqualTo("UPDATING");

    advance(35);
    updateRead(us, US, enable(1, 10, 70));
    assertThat(targets(aasUs)).contains(RES + " dynamodb:table:ReadCapacityUnits 1..10");
  }

  @Test
  void requestConstraintsAreCheckedFirst() {
    createProvisionedGlobal(false);

    assertValidation(() -> updateWrite(us, enable(0, 10, 70)), "1 validation error detected: Value '0' at "
        + "'provisionedWriteCapacityAutoScalingUpdate.minimumUnits' failed to satisfy constraint: Member must have "
        + "value greater than or equal to 1");
    assertValidation(() -> us.updateTableReplicaAutoScaling(b -> b.tableName(T).replicaUpdates(List.of())),
        "1 validation error detected: Value '[]' at 'replicaUpdates' failed to satisfy constraint: Member must have "
            + "length greater than or equal to 1");
  }

  // ------------------------------------------------------------------------------------------- journal and faults

  @Test
  void callsAreJournalledAndFaultedLikeOtherDynamoDbCalls() {
    createProvisionedGlobal(false);
    aws.journal().clear();

    ras(us);
    updateWrite(us, enable(3, 30, 60));
    assertValidation(() -> updateWrite(us, AutoScalingSettingsUpdate.builder().build()),
        SETTINGS + ": Parameters 'MaximumUnits', 'ScalingPolicyUpdate', 'MinimumUnits' are required unless auto "
            + "scaling is being disabled.");
    aws.faults().throttleRate(1.0);
    DynamoDbException throttled = awsError(() -> updateWrite(us, DISABLE));
    aws.faults().clear();

    assertThat(throttled).isInstanceOf(ThrottlingException.class);
    assertThat(targets(aasUs)).as("the faulted call changed nothing")
        .containsExactly(RES + " dynamodb:table:WriteCapacityUnits 3..30");
    assertThat(aws.journal().entries().subList(0, 4)).extracting(e -> e.service() + " " + e.operation() + " "
        + e.region() + " " + e.mutating() + " " + e.outcome() + " " + e.message())
        .containsExactly(
            "dynamodb DescribeTableReplicaAutoScaling us-east-1 false OK Orders ACTIVE, 2 regions",
            "dynamodb UpdateTableReplicaAutoScaling us-east-1 true OK Orders: table write 3..30 at 60.0 in "
                + "[eu-west-1, us-east-1]",
            "dynamodb UpdateTableReplicaAutoScaling us-east-1 true ValidationException " + SETTINGS
                + ": Parameters 'MaximumUnits', 'ScalingPolicyUpdate', 'MinimumUnits' are required unless auto "
                + "scaling is being disabled.",
            "dynamodb UpdateTableReplicaAutoScaling us-east-1 true ThrottlingException Rate exceeded (injected)");
  }
}
