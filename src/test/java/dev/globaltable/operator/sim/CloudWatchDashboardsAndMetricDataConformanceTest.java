package dev.globaltable.operator.sim;

import static dev.globaltable.operator.sim.CloudWatchAlarmConformanceTest.assertCw;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardValidationMessage;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/** Conformance of simulated CloudWatch dashboards (global) and GetMetricData over fed series (aws-semantics 6.3). */
class CloudWatchDashboardsAndMetricDataConformanceTest extends SimTestSupport {
  static final String DDB = "AWS/DynamoDB";
  static final Map<String, String> US_TO_EU = Map.of("TableName", T, "ReceivingRegion", EU);
  static final Map<String, String> US_TO_AP = Map.of("TableName", T, "ReceivingRegion", AP);
  static final String TEXT = "{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":6,\"height\":3,"
      + "\"properties\":{\"markdown\":\"# Orders\"}}";
  static final String METRIC = "{\"type\":\"metric\",\"x\":6,\"y\":0,\"width\":12,\"height\":6,\"properties\":{"
      + "\"region\":\"us-east-1\",\"stat\":\"Average\",\"period\":300,\"title\":\"Replication latency\","
      + "\"metrics\":[[\"AWS/DynamoDB\",\"ReplicationLatency\",\"TableName\",\"Orders\",\"ReceivingRegion\","
      + "\"eu-west-1\"],[\"...\",\"ap-northeast-1\",{\"label\":\"to AP\"}]]}}";
  static final String ALARM = "{\"type\":\"alarm\",\"x\":18,\"y\":0,\"width\":6,\"height\":6,\"properties\":{"
      + "\"alarms\":[\"arn:aws:cloudwatch:us-east-1:111122223333:alarm:latency-eu\"]}}";

  final CloudWatchClient cwUs = aws.cloudWatch(US);
  final CloudWatchClient cwEu = aws.cloudWatch(EU);
  final CloudWatchClient cwAp = aws.cloudWatch(AP);

  static String body(String... widgets) {
    return "{\"start\":\"-PT6H\",\"widgets\":[" + String.join(",", widgets) + "]}";
  }

  static DashboardValidationMessage msg(String path, String message) {
    return DashboardValidationMessage.builder().dataPath(path).message(message).build();
  }

  /** Asserts PutDashboard fails with exactly these validation messages, in CloudWatch's message format. */
  void assertInvalidBody(String body, DashboardValidationMessage... expected) {
    DashboardInvalidInputErrorException e = assertCw(() -> cwUs.putDashboard(b -> b.dashboardName("d")
            .dashboardBody(body)), DashboardInvalidInputErrorException.class, "InvalidParameterInput", 400,
        "The dashboard body is invalid, there are " + expected.length + " validation errors:\n["
            + List.of(expected).stream().map(m -> "\n  {\n    \"dataPath\": \"" + m.dataPath()
                + "\",\n    \"message\": \"" + m.message().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n  }")
                .collect(Collectors.joining(",")) + "\n]");
    assertThat(e.dashboardValidationMessages()).containsExactly(expected);
  }

  // ------------------------------------------------------------------------------------------------ dashboards

  @Test
  void dashboardsAreGlobal() {
    String b = body(TEXT, METRIC, ALARM);
    assertThat(cwUs.putDashboard(r -> r.dashboardName("orders-global").dashboardBody(b))
        .dashboardValidationMessages()).isEmpty();

    GetDashboardResponse got = cwAp.getDashboard(r -> r.dashboardName("orders-global"));
    assertThat(got.dashboardName()).isEqualTo("orders-global");
    assertThat(got.dashboardArn()).isEqualTo("arn:aws:cloudwatch::111122223333:dashboard/orders-global");
    assertThat(got.dashboardBody()).isEqualTo(b);
    assertThat(cwEu.listDashboards(r -> {}).dashboardEntries()).containsExactly(DashboardEntry.builder()
        .dashboardName("orders-global").dashboardArn("arn:aws:cloudwatch::111122223333:dashboard/orders-global")
        .lastModified(T0).size((long) b.length()).build());

    cwEu.deleteDashboards(r -> r.dashboardNames("orders-global"));
    assertCw(() -> cwUs.getDashboard(r -> r.dashboardName("orders-global")), DashboardNotFoundErrorException.class,
        "ResourceNotFound", 404, "Dashboard orders-global does not exist");
  }

  @Test
  void putReplacesTheWholeDashboardAndTagsApplyOnCreateOnly() {
    cwUs.putDashboard(r -> r.dashboardName("d").dashboardBody(body(TEXT, METRIC))
        .tags(Tag.builder().key("owner").value("ops/orders").build()));
    clock.advance(Duration.ofMinutes(1));
    cwEu.putDashboard(r -> r.dashboardName("d").dashboardBody(body(TEXT))
        .tags(Tag.builder().key("ignored").value("x").build()));

    assertThat(cwAp.getDashboard(r -> r.dashboardName("d")).dashboardBody()).isEqualTo(body(TEXT));
    assertThat(cwAp.listDashboards(r -> {}).dashboardEntries().get(0).lastModified())
        .isEqualTo(T0.plusSeconds(60));
    String arn = "arn:aws:cloudwatch::111122223333:dashboard/d";
    assertThat(cwAp.listTagsForResource(r -> r.resourceARN(arn)).tags())
        .containsExactly(Tag.builder().key("owner").value("ops/orders").build());
    cwEu.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("env").value("prod").build()));
    cwUs.untagResource(r -> r.resourceARN(arn).tagKeys("owner"));
    assertThat(cwAp.listTagsForResource(r -> r.resourceARN(arn)).tags())
        .containsExactly(Tag.builder().key("env").value("prod").build());
    assertCw(() -> cwAp.listTagsForResource(r -> r.resourceARN(arn + "x")),
        software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException.class,
        "ResourceNotFoundException", 404, "The specified dashboard does not exist: " + arn + "x");
  }

  @Test
  void dashboardNameRules() {
    assertCw(() -> cwUs.putDashboard(r -> r.dashboardName("orders dashboard").dashboardBody(body())),
        DashboardInvalidInputErrorException.class, "InvalidParameterInput", 400,
        "The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) "
            + "and underscore (_).");
    assertCw(() -> cwUs.putDashboard(r -> r.dashboardName("").dashboardBody(body())),
        DashboardInvalidInputErrorException.class, "InvalidParameterInput", 400,
        "The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) "
            + "and underscore (_).");
    assertCw(() -> cwUs.putDashboard(r -> r.dashboardName("d".repeat(256)).dashboardBody(body())),
        DashboardInvalidInputErrorException.class, "InvalidParameterInput", 400,
        "The value for field DashboardName must be 255 characters or fewer.");
    assertCw(() -> cwUs.putDashboard(r -> r.dashboardName("d")), CloudWatchException.class, "ValidationError", 400,
        "1 validation error detected: Value null at 'dashboardBody' failed to satisfy constraint: Member must not "
            + "be null");
    cwUs.putDashboard(r -> r.dashboardName("Orders_global-1" + "d".repeat(240)).dashboardBody(body()));
    assertThat(cwUs.listDashboards(r -> {}).dashboardEntries()).hasSize(1);
  }

  @Test
  void bodyMustBeAnObjectWithAWidgetsArrayOfAtMost500() {
    assertInvalidBody("{\"widgets\": [", msg("", "Should be object"));
    assertInvalidBody("[]", msg("", "Should be object"));
    assertInvalidBody("{\"start\":\"-PT6H\"}", msg("", "Should have required property 'widgets'"));
    assertInvalidBody("{\"widgets\":{}}", msg("/widgets", "Should be array"));
    String many = body(IntStream.range(0, 501).mapToObj(i -> TEXT).toArray(String[]::new));
    assertInvalidBody(many, msg("/widgets", "Should NOT have more than 500 items"));
    cwUs.putDashboard(r -> r.dashboardName("max").dashboardBody(body(IntStream.range(0, 500).mapToObj(i -> TEXT)
        .toArray(String[]::new))));
    cwUs.putDashboard(r -> r.dashboardName("empty").dashboardBody(body()));
    assertThat(cwUs.listDashboards(r -> {}).dashboardEntries()).extracting(DashboardEntry::dashboardName)
        .containsExactly("empty", "max");
  }

  @Test
  void widgetRulesAreReportedTogetherInDocumentOrder() {
    String noX = "{\"type\":\"text\",\"y\":0,\"width\":30,\"height\":3,\"properties\":{}}";
    String badMetric = "{\"type\":\"metric\",\"x\":0,\"y\":0,\"width\":6,\"height\":6,\"properties\":{"
        + "\"region\":\"mars-north-1\",\"metrics\":[\"AWS/DynamoDB\"]}}";
    String noRegion = "{\"type\":\"metric\",\"x\":0,\"y\":0,\"width\":6,\"height\":6,\"properties\":{"
        + "\"metrics\":[]}}";
    String badAlarm = "{\"type\":\"alarm\",\"x\":0,\"y\":0,\"width\":6,\"height\":6,\"properties\":{"
        + "\"alarms\":[\"latency-eu\"]}}";
    String badType = "{\"type\":\"chart\",\"x\":0,\"y\":0,\"width\":6,\"height\":6,\"properties\":{}}";
    assertInvalidBody(body(TEXT, noX, badMetric, noRegion, badAlarm, badType),
        msg("/widgets/1", "Should have required property 'x'"),
        msg("/widgets/1/width", "Should be <= 24"),
        msg("/widgets/1/properties", "Should have required property 'markdown'"),
        msg("/widgets/2/properties/region", "Should be equal to one of the allowed values"),
        msg("/widgets/2/properties/metrics/0", "Should be array"),
        msg("/widgets/3/properties", "Should have required property 'region'"),
        msg("/widgets/4/properties/alarms/0",
            "Should match pattern \"^arn:aws:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+$\""),
        msg("/widgets/5/type", "Should be equal to one of the allowed values"));
    assertThat(cwUs.listDashboards(r -> {}).dashboardEntries()).isEmpty();
  }

  @Test
  void getAndDeleteOfMissingDashboards() {
    cwUs.putDashboard(r -> r.dashboardName("ops").dashboardBody(body(TEXT)));
    assertCw(() -> cwUs.getDashboard(r -> r.dashboardName("nope")), DashboardNotFoundErrorException.class,
        "ResourceNotFound", 404, "Dashboard nope does not exist");
    assertCw(() -> cwUs.deleteDashboards(r -> r.dashboardNames("ops", "nope")),
        DashboardNotFoundErrorException.class, "ResourceNotFound", 404, "The specified dashboard does not exist.");
    assertThat(cwEu.getDashboard(r -> r.dashboardName("ops")).dashboardBody()).as("nothing deleted")
        .isEqualTo(body(TEXT));
    cwAp.deleteDashboards(r -> r.dashboardNames("ops"));
    assertThat(cwUs.listDashboards(r -> {}).dashboardEntries()).isEmpty();
  }

  @Test
  void listFiltersByPrefixAndPagesByAThousand() {
    for (int i = 0; i < 1001; i++) {
      String n = String.format("gt-%04d", i);
      cwUs.putDashboard(r -> r.dashboardName(n).dashboardBody(body()));
    }
    cwUs.putDashboard(r -> r.dashboardName("other").dashboardBody(body()));
    ListDashboardsResponse p1 = cwEu.listDashboards(r -> r.dashboardNamePrefix("gt-"));
    assertThat(p1.dashboardEntries()).hasSize(1000);
    assertThat(p1.dashboardEntries().get(0).dashboardName()).isEqualTo("gt-0000");
    ListDashboardsResponse p2 = cwEu.listDashboards(r -> r.dashboardNamePrefix("gt-").nextToken(p1.nextToken()));
    assertThat(p2.dashboardEntries()).extracting(DashboardEntry::dashboardName).containsExactly("gt-1000");
    assertThat(p2.nextToken()).isNull();
    assertThat(cwEu.listDashboards(r -> r.dashboardNamePrefix("oth")).dashboardEntries())
        .extracting(DashboardEntry::dashboardName).containsExactly("other");
    assertCw(() -> cwEu.listDashboards(r -> r.nextToken("bogus")), InvalidNextTokenException.class,
        "InvalidNextToken", 400, "The service returned an invalid next token.");
  }

  // ------------------------------------------------------------------------------------------------ GetMetricData

  static MetricDataQuery query(String id, String stat, Map<String, String> dims) {
    return MetricDataQuery.builder().id(id)
        .metricStat(s -> s.period(60).stat(stat).metric(m -> m.namespace(DDB).metricName("ReplicationLatency")
            .dimensions(CloudWatchPlane.dimensions(dims))))
        .build();
  }

  MetricDataResult one(CloudWatchClient c, MetricDataQuery q, Instant start, Instant end) {
    List<MetricDataResult> r = c.getMetricData(b -> b.metricDataQueries(q).startTime(start).endTime(end))
        .metricDataResults();
    assertThat(r).hasSize(1);
    return r.get(0);
  }

  void feed() {
    SimMetrics m = aws.metrics(US);
    m.put(DDB, "ReplicationLatency", US_TO_EU, T0.plusSeconds(10), 5);
    m.put(DDB, "ReplicationLatency", US_TO_EU, T0.plusSeconds(20), 7);
    m.put(DDB, "ReplicationLatency", US_TO_EU, T0.plusSeconds(70), 4);
    m.put(DDB, "ReplicationLatency", US_TO_EU, T0.plusSeconds(190), 9);
    clock.advance(Duration.ofMinutes(5));
  }

  @Test
  void statisticsPerPeriodNewestFirstWithEmptyPeriodsOmitted() {
    feed();
    Instant end = T0.plusSeconds(180);
    MetricDataResult sum = one(cwUs, query("m1", "Sum", US_TO_EU), T0, end);
    assertThat(sum.id()).isEqualTo("m1");
    assertThat(sum.label()).isEqualTo("ReplicationLatency");
    assertThat(sum.statusCode()).isEqualTo(StatusCode.COMPLETE);
    assertThat(sum.timestamps()).containsExactly(T0.plusSeconds(60), T0);
    assertThat(sum.values()).containsExactly(4.0, 12.0);
    assertThat(one(cwUs, query("m1", "Average", US_TO_EU), T0, end).values()).containsExactly(4.0, 6.0);
    assertThat(one(cwUs, query("m1", "Maximum", US_TO_EU), T0, end).values()).containsExactly(4.0, 7.0);
    assertThat(one(cwUs, query("m1", "Minimum", US_TO_EU), T0, end).values()).containsExactly(4.0, 5.0);
    assertThat(one(cwUs, query("m1", "SampleCount", US_TO_EU), T0, end).values()).containsExactly(1.0, 2.0);

    MetricDataResult up = cwUs.getMetricData(b -> b.metricDataQueries(query("m1", "Sum", US_TO_EU)).startTime(T0)
        .endTime(T0.plusSeconds(300)).scanBy(ScanBy.TIMESTAMP_ASCENDING)).metricDataResults().get(0);
    assertThat(up.timestamps()).containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(180));
    assertThat(up.values()).containsExactly(12.0, 4.0, 9.0);
  }

  @Test
  void startTimeIsRoundedDownToThePeriodAndEndTimeIsExclusive() {
    feed();
    MetricDataResult r = one(cwUs, query("m1", "Sum", US_TO_EU), T0.plusSeconds(30), T0.plusSeconds(70));
    // 10:00:30 rounds down to 10:00; the point at 10:01:10 is at EndTime, outside, so 10:01 has no data.
    assertThat(r.timestamps()).containsExactly(T0);
    assertThat(r.values()).containsExactly(12.0);
    MetricDataResult r2 = one(cwUs, query("m1", "Sum", US_TO_EU), T0.plusSeconds(30), T0.plusSeconds(71));
    assertThat(r2.timestamps()).containsExactly(T0.plusSeconds(60), T0);
    assertThat(r2.values()).containsExactly(4.0, 12.0);
  }

  @Test
  void seriesAreRegionalAndDimensionExact() {
    feed();
    assertThat(one(cwEu, query("m1", "Sum", US_TO_EU), T0, T0.plusSeconds(300)).values()).isEmpty();
    assertThat(one(cwUs, query("m1", "Sum", US_TO_AP), T0, T0.plusSeconds(300)).values()).isEmpty();
    MetricDataResult none = one(cwUs, query("m1", "Sum", Map.of("TableName", T)), T0, T0.plusSeconds(300));
    assertThat(none.timestamps()).isEmpty();
    assertThat(none.statusCode()).isEqualTo(StatusCode.COMPLETE);
  }

  @Test
  void aConstantReportsOncePerMinuteUntilNowAndSumExpressionsAddSeries() {
    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_EU, 15000);
    aws.metrics(US).constant(DDB, "ReplicationLatency", US_TO_AP, 1000);
    clock.advance(Duration.ofSeconds(150));
    Instant end = T0.plusSeconds(3600); // the future holds no data yet
    MetricDataResult count = one(cwUs, query("m1", "SampleCount", US_TO_EU), T0, end);
    assertThat(count.timestamps()).containsExactly(T0.plusSeconds(120), T0.plusSeconds(60), T0);
    assertThat(count.values()).containsExactly(1.0, 1.0, 1.0);

    List<MetricDataResult> r = cwUs.getMetricData(b -> b.startTime(T0).endTime(end).metricDataQueries(
        query("eu", "Average", US_TO_EU).toBuilder().returnData(false).build(),
        query("ap", "Average", US_TO_AP).toBuilder().returnData(false).build(),
        MetricDataQuery.builder().id("total").expression("SUM([eu,ap])").label("all receivers").build()))
        .metricDataResults();
    assertThat(r).extracting(MetricDataResult::id).containsExactly("total");
    assertThat(r.get(0).label()).isEqualTo("all receivers");
    assertThat(r.get(0).values()).containsExactly(16000.0, 16000.0, 16000.0);

    aws.metrics(US).stop(DDB, "ReplicationLatency", US_TO_EU);
    clock.advance(Duration.ofMinutes(10));
    assertThat(one(cwUs, query("m1", "SampleCount", US_TO_EU), T0, end).values()).hasSize(3);
  }

  @Test
  void getMetricDataValidation() {
    Instant end = T0.plusSeconds(300);
    MetricDataQuery ok = query("m1", "Sum", US_TO_EU);
    List<MetricDataQuery> many = IntStream.range(0, 501).mapToObj(i -> query("m" + i, "Sum", US_TO_EU)).toList();
    assertCw(() -> cwUs.getMetricData(b -> b.metricDataQueries(many).startTime(T0).endTime(end)),
        InvalidParameterValueException.class, "InvalidParameterValue", 400,
        "The collection MetricDataQueries must not have a size greater than 500.");
    assertCw(() -> cwUs.getMetricData(b -> b.metricDataQueries(query("1m", "Sum", US_TO_EU)).startTime(T0)
            .endTime(end)), InvalidParameterValueException.class, "InvalidParameterValue", 400,
        "The value 1m for parameter MetricDataQueries.member.1.Id is invalid: it must start with a lowercase letter "
            + "and contain only letters, numbers and underscores.");
    assertCw(() -> cwUs.getMetricData(b -> b.metricDataQueries(ok, ok).startTime(T0).endTime(end)),
        InvalidParameterValueException.class, "InvalidParameterValue", 400,
        "The value m1 for parameter MetricDataQueries.member.2.Id is duplicated.");
    assertCw(() -> cwUs.getMetricData(b -> b.metricDataQueries(ok.toBuilder().metricStat(ok.metricStat()
            .toBuilder().period(90).build()).build()).startTime(T0).endTime(end)),
        InvalidParameterValueException.class, "InvalidParameterValue", 400,
        "The parameter MetricDataQueries.member.1.MetricStat.Period must be a multiple of 60.");
    assertCw(() -> cwUs.getMetricData(b -> b.metricDataQueries(query("m1", "p99", US_TO_EU)).startTime(T0)
            .endTime(end)), InvalidParameterValueException.class, "InvalidParameterValue", 400,
        "The value p99 for parameter MetricDataQueries.member.1.MetricStat.Stat is not supported: use Average, Sum, "
            + "Minimum, Maximum or SampleCount.");
    assertCw(() -> cwUs.getMetricData(b -> b.metricDataQueries(ok.toBuilder().expression("m2").build())
            .startTime(T0).endTime(end)), InvalidParameterValueException.class, "InvalidParameterValue", 400,
        "Exactly one of MetricStat or Expression must be specified in MetricDataQueries.member.1.");
    assertCw(() -> cwUs.getMetricData(b -> b.metricDataQueries(ok).startTime(end).endTime(end)),
        InvalidParameterValueException.class, "InvalidParameterValue", 400,
        "The parameter StartTime must be less than the parameter EndTime.");
    assertCw(() -> cwUs.getMetricData(b -> b.metricDataQueries(ok).endTime(end)), CloudWatchException.class,
        "ValidationError", 400, "1 validation error detected: Value null at 'startTime' failed to satisfy "
            + "constraint: Member must not be null");
    assertCw(() -> cwUs.getMetricData(GetMetricDataRequest.builder().metricDataQueries(ok).startTime(T0)
            .endTime(end).nextToken("bogus").build()), InvalidNextTokenException.class, "InvalidNextToken", 400,
        "The service returned an invalid next token.");
  }
}
