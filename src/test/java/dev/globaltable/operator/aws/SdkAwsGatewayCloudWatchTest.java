package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.globaltable.operator.aws.AwsGateway.ObserveOptions;
import dev.globaltable.operator.model.AlarmDefinition;
import dev.globaltable.operator.model.AlarmDefinition.MetricQuery;
import dev.globaltable.operator.model.AlarmNames;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedAlarm;
import dev.globaltable.operator.model.ObservedDashboard;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Step;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardValidationMessage;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteDashboardsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The gateway's CloudWatch side: the exact DescribeAlarms / GetMetricData / GetDashboard requests of a deep pass that
 * asks for them (and no CloudWatch call when it does not), the MetricAlarm -> ObservedAlarm mapping, the latency mean,
 * the exact PutMetricAlarm / DeleteAlarms / PutDashboard / DeleteDashboards requests, their failures' classification,
 * and a round trip through the simulator.
 */
class SdkAwsGatewayCloudWatchTest {

  private static final String HOME = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String AP = "ap-northeast-1";
  private static final String PREFIX = "globaltable/Orders/";
  private static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:oncall";
  private static final Instant NOW = Instant.parse("2026-11-23T10:07:42.500Z");
  private static final Set<String> CLOUDWATCH_OPERATIONS = Set.of("DescribeAlarms", "GetMetricData", "GetDashboard",
      "PutMetricAlarm", "DeleteAlarms", "PutDashboard", "DeleteDashboards");

  private final RecordingDynamoDb aws = new RecordingDynamoDb();
  private final SdkAwsGateway gateway = new SdkAwsGateway(aws, Clock.fixed(NOW, ZoneOffset.UTC));

  private static final ObserveOptions EVERYTHING = ObserveOptions.NONE.withMonitoring(true)
      .withDashboard("globaltable-Orders");

  // ------------------------------------------------------------------------------------------------- fixtures

  /** SystemErrors of the table in {@code region}: a single-metric alarm as the planner might build it. */
  static AlarmDefinition systemErrorsAlarm(String region) {
    return new AlarmDefinition(region, AlarmNames.systemErrors("Orders"),
        AlarmDefinition.ownerMarker("prod/orders") + " SystemErrors of Orders.", AlarmNames.SYSTEM_ERRORS,
        Map.of("TableName", "Orders", "Operation", "PutItem"), "Sum", List.of(), 60, 5, 3, 1.0,
        "GreaterThanOrEqualToThreshold", "notBreaching", List.of(TOPIC));
  }

  /** Read throttling of the table as metric math (sum of two metrics), as the planner might build it. */
  static AlarmDefinition throttleMathAlarm(String region) {
    return new AlarmDefinition(region, AlarmNames.metric("Orders", AlarmNames.READ_THROTTLE, null),
        AlarmDefinition.ownerMarker("prod/orders") + " Read throttling.", null, Map.of(), null,
        List.of(new MetricQuery("m0", null, AlarmNames.READ_THROTTLE, Map.of("TableName", "Orders"), "Sum", 300,
                false),
            new MetricQuery("m1", null, AlarmNames.READ_MAX_ON_DEMAND_THROTTLE, Map.of("TableName", "Orders"), "Sum",
                300, false),
            new MetricQuery("e0", "m0 + m1", null, Map.of(), null, 0, true)),
        300, 2, 2, 10.0, "GreaterThanThreshold", "notBreaching", List.of());
  }

  private static String arn(String region) {
    return "arn:aws:dynamodb:" + region + ":111122223333:table/Orders";
  }

  private static TableDescription table(String region, String status) {
    return TableDescriptionsTest.globalTableInMotion().toBuilder().tableArn(arn(region)).tableId("id-" + region)
        .tableStatus(status).billingModeSummary(b -> b.billingMode(BillingMode.PAY_PER_REQUEST)).build();
  }

  private List<RecordingDynamoDb.Call> cloudWatchCalls() {
    return aws.journal.stream().filter(c -> CLOUDWATCH_OPERATIONS.contains(c.operation())).toList();
  }

  private List<String> cloudWatchOperations() {
    return cloudWatchCalls().stream().map(c -> c.region() + " " + c.operation()).toList();
  }

  private static CloudWatchException cwError(String code, String message, int status) {
    return (CloudWatchException) CloudWatchException.builder().message(message).statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("CloudWatch")
            .build())
        .build();
  }

  private static MetricDataResult result(String id, Double... values) {
    return MetricDataResult.builder().id(id).label(id).values(values).statusCode("Complete").build();
  }

  private static GetMetricDataRequest latencyRequest(List<String> receivers, String nextToken) {
    List<MetricDataQuery> queries = new java.util.ArrayList<>();
    for (int i = 0; i < receivers.size(); i++) {
      queries.add(MetricDataQuery.builder().id("r" + i).metricStat(MetricStat.builder()
          .metric(Metric.builder().namespace("AWS/DynamoDB").metricName("ReplicationLatency").dimensions(
              Dimension.builder().name("TableName").value("Orders").build(),
              Dimension.builder().name("ReceivingRegion").value(receivers.get(i)).build()).build())
          .period(300).stat("Average").build()).build());
    }
    return GetMetricDataRequest.builder().metricDataQueries(queries)
        .startTime(Instant.parse("2026-11-23T09:52:00Z")).endTime(Instant.parse("2026-11-23T10:07:00Z"))
        .nextToken(nextToken).build();
  }

  private static DescribeAlarmsRequest describeAlarms(String nextToken) {
    return DescribeAlarmsRequest.builder().alarmNamePrefix(PREFIX).alarmTypesWithStrings("MetricAlarm").maxRecords(100)
        .nextToken(nextToken).build();
  }

  // ------------------------------------------------------------------------------------------------- observe

  @Test
  void withoutBeingAskedADeepPassMakesNoCloudWatchCallAndLeavesMonitoringUnread() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tables.put(EU, table(EU, "ACTIVE"));

    List<Observed> passes = List.of(
        gateway.observe("Orders", HOME, List.of(HOME, EU), true),
        gateway.observe("Orders", HOME, List.of(HOME, EU), true, Set.of(EU)),
        gateway.observe("Orders", HOME, List.of(HOME, EU), true, ObserveOptions.NONE),
        gateway.observe("Orders", HOME, List.of(HOME, EU), true, (ObserveOptions) null));

    assertThat(aws.journal).isNotEmpty();
    assertThat(cloudWatchCalls()).isEmpty();
    for (Observed o : passes) {
      assertThat(o.dashboard()).isNull();
      for (RegionObservation r : o.regions().values()) {
        assertThat(r.alarms()).as(r.region()).isNull();
        assertThat(r.replicationLatency()).as(r.region()).isNull();
      }
    }
  }

  @Test
  void aShallowPassMakesNoCloudWatchCallEvenWhenAsked() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU), false, EVERYTHING);

    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable");
    assertThat(o.home().alarms()).isNull();
    assertThat(o.home().replicationLatency()).isNull();
    assertThat(o.dashboard()).isNull();
  }

  @Test
  void aDeepPassAskedForEverythingListsAlarmsEverywhereReadsLatencyWhereTheTableExistsAndTheDashboardOnce() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tables.put(EU, table(EU, "CREATING"));
    // ap-northeast-1: no table there.
    MetricAlarm alarm = MetricAlarm.builder().alarmName(PREFIX + "SystemErrors").alarmArn("arn:a")
        .metricName("SystemErrors").namespace("AWS/DynamoDB").statistic("Sum").period(60).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator("GreaterThanThreshold").stateValue("OK").build();
    aws.cloudWatch.alarmPages.put(HOME, Map.of("", DescribeAlarmsResponse.builder().metricAlarms(alarm).build()));
    aws.cloudWatch.metricPages.put(HOME, Map.of("", GetMetricDataResponse.builder()
        .metricDataResults(result("r0", 100.0, 300.0), result("r1")).build()));
    aws.cloudWatch.metricPages.put(EU, Map.of("", GetMetricDataResponse.builder()
        .metricDataResults(result("r0", 40.0), result("r1", 10.0, 20.0, 60.0)).build()));
    aws.cloudWatch.dashboards.put("globaltable-Orders", "{\"widgets\":[]}");

    Observed o = gateway.observe("Orders", HOME, List.of(EU, HOME, AP), true, EVERYTHING);

    assertThat(cloudWatchOperations()).containsExactly("us-east-1 DescribeAlarms", "us-east-1 GetMetricData",
        "eu-west-1 DescribeAlarms", "eu-west-1 GetMetricData", "ap-northeast-1 DescribeAlarms",
        "us-east-1 GetDashboard");
    List<RecordingDynamoDb.Call> calls = cloudWatchCalls();
    assertThat(calls.get(0).request()).isEqualTo(describeAlarms(null));
    assertThat(calls.get(1).request()).as("home first, then the spec's order")
        .isEqualTo(latencyRequest(List.of(EU, AP), null));
    assertThat(calls.get(2).request()).isEqualTo(describeAlarms(null));
    assertThat(calls.get(3).request()).isEqualTo(latencyRequest(List.of(HOME, AP), null));
    assertThat(calls.get(4).request()).as("alarms are read where no table is: they may outlive it")
        .isEqualTo(describeAlarms(null));
    assertThat(calls.get(5).request()).isEqualTo(GetDashboardRequest.builder().dashboardName("globaltable-Orders")
        .build());

    assertThat(o.home().alarms()).extracting(ObservedAlarm::name).containsExactly(PREFIX + "SystemErrors");
    assertThat(o.home().replicationLatency()).as("mean of the values; a receiver without data is left out")
        .isEqualTo(Map.of(EU, 200.0));
    RegionObservation eu = o.region(EU).orElseThrow();
    assertThat(eu.alarms()).as("a CREATING table has alarms too; none listed here").isEmpty();
    assertThat(eu.replicationLatency()).isEqualTo(Map.of(HOME, 40.0, AP, 30.0));
    RegionObservation ap = o.region(AP).orElseThrow();
    assertThat(ap.exists()).isFalse();
    assertThat(ap.alarms()).isEmpty();
    assertThat(ap.replicationLatency()).as("no table, no replication source").isNull();
    assertThat(o.dashboard()).isEqualTo(new ObservedDashboard("globaltable-Orders", "{\"widgets\":[]}"));
  }

  @Test
  void alarmsAloneCostOneDescribeAlarmsPerPageAndNoMetricsOrDashboardCall() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    MetricAlarm a = MetricAlarm.builder().alarmName(PREFIX + "A").metricName("SystemErrors").build();
    MetricAlarm b = MetricAlarm.builder().alarmName(PREFIX + "B").metricName("SystemErrors").build();
    MetricAlarm c = MetricAlarm.builder().alarmName(PREFIX + "C").metricName("SystemErrors").build();
    aws.cloudWatch.alarmPages.put(HOME, Map.of(
        "", DescribeAlarmsResponse.builder().metricAlarms(a, b).nextToken("t1").build(),
        "t1", DescribeAlarmsResponse.builder().metricAlarms(c).nextToken("t2").build(),
        "t2", DescribeAlarmsResponse.builder().build()));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME), true,
        new ObserveOptions(Set.of(), true, false, null));

    assertThat(cloudWatchCalls()).extracting(RecordingDynamoDb.Call::request)
        .containsExactly(describeAlarms(null), describeAlarms("t1"), describeAlarms("t2"));
    assertThat(o.home().alarms()).extracting(ObservedAlarm::name)
        .containsExactly(PREFIX + "A", PREFIX + "B", PREFIX + "C");
    assertThat(o.home().replicationLatency()).isNull();
    assertThat(o.dashboard()).isNull();
  }

  @Test
  void latencyAloneReadsEveryPageAndAveragesAcrossThem() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.cloudWatch.metricPages.put(HOME, Map.of(
        "", GetMetricDataResponse.builder().metricDataResults(result("r0", 100.0, 200.0), result("r1", 7.0))
            .nextToken("n1").build(),
        "n1", GetMetricDataResponse.builder().metricDataResults(result("r0", 600.0)).build()));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU, AP), true,
        new ObserveOptions(Set.of(), false, true, null));

    // eu-west-1 and ap-northeast-1 have no table: no CloudWatch call there.
    assertThat(cloudWatchCalls()).extracting(RecordingDynamoDb.Call::request)
        .containsExactly(latencyRequest(List.of(EU, AP), null), latencyRequest(List.of(EU, AP), "n1"));
    assertThat(o.home().replicationLatency()).isEqualTo(Map.of(EU, 300.0, AP, 7.0));
    assertThat(o.home().alarms()).isNull();
  }

  @Test
  void aSingleRegionTableHasNoLatencyToReadAndCostsNoMetricsCall() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME), true, ObserveOptions.NONE.withMonitoring(true));

    assertThat(cloudWatchOperations()).containsExactly("us-east-1 DescribeAlarms");
    assertThat(o.home().replicationLatency()).isEmpty();
    assertThat(o.home().alarms()).isEmpty();
  }

  @Test
  void theMeanSkipsReceiversWithoutValuesAndKeepsTheReceiversOrder() {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    values.put("r2", List.of(1.0, 2.0));
    values.put("r0", List.of());
    values.put("r9", List.of(5.0));
    assertThat(SdkAwsGateway.meanByReceiver(List.of(EU, AP, HOME), values)).containsExactly(Map.entry(HOME, 1.5));
  }

  @Test
  void aMissingDashboardIsObservedWithoutABody() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME), true,
        ObserveOptions.NONE.withDashboard("globaltable-Orders"));

    assertThat(cloudWatchOperations()).containsExactly("us-east-1 GetDashboard");
    assertThat(o.dashboard()).isEqualTo(new ObservedDashboard("globaltable-Orders", null));
    assertThat(o.dashboard().exists()).isFalse();
    assertThat(o.home().alarms()).isNull();
  }

  @Test
  void aThrottledCloudWatchReadLeavesThatPartUnreadAndTheRestOfThePassStands() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tables.put(EU, table(EU, "ACTIVE"));
    aws.fail(HOME, "DescribeAlarms", cwError("Throttling", "Rate exceeded", 400));
    aws.fail(EU, "GetMetricData", cwError("InternalServiceError", "Internal service error", 500));
    aws.fail(HOME, "GetDashboard", cwError("Throttling", "Rate exceeded", 400));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU), true, EVERYTHING);

    assertThat(o.home().alarms()).isNull();
    assertThat(o.home().replicationLatency()).isEmpty();
    assertThat(o.region(EU).orElseThrow().alarms()).isEmpty();
    assertThat(o.region(EU).orElseThrow().replicationLatency()).isNull();
    assertThat(o.dashboard()).as("unknown this pass, not missing").isNull();
    assertThat(o.homeTable()).isNotNull();
  }

  @Test
  void aForbiddenAlarmListingFailsTheObservationClassifiedAsCloudWatch() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.fail(HOME, "DescribeAlarms", cwError("AccessDenied", "User is not authorized to perform: "
        + "cloudwatch:DescribeAlarms", 403));

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), true, EVERYTHING))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.service()).isEqualTo("cloudwatch");
          assertThat(e.operation()).isEqualTo("DescribeAlarms");
          assertThat(e.region()).isEqualTo(HOME);
          assertThat(e.errorCode()).isEqualTo("AccessDenied");
        });
  }

  @Test
  void anEngineWithoutCloudWatchFailsLoudlyWhenAlarmsAreAskedForButNotOtherwise() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    SdkAwsGateway local = new SdkAwsGateway(aws.withoutApplicationAutoScaling("DynamoDB Local has no CloudWatch"));

    assertThat(local.observe("Orders", HOME, List.of(HOME), true).homeTable()).isNotNull();
    assertThatThrownBy(() -> local.observe("Orders", HOME, List.of(HOME), true, EVERYTHING))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.operation()).isEqualTo("DescribeAlarms");
          assertThat(e.getMessage()).isEqualTo("CloudWatch DescribeAlarms in us-east-1 is not available: DynamoDB "
              + "Local has no CloudWatch");
        });
  }

  @Test
  void anEngineWithoutGetMetricDataLeavesTheLatencyUnread() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.fail(HOME, "GetMetricData", new UnsupportedOperationException());

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU), true, ObserveOptions.NONE.withMonitoring(true));

    assertThat(o.home().replicationLatency()).isNull();
    assertThat(o.home().alarms()).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------- mapping

  @Test
  void aSingleMetricAlarmMapsToItsDefinitionStateAndArn() {
    MetricAlarm a = MetricAlarm.builder().alarmName(PREFIX + "SystemErrors")
        .alarmArn("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:" + PREFIX + "SystemErrors")
        .alarmDescription("Managed by globaltable-operator for prod/orders. SystemErrors of Orders.")
        .actionsEnabled(true).alarmActions(TOPIC).okActions(TOPIC)
        .metricName("SystemErrors").namespace("AWS/DynamoDB").statistic("Sum")
        .dimensions(Dimension.builder().name("TableName").value("Orders").build(),
            Dimension.builder().name("Operation").value("PutItem").build())
        .period(60).evaluationPeriods(5).datapointsToAlarm(3).threshold(1.0)
        .comparisonOperator("GreaterThanOrEqualToThreshold").treatMissingData("notBreaching")
        .stateValue("ALARM").stateReason("Threshold Crossed: 3 datapoints were greater than the threshold").build();

    ObservedAlarm o = SdkAwsGateway.observedAlarm(EU, a);

    assertThat(o.definition()).isEqualTo(systemErrorsAlarm(EU));
    assertThat(o.definition().sameConfigurationAs(systemErrorsAlarm(EU))).isTrue();
    assertThat(o.definition().ownedBy("prod/orders")).isTrue();
    assertThat(o.state()).isEqualTo("ALARM");
    assertThat(o.stateReason()).isEqualTo("Threshold Crossed: 3 datapoints were greater than the threshold");
    assertThat(o.arn()).isEqualTo("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:" + PREFIX + "SystemErrors");
  }

  @Test
  void aMetricMathAlarmMapsItsQueriesAndTakesThePeriodOfItsMetricStats() {
    MetricAlarm a = MetricAlarm.builder().alarmName(PREFIX + "ReadThrottleEvents")
        .alarmDescription("Managed by globaltable-operator for prod/orders. Read throttling.")
        .metrics(MetricDataQuery.builder().id("m0").returnData(false).metricStat(MetricStat.builder().period(300)
                .stat("Sum").metric(Metric.builder().namespace("AWS/DynamoDB").metricName("ReadThrottleEvents")
                    .dimensions(Dimension.builder().name("TableName").value("Orders").build()).build()).build())
                .build(),
            MetricDataQuery.builder().id("m1").returnData(false).metricStat(MetricStat.builder().period(300)
                .stat("Sum").metric(Metric.builder().namespace("AWS/DynamoDB")
                    .metricName("ReadMaxOnDemandThroughputThrottleEvents")
                    .dimensions(Dimension.builder().name("TableName").value("Orders").build()).build()).build())
                .build(),
            // ReturnData absent: AWS reads it as true.
            MetricDataQuery.builder().id("e0").expression("m0 + m1").build())
        // DatapointsToAlarm absent: AWS evaluates N of N.
        .evaluationPeriods(2).threshold(10.0).comparisonOperator("GreaterThanThreshold")
        .treatMissingData("notBreaching").stateValue("INSUFFICIENT_DATA").build();

    AlarmDefinition d = SdkAwsGateway.observedAlarm(AP, a).definition();

    assertThat(d).isEqualTo(throttleMathAlarm(AP));
    assertThat(d.periodSeconds()).isEqualTo(300);
    assertThat(d.datapointsToAlarm()).isEqualTo(2);
    assertThat(d.metrics().get(2).returnData()).isTrue();
  }

  @Test
  void anAlarmWithoutThresholdOrPeriodMapsToValuesThatMatchNoDesiredAlarm() {
    MetricAlarm a = MetricAlarm.builder().alarmName(PREFIX + "X").extendedStatistic("p99").build();

    AlarmDefinition d = SdkAwsGateway.observedAlarm(HOME, a).definition();

    assertThat(d.statistic()).isEqualTo("p99");
    assertThat(d.periodSeconds()).isZero();
    assertThat(d.evaluationPeriods()).isZero();
    assertThat(d.datapointsToAlarm()).isZero();
    assertThat(d.threshold()).isNaN();
    assertThat(d.dimensions()).isEmpty();
    assertThat(d.metrics()).isEmpty();
    assertThat(d.actions()).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------- apply

  private RecordingDynamoDb.Call onlyCall() {
    assertThat(aws.journal).hasSize(1);
    return aws.journal.get(0);
  }

  @Test
  void putMetricAlarmSendsASingleMetricAlarmExactlyInTheStepsRegion() {
    gateway.apply(new Step.PutMetricAlarm(EU, systemErrorsAlarm(EU),
        Map.of("globaltable.dev/owner", "prod/orders", "a", "b"), true));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(EU);
    assertThat(call.operation()).isEqualTo("PutMetricAlarm");
    assertThat(call.request()).isEqualTo(PutMetricAlarmRequest.builder()
        .alarmName("globaltable/Orders/SystemErrors")
        .alarmDescription("Managed by globaltable-operator for prod/orders. SystemErrors of Orders.")
        .actionsEnabled(true)
        .alarmActions(TOPIC)
        .okActions(TOPIC)
        .namespace("AWS/DynamoDB")
        .metricName("SystemErrors")
        .dimensions(Dimension.builder().name("Operation").value("PutItem").build(),
            Dimension.builder().name("TableName").value("Orders").build())
        .statistic("Sum")
        .period(60)
        .evaluationPeriods(5)
        .datapointsToAlarm(3)
        .threshold(1.0)
        .comparisonOperator("GreaterThanOrEqualToThreshold")
        .treatMissingData("notBreaching")
        .tags(Tag.builder().key("a").value("b").build(),
            Tag.builder().key("globaltable.dev/owner").value("prod/orders").build())
        .build());
  }

  @Test
  void putMetricAlarmSendsMetricMathAsTheMetricsArrayWithoutTheSingleMetricFields() {
    gateway.apply(new Step.PutMetricAlarm(AP, throttleMathAlarm(AP), Map.of(), false));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(AP);
    Metric.Builder read = Metric.builder().namespace("AWS/DynamoDB").metricName("ReadThrottleEvents")
        .dimensions(Dimension.builder().name("TableName").value("Orders").build());
    Metric.Builder max = Metric.builder().namespace("AWS/DynamoDB").metricName("ReadMaxOnDemandThroughputThrottleEvents")
        .dimensions(Dimension.builder().name("TableName").value("Orders").build());
    assertThat(call.request()).isEqualTo(PutMetricAlarmRequest.builder()
        .alarmName("globaltable/Orders/ReadThrottleEvents")
        .alarmDescription("Managed by globaltable-operator for prod/orders. Read throttling.")
        .actionsEnabled(true)
        .metrics(
            MetricDataQuery.builder().id("m0").returnData(false)
                .metricStat(MetricStat.builder().metric(read.build()).period(300).stat("Sum").build()).build(),
            MetricDataQuery.builder().id("m1").returnData(false)
                .metricStat(MetricStat.builder().metric(max.build()).period(300).stat("Sum").build()).build(),
            MetricDataQuery.builder().id("e0").expression("m0 + m1").returnData(true).build())
        .evaluationPeriods(2)
        .datapointsToAlarm(2)
        .threshold(10.0)
        .comparisonOperator("GreaterThanThreshold")
        .treatMissingData("notBreaching")
        .build());
    PutMetricAlarmRequest sent = (PutMetricAlarmRequest) call.request();
    assertThat(sent.hasAlarmActions()).as("no actions: none sent").isFalse();
    assertThat(sent.hasTags()).isFalse();
    assertThat(sent.namespace()).isNull();
    assertThat(sent.period()).isNull();
  }

  @Test
  void deleteAlarmsAndTheDashboardStepsSendExactlyTheirNames() {
    gateway.apply(new Step.DeleteAlarms(AP, List.of(PREFIX + "A", PREFIX + "B")));
    gateway.apply(new Step.PutDashboard(HOME, "globaltable-Orders", "{\"widgets\":[]}", false));
    gateway.apply(new Step.DeleteDashboard(HOME, "globaltable-Orders"));

    assertThat(aws.operations()).containsExactly("ap-northeast-1 DeleteAlarms", "us-east-1 PutDashboard",
        "us-east-1 DeleteDashboards");
    assertThat(aws.journal).extracting(RecordingDynamoDb.Call::request).containsExactly(
        DeleteAlarmsRequest.builder().alarmNames(PREFIX + "A", PREFIX + "B").build(),
        PutDashboardRequest.builder().dashboardName("globaltable-Orders").dashboardBody("{\"widgets\":[]}").build(),
        DeleteDashboardsRequest.builder().dashboardNames("globaltable-Orders").build());
  }

  @Test
  void theAlarmQuotaIsTerminalAndNamedAsCloudWatch() {
    String quota = "The quota for alarms for this customer has already been reached";
    aws.fail(EU, "PutMetricAlarm", LimitExceededException.builder().message(quota).statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("LimitExceeded").errorMessage(quota).build()).build());

    assertThatThrownBy(() -> gateway.apply(new Step.PutMetricAlarm(EU, systemErrorsAlarm(EU), Map.of(), true)))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.service()).isEqualTo("cloudwatch");
          assertThat(e.operation()).isEqualTo("PutMetricAlarm");
          assertThat(e.region()).isEqualTo(EU);
          assertThat(e.getMessage()).isEqualTo(quota);
        });
  }

  @Test
  void aDashboardRejectedAsInvalidIsTerminalWithItsValidationMessages() {
    aws.fail(HOME, "PutDashboard", DashboardInvalidInputErrorException.builder()
        .message("The field DashboardBody must be a valid JSON object").statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterInput")
            .errorMessage("The field DashboardBody must be a valid JSON object").build())
        .dashboardValidationMessages(DashboardValidationMessage.builder().dataPath("/widgets/0/properties")
            .message("Should have required property 'metrics'").build())
        .build());

    assertThatThrownBy(() -> gateway.apply(new Step.PutDashboard(HOME, "globaltable-Orders", "{}", true)))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.getMessage()).isEqualTo("The field DashboardBody must be a valid JSON object "
              + "[/widgets/0/properties: Should have required property 'metrics']");
        });
  }

  @Test
  void deletingADashboardThatIsAlreadyGoneWaitsForTheNextObservation() {
    aws.fail(HOME, "DeleteDashboards", cwError("ResourceNotFound", "The specified dashboard does not exist.", 404));

    assertThatThrownBy(() -> gateway.apply(new Step.DeleteDashboard(HOME, "globaltable-Orders")))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
          assertThat(ErrorClassifier.suggestedWait(e)).isEqualTo(Duration.ofSeconds(10));
        });
  }

  // ------------------------------------------------------------------------------------------------- simulator

  @Test
  void alarmsPutThroughTheGatewayAreObservedWithTheSameConfigurationInTheSimulator() {
    SimClock clock = SimClock.manual(Instant.parse("2026-11-23T10:00:00Z"));
    SimulatedAws sim = new SimulatedAws(clock, "111122223333", List.of(HOME, EU));
    SdkAwsGateway g = new SdkAwsGateway(RegionalClients.of(sim::dynamoDb, sim::applicationAutoScaling,
        sim::cloudWatch), clock);
    KeyAttribute pk = new KeyAttribute("PK", ScalarType.S);
    g.apply(new Step.CreateTable(HOME, "Orders", new KeySchema(pk, null), Map.of("PK", ScalarType.S),
        "PAY_PER_REQUEST", null, List.of(), List.of(), null, Map.of()));
    g.apply(new Step.PutMetricAlarm(HOME, systemErrorsAlarm(HOME), Map.of("globaltable.dev/owner", "prod/orders"),
        true));
    g.apply(new Step.PutMetricAlarm(HOME, throttleMathAlarm(HOME), Map.of(), true));
    // Another table's alarm and a foreign alarm: not under this table's prefix.
    sim.cloudWatch(HOME).putMetricAlarm(r -> r.alarmName("globaltable/Orders2/SystemErrors").metricName("X")
        .namespace("AWS/DynamoDB").statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator("GreaterThanThreshold"));

    Observed o = g.observe("Orders", HOME, List.of(HOME), true, new ObserveOptions(Set.of(), true, false, null));

    List<ObservedAlarm> alarms = o.home().alarms();
    assertThat(alarms).extracting(ObservedAlarm::name).containsExactlyInAnyOrder(PREFIX + "SystemErrors",
        PREFIX + "ReadThrottleEvents");
    for (ObservedAlarm alarm : alarms) {
      AlarmDefinition desired = alarm.name().endsWith("SystemErrors") ? systemErrorsAlarm(HOME)
          : throttleMathAlarm(HOME);
      assertThat(alarm.definition().sameConfigurationAs(desired)).as(alarm.name()).isTrue();
      assertThat(alarm.state()).isEqualTo("INSUFFICIENT_DATA");
      assertThat(alarm.arn()).isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:" + alarm.name());
    }

    g.apply(new Step.DeleteAlarms(HOME, List.of(PREFIX + "SystemErrors")));
    assertThat(g.observe("Orders", HOME, List.of(HOME), true, new ObserveOptions(Set.of(), true, false, null))
        .home().alarms()).extracting(ObservedAlarm::name).containsExactly(PREFIX + "ReadThrottleEvents");
  }
}
