package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * Conformance of simulated CloudWatch alarms beyond the basics (aws-semantics 6.2): the rest of PutMetricAlarm's
 * validation with CloudWatch's error shapes, the PutMetricAlarm rate, the alarm quota, tags, DescribeAlarms filters
 * and alarm evaluation against fed metric series.
 */
class CloudWatchAlarmConformanceTest extends SimTestSupport {
  static final String DDB = "AWS/DynamoDB";
  static final Map<String, String> US_TO_EU = Map.of("TableName", T, "ReceivingRegion", EU);
  static final Map<String, String> US_TO_AP = Map.of("TableName", T, "ReceivingRegion", AP);

  final CloudWatchClient cwUs = aws.cloudWatch(US);
  final CloudWatchClient cwEu = aws.cloudWatch(EU);

  static PutMetricAlarmRequest.Builder latencyAlarm(String name) {
    return PutMetricAlarmRequest.builder().alarmName(name).namespace(DDB).metricName("ReplicationLatency")
        .dimensions(Dimension.builder().name("TableName").value(T).build(),
            Dimension.builder().name("ReceivingRegion").value(EU).build())
        .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(2).datapointsToAlarm(2).threshold(10000.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
  }

  static MetricDataQuery stat(String id, Map<String, String> dims, boolean returnData) {
    return MetricDataQuery.builder().id(id).returnData(returnData)
        .metricStat(s -> s.period(60).stat("Maximum").metric(m -> m.namespace(DDB).metricName("ReplicationLatency")
            .dimensions(CloudWatchPlane.dimensions(dims))))
        .build();
  }

  MetricAlarm only(CloudWatchClient c, String name) {
    List<MetricAlarm> a = c.describeAlarms(b -> b.alarmNames(name)).metricAlarms();
    assertThat(a).hasSize(1);
    return a.get(0);
  }

  static <E extends CloudWatchException> E assertCw(Runnable call, Class<E> type, String code, int status,
      String message) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).as("expected an AWS error").isExactlyInstanceOf(type);
    CloudWatchException e = (CloudWatchException) t;
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    assertThat(e.awsErrorDetails().serviceName()).isEqualTo("CloudWatch");
    assertThat(e.statusCode()).isEqualTo(status);
    return type.cast(e);
  }

  static void invalidParameter(Runnable call, String message) {
    assertCw(call, InvalidParameterValueException.class, "InvalidParameterValue", 400, message);
  }

  static void invalidCombination(Runnable call, String message) {
    assertCw(call, InvalidParameterCombinationException.class, "InvalidParameterCombination", 400, message);
  }

  // ------------------------------------------------------------------------------------------------ validation

  @Test
  void singleMetricAndMetricsArrayAreMutuallyExclusiveAndOneIsRequired() {
    MetricDataQuery m1 = stat("m1", US_TO_EU, true);
    invalidCombination(() -> cwUs.putMetricAlarm(latencyAlarm("a").metrics(m1).build()),
        "MetricName and Metrics cannot be specified in the same request.");
    invalidCombination(() -> cwUs.putMetricAlarm(latencyAlarm("a").metricName(null).build()),
        "Exactly one of MetricName or Metrics must be specified.");
    invalidCombination(() -> cwUs.putMetricAlarm(latencyAlarm("a").metricName(null).statistic((Statistic) null)
            .dimensions(List.of()).period(null).metrics(m1).build()),
        "Namespace, Statistic, ExtendedStatistic, Dimensions, Period and Unit cannot be specified together with "
            + "Metrics.");
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).isEmpty();
  }

  static PutMetricAlarmRequest.Builder mathAlarm(String name, MetricDataQuery... queries) {
    return PutMetricAlarmRequest.builder().alarmName(name).evaluationPeriods(1).threshold(20000.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).metrics(queries);
  }

  @Test
  void metricsArrayRules() {
    MetricDataQuery sum = MetricDataQuery.builder().id("total").expression("SUM([m1,m2])").returnData(true).build();
    List<MetricDataQuery> twentyOne = new ArrayList<>();
    IntStream.range(0, 20).forEach(i -> twentyOne.add(MetricDataQuery.builder().id("e" + i).expression("m1")
        .returnData(false).build()));
    twentyOne.add(sum);
    invalidParameter(() -> cwUs.putMetricAlarm(mathAlarm("m").metrics(twentyOne).build()),
        "The collection Metrics must not have a size greater than 20.");

    List<MetricDataQuery> elevenStats = new ArrayList<>();
    IntStream.range(0, 11).forEach(i -> elevenStats.add(stat("m" + i, US_TO_EU, false)));
    elevenStats.add(sum);
    invalidParameter(() -> cwUs.putMetricAlarm(mathAlarm("m").metrics(elevenStats).build()),
        "Metrics may contain at most 10 MetricStat entries.");

    invalidParameter(() -> cwUs.putMetricAlarm(mathAlarm("m", stat("m1", US_TO_EU, true),
            stat("m2", US_TO_AP, false), sum).build()),
        "Exactly one element of the Metrics list must have ReturnData set to true.");
    // ReturnData defaults to true: two entries without it are two returning entries.
    invalidParameter(() -> cwUs.putMetricAlarm(mathAlarm("m", MetricDataQuery.builder().id("a").expression("b")
            .build(), MetricDataQuery.builder().id("b").expression("a").build()).build()),
        "Exactly one element of the Metrics list must have ReturnData set to true.");
    invalidParameter(() -> cwUs.putMetricAlarm(mathAlarm("m", stat("M1", US_TO_EU, true)).build()),
        "The value M1 for parameter Metrics.member.1.Id is invalid: it must start with a lowercase letter and "
            + "contain only letters, numbers and underscores.");
    invalidParameter(() -> cwUs.putMetricAlarm(mathAlarm("m", stat("m1", US_TO_EU, false),
            stat("m1", US_TO_AP, true)).build()),
        "The value m1 for parameter Metrics.member.2.Id is duplicated.");
    invalidParameter(() -> cwUs.putMetricAlarm(mathAlarm("m", stat("m1", US_TO_EU, false).toBuilder()
            .expression("m1").build(), sum).build()),
        "Exactly one of MetricStat or Expression must be specified in Metrics.member.1.");
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).isEmpty();

    cwUs.putMetricAlarm(mathAlarm("m", stat("m1", US_TO_EU, false), stat("m2", US_TO_AP, false), sum).build());
    MetricAlarm a = only(cwUs, "m");
    assertThat(a.metrics()).extracting(MetricDataQuery::id).containsExactly("m1", "m2", "total");
    assertThat(a.metricName()).isNull();
    assertThat(a.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
  }

  @Test
  void requiredAlarmParametersAndRanges() {
    assertCw(() -> cwUs.putMetricAlarm(latencyAlarm("a").comparisonOperator((ComparisonOperator) null).build()),
        MissingRequiredParameterException.class, "MissingParameter", 400,
        "The parameter ComparisonOperator is required.");
    assertCw(() -> cwUs.putMetricAlarm(latencyAlarm("a").threshold(null).build()),
        MissingRequiredParameterException.class, "MissingParameter", 400, "The parameter Threshold is required.");
    assertCw(() -> cwUs.putMetricAlarm(latencyAlarm("a").evaluationPeriods(null).datapointsToAlarm(null).build()),
        MissingRequiredParameterException.class, "MissingParameter", 400,
        "The parameter EvaluationPeriods is required.");
    invalidParameter(() -> cwUs.putMetricAlarm(latencyAlarm("a").namespace(null).build()),
        "Namespace must be specified when MetricName is specified.");
    assertCw(() -> cwUs.putMetricAlarm(latencyAlarm("a").datapointsToAlarm(0).build()), CloudWatchException.class,
        "ValidationError", 400, "1 validation error detected: Value '0' at 'datapointsToAlarm' failed to satisfy "
            + "constraint: Member must have value greater than or equal to 1");
    List<Dimension> dims = IntStream.range(0, 31).mapToObj(i -> Dimension.builder().name("d" + i).value("v")
        .build()).toList();
    assertCw(() -> cwUs.putMetricAlarm(latencyAlarm("a").dimensions(dims).build()), CloudWatchException.class,
        "ValidationError", 400, "1 validation error detected: Value '" + dims + "' at 'dimensions' failed to "
            + "satisfy constraint: Member must have length less than or equal to 30");
    cwUs.putMetricAlarm(latencyAlarm("a").dimensions(dims.subList(0, 30)).build());
    assertThat(only(cwUs, "a").dimensions()).hasSize(30);
  }

  @Test
  void tagsAtMostFiftyAndAppliedOnlyOnCreate() {
    List<Tag> many = IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
    invalidParameter(() -> cwUs.putMetricAlarm(latencyAlarm("a").tags(many).build()),
        "The collection Tags must not have a size greater than 50.");
    cwUs.putMetricAlarm(latencyAlarm("a").tags(Tag.builder().key("owner").value("ops/orders").build()).build());
    // An update ignores Tags, even 51 of them.
    cwUs.putMetricAlarm(latencyAlarm("a").threshold(5.0).tags(many).build());

    String arn = only(cwUs, "a").alarmArn();
    assertThat(cwUs.listTagsForResource(b -> b.resourceARN(arn)).tags())
        .containsExactly(Tag.builder().key("owner").value("ops/orders").build());
    assertThat(only(cwUs, "a").threshold()).isEqualTo(5.0);
  }

  // ------------------------------------------------------------------------------------------------ rate and quota

  @Test
  void putMetricAlarmRateIsOffByDefault() {
    for (int i = 0; i < 6; i++) {
      cwUs.putMetricAlarm(latencyAlarm("a" + i).build());
    }
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).hasSize(6);
  }

  @Test
  void aFourthPutMetricAlarmInOneSimulatedSecondIsThrottledPerRegion() {
    aws.cloudWatchPutMetricAlarmRateLimit(true);
    aws.journal().clear();
    for (int i = 0; i < 3; i++) {
      cwUs.putMetricAlarm(latencyAlarm("a" + i).build());
    }
    assertCw(() -> cwUs.putMetricAlarm(latencyAlarm("a3").build()), CloudWatchException.class, "Throttling", 400,
        "Rate exceeded");
    cwEu.putMetricAlarm(latencyAlarm("eu").build()); // another region has its own rate
    clock.advance(Duration.ofMillis(999));
    assertCw(() -> cwUs.putMetricAlarm(latencyAlarm("a3").build()), CloudWatchException.class, "Throttling", 400,
        "Rate exceeded");
    clock.advance(Duration.ofMillis(1));
    cwUs.putMetricAlarm(latencyAlarm("a3").build());

    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).extracting(MetricAlarm::alarmName)
        .containsExactly("a0", "a1", "a2", "a3");
    assertThat(aws.journal().entries().stream().filter(e -> e.operation().equals("PutMetricAlarm")).toList())
        .extracting(JournalEntry::outcome)
        .containsExactly("OK", "OK", "OK", "Throttling", "OK", "Throttling", "OK");

    aws.cloudWatchPutMetricAlarmRateLimit(false);
    for (int i = 0; i < 5; i++) {
      cwUs.putMetricAlarm(latencyAlarm("b" + i).build());
    }
    assertThat(cwUs.describeAlarms(b -> b.alarmNamePrefix("b")).metricAlarms()).hasSize(5);
  }

  @Test
  void alarmQuotaLimitsCreatesNotUpdates() {
    aws.cloudWatchAlarmQuota(US, 1);
    cwUs.putMetricAlarm(latencyAlarm("a").build());
    assertCw(() -> cwUs.putMetricAlarm(latencyAlarm("b").build()), LimitExceededException.class, "LimitExceeded",
        400, "The quota for alarms for this customer has already been reached");
    cwUs.putMetricAlarm(latencyAlarm("a").threshold(1.0).build());
    cwEu.putMetricAlarm(latencyAlarm("b").build());
    assertThat(only(cwUs, "a").threshold()).isEqualTo(1.0);
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).hasSize(1);
  }

  // ------------------------------------------------------------------------------------------------ describe / delete

  @Test
  void describeAndDeleteLimits() {
    List<String> names = IntStream.range(0, 101).mapToObj(i -> "n" + i).toList();
    assertCw(() -> cwUs.describeAlarms(b -> b.alarmNames(names)), CloudWatchException.class, "ValidationError", 400,
        "1 validation error detected: Value '" + names + "' at 'alarmNames' failed to satisfy constraint: Member "
            + "must have length less than or equal to 100");
    assertCw(() -> cwUs.describeAlarms(b -> b.maxRecords(0)), CloudWatchException.class, "ValidationError", 400,
        "1 validation error detected: Value '0' at 'maxRecords' failed to satisfy constraint: Member must have "
            + "value greater than or equal to 1");
    cwUs.putMetricAlarm(latencyAlarm("n0").build());
    assertCw(() -> cwUs.deleteAlarms(b -> b.alarmNames(names)), CloudWatchException.class, "ValidationError", 400,
        "1 validation error detected: Value '" + names + "' at 'alarmNames' failed to satisfy constraint: Member "
            + "must have length less than or equal to 100");
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).hasSize(1);
    cwUs.deleteAlarms(b -> b.alarmNames(names.subList(0, 100)));
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).isEmpty();
  }

  @Test
  void describeFiltersByStateAndActionPrefix() {
    cwUs.putMetricAlarm(latencyAlarm("latency").alarmActions("arn:aws:sns:us-east-1:111122223333:pager").build());
    cwUs.putMetricAlarm(latencyAlarm("quiet").okActions("arn:aws:sns:us-east-1:111122223333:log").build());
    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_EU, 15000);
    clock.advance(Duration.ofMinutes(2));
    // Both alarms watch the same metric, so both are in ALARM now; a third one on another metric stays unknown.
    cwUs.putMetricAlarm(latencyAlarm("other").dimensions(Dimension.builder().name("TableName").value("Other")
        .build()).build());

    assertThat(cwUs.describeAlarms(b -> b.stateValue(StateValue.ALARM)).metricAlarms())
        .extracting(MetricAlarm::alarmName).containsExactly("latency", "quiet");
    assertThat(cwUs.describeAlarms(b -> b.stateValue(StateValue.INSUFFICIENT_DATA)).metricAlarms())
        .extracting(MetricAlarm::alarmName).containsExactly("other");
    assertThat(cwUs.describeAlarms(b -> b.actionPrefix("arn:aws:sns:us-east-1:111122223333:p")).metricAlarms())
        .extracting(MetricAlarm::alarmName).containsExactly("latency");
    assertThat(cwUs.describeAlarms(b -> b.actionPrefix("arn:aws:sns:us-east-1:111122223333:l")).metricAlarms())
        .extracting(MetricAlarm::alarmName).containsExactly("quiet");
  }

  // ------------------------------------------------------------------------------------------------ tags

  @Test
  void alarmTagsAreRegionalAndGoWithTheAlarm() {
    cwUs.putMetricAlarm(latencyAlarm("a").tags(Tag.builder().key("team").value("db").build()).build());
    String arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:a";
    cwUs.tagResource(b -> b.resourceARN(arn).tags(Tag.builder().key("team").value("storage").build(),
        Tag.builder().key("env").value("prod").build()));
    assertThat(cwUs.listTagsForResource(b -> b.resourceARN(arn)).tags()).containsExactly(
        Tag.builder().key("team").value("storage").build(), Tag.builder().key("env").value("prod").build());
    cwUs.untagResource(b -> b.resourceARN(arn).tagKeys("team", "never-set"));
    assertThat(cwUs.listTagsForResource(b -> b.resourceARN(arn)).tags())
        .containsExactly(Tag.builder().key("env").value("prod").build());

    ResourceNotFoundException e = assertCw(() -> cwEu.listTagsForResource(b -> b.resourceARN(arn)),
        ResourceNotFoundException.class, "ResourceNotFoundException", 404,
        "The specified alarm does not exist: " + arn);
    assertThat(e.resourceType()).isEqualTo("alarm");
    assertThat(e.resourceId()).isEqualTo("a");
    invalidParameter(() -> cwUs.tagResource(b -> b.resourceARN("arn:aws:sns:us-east-1:111122223333:ops")
            .tags(Tag.builder().key("k").value("v").build())),
        "The value arn:aws:sns:us-east-1:111122223333:ops for parameter ResourceARN is invalid.");

    List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
    invalidParameter(() -> cwUs.tagResource(b -> b.resourceARN(arn).tags(fifty)),
        "A resource can have at most 50 tags.");
    assertThat(cwUs.listTagsForResource(b -> b.resourceARN(arn)).tags()).hasSize(1);

    cwUs.deleteAlarms(b -> b.alarmNames("a"));
    assertCw(() -> cwUs.listTagsForResource(b -> b.resourceARN(arn)), ResourceNotFoundException.class,
        "ResourceNotFoundException", 404, "The specified alarm does not exist: " + arn);
    cwUs.putMetricAlarm(latencyAlarm("a").build());
    assertThat(cwUs.listTagsForResource(b -> b.resourceARN(arn)).tags()).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ evaluation

  @Test
  void replicationLatencyAlarmGoesToAlarmAndBackToOkAndIgnoresMissingData() {
    cwUs.putMetricAlarm(latencyAlarm("latency-eu").build());
    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_EU, 15000);

    clock.advance(Duration.ofSeconds(60));
    MetricAlarm a = only(cwUs, "latency-eu");
    assertThat(a.stateValue()).as("one datapoint of the two needed").isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(a.stateReason()).isEqualTo("Unchecked: Initial alarm creation");

    clock.advance(Duration.ofSeconds(60));
    a = only(cwUs, "latency-eu");
    assertThat(a.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(a.stateReason()).isEqualTo("Threshold Crossed: 2 out of the last 2 datapoints [15000.0 (23/11/26 "
        + "10:01:00), 15000.0 (23/11/26 10:00:00)] were greater than or equal to the threshold (10000.0) (minimum 2 "
        + "datapoints for INSUFFICIENT_DATA -> ALARM transition).");
    assertThat(a.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(120));
    assertThat(cwEu.describeAlarms(b -> {}).metricAlarms()).as("the metric lives in the source region").isEmpty();

    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_EU, 500);
    clock.advance(Duration.ofSeconds(90));
    a = only(cwUs, "latency-eu");
    assertThat(a.stateValue()).isEqualTo(StateValue.OK);
    assertThat(a.stateReason()).isEqualTo("Threshold Crossed: 1 out of the last 2 datapoints [500.0 (23/11/26 "
        + "10:02:00)] was not greater than or equal to the threshold (10000.0) (minimum 1 datapoint for ALARM -> OK "
        + "transition).");
    assertThat(a.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(180));

    // No more data: AWS/DynamoDB alarms ignore missing data and keep their state, whatever TreatMissingData says.
    aws.metrics(US).stop(DDB, "ReplicationLatency", US_TO_EU);
    cwUs.putMetricAlarm(latencyAlarm("latency-eu").treatMissingData("breaching").build());
    clock.advance(Duration.ofHours(1));
    a = only(cwUs, "latency-eu");
    assertThat(a.stateValue()).isEqualTo(StateValue.OK);
    assertThat(a.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(180));
  }

  @Test
  void anUpdateKeepsTheEvaluatedState() {
    cwUs.putMetricAlarm(latencyAlarm("a").build());
    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_EU, 15000);
    clock.advance(Duration.ofMinutes(3));
    assertThat(only(cwUs, "a").stateValue()).isEqualTo(StateValue.ALARM);
    String reason = only(cwUs, "a").stateReason();

    cwUs.putMetricAlarm(latencyAlarm("a").alarmDescription("new text").build());
    MetricAlarm a = only(cwUs, "a");
    assertThat(a.alarmDescription()).isEqualTo("new text");
    assertThat(a.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(a.stateReason()).isEqualTo(reason);
    assertThat(a.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(120));
    assertThat(a.alarmConfigurationUpdatedTimestamp()).isEqualTo(T0.plusSeconds(180));
  }

  @Test
  void otherNamespacesFollowTreatMissingData() {
    Map<String, String> dims = Map.of("Service", "api");
    PutMetricAlarmRequest.Builder base = PutMetricAlarmRequest.builder().namespace("Custom/App")
        .metricName("Errors").dimensions(Dimension.builder().name("Service").value("api").build())
        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(5.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD);
    cwUs.putMetricAlarm(base.alarmName("missing").build());
    cwUs.putMetricAlarm(base.alarmName("breaching").treatMissingData("breaching").build());
    cwUs.putMetricAlarm(base.alarmName("not-breaching").treatMissingData("notBreaching").build());
    cwUs.putMetricAlarm(base.alarmName("ignore").treatMissingData("ignore").build());
    aws.metrics(US).put("Custom/App", "Errors", dims, T0.plusSeconds(10), 1.0);

    clock.advance(Duration.ofSeconds(60));
    for (String n : List.of("missing", "breaching", "not-breaching", "ignore")) {
      MetricAlarm a = only(cwUs, n);
      assertThat(a.stateValue()).as(n).isEqualTo(StateValue.OK);
      assertThat(a.stateReason()).as(n).isEqualTo("Threshold Crossed: 1 datapoint [1.0 (23/11/26 10:00:00)] was not "
          + "greater than the threshold (5.0).");
      assertThat(a.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(60));
    }

    clock.advance(Duration.ofSeconds(60));
    MetricAlarm missing = only(cwUs, "missing");
    assertThat(missing.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(missing.stateReason()).isEqualTo("Insufficient Data: 1 datapoint was unknown.");
    assertThat(missing.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(120));
    MetricAlarm breaching = only(cwUs, "breaching");
    assertThat(breaching.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(breaching.stateReason()).isEqualTo("Threshold Crossed: no datapoints were received for 1 period and "
        + "1 missing datapoint was treated as [Breaching].");
    assertThat(only(cwUs, "not-breaching").stateValue()).isEqualTo(StateValue.OK);
    assertThat(only(cwUs, "ignore").stateValue()).isEqualTo(StateValue.OK);
    assertThat(only(cwUs, "ignore").stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void statisticsDecideTheDatapoint() {
    Map<String, String> dims = Map.of("TableName", T);
    PutMetricAlarmRequest.Builder base = PutMetricAlarmRequest.builder().namespace(DDB)
        .metricName("UserErrors").dimensions(CloudWatchPlane.dimensions(dims)).period(300).evaluationPeriods(1)
        .threshold(12.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    for (Statistic s : List.of(Statistic.SUM, Statistic.AVERAGE, Statistic.MAXIMUM, Statistic.MINIMUM,
        Statistic.SAMPLE_COUNT)) {
      cwUs.putMetricAlarm(base.alarmName(s.toString()).statistic(s).build());
    }
    Instant p = T0; // 10:00 is a 300 s boundary
    for (double v : new double[] {2, 4, 6}) {
      aws.metrics(US).put(DDB, "UserErrors", dims, p, v);
      p = p.plusSeconds(60);
    }
    clock.advance(Duration.ofMinutes(5));
    // Sum 12 (on the threshold), Average 4, Maximum 6, Minimum 2, SampleCount 3 against >= 12.
    assertThat(only(cwUs, "Sum").stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(only(cwUs, "Sum").stateReason()).isEqualTo("Threshold Crossed: 1 datapoint [12.0 (23/11/26 "
        + "10:00:00)] was greater than or equal to the threshold (12.0).");
    for (String ok : List.of("Average", "Maximum", "Minimum", "SampleCount")) {
      assertThat(only(cwUs, ok).stateValue()).as(ok).isEqualTo(StateValue.OK);
    }
    assertThat(only(cwUs, "SampleCount").stateReason()).isEqualTo("Threshold Crossed: 1 datapoint [3.0 (23/11/26 "
        + "10:00:00)] was not greater than or equal to the threshold (12.0).");
    assertThat(only(cwUs, "Minimum").stateReason()).isEqualTo("Threshold Crossed: 1 datapoint [2.0 (23/11/26 "
        + "10:00:00)] was not greater than or equal to the threshold (12.0).");
  }

  @Test
  void metricMathAlarmSumsItsMetricStatsPerPeriod() {
    MetricDataQuery sum = MetricDataQuery.builder().id("total").expression("SUM([m1, m2])").returnData(true)
        .build();
    cwUs.putMetricAlarm(mathAlarm("sum", stat("m1", US_TO_EU, false), stat("m2", US_TO_AP, false), sum).build());
    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_EU, 12000);

    clock.advance(Duration.ofSeconds(60));
    MetricAlarm a = only(cwUs, "sum");
    assertThat(a.stateValue()).as("12000 alone stays below 20000").isEqualTo(StateValue.OK);
    assertThat(a.stateReason()).isEqualTo("Threshold Crossed: 1 datapoint [12000.0 (23/11/26 10:00:00)] was not "
        + "greater than or equal to the threshold (20000.0).");

    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_AP, 9000);
    clock.advance(Duration.ofSeconds(60));
    a = only(cwUs, "sum");
    assertThat(a.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(a.stateReason()).isEqualTo("Threshold Crossed: 1 datapoint [21000.0 (23/11/26 10:01:00)] was "
        + "greater than or equal to the threshold (20000.0).");
    assertThat(a.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void dataOfAnotherDimensionSetOrRegionDoesNotCount() {
    cwUs.putMetricAlarm(latencyAlarm("a").build());
    cwEu.putMetricAlarm(latencyAlarm("a").build());
    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_AP, 15000);
    aws.metrics(US).constant(DDB, "ReplicationLatency", Map.of("TableName", T), 15000);
    aws.metrics(EU).constant(DDB, "ReplicationLatency", Map.of("TableName", "Other", "ReceivingRegion", EU), 15000);
    clock.advance(Duration.ofMinutes(10));
    assertThat(only(cwUs, "a").stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(only(cwEu, "a").stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
  }
}
