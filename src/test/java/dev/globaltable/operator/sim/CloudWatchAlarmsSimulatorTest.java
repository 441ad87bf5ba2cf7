package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Conformance of the simulated CloudWatch metric alarms (aws-semantics 6.2). */
class CloudWatchAlarmsSimulatorTest extends SimTestSupport {
  final CloudWatchClient cwUs = aws.cloudWatch(US);
  final CloudWatchClient cwEu = aws.cloudWatch(EU);

  static PutMetricAlarmRequest.Builder alarm(String name) {
    return PutMetricAlarmRequest.builder().alarmName(name).alarmDescription("user errors on " + T)
        .namespace("AWS/DynamoDB").metricName("UserErrors").statistic(Statistic.SUM).period(60)
        .evaluationPeriods(5).datapointsToAlarm(3).threshold(10.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData("notBreaching")
        .dimensions(Dimension.builder().name("TableName").value(T).build())
        .alarmActions("arn:aws:sns:us-east-1:111122223333:ops");
  }

  MetricAlarm only(CloudWatchClient c, String name) {
    List<MetricAlarm> a = c.describeAlarms(b -> b.alarmNames(name)).metricAlarms();
    assertThat(a).hasSize(1);
    return a.get(0);
  }

  static List<String> names(DescribeAlarmsResponse r) {
    return r.metricAlarms().stream().map(MetricAlarm::alarmName).toList();
  }

  static <E extends CloudWatchException> void assertCw(Runnable call, Class<E> type, String code, String message) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).as("expected an AWS error").isExactlyInstanceOf(type);
    CloudWatchException e = (CloudWatchException) t;
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    assertThat(e.awsErrorDetails().serviceName()).isEqualTo("CloudWatch");
    assertThat(e.statusCode()).isEqualTo(400);
  }

  static void assertValidationError(Runnable call, String message) {
    assertCw(call, CloudWatchException.class, "ValidationError", message);
  }

  static void assertInvalidParameter(Runnable call, String message) {
    assertCw(call, InvalidParameterValueException.class, "InvalidParameterValue", message);
  }

  @Test
  void createStoresTheConfigurationInInsufficientData() {
    cwUs.putMetricAlarm(alarm("orders-user-errors").build());

    MetricAlarm a = only(cwUs, "orders-user-errors");
    assertThat(a.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:orders-user-errors");
    assertThat(a.alarmDescription()).isEqualTo("user errors on Orders");
    assertThat(a.namespace()).isEqualTo("AWS/DynamoDB");
    assertThat(a.metricName()).isEqualTo("UserErrors");
    assertThat(a.statistic()).isEqualTo(Statistic.SUM);
    assertThat(a.period()).isEqualTo(60);
    assertThat(a.evaluationPeriods()).isEqualTo(5);
    assertThat(a.datapointsToAlarm()).isEqualTo(3);
    assertThat(a.threshold()).isEqualTo(10.0);
    assertThat(a.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    assertThat(a.treatMissingData()).isEqualTo("notBreaching");
    assertThat(a.dimensions()).containsExactly(Dimension.builder().name("TableName").value(T).build());
    assertThat(a.alarmActions()).containsExactly("arn:aws:sns:us-east-1:111122223333:ops");
    assertThat(a.actionsEnabled()).isTrue();
    assertThat(a.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(a.stateUpdatedTimestamp()).isEqualTo(T0);
    assertThat(a.alarmConfigurationUpdatedTimestamp()).isEqualTo(T0);
    assertThat(cwEu.describeAlarms(b -> {}).metricAlarms()).as("alarms are regional").isEmpty();
  }

  @Test
  void updateOverwritesTheConfigurationAndKeepsTheState() {
    cwUs.putMetricAlarm(alarm("a").build());
    clock.advance(Duration.ofMinutes(5));
    cwUs.putMetricAlarm(alarm("a").threshold(20.0).alarmDescription(null).alarmActions(List.of()).build());

    MetricAlarm a = only(cwUs, "a");
    assertThat(a.threshold()).isEqualTo(20.0);
    assertThat(a.alarmDescription()).isNull();
    assertThat(a.alarmActions()).isEmpty();
    assertThat(a.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(a.stateUpdatedTimestamp()).isEqualTo(T0);
    assertThat(a.alarmConfigurationUpdatedTimestamp()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void alarmNameMustBe1To255Characters() {
    String longName = "x".repeat(256);
    assertValidationError(() -> cwUs.putMetricAlarm(alarm(longName).build()),
        "1 validation error detected: Value '" + longName + "' at 'alarmName' failed to satisfy constraint: Member "
            + "must have length less than or equal to 255");
    assertValidationError(() -> cwUs.putMetricAlarm(alarm("").build()),
        "1 validation error detected: Value '' at 'alarmName' failed to satisfy constraint: Member must have "
            + "length greater than or equal to 1");
    cwUs.putMetricAlarm(alarm("y".repeat(255)).build());
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).extracting(MetricAlarm::alarmName)
        .containsExactly("y".repeat(255));
  }

  @Test
  void atMostFiveActionsPerState() {
    List<String> six = List.of("arn:1", "arn:2", "arn:3", "arn:4", "arn:5", "arn:6");
    assertValidationError(() -> cwUs.putMetricAlarm(alarm("a").alarmActions(six).build()),
        "1 validation error detected: Value '[arn:1, arn:2, arn:3, arn:4, arn:5, arn:6]' at 'alarmActions' failed "
            + "to satisfy constraint: Member must have length less than or equal to 5");
    assertValidationError(() -> cwUs.putMetricAlarm(alarm("a").okActions(six).build()),
        "1 validation error detected: Value '[arn:1, arn:2, arn:3, arn:4, arn:5, arn:6]' at 'oKActions' failed "
            + "to satisfy constraint: Member must have length less than or equal to 5");
    assertValidationError(() -> cwUs.putMetricAlarm(alarm("a").insufficientDataActions(six).build()),
        "1 validation error detected: Value '[arn:1, arn:2, arn:3, arn:4, arn:5, arn:6]' at "
            + "'insufficientDataActions' failed to satisfy constraint: Member must have length less than or equal "
            + "to 5");
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).isEmpty();
    cwUs.putMetricAlarm(alarm("a").alarmActions(six.subList(0, 5)).okActions(six.subList(0, 5)).build());
    assertThat(only(cwUs, "a").alarmActions()).hasSize(5);
  }

  @Test
  void periodMustBe10_20_30OrAMultipleOf60() {
    for (int bad : new int[] {0, 45, 90}) {
      assertInvalidParameter(() -> cwUs.putMetricAlarm(alarm("p" + bad).period(bad).evaluationPeriods(1)
          .datapointsToAlarm(1).build()), "The parameter Period must be 10, 20, 30 or a multiple of 60.");
    }
    for (int ok : new int[] {10, 20, 30, 60, 300}) {
      cwUs.putMetricAlarm(alarm("p" + ok).period(ok).evaluationPeriods(1).datapointsToAlarm(1).build());
    }
    assertThat(cwUs.describeAlarms(b -> b.alarmNamePrefix("p")).metricAlarms()).extracting(MetricAlarm::alarmName)
        .containsExactly("p10", "p20", "p30", "p300", "p60");
  }

  @Test
  void evaluationWindowIsCappedAtOneDayBelowHourlyPeriodsAndSevenDaysOtherwise() {
    assertInvalidParameter(() -> cwUs.putMetricAlarm(alarm("d").period(60).evaluationPeriods(1441).build()),
        "The evaluation period of the alarm, Period * EvaluationPeriods, must not exceed 86400 seconds for a "
            + "Period of less than one hour.");
    assertInvalidParameter(() -> cwUs.putMetricAlarm(alarm("w").period(3600).evaluationPeriods(169).build()),
        "The evaluation period of the alarm, Period * EvaluationPeriods, must not exceed 604800 seconds.");
    cwUs.putMetricAlarm(alarm("d").period(60).evaluationPeriods(1440).build());
    cwUs.putMetricAlarm(alarm("w").period(3600).evaluationPeriods(168).build());
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).hasSize(2);
  }

  @Test
  void evaluationPeriodsAndDatapointsAreChecked() {
    assertValidationError(() -> cwUs.putMetricAlarm(alarm("e").evaluationPeriods(0).datapointsToAlarm(null)
            .build()),
        "1 validation error detected: Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must "
            + "have value greater than or equal to 1");
    assertInvalidParameter(() -> cwUs.putMetricAlarm(alarm("e").evaluationPeriods(2).datapointsToAlarm(3).build()),
        "DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).isEmpty();
  }

  @Test
  void aSingleMetricAlarmNeedsPeriodAndExactlyOneStatistic() {
    assertInvalidParameter(() -> cwUs.putMetricAlarm(alarm("s").period(null).build()),
        "Period must be specified when MetricName is specified.");
    assertInvalidParameter(() -> cwUs.putMetricAlarm(alarm("s").extendedStatistic("p99").build()),
        "Exactly one of Statistic or ExtendedStatistic must be specified when MetricName is specified.");
    assertInvalidParameter(() -> cwUs.putMetricAlarm(alarm("s").statistic((Statistic) null).build()),
        "Exactly one of Statistic or ExtendedStatistic must be specified when MetricName is specified.");
  }

  @Test
  void describeByNamesOrPrefixButNotBoth() {
    for (String n : List.of("TargetTracking-table/Orders-AlarmHigh-1", "op-a", "op-b")) {
      cwUs.putMetricAlarm(alarm(n).build());
    }
    assertThat(names(cwUs.describeAlarms(b -> b.alarmNames("op-b", "missing")))).containsExactly("op-b");
    assertThat(names(cwUs.describeAlarms(b -> b.alarmNamePrefix("op-")))).containsExactly("op-a", "op-b");
    assertThat(names(cwUs.describeAlarms(b -> {})))
        .containsExactly("TargetTracking-table/Orders-AlarmHigh-1", "op-a", "op-b");
    assertCw(() -> cwUs.describeAlarms(b -> b.alarmNames("op-a").alarmNamePrefix("op")),
        InvalidParameterCombinationException.class, "InvalidParameterCombination",
        "AlarmNames and AlarmNamePrefix cannot be specified in the same request.");
  }

  @Test
  void describePagesInNameOrderAndSurvivesDeletionBetweenPages() {
    for (String n : List.of("a1", "a2", "a3", "a4", "a5")) {
      cwUs.putMetricAlarm(alarm(n).build());
    }
    DescribeAlarmsResponse p1 = cwUs.describeAlarms(b -> b.maxRecords(2));
    assertThat(names(p1)).containsExactly("a1", "a2");
    cwUs.deleteAlarms(b -> b.alarmNames("a3"));
    DescribeAlarmsResponse p2 = cwUs.describeAlarms(b -> b.maxRecords(2).nextToken(p1.nextToken()));
    assertThat(names(p2)).containsExactly("a4", "a5");
    assertThat(p2.nextToken()).isNull();

    assertCw(() -> cwUs.describeAlarms(b -> b.nextToken("bogus")), InvalidNextTokenException.class,
        "InvalidNextToken", "The service returned an invalid next token.");
    assertValidationError(() -> cwUs.describeAlarms(b -> b.maxRecords(101)),
        "1 validation error detected: Value '101' at 'maxRecords' failed to satisfy constraint: Member must have "
            + "value less than or equal to 100");
  }

  @Test
  void deleteIgnoresUnknownNamesAndIsRegional() {
    cwUs.putMetricAlarm(alarm("a").build());
    cwEu.putMetricAlarm(alarm("a").build());
    cwUs.deleteAlarms(b -> b.alarmNames("a", "never-existed"));

    assertThat(cwUs.describeAlarms(b -> {}).metricAlarms()).isEmpty();
    assertThat(names(cwEu.describeAlarms(b -> {}))).containsExactly("a");
    assertThat(aws.journal().entries().stream().filter(e -> e.operation().equals("DeleteAlarms")).toList())
        .extracting(JournalEntry::message).containsExactly("1 alarms deleted");
  }

  @Test
  void callsAreJournalledAndFaultsApply() {
    aws.journal().clear();
    cwUs.putMetricAlarm(alarm("a").build());
    aws.faults().throttleRate(1.0);
    assertCw(() -> cwUs.putMetricAlarm(alarm("b").build()), CloudWatchException.class, "Throttling",
        "Rate exceeded");
    aws.faults().clear();

    assertThat(names(cwUs.describeAlarms(b -> {}))).containsExactly("a");
    assertThat(aws.journal().entries()).extracting(JournalEntry::service).containsOnly("cloudwatch");
    assertThat(aws.journal().entries()).extracting(JournalEntry::operation, JournalEntry::mutating,
        JournalEntry::outcome).containsExactly(
            org.assertj.core.groups.Tuple.tuple("PutMetricAlarm", true, "OK"),
            org.assertj.core.groups.Tuple.tuple("PutMetricAlarm", true, "Throttling"),
            org.assertj.core.groups.Tuple.tuple("DescribeAlarms", false, "OK"));

    Throwable t = catchThrowable(() -> aws.cloudWatch("mars-north-1").describeAlarms(b -> {}));
    assertThat(t).isExactlyInstanceOf(SdkClientException.class);
    assertThat(t.getCause()).hasMessage("monitoring.mars-north-1.amazonaws.com: Name or service not known");
  }
}
