package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.ConcurrentUpdateException;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.InvalidNextTokenException;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Conformance of the simulated Application Auto Scaling API (aws-semantics 4.1, 4.2) and its alarms. */
class AutoScalingSimulatorTest extends SimTestSupport {
  static final String RES = "table/" + T;
  static final String GSI_RES = "table/" + T + "/index/byCustomer";
  static final ScalableDimension TW = ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS;
  static final ScalableDimension TR = ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS;
  static final ScalableDimension IW = ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS;

  final ApplicationAutoScalingClient aasUs = aws.applicationAutoScaling(US);
  final ApplicationAutoScalingClient aasEu = aws.applicationAutoScaling(EU);
  final CloudWatchClient cwUs = aws.cloudWatch(US);
  final CloudWatchClient cwEu = aws.cloudWatch(EU);

  // ------------------------------------------------------------------------------------------- helpers

  static PutScalingPolicyRequest writePolicy(double target) {
    return policy("write-tt", RES, TW, MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION, target);
  }

  List<ScalableTarget> targets(ApplicationAutoScalingClient c) {
    return c.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)).scalableTargets();
  }

  List<ScalingPolicy> policies(ApplicationAutoScalingClient c) {
    return c.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)).scalingPolicies();
  }

  static List<String> alarmNames(CloudWatchClient c) {
    return c.describeAlarms(b -> b.maxRecords(100)).metricAlarms().stream().map(MetricAlarm::alarmName).toList();
  }

  static <E extends ApplicationAutoScalingException> E assertAas(Runnable call, Class<E> type, String code,
      String message) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).as("expected an AWS error").isExactlyInstanceOf(type);
    E e = type.cast(t);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    assertThat(e.awsErrorDetails().serviceName()).isEqualTo("ApplicationAutoScaling");
    assertThat(e.statusCode()).isEqualTo(400);
    return e;
  }

  static void assertAasValidation(Runnable call, String message) {
    assertAas(call, ValidationException.class, "ValidationException", message);
  }

  // ------------------------------------------------------------------------------------------- targets

  @Test
  void registerCreatesATargetWithExactFields() {
    String arn = aasUs.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(RES)
        .scalableDimension(TW).minCapacity(5).maxCapacity(40)).scalableTargetARN();

    assertThat(arn).matches("arn:aws:application-autoscaling:us-east-1:111122223333:scalable-target/[0-9a-f]{28}");
    ScalableTarget t = targets(aasUs).get(0);
    assertThat(t.serviceNamespace()).isEqualTo(ServiceNamespace.DYNAMODB);
    assertThat(t.resourceId()).isEqualTo(RES);
    assertThat(t.scalableDimension()).isEqualTo(TW);
    assertThat(t.minCapacity()).isEqualTo(5);
    assertThat(t.maxCapacity()).isEqualTo(40);
    assertThat(t.creationTime()).isEqualTo(T0);
    assertThat(t.scalableTargetARN()).isEqualTo(arn);
    assertThat(t.roleARN()).isEqualTo("arn:aws:iam::111122223333:role/aws-service-role/"
        + "dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable");
    assertThat(targets(aasEu)).as("targets are regional").isEmpty();
  }

  @Test
  void registeringANewTargetNeedsMinAndMax() {
    assertAasValidation(() -> register(aasUs, RES, TW, 5, null),
        "MinCapacity and MaxCapacity are required for registering a new scalable target.");
    assertAasValidation(() -> register(aasUs, RES, TW, null, 10),
        "MinCapacity and MaxCapacity are required for registering a new scalable target.");
    assertThat(targets(aasUs)).isEmpty();
  }

  @Test
  void maximumBelowMinimumIsRejectedOnCreateAndOnUpdate() {
    assertAasValidation(() -> register(aasUs, RES, TW, 10, 5),
        "Maximum capacity cannot be less than minimum capacity");
    assertThat(targets(aasUs)).isEmpty();

    register(aasUs, RES, TW, 5, 40);
    assertAasValidation(() -> register(aasUs, RES, TW, 50, null),
        "Maximum capacity cannot be less than minimum capacity");
    assertThat(targets(aasUs).get(0).minCapacity()).isEqualTo(5);
  }

  @Test
  void reRegisteringWithOmittedBoundsKeepsThemAndTheArn() {
    register(aasUs, RES, TW, 5, 40);
    String arn = targets(aasUs).get(0).scalableTargetARN();
    advance(60);

    register(aasUs, RES, TW, null, 100);
    ScalableTarget t = targets(aasUs).get(0);
    assertThat(t.minCapacity()).isEqualTo(5);
    assertThat(t.maxCapacity()).isEqualTo(100);
    register(aasUs, RES, TW, 7, null);
    t = targets(aasUs).get(0);
    assertThat(t.minCapacity()).isEqualTo(7);
    assertThat(t.maxCapacity()).isEqualTo(100);
    assertThat(t.scalableTargetARN()).isEqualTo(arn);
    assertThat(t.creationTime()).isEqualTo(T0);
    assertThat(targets(aasUs)).hasSize(1);
  }

  @Test
  void aTargetMayNameATableThatDoesNotExist() {
    register(aasUs, "table/NoSuchTable", TW, 1, 10);
    assertThat(targets(aasUs)).extracting(ScalableTarget::resourceId).containsExactly("table/NoSuchTable");
  }

  @Test
  void onlyTheDynamodbNamespaceIsModelled() {
    assertAasValidation(() -> aasUs.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
            .resourceId(RES).scalableDimension(TW).minCapacity(1).maxCapacity(2)),
        "Unsupported service namespace: ecs (the simulator models dynamodb only)");
    assertAasValidation(() -> aasUs.describeScalableTargets(b -> b.resourceIds(RES)),
        "1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: Member must "
            + "not be null");
  }

  @Test
  void resourceIdAndDimensionMustAgree() {
    assertAasValidation(() -> register(aasUs, RES, IW, 1, 10),
        "Unsupported scalable dimension: dynamodb:index:WriteCapacityUnits for resource ID: table/Orders");
    assertAasValidation(() -> register(aasUs, GSI_RES, TW, 1, 10),
        "Unsupported scalable dimension: dynamodb:table:WriteCapacityUnits for resource ID: "
            + "table/Orders/index/byCustomer");
    assertAasValidation(() -> register(aasUs, "Orders", TW, 1, 10),
        "Unsupported resource ID format: Orders. Expected table/<table-name> or "
            + "table/<table-name>/index/<index-name>");
    register(aasUs, GSI_RES, IW, 1, 10);
    assertThat(targets(aasUs)).extracting(ScalableTarget::resourceId).containsExactly(GSI_RES);
  }

  @Test
  void describeFiltersByResourceIdsAndDimensionAndPages() {
    register(aasUs, RES, TW, 1, 10);
    register(aasUs, RES, TR, 1, 10);
    register(aasUs, GSI_RES, IW, 1, 10);
    register(aasUs, "table/Other", TW, 1, 10);

    assertThat(aasUs.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).resourceIds(RES))
        .scalableTargets()).extracting(ScalableTarget::scalableDimension).containsExactly(TW, TR);
    assertThat(aasUs.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)
        .scalableDimension(TW)).scalableTargets()).extracting(ScalableTarget::resourceId)
        .containsExactly(RES, "table/Other");

    DescribeScalableTargetsResponse p1 = aasUs.describeScalableTargets(b -> b
        .serviceNamespace(ServiceNamespace.DYNAMODB).maxResults(3));
    assertThat(p1.scalableTargets()).hasSize(3);
    assertThat(p1.nextToken()).isNotNull();
    DescribeScalableTargetsResponse p2 = aasUs.describeScalableTargets(b -> b
        .serviceNamespace(ServiceNamespace.DYNAMODB).maxResults(3).nextToken(p1.nextToken()));
    assertThat(p2.scalableTargets()).extracting(ScalableTarget::resourceId).containsExactly("table/Other");
    assertThat(p2.nextToken()).isNull();

    assertAas(() -> aasUs.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)
        .nextToken("garbage")), InvalidNextTokenException.class, "InvalidNextTokenException", "Invalid token");
  }

  @Test
  void deregisterOfAnUnknownTargetIsObjectNotFound() {
    assertAas(() -> aasUs.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)
            .resourceId(RES).scalableDimension(TW)), ObjectNotFoundException.class, "ObjectNotFoundException",
        "No scalable target found for service namespace: dynamodb, resource ID: table/Orders, scalable dimension: "
            + "dynamodb:table:WriteCapacityUnits");
  }

  // ------------------------------------------------------------------------------------------- policies

  @Test
  void policyOnAnUnregisteredTargetIsObjectNotFound() {
    assertAas(() -> aasUs.putScalingPolicy(writePolicy(70)), ObjectNotFoundException.class,
        "ObjectNotFoundException", "No scalable target registered for service namespace: dynamodb, resource ID: "
            + "table/Orders, scalable dimension: dynamodb:table:WriteCapacityUnits");
    assertThat(alarmNames(cwUs)).isEmpty();
  }

  @Test
  void targetTrackingCreatesFourAlarmsInTheSameRegion() {
    register(aasUs, RES, TW, 5, 40);
    PutScalingPolicyResponse r = aasUs.putScalingPolicy(writePolicy(70));

    assertThat(r.policyARN()).matches("arn:aws:autoscaling:us-east-1:111122223333:scalingPolicy:"
        + "[0-9a-f-]{36}:resource/dynamodb/table/Orders:policyName/write-tt");
    assertThat(r.alarms()).extracting(Alarm::alarmName).satisfiesExactly(
        n -> assertThat(n).matches("TargetTracking-table/Orders-AlarmHigh-[0-9a-f-]{36}"),
        n -> assertThat(n).matches("TargetTracking-table/Orders-AlarmLow-[0-9a-f-]{36}"),
        n -> assertThat(n).matches("TargetTracking-table/Orders-ProvisionedCapacityHigh-[0-9a-f-]{36}"),
        n -> assertThat(n).matches("TargetTracking-table/Orders-ProvisionedCapacityLow-[0-9a-f-]{36}"));
    assertThat(r.alarms()).allSatisfy(a -> assertThat(a.alarmARN())
        .isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:" + a.alarmName()));
    assertThat(alarmNames(cwUs)).containsExactlyInAnyOrderElementsOf(
        r.alarms().stream().map(Alarm::alarmName).toList());
    assertThat(alarmNames(cwEu)).isEmpty();

    MetricAlarm high = cwUs.describeAlarms(b -> b.alarmNames(r.alarms().get(0).alarmName())).metricAlarms().get(0);
    assertThat(high.alarmDescription())
        .isEqualTo("DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + r.policyARN() + ".");
    assertThat(high.alarmActions()).containsExactly(r.policyARN());
    assertThat(high.namespace()).isEqualTo("AWS/DynamoDB");
    assertThat(high.metricName()).isEqualTo("ConsumedWriteCapacityUnits");
    assertThat(high.statistic()).isEqualTo(Statistic.SUM);
    assertThat(high.period()).isEqualTo(60);
    assertThat(high.evaluationPeriods()).isEqualTo(2);
    assertThat(high.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
    assertThat(high.threshold()).isEqualTo(0.70 * 5 * 60, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(high.dimensions()).containsExactly(Dimension.builder().name("TableName").value(T).build());
    assertThat(high.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    MetricAlarm low = cwUs.describeAlarms(b -> b.alarmNames(r.alarms().get(1).alarmName())).metricAlarms().get(0);
    assertThat(low.evaluationPeriods()).isEqualTo(15);
    assertThat(low.comparisonOperator()).isEqualTo(ComparisonOperator.LESS_THAN_THRESHOLD);

    ScalingPolicy p = policies(aasUs).get(0);
    assertThat(p.policyName()).isEqualTo("write-tt");
    assertThat(p.policyARN()).isEqualTo(r.policyARN());
    assertThat(p.policyType()).isEqualTo(PolicyType.TARGET_TRACKING_SCALING);
    assertThat(p.targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(70.0);
    assertThat(p.alarms()).isEqualTo(r.alarms());
  }

  @Test
  void indexPolicyAlarmsCarryTheIndexInNameAndDimensions() {
    register(aasUs, GSI_RES, IW, 1, 10);
    PutScalingPolicyResponse r = aasUs.putScalingPolicy(policy("gsi-w", GSI_RES, IW,
        MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION, 50));

    assertThat(r.alarms()).extracting(Alarm::alarmName).allSatisfy(n ->
        assertThat(n).startsWith("TargetTracking-table/Orders/index/byCustomer-"));
    MetricAlarm a = cwUs.describeAlarms(b -> b.alarmNames(r.alarms().get(2).alarmName())).metricAlarms().get(0);
    assertThat(a.metricName()).isEqualTo("ProvisionedWriteCapacityUnits");
    assertThat(a.dimensions()).containsExactly(Dimension.builder().name("TableName").value(T).build(),
        Dimension.builder().name("GlobalSecondaryIndexName").value("byCustomer").build());
  }

  @Test
  void targetValueMustBeWithin10And90() {
    register(aasUs, RES, TR, 1, 10);
    assertAasValidation(() -> aasUs.putScalingPolicy(policy("r", RES, TR,
            MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 90.1)),
        "For predefined metric type DynamoDBReadCapacityUtilization, target value must be between '10.0' and "
            + "'90.0', but was '90.1'.");
    assertAasValidation(() -> aasUs.putScalingPolicy(policy("r", RES, TR,
            MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 9.9)),
        "For predefined metric type DynamoDBReadCapacityUtilization, target value must be between '10.0' and "
            + "'90.0', but was '9.9'.");
    assertThat(policies(aasUs)).isEmpty();
    assertThat(alarmNames(cwUs)).isEmpty();

    aasUs.putScalingPolicy(policy("lo", RES, TR, MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 10.0));
    aasUs.putScalingPolicy(policy("hi", RES, TR, MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 90.0));
    assertThat(policies(aasUs)).extracting(ScalingPolicy::policyName).containsExactly("lo", "hi");
    assertThat(alarmNames(cwUs)).hasSize(8);
  }

  @Test
  void stepScalingIsRejected() {
    register(aasUs, RES, TW, 1, 10);
    assertAasValidation(() -> aasUs.putScalingPolicy(b -> b.policyName("step").serviceNamespace(
            ServiceNamespace.DYNAMODB).resourceId(RES).scalableDimension(TW).policyType(PolicyType.STEP_SCALING)),
        "Unsupported policy type StepScaling for service namespace dynamodb. Only TargetTrackingScaling is "
            + "supported.");
    assertAasValidation(() -> aasUs.putScalingPolicy(b -> b.policyName("step").serviceNamespace(
            ServiceNamespace.DYNAMODB).resourceId(RES).scalableDimension(TW)),
        "Unsupported policy type StepScaling for service namespace dynamodb. Only TargetTrackingScaling is "
            + "supported.");
    assertThat(policies(aasUs)).isEmpty();
  }

  @Test
  void putWithTheSameNameUpdatesInPlaceAndReplacesTheAlarms() {
    register(aasUs, RES, TW, 1, 10);
    PutScalingPolicyResponse first = aasUs.putScalingPolicy(writePolicy(70));
    advance(30);
    PutScalingPolicyResponse second = aasUs.putScalingPolicy(writePolicy(50));

    assertThat(second.policyARN()).isEqualTo(first.policyARN());
    List<ScalingPolicy> ps = policies(aasUs);
    assertThat(ps).hasSize(1);
    assertThat(ps.get(0).targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(50.0);
    assertThat(ps.get(0).creationTime()).isEqualTo(T0);
    assertThat(alarmNames(cwUs)).containsExactlyInAnyOrderElementsOf(
        second.alarms().stream().map(Alarm::alarmName).toList());
    assertThat(alarmNames(cwUs)).doesNotContainAnyElementsOf(first.alarms().stream().map(Alarm::alarmName).toList());
  }

  @Test
  void describePoliciesFiltersAndPages() {
    register(aasUs, RES, TW, 1, 10);
    register(aasUs, RES, TR, 1, 10);
    aasUs.putScalingPolicy(writePolicy(70));
    aasUs.putScalingPolicy(policy("read-tt", RES, TR, MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 60));

    assertThat(aasUs.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)
        .policyNames("read-tt")).scalingPolicies()).extracting(ScalingPolicy::scalableDimension).containsExactly(TR);
    assertThat(aasUs.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(RES)
        .scalableDimension(TW)).scalingPolicies()).extracting(ScalingPolicy::policyName).containsExactly("write-tt");
    var p1 = aasUs.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).maxResults(1));
    var p2 = aasUs.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).maxResults(1)
        .nextToken(p1.nextToken()));
    assertThat(Stream.concat(p1.scalingPolicies().stream(), p2.scalingPolicies().stream())
        .map(ScalingPolicy::policyName)).containsExactly("write-tt", "read-tt");
    assertThat(p2.nextToken()).isNull();
  }

  @Test
  void deletePolicyDeletesItsAlarmsAndASecondDeleteIsObjectNotFound() {
    register(aasUs, RES, TW, 1, 10);
    aasUs.putScalingPolicy(writePolicy(70));
    aasUs.deleteScalingPolicy(b -> b.policyName("write-tt").serviceNamespace(ServiceNamespace.DYNAMODB)
        .resourceId(RES).scalableDimension(TW));

    assertThat(policies(aasUs)).isEmpty();
    assertThat(alarmNames(cwUs)).isEmpty();
    assertThat(targets(aasUs)).hasSize(1);
    assertAas(() -> aasUs.deleteScalingPolicy(b -> b.policyName("write-tt")
            .serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(RES).scalableDimension(TW)),
        ObjectNotFoundException.class, "ObjectNotFoundException", "No scaling policy found for service namespace: "
            + "dynamodb, resource ID: table/Orders, scalable dimension: dynamodb:table:WriteCapacityUnits, policy "
            + "name: write-tt");
  }

  @Test
  void deregisterDeletesPoliciesAndAlarmsButLeavesOtherAlarms() {
    register(aasUs, RES, TW, 1, 10);
    register(aasUs, RES, TR, 1, 10);
    aasUs.putScalingPolicy(writePolicy(70));
    PutScalingPolicyResponse read = aasUs.putScalingPolicy(policy("read-tt", RES, TR,
        MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION, 60));
    cwUs.putMetricAlarm(b -> b.alarmName("operator-own").metricName("UserErrors").namespace("AWS/DynamoDB")
        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));

    aasUs.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(RES)
        .scalableDimension(TW));

    assertThat(targets(aasUs)).extracting(ScalableTarget::scalableDimension).containsExactly(TR);
    assertThat(policies(aasUs)).extracting(ScalingPolicy::policyName).containsExactly("read-tt");
    List<String> expected = new java.util.ArrayList<>(read.alarms().stream().map(Alarm::alarmName).toList());
    expected.add("operator-own");
    assertThat(alarmNames(cwUs)).containsExactlyInAnyOrderElementsOf(expected);
  }

  // ------------------------------------------------------------------------------------------- plumbing

  @Test
  void callsAreJournalledWithServiceMutationFlagAndOutcome() {
    aws.journal().clear();
    register(aasUs, RES, TW, 1, 10);
    catchThrowable(() -> aasUs.putScalingPolicy(writePolicy(95)));
    targets(aasUs);

    List<JournalEntry> e = aws.journal().entries();
    assertThat(e).extracting(JournalEntry::service).containsOnly("application-autoscaling");
    assertThat(e).extracting(JournalEntry::operation)
        .containsExactly("RegisterScalableTarget", "PutScalingPolicy", "DescribeScalableTargets");
    assertThat(e).extracting(JournalEntry::mutating).containsExactly(true, true, false);
    assertThat(e).extracting(JournalEntry::outcome).containsExactly("OK", "ValidationException", "OK");
    assertThat(e.get(0).region()).isEqualTo(US);
  }

  @Test
  void injectedThrottlingChangesNothing() {
    aws.faults().throttleRate(1.0);
    ApplicationAutoScalingException e = assertAas(() -> register(aasUs, RES, TW, 1, 10),
        ApplicationAutoScalingException.class, "ThrottlingException", "Rate exceeded");
    assertThat(e).isExactlyInstanceOf(ApplicationAutoScalingException.class);
    aws.faults().clear();
    assertThat(targets(aasUs)).isEmpty();
    assertThat(aws.journal().failures()).extracting(JournalEntry::outcome).containsExactly("ThrottlingException");
  }

  @Test
  void anArmedConcurrentUpdateFailsTheNextMutationOnceAndChangesNothing() {
    register(aasUs, RES, TW, 1, 10);
    aws.armAutoScalingConcurrentUpdate(US);
    targets(aasUs); // reads are not affected

    assertAas(() -> register(aasUs, RES, TW, 2, 20), ConcurrentUpdateException.class, "ConcurrentUpdateException",
        "You already have a pending update to an Application Auto Scaling resource.");
    assertThat(targets(aasUs).get(0).minCapacity()).isEqualTo(1);
    register(aasUs, RES, TW, 2, 20);
    assertThat(targets(aasUs).get(0).minCapacity()).isEqualTo(2);
  }

  @Test
  void anUnknownRegionFailsLikeAnUnresolvableEndpoint() {
    Throwable t = catchThrowable(() -> targets(aws.applicationAutoScaling("mars-north-1")));
    assertThat(t).isExactlyInstanceOf(SdkClientException.class);
    assertThat(t.getCause()).hasMessage("application-autoscaling.mars-north-1.amazonaws.com: Name or service not "
        + "known");
  }

  // ------------------------------------------------------------------------------------------- autoScale hook

  @Test
  void autoScaleGoesThroughUpdateTableAndFansWriteCapacityOut() {
    us.createTable(table(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L)).build());
    advance(6);
    register(aasUs, RES, TW, 1, 100); // a PROVISIONED table needs write auto scaling before its first replica
    aasUs.putScalingPolicy(writePolicy(70));
    addReplica(us, EU);
    advance(20);
    aws.journal().clear();

    TableDescription d = aws.autoScale(US, T, null, TW, 20);

    assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(20L);
    assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
    assertThat(describe(eu).provisionedThroughput().writeCapacityUnits()).isEqualTo(20L);
    assertThat(aws.journal().mutations()).as("AWS acting is not an operator call").isEmpty();
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

  @Test
  void alarmThresholdsFollowTheCapacityProvisionedWhenThePolicyIsPut() {
    createProvisionedWithIndex();
    register(aasUs, RES, TW, 1, 100);
    register(aasUs, GSI_RES, IW, 1, 100);
    PutScalingPolicyResponse table = aasUs.putScalingPolicy(writePolicy(70));
    PutScalingPolicyResponse index = aasUs.putScalingPolicy(policy("gsi-w", GSI_RES, IW,
        MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION, 50));

    MetricAlarm tableHigh = cwUs.describeAlarms(b -> b.alarmNames(table.alarms().get(0).alarmName()))
        .metricAlarms().get(0);
    assertThat(tableHigh.threshold()).isEqualTo(0.70 * 7 * 60, org.assertj.core.api.Assertions.within(1e-9));
    MetricAlarm indexHigh = cwUs.describeAlarms(b -> b.alarmNames(index.alarms().get(0).alarmName()))
        .metricAlarms().get(0);
    assertThat(indexHigh.threshold()).isEqualTo(0.50 * 4 * 60, org.assertj.core.api.Assertions.within(1e-9));
    MetricAlarm indexProvisionedHigh = cwUs.describeAlarms(b -> b.alarmNames(index.alarms().get(2).alarmName()))
        .metricAlarms().get(0);
    assertThat(indexProvisionedHigh.threshold()).isEqualTo(4.0);
  }

  @Test
  void autoScaleOfAnIndexUpdatesOnlyThatIndexDimension() {
    createProvisionedWithIndex();

    TableDescription d = aws.autoScale(US, T, "byCustomer", IW, 9);

    assertThat(d.globalSecondaryIndexes().get(0).provisionedThroughput().writeCapacityUnits()).isEqualTo(9L);
    assertThat(d.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits()).isEqualTo(3L);
    assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);
  }

  @Test
  void autoScaleRejectsADimensionThatDoesNotFitTheIndexArgument() {
    createProvisionedWithIndex();
    assertThat(catchThrowable(() -> aws.autoScale(US, T, null, IW, 9)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimension dynamodb:index:WriteCapacityUnits does not fit index null");
  }

  @Test
  void autoScaleToTheCurrentValueFailsAsUpdateTableWould() {
    us.createTable(table(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L)).build());
    advance(6);

    assertValidation(() -> aws.autoScale(US, T, null, TR, 5),
        "The provisioned throughput for the table will not change. The requested value equals the current value. "
            + "Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. Current "
            + "WriteCapacityUnits provisioned for the table: 7. Requested WriteCapacityUnits: 7. Refer to the Amazon "
            + "DynamoDB Developer Guide for current limits and how to request higher limits.");
  }
}
