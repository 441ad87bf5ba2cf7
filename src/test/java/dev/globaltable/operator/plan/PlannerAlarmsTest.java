package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.AP;
import static dev.globaltable.operator.plan.Fx.BY_CUSTOMER;
import static dev.globaltable.operator.plan.Fx.EU;
import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.OWNER;
import static dev.globaltable.operator.plan.Fx.TABLE;
import static dev.globaltable.operator.plan.Fx.blockers;
import static dev.globaltable.operator.plan.Fx.desired;
import static dev.globaltable.operator.plan.Fx.idx;
import static dev.globaltable.operator.plan.Fx.managed;
import static dev.globaltable.operator.plan.Fx.observe;
import static dev.globaltable.operator.plan.Fx.remove;
import static dev.globaltable.operator.plan.Fx.rep;
import static dev.globaltable.operator.plan.Fx.steps;
import static dev.globaltable.operator.plan.Fx.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.globaltable.operator.model.AlarmDefinition;
import dev.globaltable.operator.model.AlarmDefinition.MetricQuery;
import dev.globaltable.operator.model.AlarmThreshold;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.Monitoring;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedDashboard;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.RegionalTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** spec.alarms and spec.dashboard: the operator's own alarms and dashboard, and never anyone else's. */
class PlannerAlarmsTest {
  private final Planner planner = new Planner();

  static final String SNS = "arn:aws:sns:${region}:111122223333:ops";
  static final AlarmThreshold LATENCY = new AlarmThreshold(60000, 300, 3, 3);
  static final AlarmThreshold THROTTLE = new AlarmThreshold(1, 60, 5, 2);
  static final AlarmThreshold ERRORS = new AlarmThreshold(5, 60, 5, 5);
  static final AlarmThreshold MAX = new AlarmThreshold(1, 60, 1, 1);
  static final Monitoring ALL = new Monitoring(true, LATENCY, THROTTLE, ERRORS, MAX, List.of(SNS), false);
  static final String MARKER = "Managed by globaltable-operator for shop/orders.";
  static final Map<String, String> OWNER_TAGS = Map.of(Desired.OWNER_TAG, OWNER);
  static final String DASHBOARD = "globaltable-Orders";

  // ---------------------------------------------------------------------------------------------------------------
  // expected alarms, written out independently of the planner

  static List<String> sns(String region) {
    return List.of("arn:aws:sns:" + region + ":111122223333:ops");
  }

  static AlarmDefinition latency(String from, String to) {
    return new AlarmDefinition(from, "globaltable/Orders/ReplicationLatency/to/" + to, MARKER
        + " Replication latency of table Orders from " + from + " to " + to + " (Average ReplicationLatency in ms, "
        + "kept in the source region): writes made in " + from + " reach " + to + " late, or replication to " + to
        + " has stopped.", "ReplicationLatency", Map.of("TableName", TABLE, "ReceivingRegion", to), "Average",
        List.of(), 300, 3, 3, 60000, "GreaterThanOrEqualToThreshold", "notBreaching", sns(from));
  }

  static AlarmDefinition throttle(String region, String kind, String index) {
    String metric = kind + "ThrottleEvents";
    String what = index == null ? "table Orders" : "index " + index + " of table Orders";
    return new AlarmDefinition(region, "globaltable/Orders/" + metric + (index == null ? "" : "/index/" + index),
        MARKER + " " + kind + " throttle events on " + what + " in " + region + " (Sum of " + metric + "): requests "
            + "are rejected because they exceed the provisioned capacity or a partition's limits.", metric,
        index == null ? Map.of("TableName", TABLE) : Map.of("TableName", TABLE, "GlobalSecondaryIndexName", index),
        "Sum", List.of(), 60, 5, 2, 1, "GreaterThanOrEqualToThreshold", "notBreaching", sns(region));
  }

  static AlarmDefinition maxThrottle(String region, String kind, String index) {
    String metric = kind + "MaxOnDemandThroughputThrottleEvents";
    String what = index == null ? "table Orders" : "index " + index + " of table Orders";
    String lower = kind.toLowerCase(java.util.Locale.ROOT);
    return new AlarmDefinition(region, "globaltable/Orders/" + metric + (index == null ? "" : "/index/" + index),
        MARKER + " On-demand " + lower + " requests to " + what + " in " + region + " throttled by its maximum (Sum "
            + "of " + metric + "): raise max" + kind + "RequestUnits if this traffic is expected.", metric,
        index == null ? Map.of("TableName", TABLE) : Map.of("TableName", TABLE, "GlobalSecondaryIndexName", index),
        "Sum", List.of(), 60, 1, 1, 1, "GreaterThanOrEqualToThreshold", "notBreaching", sns(region));
  }

  static AlarmDefinition systemErrors(String region) {
    List<String> ops = List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
        "BatchWriteItem", "TransactGetItems", "TransactWriteItems");
    List<MetricQuery> metrics = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      metrics.add(new MetricQuery("m" + (i + 1), null, "SystemErrors",
          Map.of("TableName", TABLE, "Operation", ops.get(i)), "Sum", 60, false));
    }
    metrics.add(new MetricQuery("errors", "SUM([m1,m2,m3,m4,m5,m6,m7,m8,m9,m10])", null, Map.of(), null, 0, true));
    return new AlarmDefinition(region, "globaltable/Orders/SystemErrors", MARKER + " DynamoDB system errors (HTTP "
        + "500) on table Orders in " + region + " (Sum of SystemErrors over the data-plane operations): requests fail "
        + "on the AWS side and clients must retry.", null, Map.of(), null, metrics, 60, 5, 5, 5,
        "GreaterThanOrEqualToThreshold", "notBreaching", sns(region));
  }

  /** Everything ALL asks for in {@code region} of a group of {@code members} with the index ByCustomer. */
  static List<AlarmDefinition> regionSet(String region, String... members) {
    List<AlarmDefinition> out = new ArrayList<>();
    for (String to : members) {
      if (!to.equals(region)) {
        out.add(latency(region, to));
      }
    }
    out.add(throttle(region, "Read", null));
    out.add(throttle(region, "Write", null));
    out.add(throttle(region, "Read", "ByCustomer"));
    out.add(throttle(region, "Write", "ByCustomer"));
    out.add(systemErrors(region));
    return out;
  }

  static Step put(AlarmDefinition a) {
    return new Step.PutMetricAlarm(a.region(), a, OWNER_TAGS, true);
  }

  static Step update(AlarmDefinition a) {
    return new Step.PutMetricAlarm(a.region(), a, OWNER_TAGS, false);
  }

  static Step deleteAlarms(String region, String... names) {
    return new Step.DeleteAlarms(region, List.of(names));
  }

  /** An alarm of {@code name} in {@code region} that someone else made (description {@code description}). */
  static AlarmDefinition foreign(String region, String name, String description) {
    AlarmDefinition like = throttle(region, "Read", null);
    return new AlarmDefinition(region, name, description, like.metricName(), like.dimensions(), like.statistic(),
        List.of(), 60, 5, 2, 1, "GreaterThanOrEqualToThreshold", "notBreaching", List.of());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // fixtures

  private static Fx.TableB threeRegionHome() {
    return table().gsi(BY_CUSTOMER).replicas(EU, AP);
  }

  private static Desired threeRegions(Monitoring m) {
    return desired(HOME, EU, AP).gsi(BY_CUSTOMER).monitoring(m).build();
  }

  /** A deep observation of the three-region group, every region's alarms read and listing {@code alarms}. */
  private static Fx.ObsB group(Fx.TableB home, List<AlarmDefinition> homeAlarms, List<AlarmDefinition> euAlarms,
      List<AlarmDefinition> apAlarms) {
    return observe(home).deep()
        .member(EU, table(EU).gsi(BY_CUSTOMER).replicas(HOME, AP))
        .member(AP, table(AP).gsi(BY_CUSTOMER).replicas(HOME, EU))
        .alarms(HOME, homeAlarms).alarms(EU, euAlarms).alarms(AP, apAlarms);
  }

  private static List<AlarmDefinition> all3(String region) {
    return regionSet(region, HOME, EU, AP);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // the desired set

  @Test
  void threeRegionTableWithOneIndexGetsExactlyTheExpectedAlarms() {
    Observed o = group(threeRegionHome(), List.of(), List.of(), List.of()).build();

    Plan plan = planner.plan(threeRegions(ALL), o, null, null);

    List<Step> expected = new ArrayList<>();
    for (String region : List.of(HOME, EU, AP)) {
      all3(region).forEach(a -> expected.add(put(a)));
    }
    assertThat(steps(plan)).containsExactlyElementsOf(expected);
    assertThat(blockers(plan)).containsOnlyNulls();
    assertThat(plan.describe()).containsExactly(
        "create alarm globaltable/Orders/ReplicationLatency/to/eu-west-1 in us-east-1",
        "create alarm globaltable/Orders/ReplicationLatency/to/ap-south-1 in us-east-1",
        "create alarm globaltable/Orders/ReadThrottleEvents in us-east-1",
        "create alarm globaltable/Orders/WriteThrottleEvents in us-east-1",
        "create alarm globaltable/Orders/ReadThrottleEvents/index/ByCustomer in us-east-1",
        "create alarm globaltable/Orders/WriteThrottleEvents/index/ByCustomer in us-east-1",
        "create alarm globaltable/Orders/SystemErrors in us-east-1",
        "create alarm globaltable/Orders/ReplicationLatency/to/us-east-1 in eu-west-1",
        "create alarm globaltable/Orders/ReplicationLatency/to/ap-south-1 in eu-west-1",
        "create alarm globaltable/Orders/ReadThrottleEvents in eu-west-1",
        "create alarm globaltable/Orders/WriteThrottleEvents in eu-west-1",
        "create alarm globaltable/Orders/ReadThrottleEvents/index/ByCustomer in eu-west-1",
        "create alarm globaltable/Orders/WriteThrottleEvents/index/ByCustomer in eu-west-1",
        "create alarm globaltable/Orders/SystemErrors in eu-west-1",
        "create alarm globaltable/Orders/ReplicationLatency/to/us-east-1 in ap-south-1",
        "create alarm globaltable/Orders/ReplicationLatency/to/eu-west-1 in ap-south-1",
        "create alarm globaltable/Orders/ReadThrottleEvents in ap-south-1",
        "create alarm globaltable/Orders/WriteThrottleEvents in ap-south-1",
        "create alarm globaltable/Orders/ReadThrottleEvents/index/ByCustomer in ap-south-1",
        "create alarm globaltable/Orders/WriteThrottleEvents/index/ByCustomer in ap-south-1",
        "create alarm globaltable/Orders/SystemErrors in ap-south-1");
    // One per pass, the first one first; nothing holds the plan.
    assertThat(plan.next()).contains(put(latency(HOME, EU)));
    assertThat(plan.blocker()).isNull();
    // The latency alarm lives in the source region and names the receiving one, with that region's actions.
    Step.PutMetricAlarm apToEu = (Step.PutMetricAlarm) steps(plan).get(15);
    assertThat(apToEu.region()).isEqualTo(AP);
    assertThat(apToEu.alarm().dimensions()).isEqualTo(Map.of("TableName", TABLE, "ReceivingRegion", EU));
    assertThat(apToEu.alarm().actions()).containsExactly("arn:aws:sns:ap-south-1:111122223333:ops");
    assertThat(apToEu.tableMutation()).isFalse();
  }

  @Test
  void desiredAlarmsAreAPureFunctionOfSpecAndGroup() {
    RegionalTable home = threeRegionHome().build();

    assertThat(AlarmPlanner.members(threeRegions(ALL), home)).containsExactly(HOME, EU, AP);
    assertThat(AlarmPlanner.desiredAlarms(threeRegions(ALL), home)).hasSize(21)
        .containsExactlyElementsOf(concat(all3(HOME), all3(EU), all3(AP)));
    // A region in the spec that the group does not list yet, and an index the table does not list yet, get nothing.
    Desired wider = desired(HOME, EU, AP).gsi(BY_CUSTOMER, Fx.BY_STATUS).monitoring(ALL).build();
    RegionalTable homeEuOnly = table().gsi(BY_CUSTOMER).replicas(EU).build();
    assertThat(AlarmPlanner.desiredAlarms(wider, homeEuOnly))
        .containsExactlyElementsOf(concat(regionSet(HOME, HOME, EU), regionSet(EU, HOME, EU)));
    // A single region has no replication to watch.
    Desired single = desired(HOME).gsi(BY_CUSTOMER).monitoring(ALL).build();
    assertThat(AlarmPlanner.desiredAlarms(single, table().gsi(BY_CUSTOMER).build()))
        .containsExactlyElementsOf(regionSet(HOME, HOME));
    // spec.alarms absent: nothing, whatever the kinds say.
    Monitoring off = new Monitoring(false, LATENCY, THROTTLE, ERRORS, MAX, List.of(SNS), false);
    assertThat(AlarmPlanner.desiredAlarms(threeRegions(off), home)).isEmpty();
  }

  @Test
  void maxThroughputAlarmsOnlyForOnDemandDimensionsWithAMaximum() {
    Monitoring maxOnly = new Monitoring(true, null, null, null, MAX, List.of(SNS), false);
    Desired d = desired(HOME).gsi(BY_CUSTOMER, Fx.BY_STATUS).onDemand(100L, null)
        .indexOnDemand("ByCustomer", null, 50L).indexOnDemand("ByStatus", 20L, null).monitoring(maxOnly).build();
    RegionalTable home = table().onDemand(100L, null)
        .gsi(idx(BY_CUSTOMER, new OnDemandLimits(null, 50L)), idx(Fx.BY_STATUS, new OnDemandLimits(20L, null)))
        .build();

    assertThat(AlarmPlanner.desiredAlarms(d, home)).containsExactly(
        maxThrottle(HOME, "Read", null), maxThrottle(HOME, "Write", "ByCustomer"), maxThrottle(HOME, "Read", "ByStatus"));

    Desired provisioned = desired(HOME).provisioned(Fx.units(5), Fx.units(5)).monitoring(maxOnly).build();
    assertThat(AlarmPlanner.desiredAlarms(provisioned, table().provisioned(5, 5).build())).isEmpty();
  }

  @Test
  void aReplicaOnItsOwnReadMaximumGetsTheReadAlarmThere() {
    Monitoring maxOnly = new Monitoring(true, null, null, null, MAX, List.of(SNS), false);
    Desired d = desired(HOME, EU).replicaMaxRead(EU, 300L).monitoring(maxOnly).build();

    assertThat(AlarmPlanner.desiredAlarms(d, table().replicas(EU).build()))
        .containsExactly(maxThrottle(EU, "Read", null));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // changes

  @Test
  void unchangedAlarmsProduceNoStep() {
    Observed o = group(threeRegionHome(), all3(HOME), all3(EU), all3(AP)).build();

    Plan plan = planner.plan(threeRegions(ALL), o, null, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.isConverged()).isTrue();
  }

  @Test
  void ownedAlarmThatDriftedIsUpdated() {
    AlarmDefinition want = throttle(EU, "Write", "ByCustomer");
    AlarmDefinition drifted = new AlarmDefinition(EU, want.name(), want.description(), want.metricName(),
        want.dimensions(), want.statistic(), List.of(), 60, 5, 2, 1000, want.comparisonOperator(),
        want.treatMissingData(), List.of());
    List<AlarmDefinition> eu = new ArrayList<>(all3(EU));
    eu.set(eu.indexOf(want), drifted);
    Observed o = group(threeRegionHome(), all3(HOME), eu, all3(AP)).build();

    Plan plan = planner.plan(threeRegions(ALL), o, null, null);

    assertThat(steps(plan)).containsExactly(update(want));
    assertThat(plan.describe()).containsExactly(
        "update alarm globaltable/Orders/WriteThrottleEvents/index/ByCustomer in eu-west-1");
  }

  @Test
  void addingARegionAddsItsAlarmsAndTheLatencyPairsInBothDirections() {
    // The group had HOME and EU, with their alarms; AP joined (the home table lists it) and has none yet.
    List<AlarmDefinition> home = regionSet(HOME, HOME, EU);
    List<AlarmDefinition> eu = regionSet(EU, HOME, EU);
    Observed o = group(threeRegionHome(), home, eu, List.of()).build();

    Plan plan = planner.plan(threeRegions(ALL), o, null, null);

    List<Step> expected = new ArrayList<>(List.of(put(latency(HOME, AP)), put(latency(EU, AP))));
    all3(AP).forEach(a -> expected.add(put(a)));
    assertThat(steps(plan)).containsExactlyElementsOf(expected);
    assertThat(plan.describe()).startsWith(
        "create alarm globaltable/Orders/ReplicationLatency/to/ap-south-1 in us-east-1",
        "create alarm globaltable/Orders/ReplicationLatency/to/ap-south-1 in eu-west-1",
        "create alarm globaltable/Orders/ReplicationLatency/to/us-east-1 in ap-south-1",
        "create alarm globaltable/Orders/ReplicationLatency/to/eu-west-1 in ap-south-1");
  }

  @Test
  void aRegionStillBeingAddedGetsNoAlarmsYet() {
    // AP is in the spec but the home table does not list it yet: AddReplica first, no alarms for it.
    Observed o = observe(table().gsi(BY_CUSTOMER).replicas(EU)).deep()
        .member(EU, table(EU).gsi(BY_CUSTOMER).replicas(HOME)).region(AP, null, null)
        .alarms(HOME, regionSet(HOME, HOME, EU)).alarms(EU, regionSet(EU, HOME, EU)).alarms(AP, List.of()).build();

    Plan plan = planner.plan(threeRegions(ALL), o, null, null);

    assertThat(plan.describe()).containsExactly("add replica ap-south-1");
  }

  @Test
  void removingARegionDeletesItsAlarmsAndThePairsIntoIt() {
    // AP left the spec; the home table lists it DELETING, its table is still there, its alarms too.
    Fx.TableB home = table().gsi(BY_CUSTOMER).replicas(rep(EU), rep(AP, "DELETING"));
    Observed o = observe(home).deep()
        .member(EU, table(EU).gsi(BY_CUSTOMER).replicas(HOME, AP))
        .member(AP, table(AP).gsi(BY_CUSTOMER).status("DELETING").replicas(HOME, EU))
        .alarms(HOME, all3(HOME)).alarms(EU, all3(EU)).alarms(AP, all3(AP)).build();

    Plan plan = planner.plan(desired(HOME, EU).gsi(BY_CUSTOMER).monitoring(ALL).build(), o, managed(List.of(AP),
        List.of()), null);

    assertThat(steps(plan)).containsExactly(
        deleteAlarms(HOME, "globaltable/Orders/ReplicationLatency/to/ap-south-1"),
        deleteAlarms(EU, "globaltable/Orders/ReplicationLatency/to/ap-south-1"),
        deleteAlarms(AP, "globaltable/Orders/ReadThrottleEvents", "globaltable/Orders/ReadThrottleEvents/index/ByCustomer",
            "globaltable/Orders/ReplicationLatency/to/eu-west-1", "globaltable/Orders/ReplicationLatency/to/us-east-1",
            "globaltable/Orders/SystemErrors", "globaltable/Orders/WriteThrottleEvents",
            "globaltable/Orders/WriteThrottleEvents/index/ByCustomer"));
    assertThat(blockers(plan)).containsOnlyNulls();
    assertThat(plan.describe().get(0))
        .isEqualTo("delete alarm globaltable/Orders/ReplicationLatency/to/ap-south-1 in us-east-1");
  }

  @Test
  void aRegionThatLeftTheGroupButWasReadHasItsOwnedAlarmsDeleted() {
    // The replica is gone from the group and its table is gone; the region was still read (its alarms listed).
    Observed o = observe(table().gsi(BY_CUSTOMER).replicas(EU)).deep()
        .member(EU, table(EU).gsi(BY_CUSTOMER).replicas(HOME)).region(AP, null, null)
        .alarms(HOME, regionSet(HOME, HOME, EU)).alarms(EU, regionSet(EU, HOME, EU))
        .alarms(AP, latency(AP, HOME), systemErrors(AP)).build();

    Plan plan = planner.plan(desired(HOME, EU).gsi(BY_CUSTOMER).monitoring(ALL).build(), o, null, null);

    assertThat(steps(plan)).containsExactly(deleteAlarms(AP, "globaltable/Orders/ReplicationLatency/to/us-east-1",
        "globaltable/Orders/SystemErrors"));
  }

  @Test
  void aLeavingReplicasOwnAlarmsGoBeforeTheReplica() {
    // AP is still ACTIVE in the group but left the spec: its alarms (and the pairs into it) are no longer desired. The
    // replica removal waits for AP's own alarms: once its table is gone AP is no longer read and they would be orphaned.
    Observed o = group(threeRegionHome(), all3(HOME), all3(EU), all3(AP)).build();

    Plan plan = planner.plan(desired(HOME, EU).gsi(BY_CUSTOMER).monitoring(ALL).build(), o,
        managed(List.of(EU, AP), List.of()), null);

    assertThat(steps(plan).get(0)).isEqualTo(remove(AP));
    assertThat(blockers(plan).get(0)).isEqualTo(new Blocker(BlockReason.QUEUED,
        "after: delete the CloudWatch alarms this resource owns in ap-south-1"));
    assertThat(steps(plan).subList(1, 4)).extracting(Step::describe).containsExactly(
        "delete alarm globaltable/Orders/ReplicationLatency/to/ap-south-1 in us-east-1",
        "delete alarm globaltable/Orders/ReplicationLatency/to/ap-south-1 in eu-west-1",
        "delete alarms globaltable/Orders/ReadThrottleEvents, globaltable/Orders/ReadThrottleEvents/index/ByCustomer, "
            + "globaltable/Orders/ReplicationLatency/to/eu-west-1, globaltable/Orders/ReplicationLatency/to/us-east-1, "
            + "globaltable/Orders/SystemErrors, globaltable/Orders/WriteThrottleEvents, "
            + "globaltable/Orders/WriteThrottleEvents/index/ByCustomer in ap-south-1");
    assertThat(steps(plan)).hasSize(4);
    assertThat(plan.next()).contains(steps(plan).get(1));

    // Once AP's own alarms are gone, the replica goes.
    Observed after = group(threeRegionHome(), all3(HOME), all3(EU), List.of()).build();
    assertThat(planner.plan(desired(HOME, EU).gsi(BY_CUSTOMER).monitoring(ALL).build(), after,
        managed(List.of(EU, AP), List.of()), null).next()).contains(remove(AP));
  }

  @Test
  void turningAKindOffDeletesItsAlarms() {
    Monitoring noThrottling = new Monitoring(true, LATENCY, null, ERRORS, MAX, List.of(SNS), false);
    Observed o = group(threeRegionHome(), all3(HOME), all3(EU), all3(AP)).build();

    Plan plan = planner.plan(threeRegions(noThrottling), o, null, null);

    String[] throttles = {"globaltable/Orders/ReadThrottleEvents",
        "globaltable/Orders/ReadThrottleEvents/index/ByCustomer", "globaltable/Orders/WriteThrottleEvents",
        "globaltable/Orders/WriteThrottleEvents/index/ByCustomer"};
    assertThat(steps(plan)).containsExactly(deleteAlarms(HOME, throttles), deleteAlarms(EU, throttles),
        deleteAlarms(AP, throttles));
  }

  @Test
  void removingSpecAlarmsDeletesEveryOwnedAlarmAndNothingElse() {
    AlarmDefinition scaling = foreign(HOME, "TargetTracking-table/Orders-AlarmHigh-0d4c", null);
    List<AlarmDefinition> home = new ArrayList<>(all3(HOME));
    home.add(scaling);
    Observed o = group(threeRegionHome(), home, all3(EU), List.of()).build();

    Plan plan = planner.plan(threeRegions(Monitoring.NONE), o, null, null);

    assertThat(plan.describe()).containsExactly(
        "delete alarms globaltable/Orders/ReadThrottleEvents, globaltable/Orders/ReadThrottleEvents/index/ByCustomer, "
            + "globaltable/Orders/ReplicationLatency/to/ap-south-1, globaltable/Orders/ReplicationLatency/to/eu-west-1, "
            + "globaltable/Orders/SystemErrors, globaltable/Orders/WriteThrottleEvents, "
            + "globaltable/Orders/WriteThrottleEvents/index/ByCustomer in us-east-1",
        "delete alarms globaltable/Orders/ReadThrottleEvents, globaltable/Orders/ReadThrottleEvents/index/ByCustomer, "
            + "globaltable/Orders/ReplicationLatency/to/ap-south-1, globaltable/Orders/ReplicationLatency/to/us-east-1, "
            + "globaltable/Orders/SystemErrors, globaltable/Orders/WriteThrottleEvents, "
            + "globaltable/Orders/WriteThrottleEvents/index/ByCustomer in eu-west-1");
  }

  @Test
  void deletesComeBeforeCreatesAndNeverMoreThanAHundredNamesPerCall() {
    List<AlarmDefinition> stale = new ArrayList<>();
    IntStream.range(0, 150).forEach(i -> stale.add(foreign(HOME, String.format("globaltable/Orders/Old/%03d", i),
        MARKER + " an alarm of an earlier version")));
    Observed o = observe(table()).alarms(HOME, stale).build();

    Plan plan = planner.plan(desired(HOME).monitoring(ALL).build(), o, null, null);

    List<String> names = stale.stream().map(AlarmDefinition::name).toList();
    assertThat(steps(plan)).containsExactly(
        new Step.DeleteAlarms(HOME, names.subList(0, 100)), new Step.DeleteAlarms(HOME, names.subList(100, 150)),
        put(throttle(HOME, "Read", null)), put(throttle(HOME, "Write", null)), put(systemErrors(HOME)));
  }

  @Test
  void alarmsOfOthersAreNeverTouched() {
    AlarmDefinition exactNameNoMarker = foreign(HOME, "globaltable/Orders/ReadThrottleEvents", "made by hand");
    AlarmDefinition otherTablesPrefix = foreign(HOME, "globaltable/Orders-old/ReadThrottleEvents",
        MARKER + " an alarm of another table");
    AlarmDefinition otherOwner = foreign(HOME, "globaltable/Orders/WriteThrottleEvents/index/Gone",
        "Managed by globaltable-operator for shop/other. something else");
    AlarmDefinition noMarker = foreign(HOME, "globaltable/Orders/Custom", null);
    AlarmDefinition scaling = foreign(HOME, "TargetTracking-table/Orders-AlarmLow-5f1e", null);
    Observed o = observe(table()).alarms(HOME, exactNameNoMarker, otherTablesPrefix, otherOwner, noMarker, scaling)
        .build();

    Plan plan = planner.plan(desired(HOME).monitoring(ALL).build(), o, null, null);

    Blocker notOurs = new Blocker(BlockReason.NOT_ALLOWED, "spec.alarms: an alarm named "
        + "globaltable/Orders/ReadThrottleEvents already exists in us-east-1 that this resource did not create (its "
        + "description lacks \"Managed by globaltable-operator for shop/orders.\"); the operator does not overwrite "
        + "it: delete or rename that alarm");
    assertThat(steps(plan)).containsExactly(update(throttle(HOME, "Read", null)), put(throttle(HOME, "Write", null)),
        put(systemErrors(HOME)));
    assertThat(blockers(plan)).containsExactly(notOurs, null, null);
    assertThat(plan.problems()).containsExactly(notOurs);
    assertThat(plan.next()).contains(put(throttle(HOME, "Write", null)));
    assertThat(plan.isStalled()).isFalse();
  }

  @Test
  void aForeignAlarmAloneStallsThePlanWithItsMessage() {
    AlarmDefinition exactNameNoMarker = foreign(HOME, "globaltable/Orders/SystemErrors", "made by hand");
    Monitoring errorsOnly = new Monitoring(true, null, null, ERRORS, null, List.of(SNS), false);
    Observed o = observe(table()).alarms(HOME, exactNameNoMarker).build();

    Plan plan = planner.plan(desired(HOME).monitoring(errorsOnly).build(), o, null, null);

    assertThat(plan.describe()).containsExactly("update alarm globaltable/Orders/SystemErrors in us-east-1");
    assertThat(plan.isStalled()).isTrue();
    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.NOT_ALLOWED);
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void regionsWhoseAlarmsWereNotReadOrWhoseTableIsMissingGetNoStep() {
    // EU's alarms were not read this pass; AP's table is missing (its alarms were read: nothing to create there).
    Observed o = observe(threeRegionHome()).deep()
        .member(EU, table(EU).gsi(BY_CUSTOMER).replicas(HOME, AP)).region(AP, null, null)
        .alarms(HOME, all3(HOME)).alarms(AP, List.of()).build();

    Plan plan = planner.plan(threeRegions(ALL), o, null, null);

    assertThat(plan.steps()).isEmpty();
  }

  @Test
  void aTableNotOursGetsNoAlarmSteps() {
    Observed o = observe(table()).homeTags(Map.of(Desired.OWNER_TAG, "ns/other")).alarms(HOME, List.of())
        .dashboard(new ObservedDashboard(DASHBOARD, null)).build();

    Plan plan = planner.plan(desired(HOME).monitoring(withDashboard(ALL)).build(), o, null, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.TABLE_OWNED_ELSEWHERE);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // dashboard

  static Monitoring withDashboard(Monitoring m) {
    return new Monitoring(m.alarmsEnabled(), m.replicationLatency(), m.throttling(), m.systemErrors(),
        m.maxThroughputThrottling(), m.actions(), true);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void dashboardNotReadMeansNoStep() {
    Observed o = observe(table()).build();

    assertThat(planner.plan(desired(HOME).monitoring(withDashboard(Monitoring.NONE)).build(), o, null, null)
        .steps()).isEmpty();
  }

  @Test
  void absentDashboardIsCreatedWithTheExactBody() throws Exception {
    Monitoring dashboardOnly = withDashboard(Monitoring.NONE);
    Desired d = desired(HOME).monitoring(dashboardOnly).build();
    Observed o = observe(table()).dashboard(new ObservedDashboard(DASHBOARD, null)).build();

    Plan plan = planner.plan(d, o, null, null);

    assertThat(plan.describe()).containsExactly("create dashboard globaltable-Orders");
    Step.PutDashboard put = (Step.PutDashboard) steps(plan).get(0);
    assertThat(put.region()).isEqualTo(HOME);
    assertThat(put.name()).isEqualTo(DASHBOARD);
    assertThat(put.create()).isTrue();
    String ops = "GetItem,PutItem,UpdateItem,DeleteItem,Query,Scan,BatchGetItem,BatchWriteItem,TransactGetItems,"
        + "TransactWriteItems";
    StringBuilder errors = new StringBuilder();
    for (String op : ops.split(",")) {
      errors.append(",[\"AWS/DynamoDB\",\"SystemErrors\",\"TableName\",\"Orders\",\"Operation\",\"").append(op)
          .append("\"]");
    }
    String expected = "{\"widgets\":["
        + "{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":24,\"height\":3,\"properties\":{\"markdown\":"
        + "\"Managed by globaltable-operator for shop/orders.\\n\\n# DynamoDB global table Orders\\n\\nRegions: "
        + "us-east-1 (home). Kept up to date by the operator: edits made here are overwritten.\"}},"
        + "{\"type\":\"metric\",\"x\":0,\"y\":3,\"width\":12,\"height\":6,\"properties\":{\"view\":\"timeSeries\","
        + "\"region\":\"us-east-1\",\"title\":\"us-east-1: consumed capacity (units/s)\",\"stat\":\"Sum\","
        + "\"period\":60,\"metrics\":["
        + "[\"AWS/DynamoDB\",\"ConsumedReadCapacityUnits\",\"TableName\",\"Orders\",{\"id\":\"cr\",\"stat\":\"Sum\","
        + "\"visible\":false}],[{\"expression\":\"cr/PERIOD(cr)\",\"label\":\"consumed read\",\"id\":\"crps\"}],"
        + "[\"AWS/DynamoDB\",\"ConsumedWriteCapacityUnits\",\"TableName\",\"Orders\",{\"id\":\"cw\",\"stat\":\"Sum\","
        + "\"visible\":false}],[{\"expression\":\"cw/PERIOD(cw)\",\"label\":\"consumed write\",\"id\":\"cwps\"}]]}},"
        + "{\"type\":\"metric\",\"x\":12,\"y\":3,\"width\":12,\"height\":6,\"properties\":{\"view\":\"timeSeries\","
        + "\"region\":\"us-east-1\",\"title\":\"us-east-1: throttles and errors\",\"stat\":\"Sum\",\"period\":60,"
        + "\"metrics\":[[\"AWS/DynamoDB\",\"ReadThrottleEvents\",\"TableName\",\"Orders\"],"
        + "[\"AWS/DynamoDB\",\"WriteThrottleEvents\",\"TableName\",\"Orders\"]" + errors + "]}}]}";
    assertThat(put.body()).isEqualTo(expected);
    assertThat(JSON.readTree(put.body())).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void threeRegionDashboardHasLatencyPairsRegionsAndAlarmArns() throws Exception {
    Desired d = threeRegions(withDashboard(ALL));
    Observed o = group(threeRegionHome(), all3(HOME), all3(EU), all3(AP))
        .dashboard(new ObservedDashboard(DASHBOARD, null)).build();

    Plan plan = planner.plan(d, o, null, null);

    assertThat(plan.describe()).containsExactly("create dashboard globaltable-Orders");
    JsonNode widgets = JSON.readTree(((Step.PutDashboard) steps(plan).get(0)).body()).get("widgets");
    List<String> layout = new ArrayList<>();
    widgets.forEach(w -> layout.add(w.get("type").asText() + "@" + w.get("x") + "," + w.get("y") + " "
        + w.get("width") + "x" + w.get("height") + " " + w.path("properties").path("title").asText()));
    assertThat(layout).containsExactly(
        "text@0,0 24x3 ",
        "metric@0,3 12x6 Replication latency us-east-1 to eu-west-1 (ms)",
        "metric@12,3 12x6 Replication latency us-east-1 to ap-south-1 (ms)",
        "metric@0,9 12x6 Replication latency eu-west-1 to us-east-1 (ms)",
        "metric@12,9 12x6 Replication latency eu-west-1 to ap-south-1 (ms)",
        "metric@0,15 12x6 Replication latency ap-south-1 to us-east-1 (ms)",
        "metric@12,15 12x6 Replication latency ap-south-1 to eu-west-1 (ms)",
        "metric@0,21 12x6 us-east-1: consumed capacity (units/s)",
        "metric@12,21 12x6 us-east-1: throttles and errors",
        "metric@0,27 12x6 eu-west-1: consumed capacity (units/s)",
        "metric@12,27 12x6 eu-west-1: throttles and errors",
        "metric@0,33 12x6 ap-south-1: consumed capacity (units/s)",
        "metric@12,33 12x6 ap-south-1: throttles and errors",
        "alarm@0,39 24x6 Alarms");
    JsonNode apToEu = widgets.get(6).get("properties");
    assertThat(apToEu.get("region").asText()).isEqualTo(AP);
    assertThat(apToEu.get("stat").asText()).isEqualTo("Average");
    assertThat(apToEu.get("period").asInt()).isEqualTo(300);
    assertThat(apToEu.get("metrics").toString())
        .isEqualTo("[[\"AWS/DynamoDB\",\"ReplicationLatency\",\"TableName\",\"Orders\",\"ReceivingRegion\","
            + "\"eu-west-1\"]]");
    // Index throttles and ten SystemErrors operations in every region's errors widget.
    JsonNode euErrors = widgets.get(10).get("properties").get("metrics");
    assertThat(euErrors).hasSize(14);
    assertThat(euErrors.get(2).toString()).isEqualTo("[\"AWS/DynamoDB\",\"ReadThrottleEvents\",\"TableName\","
        + "\"Orders\",\"GlobalSecondaryIndexName\",\"ByCustomer\"]");
    List<String> arns = new ArrayList<>();
    widgets.get(13).get("properties").get("alarms").forEach(a -> arns.add(a.asText()));
    assertThat(arns).hasSize(21).startsWith(
        "arn:aws:cloudwatch:us-east-1:111122223333:alarm:globaltable/Orders/ReplicationLatency/to/eu-west-1",
        "arn:aws:cloudwatch:us-east-1:111122223333:alarm:globaltable/Orders/ReplicationLatency/to/ap-south-1")
        .endsWith("arn:aws:cloudwatch:ap-south-1:111122223333:alarm:globaltable/Orders/SystemErrors");
  }

  @Test
  void provisionedTablesShowProvisionedCapacityNextToConsumed() throws Exception {
    Desired d = desired(HOME).provisioned(Fx.units(5), Fx.units(5)).monitoring(withDashboard(Monitoring.NONE))
        .build();
    String body = DashboardBuilder.body(d, table().provisioned(5, 5).build(), List.of());

    JsonNode cap = JSON.readTree(body).get("widgets").get(1).get("properties");
    assertThat(cap.get("title").asText()).isEqualTo("us-east-1: consumed vs provisioned capacity (units/s)");
    assertThat(cap.get("metrics").get(4).toString()).isEqualTo("[\"AWS/DynamoDB\",\"ProvisionedReadCapacityUnits\","
        + "\"TableName\",\"Orders\",{\"label\":\"provisioned read\",\"stat\":\"Average\"}]");
    assertThat(cap.get("metrics")).hasSize(6);
  }

  @Test
  void ourDashboardWithTheSameBodyNeedsNothingAndADifferentOneIsUpdated() throws Exception {
    Desired d = threeRegions(withDashboard(ALL));
    RegionalTable home = threeRegionHome().build();
    String body = DashboardBuilder.body(d, home, AlarmPlanner.desiredAlarms(d, home));
    String reformatted = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
    Fx.ObsB same = group(threeRegionHome(), all3(HOME), all3(EU), all3(AP))
        .dashboard(new ObservedDashboard(DASHBOARD, reformatted));

    assertThat(planner.plan(d, same.build(), null, null).isConverged()).isTrue();

    // The same dashboard from before AP joined: the body differs, ours (marker), so it is updated.
    Desired twoRegions = desired(HOME, EU).gsi(BY_CUSTOMER).monitoring(withDashboard(ALL)).build();
    RegionalTable homeEu = table().gsi(BY_CUSTOMER).replicas(EU).build();
    String old = DashboardBuilder.body(twoRegions, homeEu, AlarmPlanner.desiredAlarms(twoRegions, homeEu));
    Observed o = group(threeRegionHome(), all3(HOME), all3(EU), all3(AP))
        .dashboard(new ObservedDashboard(DASHBOARD, old)).build();

    Plan plan = planner.plan(d, o, null, null);

    assertThat(steps(plan)).containsExactly(new Step.PutDashboard(HOME, DASHBOARD, body, false));
    assertThat(plan.describe()).containsExactly("update dashboard globaltable-Orders");
  }

  @Test
  void aDashboardOfThatNameWithoutOurMarkerIsNeverOverwritten() {
    Desired d = desired(HOME).monitoring(withDashboard(Monitoring.NONE)).build();
    String theirs = "{\"widgets\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":6,\"height\":3,"
        + "\"properties\":{\"markdown\":\"Orders, by the ops team\"}}]}";
    Observed o = observe(table()).dashboard(new ObservedDashboard(DASHBOARD, theirs)).build();

    Plan plan = planner.plan(d, o, null, null);

    Blocker notOurs = new Blocker(BlockReason.NOT_ALLOWED, "spec.dashboard: a CloudWatch dashboard named "
        + "globaltable-Orders already exists that this resource did not create (its body lacks \"Managed by "
        + "globaltable-operator for shop/orders.\"); the operator does not overwrite it: delete or rename that "
        + "dashboard");
    assertThat(plan.describe()).containsExactly("update dashboard globaltable-Orders");
    assertThat(blockers(plan)).containsExactly(notOurs);
    assertThat(plan.blocker()).isEqualTo(notOurs);
    assertThat(plan.next()).isEmpty();

    // Turned off: theirs stays, too; and a body that is not JSON is not ours either.
    Desired off = desired(HOME).build();
    assertThat(planner.plan(off, o, null, null).isConverged()).isTrue();
    Observed garbage = observe(table()).dashboard(new ObservedDashboard(DASHBOARD, "not json " + MARKER)).build();
    assertThat(planner.plan(off, garbage, null, null).isConverged()).isTrue();
  }

  @Test
  void turningTheDashboardOffDeletesOurs() {
    Desired on = desired(HOME).monitoring(withDashboard(Monitoring.NONE)).build();
    String ours = DashboardBuilder.body(on, table().build(), List.of());
    Observed o = observe(table()).dashboard(new ObservedDashboard(DASHBOARD, ours)).build();

    Plan plan = planner.plan(desired(HOME).build(), o, null, null);

    assertThat(steps(plan)).containsExactly(new Step.DeleteDashboard(HOME, DASHBOARD));
    assertThat(plan.describe()).containsExactly("delete dashboard globaltable-Orders");
    assertThat(blockers(plan)).containsOnlyNulls();
  }

  @Test
  void dashboardOwnershipNeedsOurExactMarker() {
    Desired on = desired(HOME).monitoring(withDashboard(Monitoring.NONE)).build();
    String ours = DashboardBuilder.body(on, table().build(), List.of());

    assertThat(DashboardBuilder.ownedBy(ours, OWNER)).isTrue();
    assertThat(DashboardBuilder.ownedBy(ours, "shop/other")).isFalse();
    assertThat(DashboardBuilder.ownedBy(null, OWNER)).isFalse();
    assertThat(DashboardBuilder.body(on, table().build(), List.of())).isEqualTo(ours);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // deletion

  @Test
  void deletionRemovesOwnedAlarmsAndTheDashboardBeforeTheTable() {
    Desired d = desired(HOME, EU).gsi(BY_CUSTOMER).monitoring(withDashboard(ALL)).delete().build();
    RegionalTable homeTable = table().gsi(BY_CUSTOMER).replicas(EU).build();
    String body = DashboardBuilder.body(d, homeTable, AlarmPlanner.desiredAlarms(d, homeTable));
    AlarmDefinition otherOwner = foreign(EU, "globaltable/Orders/Extra",
        "Managed by globaltable-operator for shop/other. something else");
    List<AlarmDefinition> eu = new ArrayList<>(regionSet(EU, HOME, EU));
    eu.add(otherOwner);
    Observed o = observe(table().gsi(BY_CUSTOMER).replicas(EU)).deep()
        .member(EU, table(EU).gsi(BY_CUSTOMER).replicas(HOME))
        .alarms(HOME, regionSet(HOME, HOME, EU)).alarms(EU, eu)
        .dashboard(new ObservedDashboard(DASHBOARD, body)).build();

    Plan plan = planner.planDeletion(d, o, null);

    String[] homeNames = {"globaltable/Orders/ReadThrottleEvents",
        "globaltable/Orders/ReadThrottleEvents/index/ByCustomer", "globaltable/Orders/ReplicationLatency/to/eu-west-1",
        "globaltable/Orders/SystemErrors", "globaltable/Orders/WriteThrottleEvents",
        "globaltable/Orders/WriteThrottleEvents/index/ByCustomer"};
    String[] euNames = homeNames.clone();
    euNames[2] = "globaltable/Orders/ReplicationLatency/to/us-east-1";
    Blocker first = new Blocker(BlockReason.QUEUED, "after: delete the CloudWatch alarms and dashboard this resource "
        + "owns (nothing would remove them once the resource is gone)");
    Step deleteTable = new Step.DeleteTable(HOME, TABLE);
    assertThat(steps(plan)).containsExactly(remove(EU), deleteTable, deleteAlarms(HOME, homeNames),
        deleteAlarms(EU, euNames), new Step.DeleteDashboard(HOME, DASHBOARD));
    assertThat(blockers(plan)).containsExactly(first, Fx.queued(remove(EU)), null, null, null);
    assertThat(plan.next()).contains(deleteAlarms(HOME, homeNames));
  }

  @Test
  void deletionWithAutoscalingAndAlarmsNamesBothBeforeTheTable() {
    Desired d = desired(HOME).provisioned(Fx.scaled(1, 10, 70), Fx.units(5)).monitoring(ALL).delete().build();
    Observed o = observe(table().provisioned(1, 5)).deep()
        .homeScaling(Fx.target(dev.globaltable.operator.model.CapacityDimension.TABLE_READ, null, Fx.scaled(1, 10, 70)))
        .alarms(HOME, systemErrors(HOME)).build();
    Managed m = new Managed(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
        java.util.Set.of(Fx.scalingKey(HOME, null, dev.globaltable.operator.model.CapacityDimension.TABLE_READ)));

    Plan plan = planner.planDeletion(d, o, null, m);

    assertThat(plan.describe()).hasSize(3).endsWith("delete alarm globaltable/Orders/SystemErrors in us-east-1");
    assertThat(plan.steps().get(0).step()).isEqualTo(new Step.DeleteTable(HOME, TABLE));
    assertThat(plan.steps().get(0).blockedBy()).isEqualTo(new Blocker(BlockReason.QUEUED, "after: remove "
        + "autoscaling in every region (AWS leaves scalable targets, policies and alarms behind when a table or "
        + "replica goes); and delete the CloudWatch alarms and dashboard this resource owns (nothing would remove "
        + "them once the resource is gone)"));
  }

  @Test
  void retainDeletesNothingAndAGoneTableLeavesOnlyItsAlarmsToDelete() {
    Observed o = observe(table()).deep().alarms(HOME, systemErrors(HOME))
        .dashboard(new ObservedDashboard(DASHBOARD, DashboardBuilder.body(desired(HOME).build(), table().build(),
            List.of()))).build();

    assertThat(planner.planDeletion(desired(HOME).monitoring(withDashboard(ALL)).build(), o, null))
        .isEqualTo(Plan.converged());

    Observed gone = Fx.absent().alarms(HOME, systemErrors(HOME)).alarms(EU, latency(EU, HOME),
        foreign(EU, "globaltable/Orders/Mine", "by hand")).build();
    Plan plan = planner.planDeletion(desired(HOME, EU).monitoring(ALL).delete().build(), gone, null);
    assertThat(steps(plan)).containsExactly(deleteAlarms(HOME, "globaltable/Orders/SystemErrors"),
        deleteAlarms(EU, "globaltable/Orders/ReplicationLatency/to/us-east-1"));
    assertThat(plan.blocker()).isNull();
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    List<T> out = new ArrayList<>();
    for (List<T> l : lists) {
      out.addAll(l);
    }
    return Collections.unmodifiableList(out);
  }
}
