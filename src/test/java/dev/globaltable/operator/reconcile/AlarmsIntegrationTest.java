package dev.globaltable.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.api.AlarmStatus;
import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.api.ReplicaStatus;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch alarms and the dashboard end to end (issue 5): the real operator against the fabric8 mock server and
 * SimulatedAws (with its CloudWatch: alarms per region, a global dashboard store, fed metric series and alarm
 * evaluation).
 */
class AlarmsIntegrationTest {
  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String AP = "ap-northeast-1";
  private static final String T = "Ledger";
  private static final String PREFIX = "globaltable/Ledger/";

  static final String MANIFEST = """
      apiVersion: dynamodb.globaltable.dev/v1alpha1
      kind: GlobalTable
      metadata: {name: ledger, namespace: default}
      spec:
        tableName: Ledger
        homeRegion: us-east-1
        keySchema: {partitionKey: {name: PK, type: S}}
        globalSecondaryIndexes:
          - name: ByAccount
            partitionKey: {name: AccountId, type: S}
            projection: {type: KeysOnly}
        alarms:
          actions: ["arn:aws:sns:${region}:111122223333:ledger-alerts"]
        dashboard: {enabled: true}
        replicas:
          - region: us-east-1
          - region: eu-west-1
          - region: ap-northeast-1
        deletionPolicy: Delete
      """;

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static GlobalTable manifest(String yaml) {
    return Serialization.unmarshal(yaml, GlobalTable.class);
  }

  private GlobalTable converge(String yaml) {
    h = h == null ? new OperatorHarness() : h;
    h.apply(manifest(yaml));
    return h.awaitStatus("ledger", Duration.ofSeconds(120), OperatorHarness::isReady);
  }

  private List<MetricAlarm> alarms(String region, String prefix) {
    return h.aws.cloudWatch(region).describeAlarms(b -> b.alarmNamePrefix(prefix).maxRecords(100)).metricAlarms();
  }

  private List<String> ourAlarmNames(String region) {
    return alarms(region, PREFIX).stream().map(a -> a.alarmName().substring(PREFIX.length())).sorted().toList();
  }

  private static List<String> everyRegionSet(String region, List<String> others) {
    List<String> names = new java.util.ArrayList<>(List.of("ReadThrottleEvents", "ReadThrottleEvents/index/ByAccount",
        "SystemErrors", "WriteThrottleEvents", "WriteThrottleEvents/index/ByAccount"));
    others.stream().filter(o -> !o.equals(region)).forEach(o -> names.add("ReplicationLatency/to/" + o));
    return names.stream().sorted().toList();
  }

  private static ReplicaStatus replica(GlobalTable gt, String region) {
    return gt.getStatus().replicas.stream().filter(r -> r.region.equals(region)).findFirst().orElseThrow();
  }

  @Test
  void aThreeRegionTableGetsExactlyTheExpectedAlarmsAndADashboard() {
    GlobalTable ready = converge(MANIFEST);

    List<String> all = List.of(US, EU, AP);
    for (String region : all) {
      assertThat(ourAlarmNames(region)).as(region).containsExactlyElementsOf(everyRegionSet(region, all));
    }
    MetricAlarm latency = alarms(US, PREFIX + "ReplicationLatency/to/eu-west-1").get(0);
    assertThat(latency.metricName()).isEqualTo("ReplicationLatency");
    assertThat(latency.namespace()).isEqualTo("AWS/DynamoDB");
    assertThat(latency.statistic()).isEqualTo(Statistic.AVERAGE);
    assertThat(latency.dimensions()).containsExactlyInAnyOrder(
        Dimension.builder().name("TableName").value(T).build(),
        Dimension.builder().name("ReceivingRegion").value(EU).build());
    assertThat(latency.threshold()).isEqualTo(10000.0);
    assertThat(latency.period()).isEqualTo(300);
    assertThat(latency.evaluationPeriods()).isEqualTo(2);
    assertThat(latency.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    assertThat(latency.alarmActions()).containsExactly("arn:aws:sns:us-east-1:111122223333:ledger-alerts");
    assertThat(latency.alarmDescription()).startsWith("Managed by globaltable-operator for default/ledger.");
    MetricAlarm indexThrottle = alarms(AP, PREFIX + "WriteThrottleEvents/index/ByAccount").get(0);
    assertThat(indexThrottle.dimensions()).containsExactlyInAnyOrder(
        Dimension.builder().name("TableName").value(T).build(),
        Dimension.builder().name("GlobalSecondaryIndexName").value("ByAccount").build());
    assertThat(indexThrottle.alarmActions()).containsExactly("arn:aws:sns:ap-northeast-1:111122223333:ledger-alerts");
    MetricAlarm errors = alarms(EU, PREFIX + "SystemErrors").get(0);
    assertThat(errors.metrics()).hasSize(11);
    assertThat(errors.metrics().get(10).expression()).isEqualTo("SUM([m1,m2,m3,m4,m5,m6,m7,m8,m9,m10])");

    String body = h.aws.cloudWatch(EU).getDashboard(b -> b.dashboardName("globaltable-Ledger")).dashboardBody();
    assertThat(body).contains("\"region\":\"ap-northeast-1\"").contains("ReplicationLatency")
        .contains("Managed by globaltable-operator for default/ledger.");
    assertThat(ready.getStatus().dashboard).isEqualTo("globaltable-Ledger");
    assertThat(replica(ready, EU).alarms).extracting(a -> a.name).hasSize(7);
    assertThat(h.rejected()).isEmpty();
    assertThat(h.maxMutationsPerPass()).isEqualTo(1);
  }

  @Test
  void addingARegionAddsItsAlarmsAndLatencyPairsAndRemovingOneRemovesThem() {
    converge(MANIFEST.replace("    - region: ap-northeast-1\n", ""));
    assertThat(ourAlarmNames(US)).containsExactlyElementsOf(everyRegionSet(US, List.of(US, EU)));
    assertThat(ourAlarmNames(AP)).isEmpty();

    h.update("ledger", g -> g.getSpec().replicas.add(new dev.globaltable.operator.api.ReplicaSpec(AP)));
    h.awaitStatus("ledger", Duration.ofSeconds(120), g -> OperatorHarness.isReady(g) && g.getStatus().regions.equals("3/3"));
    for (String region : List.of(US, EU, AP)) {
      assertThat(ourAlarmNames(region)).as(region).containsExactlyElementsOf(everyRegionSet(region, List.of(US, EU, AP)));
    }

    h.update("ledger", g -> g.getSpec().replicas.removeIf(r -> r.region.equals(EU)));
    h.awaitStatus("ledger", Duration.ofSeconds(120), g -> OperatorHarness.isReady(g)
        && g.getStatus().replicas.stream().noneMatch(r -> r.region.equals(EU)));
    assertThat(ourAlarmNames(EU)).as("the removed region's alarms").isEmpty();
    assertThat(ourAlarmNames(US)).containsExactlyElementsOf(everyRegionSet(US, List.of(US, AP)));
    assertThat(ourAlarmNames(AP)).containsExactlyElementsOf(everyRegionSet(AP, List.of(US, AP)));
    assertThat(h.rejected()).isEmpty();
  }

  @Test
  void replicationLatencyCrossingTheThresholdShowsInStatusAndKeepsReadyWithReasonAlarming() {
    converge(MANIFEST);
    h.aws.metrics(US).constant("AWS/DynamoDB", "ReplicationLatency",
        Map.of("TableName", T, "ReceivingRegion", EU), 15000);
    h.aws.metrics(AP).constant("AWS/DynamoDB", "ReplicationLatency",
        Map.of("TableName", T, "ReceivingRegion", EU), 900);
    h.clock.advance(Duration.ofMinutes(15));

    GlobalTable alarming = h.awaitStatus("ledger", Duration.ofSeconds(30),
        g -> "Alarming".equals(OperatorHarness.condition(g, "Ready").getReason()));

    var ready = OperatorHarness.condition(alarming, "Ready");
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getMessage()).contains("in ALARM: " + PREFIX + "ReplicationLatency/to/eu-west-1 in us-east-1");
    assertThat(replica(alarming, EU).replicationLatencyMillis).as("the highest into eu-west-1").isEqualTo(15000L);
    AlarmStatus firing = replica(alarming, US).alarms.stream()
        .filter(a -> a.name.equals(PREFIX + "ReplicationLatency/to/eu-west-1")).findFirst().orElseThrow();
    assertThat(firing.state).isEqualTo("ALARM");
    assertThat(firing.reason).startsWith("Threshold Crossed");
    assertThat(replica(alarming, US).alarms).filteredOn(a -> !a.name.equals(firing.name))
        .allSatisfy(a -> assertThat(a.state).isNotEqualTo("ALARM"));

    // Latency back to normal: the alarm returns to OK and the reason to Ready.
    h.aws.metrics(US).constant("AWS/DynamoDB", "ReplicationLatency",
        Map.of("TableName", T, "ReceivingRegion", EU), 700);
    h.clock.advance(Duration.ofMinutes(15));
    // Why both in the wait: the alarm can turn OK on a deep pass whose 15-minute latency window still holds older
    // samples; the next deep pass reads the window of calm samples alone.
    GlobalTable calm = h.awaitStatus("ledger", Duration.ofSeconds(30),
        g -> "Ready".equals(OperatorHarness.condition(g, "Ready").getReason())
            && Long.valueOf(900L).equals(replica(g, EU).replicationLatencyMillis));
    assertThat(replica(calm, EU).replicationLatencyMillis).isEqualTo(900L);
  }

  @Test
  void turningAKindOffDeletesItsAlarmsAndLeavesTheRest() {
    converge(MANIFEST);
    h.update("ledger", g -> {
      g.getSpec().alarms.throttling = new dev.globaltable.operator.api.CountAlarmSpec();
      g.getSpec().alarms.throttling.enabled = false;
    });
    h.awaitStatus("ledger", Duration.ofSeconds(60), g -> OperatorHarness.isReady(g)
        && ourAlarmNames(AP).stream().noneMatch(n -> n.contains("Throttle")));
    for (String region : List.of(US, EU, AP)) {
      assertThat(ourAlarmNames(region)).as(region).allSatisfy(n -> assertThat(n).doesNotContain("Throttle"))
          .contains("SystemErrors");
    }
    assertThat(h.mutations("DeleteAlarms")).hasSize(3);
  }

  @Test
  void alarmsTheOperatorDoesNotOwnAreNeverTouchedAndDeletingTheTableRemovesItsOwn() {
    h = new OperatorHarness();
    // Someone else's alarms: a similar name and an AWS TargetTracking alarm on the same table.
    h.aws.cloudWatch(US).putMetricAlarm(b -> b.alarmName("globaltable/Ledger-old/ReadThrottleEvents")
        .namespace("AWS/DynamoDB").metricName("ReadThrottleEvents")
        .dimensions(Dimension.builder().name("TableName").value("Ledger-old").build()).statistic(Statistic.SUM)
        .period(60).evaluationPeriods(1).threshold(5.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
    h.aws.cloudWatch(US).putMetricAlarm(b -> b.alarmName("TargetTracking-table/Ledger-AlarmHigh-1234")
        .namespace("AWS/DynamoDB").metricName("ConsumedReadCapacityUnits")
        .dimensions(Dimension.builder().name("TableName").value(T).build()).statistic(Statistic.SUM)
        .period(60).evaluationPeriods(2).threshold(42.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
    List<MetricAlarm> before = foreign();

    converge(MANIFEST);
    assertThat(foreign()).isEqualTo(before);

    h.delete("ledger");
    h.awaitGone("ledger", Duration.ofSeconds(120));
    for (String region : List.of(US, EU, AP)) {
      assertThat(ourAlarmNames(region)).as(region).isEmpty();
    }
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> h.aws.cloudWatch(US)
        .getDashboard(b -> b.dashboardName("globaltable-Ledger")))).isInstanceOf(DashboardNotFoundErrorException.class);
    assertThat(foreign()).as("never modified nor deleted").isEqualTo(before);
    assertThat(h.tableExists(US, T)).isFalse();
  }

  @Test
  void droppingAlarmsAndTheDashboardInOneEditDeletesBoth() {
    converge(MANIFEST);
    h.update("ledger", g -> {
      g.getSpec().alarms = null;
      g.getSpec().dashboard = null;
    });
    h.awaitStatus("ledger", Duration.ofSeconds(60), g -> OperatorHarness.isReady(g)
        && g.getStatus().dashboard == null && g.getStatus().replicas.stream().allMatch(r -> r.alarms == null));
    for (String region : List.of(US, EU, AP)) {
      assertThat(ourAlarmNames(region)).as(region).isEmpty();
    }
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> h.aws.cloudWatch(US)
        .getDashboard(b -> b.dashboardName("globaltable-Ledger")))).isInstanceOf(DashboardNotFoundErrorException.class);
    assertThat(h.rejected()).isEmpty();
  }

  @Test
  void aTableDeletedBehindTheOperatorsBackStillHasItsAlarmsAndDashboardRemovedWithTheResource() {
    converge(MANIFEST.replace("    - region: eu-west-1\n", "").replace("    - region: ap-northeast-1\n", ""));
    assertThat(ourAlarmNames(US)).isNotEmpty();
    h.aws.dynamoDb(US).deleteTable(b -> b.tableName(T));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !h.tableExists(US, T));

    h.delete("ledger");
    h.awaitGone("ledger", Duration.ofSeconds(60));
    assertThat(ourAlarmNames(US)).isEmpty();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> h.aws.cloudWatch(US)
        .getDashboard(b -> b.dashboardName("globaltable-Ledger")))).isInstanceOf(DashboardNotFoundErrorException.class);
  }

  private List<MetricAlarm> foreign() {
    return java.util.stream.Stream.concat(alarms(US, "globaltable/Ledger-old/").stream(),
        alarms(US, "TargetTracking-table/Ledger").stream()).toList();
  }
}
