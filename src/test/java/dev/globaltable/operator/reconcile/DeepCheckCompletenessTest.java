package dev.globaltable.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedSettings;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ScalarType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deep pass counts as the deep check only when every ACTIVE table answered every settings read. */
class DeepCheckCompletenessTest {
  private static RegionalTable table(String region, String status) {
    return new RegionalTable(region, "T", "arn:" + region, "id", status,
        new KeySchema(new KeyAttribute("PK", ScalarType.S), null), Map.of("PK", ScalarType.S), "PAY_PER_REQUEST", null,
        null, List.of(), List.of(), List.of(), false, Instant.EPOCH, null);
  }

  private static final ObservedSettings ALL = new ObservedSettings(new PointInTimeRecovery(false, null, "DISABLED"),
      new ObservedSettings.TimeToLiveState("DISABLED", null), ObservedSettings.ContributorInsightsState.DISABLED,
      Map.of(), List.of());

  private static Observed observed(RegionObservation... regions) {
    Map<String, RegionObservation> map = new LinkedHashMap<>();
    for (RegionObservation r : regions) {
      map.put(r.region(), r);
    }
    return new Observed(regions[0].region(), map, true);
  }

  @Test
  void everyActiveTableMustHaveAnsweredEverySettingsRead() {
    RegionObservation home = new RegionObservation("us-east-1", table("us-east-1", "ACTIVE"), Map.of(), null, ALL);
    RegionObservation creating = new RegionObservation("eu-west-1", table("eu-west-1", "CREATING"), null, null, null);
    RegionObservation absent = new RegionObservation("ap-northeast-1", null, null, null, null);
    assertThat(GlobalTableReconciler.settingsComplete(observed(home, creating, absent)))
        .as("a CREATING or missing table cannot answer; that is not a gap").isTrue();

    ObservedSettings throttledTtl = new ObservedSettings(ALL.pointInTimeRecovery(), null, ALL.contributorInsights(),
        Map.of(), List.of());
    RegionObservation gap = new RegionObservation("eu-west-1", table("eu-west-1", "ACTIVE"), Map.of(), null,
        throttledTtl);
    assertThat(GlobalTableReconciler.settingsComplete(observed(home, gap))).isFalse();
    RegionObservation unread = new RegionObservation("eu-west-1", table("eu-west-1", "ACTIVE"), Map.of(), null, null);
    assertThat(GlobalTableReconciler.settingsComplete(observed(home, unread))).isFalse();
  }
}
