package dev.globaltable.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alarm and dashboard names fit CloudWatch's limits for every valid table and index name; ownership is exact. */
class AlarmNamesTest {
  @Test
  void shortNamesAreReadable() {
    assertThat(AlarmNames.replicationLatency("Orders", "eu-west-1"))
        .isEqualTo("globaltable/Orders/ReplicationLatency/to/eu-west-1");
    assertThat(AlarmNames.metric("Orders", AlarmNames.READ_THROTTLE, "ByCustomer"))
        .isEqualTo("globaltable/Orders/ReadThrottleEvents/index/ByCustomer");
    assertThat(AlarmNames.dashboard("orders.v2")).isEqualTo("globaltable-orders_v2");
  }

  @Test
  void theLongestTableAndIndexNamesStillFitAndKeepThePrefix() {
    String table = "T".repeat(255);
    String index = "I".repeat(255);
    String prefix = AlarmNames.prefix(table);
    List<String> names = List.of(AlarmNames.replicationLatency(table, "ap-northeast-1"),
        AlarmNames.metric(table, AlarmNames.WRITE_MAX_ON_DEMAND_THROTTLE, index), AlarmNames.systemErrors(table),
        AlarmNames.metric(table, AlarmNames.READ_THROTTLE, null));
    assertThat(prefix.length()).isLessThanOrEqualTo(255);
    assertThat(names).allSatisfy(n -> assertThat(n).startsWith(prefix).hasSizeLessThanOrEqualTo(255));
    assertThat(AlarmNames.dashboard(table)).hasSizeLessThanOrEqualTo(255).matches("[A-Za-z0-9_~-]+");
    // Two long names that share their first 140 characters still get different prefixes and indexes different names.
    assertThat(AlarmNames.prefix("T".repeat(200) + "a")).isNotEqualTo(AlarmNames.prefix("T".repeat(200) + "b"));
    assertThat(AlarmNames.metric(table, AlarmNames.READ_THROTTLE, index + "a"))
        .isNotEqualTo(AlarmNames.metric(table, AlarmNames.READ_THROTTLE, index.substring(1) + "b"));
  }

  @Test
  void ownershipNeedsTheWholeOwnerNotAPrefixOfIt() {
    AlarmDefinition ledgerV2 = alarm(AlarmDefinition.ownerMarker("default/ledger.v2") + " watches x");
    assertThat(ledgerV2.ownedBy("default/ledger.v2")).isTrue();
    assertThat(ledgerV2.ownedBy("default/ledger")).isFalse();
    assertThat(alarm(AlarmDefinition.ownerMarker("default/ledger")).ownedBy("default/ledger")).isTrue();
    assertThat(alarm(null).ownedBy("default/ledger")).isFalse();
  }

  @Test
  void actionsCompareAsASet() {
    AlarmDefinition a = alarm("d").withActions(List.of("arn:1", "arn:2"));
    assertThat(a.sameConfigurationAs(alarm("d").withActions(List.of("arn:2", "arn:1")))).isTrue();
    assertThat(a.sameConfigurationAs(alarm("d").withActions(List.of("arn:1")))).isFalse();
    assertThat(new Monitoring(true, null, null, null, null,
        List.of("arn:aws:sns:${region}:111122223333:t", "arn:aws:sns:us-east-1:111122223333:t"), false)
        .actionsIn("us-east-1")).containsExactly("arn:aws:sns:us-east-1:111122223333:t");
  }

  private static AlarmDefinition alarm(String description) {
    return new AlarmDefinition("us-east-1", "globaltable/T/SystemErrors", description, "SystemErrors",
        Map.of("TableName", "T"), "Sum", List.of(), 60, 5, 5, 1, "GreaterThanOrEqualToThreshold", "notBreaching",
        List.of());
  }
}
