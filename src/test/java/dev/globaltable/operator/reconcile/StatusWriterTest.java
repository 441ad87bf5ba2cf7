package dev.globaltable.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.api.GlobalTableStatus;
import dev.globaltable.operator.api.CapacityStatus;
import dev.globaltable.operator.api.ReplicaStatus;
import dev.globaltable.operator.model.CapacityDimension;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.DesiredMapper;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.ObservedScaling;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Managed;
import dev.globaltable.operator.plan.Plan;
import dev.globaltable.operator.plan.PlannedStep;
import dev.globaltable.operator.plan.Step;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The status one pass writes: content from the observation and plan, and kstatus condition algebra. */
class StatusWriterTest {
  private static final KeySchema KEYS = new KeySchema(new KeyAttribute("PK", ScalarType.S),
      new KeyAttribute("SK", ScalarType.S));
  private static final IndexDefinition BY_CUSTOMER = new IndexDefinition("ByCustomer",
      new KeySchema(new KeyAttribute("CustomerId", ScalarType.S), null), Projection.ALL);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final StatusWriter writer = new StatusWriter(clock);
  private final GlobalTable orders = orders();
  private final Desired desired = DesiredMapper.toDesired("default", "orders", orders.getSpec());

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static GlobalTable orders() {
    GlobalTable gt = OperatorHarness.sample("orders-global.yaml");
    gt.getMetadata().setGeneration(3L);
    return gt;
  }

  private static RegionalTable table(String region, String status, List<ObservedReplica> replicas,
      List<ObservedIndex> gsis) {
    return new RegionalTable(region, "Orders", "arn:aws:dynamodb:" + region + ":111122223333:table/Orders", "id-" + region,
        status, KEYS, Map.of("PK", ScalarType.S, "SK", ScalarType.S), "PAY_PER_REQUEST", null, "NEW_AND_OLD_IMAGES",
        gsis, List.of(), replicas, false, Instant.parse("2026-11-23T09:00:00Z"), replicas.isEmpty() ? null : "2019.11.21");
  }

  private static Observed observed(RegionalTable home, RegionalTable... others) {
    Map<String, RegionObservation> regions = new LinkedHashMap<>();
    regions.put(home.region(), new RegionObservation(home.region(), home, Map.of()));
    for (RegionalTable t : others) {
      regions.put(t.region(), new RegionObservation(t.region(), t, Map.of()));
    }
    return new Observed(home.region(), regions, true);
  }

  private StatusWriter.PassFacts facts(Observed o, Plan plan, Outcome outcome) {
    return new StatusWriter.PassFacts(desired, o, plan, outcome,
        new Managed(java.util.Set.of("eu-west-1"), java.util.Set.of("ByCustomer")), null);
  }

  private static Condition c(GlobalTableStatus s, String type) {
    return s.conditions.stream().filter(x -> x.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void replicaProgressIndexBackfillAndPendingComeFromTheObservationAndThePlan() {
    RegionalTable home = table("us-east-1", "ACTIVE",
        List.of(new ObservedReplica("eu-west-1", "ACTIVE", null, null),
            new ObservedReplica("ap-northeast-1", "CREATING", "Replica is being created", 45)),
        List.of(new ObservedIndex(BY_CUSTOMER, "ACTIVE", false)));
    RegionalTable eu = table("eu-west-1", "ACTIVE", List.of(), List.of(new ObservedIndex(BY_CUSTOMER, "CREATING", true)));
    Step tag = new Step.TagTable("ap-northeast-1", "arn", Map.of("team", "payments"));
    Plan plan = new Plan(List.of(new PlannedStep(tag, null)), null);

    GlobalTableStatus s = writer.build(orders, facts(observed(home, eu), plan,
        Outcome.progressing(Reason.ReplicaCreating, "ap-northeast-1 is CREATING (45%)")));

    assertThat(s.observedGeneration).isEqualTo(3L);
    assertThat(s.regions).isEqualTo("2/3");
    assertThat(s.tableStatus).isEqualTo("ACTIVE");
    assertThat(s.billingMode).isEqualTo("PayPerRequest");
    assertThat(s.replicas).extracting(r -> r.region, r -> r.home, r -> r.status, r -> r.progressPercent, r -> r.message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("us-east-1", true, "ACTIVE", null, null),
            org.assertj.core.groups.Tuple.tuple("eu-west-1", null, "ACTIVE", null, null),
            org.assertj.core.groups.Tuple.tuple("ap-northeast-1", null, "CREATING", 45, "Replica is being created"));
    assertThat(s.indexes).extracting(i -> i.name, i -> i.status, i -> i.backfilling, i -> i.message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ByCustomer", "CREATING", true,
            "CREATING (backfilling) in eu-west-1"));
    assertThat(s.pending).containsExactly("tag the table in ap-northeast-1 (team)");
    assertThat(c(s, "Ready").getStatus()).isEqualTo("False");
    assertThat(c(s, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(c(s, "Reconciling").getMessage()).isEqualTo("ap-northeast-1 is CREATING (45%)");
    assertThat(c(s, "Stalled").getStatus()).isEqualTo("False");
    assertThat(s.conditions).allSatisfy(x -> assertThat(x.getObservedGeneration()).isEqualTo(3L));
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenAConditionFlipsAndAnUnchangedPassWritesNothing() {
    RegionalTable home = table("us-east-1", "ACTIVE", List.of(), List.of());
    Observed o = observed(home);
    orders.setStatus(writer.build(orders, facts(o, Plan.converged(), Outcome.progressing(Reason.TableCreating, "x"))));
    String stalledSince = c(orders.getStatus(), "Stalled").getLastTransitionTime();

    clock.now = clock.now.plusSeconds(60);
    GlobalTableStatus ready = writer.build(orders, facts(o, Plan.converged(), Outcome.ready("table Orders is ACTIVE")));
    assertThat(c(ready, "Ready").getLastTransitionTime()).isEqualTo("2026-11-23T10:01:00Z");
    assertThat(c(ready, "Reconciling").getLastTransitionTime()).isEqualTo("2026-11-23T10:01:00Z");
    assertThat(c(ready, "Stalled").getLastTransitionTime()).as("still False").isEqualTo(stalledSince);
    orders.setStatus(ready);

    clock.now = clock.now.plusSeconds(300);
    var control = writer.control(orders, facts(o, Plan.converged(), Outcome.ready("table Orders is ACTIVE")));
    assertThat(control.isNoUpdate()).as("only the clock moved").isTrue();
  }

  @Test
  void aHomeTableUpdatingForAReplicaAddStillCountsAsServing() {
    RegionalTable home = table("us-east-1", "UPDATING", List.of(new ObservedReplica("eu-west-1", "ACTIVE", null, null)),
        List.of());
    GlobalTableStatus s = writer.build(orders, facts(observed(home), Plan.converged(),
        Outcome.progressing(Reason.TableUpdating, "table Orders in us-east-1 is UPDATING")));
    assertThat(s.regions).isEqualTo("2/3");
  }

  @Test
  void stalledIsTheOnlyTrueConditionWhenAPersonMustAct() {
    GlobalTableStatus s = writer.build(orders, facts(observed(table("us-east-1", "ACTIVE", List.of(), List.of())),
        Plan.converged(), Outcome.stalled(Reason.TableOwnedElsewhere, "table Orders in us-east-1 is owned by x/y")));
    assertThat(s.conditions).extracting(Condition::getType, Condition::getStatus, Condition::getReason).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Ready", "False", "TableOwnedElsewhere"),
        org.assertj.core.groups.Tuple.tuple("Reconciling", "False", "TableOwnedElsewhere"),
        org.assertj.core.groups.Tuple.tuple("Stalled", "True", "TableOwnedElsewhere"));
    assertThat(c(s, "Stalled").getMessage()).isEqualTo("table Orders in us-east-1 is owned by x/y");
  }

  @Test
  void aSameNameTableOutsideTheGroupIsNotCountedAsAnIndexOfThisTable() {
    RegionalTable home = table("us-east-1", "ACTIVE", List.of(), List.of(new ObservedIndex(BY_CUSTOMER, "ACTIVE", false)));
    IndexDefinition foreignIndex = new IndexDefinition("Legacy", KEYS, Projection.ALL);
    RegionalTable foreign = table("ap-northeast-1", "ACTIVE", List.of(), List.of(new ObservedIndex(foreignIndex, "ACTIVE", false)));

    GlobalTableStatus s = writer.build(orders, facts(observed(home, foreign), Plan.converged(), Outcome.ready("ok")));

    assertThat(s.indexes).extracting(i -> i.name).containsExactly("ByCustomer");
  }

  // ---- provisioned capacity -------------------------------------------------------------------------------------

  @Test
  void pendingSaysWhenADecreaseHeldByTheBudgetCanRun() {
    RegionalTable home = table("us-east-1", "ACTIVE", List.of(), List.of());
    Instant at = Instant.parse("2026-11-23T10:40:00Z");
    Step lower = new Step.UpdateProvisionedThroughput("us-east-1", "Orders", null,
        new dev.globaltable.operator.model.ProvisionedUnits(5, 5), true);
    Step tag = new Step.TagTable("us-east-1", "arn", Map.of("team", "payments"));
    Plan plan = new Plan(List.of(
        new PlannedStep(lower, new dev.globaltable.operator.plan.Blocker(
            dev.globaltable.operator.plan.BlockReason.DECREASE_BUDGET, "budget", at)),
        new PlannedStep(tag, null)), null);

    GlobalTableStatus s = writer.build(orders, facts(observed(home), plan, Outcome.applied(Reason.Tagging, tag)));

    assertThat(s.pending).containsExactly("lower provisioned capacity of the table to read 5, write 5 (not before "
        + "2026-11-23T10:40:00Z: AWS allows 4 capacity decreases per UTC day, then one per hour)");
  }

  private static final List<ObservedReplica> NO_REPLICAS = List.of();

  /** A PROVISIONED table in {@code region} with ByCustomer, as DescribeTable reports it there. */
  private static RegionalTable provisioned(String region, long read, long write, long gsiRead, long gsiWrite,
      List<ObservedReplica> replicas) {
    return new RegionalTable(region, "Orders", "arn:aws:dynamodb:" + region + ":111122223333:table/Orders", "id-" + region,
        "ACTIVE", KEYS, Map.of("PK", ScalarType.S, "SK", ScalarType.S), "PROVISIONED", null, "NEW_AND_OLD_IMAGES",
        List.of(new ObservedIndex(BY_CUSTOMER, "ACTIVE", false, new ObservedCapacity(gsiRead, gsiWrite, 0, null), null)),
        List.of(), replicas, false, Instant.parse("2026-11-23T09:00:00Z"), replicas.isEmpty() ? null : "2019.11.21",
        new ObservedCapacity(read, write, 0, null));
  }

  private static ObservedScaling target(CapacityDimension dimension, String index, long min, long max) {
    return new ObservedScaling(index, dimension, min, max, List.of());
  }

  /** The write targets AWS keeps in every region (the table's and ByCustomer's). */
  private static List<ObservedScaling> writeTargets() {
    return List.of(target(CapacityDimension.TABLE_WRITE, null, 5, 100),
        target(CapacityDimension.INDEX_WRITE, "ByCustomer", 3, 50));
  }

  private static List<ObservedScaling> plus(List<ObservedScaling> a, ObservedScaling... more) {
    List<ObservedScaling> out = new java.util.ArrayList<>(a);
    out.addAll(List.of(more));
    return out;
  }

  /** The home table of a converged provisioned group: eu-west-1 reads 20 (index 7) by override, ap-northeast-1 inherits. */
  private static RegionalTable provisionedHome(long read, long write, long gsiRead, long gsiWrite) {
    return provisioned("us-east-1", read, write, gsiRead, gsiWrite, List.of(
        new ObservedReplica("eu-west-1", "ACTIVE", null, null,
            new ReplicaOverrides(20L, null, Map.of("ByCustomer", 7L), Map.of())),
        new ObservedReplica("ap-northeast-1", "ACTIVE", null, null)));
  }

  /** A deep pass over the group above, each region described and its autoscaling read. */
  private static Observed deepProvisioned() {
    Map<String, RegionObservation> regions = new LinkedHashMap<>();
    regions.put("us-east-1", new RegionObservation("us-east-1", provisionedHome(10, 5, 4, 3), Map.of(),
        plus(writeTargets(), target(CapacityDimension.TABLE_READ, null, 10, 200))));
    regions.put("eu-west-1", new RegionObservation("eu-west-1", provisioned("eu-west-1", 20, 5, 7, 3, NO_REPLICAS),
        Map.of(), writeTargets()));
    regions.put("ap-northeast-1", new RegionObservation("ap-northeast-1",
        provisioned("ap-northeast-1", 10, 5, 4, 3, NO_REPLICAS), Map.of(),
        plus(writeTargets(), target(CapacityDimension.INDEX_READ, "ByCustomer", 4, 40))));
    return new Observed("us-east-1", regions, true);
  }

  /** A shallow pass: only the home region described, autoscaling not read. */
  private static Observed shallow(RegionalTable home) {
    return new Observed("us-east-1", Map.of("us-east-1", new RegionObservation("us-east-1", home, Map.of())), false);
  }

  /** current, min, max (null when absent). */
  private static List<Long> cap(CapacityStatus c) {
    return c == null ? null : Arrays.asList(c.current, c.min, c.max);
  }

  private static List<Long> cap(Long current, Long min, Long max) {
    return Arrays.asList(current, min, max);
  }

  private static ReplicaStatus replica(GlobalTableStatus s, String region) {
    return s.replicas.stream().filter(r -> r.region.equals(region)).findFirst().orElseThrow();
  }

  /** The status as the API server hands it back on the next pass. */
  private static GlobalTableStatus roundTrip(GlobalTableStatus s) {
    return Serialization.unmarshal(Serialization.asJson(s), GlobalTableStatus.class);
  }

  private StatusWriter.PassFacts provisionedFacts(Observed o, Outcome outcome) {
    return new StatusWriter.PassFacts(desired, o, Plan.converged(), outcome,
        new Managed(Set.of("eu-west-1", "ap-northeast-1"), Set.of("ByCustomer"), Set.of(), Set.of()), null);
  }

  @Test
  void aDeepPassShowsEachRegionsOwnCapacityAndItsAutoscalingBounds() {
    GlobalTableStatus s = writer.build(orders, provisionedFacts(deepProvisioned(), Outcome.ready("ok")));

    assertThat(s.billingMode).isEqualTo("Provisioned");
    assertThat(s.replicas).extracting(r -> r.region, r -> cap(r.readCapacity), r -> cap(r.writeCapacity))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("us-east-1", cap(10L, 10L, 200L), cap(5L, 5L, 100L)),
            org.assertj.core.groups.Tuple.tuple("eu-west-1", cap(20L, null, null), cap(5L, 5L, 100L)),
            org.assertj.core.groups.Tuple.tuple("ap-northeast-1", cap(10L, null, null), cap(5L, 5L, 100L)));
    assertThat(s.replicas).allSatisfy(r -> assertThat(r.indexes).hasSize(1));
    assertThat(s.replicas).extracting(r -> r.region, r -> r.indexes.get(0).name, r -> cap(r.indexes.get(0).readCapacity),
        r -> cap(r.indexes.get(0).writeCapacity))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("us-east-1", "ByCustomer", cap(4L, null, null), cap(3L, 3L, 50L)),
            org.assertj.core.groups.Tuple.tuple("eu-west-1", "ByCustomer", cap(7L, null, null), cap(3L, 3L, 50L)),
            org.assertj.core.groups.Tuple.tuple("ap-northeast-1", "ByCustomer", cap(4L, 4L, 40L), cap(3L, 3L, 50L)));
  }

  @Test
  void aDeepPassTakesCurrentFromTheRegionItselfNotFromTheHomeTable() {
    // AWS scaled ap-northeast-1's read to 12 (its own read autoscaling); the home table still lists no override.
    Observed deep = deepProvisioned();
    Map<String, RegionObservation> regions = new LinkedHashMap<>(deep.regions());
    regions.put("ap-northeast-1", new RegionObservation("ap-northeast-1",
        provisioned("ap-northeast-1", 12, 5, 4, 3, NO_REPLICAS), Map.of(), List.of()));

    GlobalTableStatus s = writer.build(orders,
        provisionedFacts(new Observed("us-east-1", regions, true), Outcome.ready("ok")));

    assertThat(cap(replica(s, "ap-northeast-1").readCapacity)).as("autoscaling read, no target: bounds absent")
        .isEqualTo(cap(12L, null, null));
    assertThat(cap(replica(s, "ap-northeast-1").writeCapacity)).as("no write target listed this pass: not carried over")
        .isEqualTo(cap(5L, null, null));
  }

  @Test
  void aShallowPassDerivesReplicaCapacityFromTheHomeTableAndCarriesTheBoundsOver() {
    orders.setStatus(roundTrip(writer.build(orders, provisionedFacts(deepProvisioned(), Outcome.ready("ok")))));

    // AWS scaled the group's write (fans out) and the base read; eu-west-1 keeps its override.
    GlobalTableStatus s = writer.build(orders, provisionedFacts(shallow(provisionedHome(12, 8, 6, 4)),
        Outcome.ready("ok")));

    assertThat(s.replicas).extracting(r -> r.region, r -> cap(r.readCapacity), r -> cap(r.writeCapacity))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("us-east-1", cap(12L, 10L, 200L), cap(8L, 5L, 100L)),
            org.assertj.core.groups.Tuple.tuple("eu-west-1", cap(20L, null, null), cap(8L, 5L, 100L)),
            org.assertj.core.groups.Tuple.tuple("ap-northeast-1", cap(12L, null, null), cap(8L, 5L, 100L)));
    assertThat(s.replicas).extracting(r -> r.region, r -> cap(r.indexes.get(0).readCapacity),
        r -> cap(r.indexes.get(0).writeCapacity))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("us-east-1", cap(6L, null, null), cap(4L, 3L, 50L)),
            org.assertj.core.groups.Tuple.tuple("eu-west-1", cap(7L, null, null), cap(4L, 3L, 50L)),
            org.assertj.core.groups.Tuple.tuple("ap-northeast-1", cap(6L, 4L, 40L), cap(4L, 3L, 50L)));
  }

  @Test
  void repeatedShallowPassesOverAnUnchangedProvisionedTableWriteNothing() {
    orders.setStatus(roundTrip(writer.build(orders, provisionedFacts(deepProvisioned(), Outcome.ready("ok")))));
    for (int pass = 0; pass < 3; pass++) {
      clock.now = clock.now.plusSeconds(300);
      var control = writer.control(orders, provisionedFacts(shallow(provisionedHome(10, 5, 4, 3)), Outcome.ready("ok")));
      assertThat(control.isNoUpdate()).as("shallow pass %d", pass).isTrue();
      orders.setStatus(roundTrip(orders.getStatus()));
    }
    // And back to a deep pass: still the same status.
    assertThat(writer.control(orders, provisionedFacts(deepProvisioned(), Outcome.ready("ok"))).isNoUpdate()).isTrue();
  }

  @Test
  void aReadyTableWhoseCapacityAwsScalesStaysReadyAndOnlyTheNumbersArePatched() {
    orders.setStatus(roundTrip(writer.build(orders, provisionedFacts(deepProvisioned(), Outcome.ready("ok")))));
    List<Condition> before = orders.getStatus().conditions;

    clock.now = clock.now.plusSeconds(600);
    var control = writer.control(orders, provisionedFacts(shallow(provisionedHome(10, 9, 4, 3)), Outcome.ready("ok")));

    assertThat(control.isPatchStatus()).as("current write moved 5 -> 9").isTrue();
    GlobalTableStatus after = control.getResource().orElseThrow().getStatus();
    assertThat(after.replicas).extracting(r -> r.writeCapacity.current).containsOnly(9L);
    assertThat(c(after, "Ready").getStatus()).isEqualTo("True");
    assertThat(after.conditions).as("no condition flipped, no lastTransitionTime moved").isEqualTo(before);
  }

  @Test
  void anOnDemandTableHasNoCapacityFields() {
    RegionalTable home = table("us-east-1", "ACTIVE", List.of(new ObservedReplica("eu-west-1", "ACTIVE", null, null)),
        List.of(new ObservedIndex(BY_CUSTOMER, "ACTIVE", false)));
    Map<String, RegionObservation> regions = new LinkedHashMap<>();
    regions.put("us-east-1", new RegionObservation("us-east-1", home, Map.of(), writeTargets()));
    regions.put("eu-west-1", new RegionObservation("eu-west-1",
        table("eu-west-1", "ACTIVE", List.of(), List.of(new ObservedIndex(BY_CUSTOMER, "ACTIVE", false))), Map.of(),
        List.of()));

    GlobalTableStatus s = writer.build(orders, facts(new Observed("us-east-1", regions, true), Plan.converged(),
        Outcome.ready("ok")));

    assertThat(s.billingMode).isEqualTo("PayPerRequest");
    assertThat(s.replicas).hasSize(3).allSatisfy(r -> {
      assertThat(r.readCapacity).isNull();
      assertThat(r.writeCapacity).isNull();
      assertThat(r.indexes).isNull();
    });
    assertThat(Serialization.asJson(s.replicas)).doesNotContain("Capacity").doesNotContain("indexes");
  }

  @Test
  void managedScalableTargetsAreRecordedSortedAndKeptWhenAPassKnowsNone() {
    String tableWrite = Managed.scalingKey("us-east-1", "Orders", null, CapacityDimension.TABLE_WRITE);
    String indexWrite = Managed.scalingKey("eu-west-1", "Orders", "ByCustomer", CapacityDimension.INDEX_WRITE);
    Managed managed = new Managed(Set.of("eu-west-1"), Set.of("ByCustomer"), Set.of("team"),
        Set.of(tableWrite, indexWrite));
    GlobalTableStatus s = writer.build(orders, new StatusWriter.PassFacts(desired, deepProvisioned(), Plan.converged(),
        Outcome.ready("ok"), managed, null));
    assertThat(s.managedScalableTargets).containsExactly(
        "eu-west-1 table/Orders/index/ByCustomer dynamodb:index:WriteCapacityUnits",
        "us-east-1 table/Orders dynamodb:table:WriteCapacityUnits");
    orders.setStatus(roundTrip(s));

    // An invalid spec: no observation, no managed set; what was recorded stays.
    GlobalTableStatus invalid = writer.build(orders, new StatusWriter.PassFacts(null, null, null,
        Outcome.stalled(Reason.InvalidSpec, "bad"), null, null));
    assertThat(invalid.managedScalableTargets).isEqualTo(s.managedScalableTargets);
    assertThat(cap(replica(invalid, "eu-west-1").readCapacity)).isEqualTo(cap(20L, null, null));
  }

  // ---- per-region settings, drift, cooldowns --------------------------------------------------------------------

  private static RegionalTable withSettings(RegionalTable t, boolean deletionProtection, String tableClass,
      dev.globaltable.operator.model.ObservedEncryption sse) {
    return new RegionalTable(t.region(), t.tableName(), t.arn(), t.tableId(), t.status(), t.keySchema(),
        t.attributeDefinitions(), t.billingMode(), t.onDemand(), t.streamViewType(), t.globalSecondaryIndexes(),
        t.localSecondaryIndexes(), t.replicas(), deletionProtection, t.creationTime(), t.globalTableVersion(),
        t.capacity(), sse, tableClass);
  }

  @Test
  void eachRegionShowsTheSettingsItsOwnCallsReportedAndKeepsThemOnAShallowPass() {
    var settings = new dev.globaltable.operator.model.ObservedSettings(
        new dev.globaltable.operator.model.PointInTimeRecovery(true, 14, "ENABLED"),
        new dev.globaltable.operator.model.ObservedSettings.TimeToLiveState("ENABLED", "expiresAt"),
        new dev.globaltable.operator.model.ObservedSettings.ContributorInsightsState("FAILED",
            "LimitExceededException: quota"),
        Map.of("ByCustomer", dev.globaltable.operator.model.ObservedSettings.ContributorInsightsState.DISABLED),
        List.of(new dev.globaltable.operator.model.ObservedSettings.KinesisDestination("arn:k:old", "DISABLED", null),
            new dev.globaltable.operator.model.ObservedSettings.KinesisDestination("arn:k:new", "ACTIVE", null)));
    RegionalTable home = withSettings(table("us-east-1", "ACTIVE",
        List.of(new ObservedReplica("eu-west-1", "ACTIVE", null, null)), List.of()), true,
        "STANDARD_INFREQUENT_ACCESS", new dev.globaltable.operator.model.ObservedEncryption("ENABLED", "KMS",
            "arn:aws:kms:us-east-1:111122223333:key/k1"));
    RegionalTable eu = table("eu-west-1", "ACTIVE", List.of(new ObservedReplica("us-east-1", "ACTIVE", null, null)),
        List.of());
    Map<String, RegionObservation> regions = new LinkedHashMap<>();
    regions.put("us-east-1", new RegionObservation("us-east-1", home, Map.of(), null, settings));
    regions.put("eu-west-1", new RegionObservation("eu-west-1", eu, Map.of(), null, null));
    Observed deep = new Observed("us-east-1", regions, true, clock.now);

    GlobalTableStatus s = writer.build(orders, facts(deep, Plan.converged(), Outcome.ready("ok")));

    ReplicaStatus us = s.replicas.get(0);
    assertThat(us.pointInTimeRecovery.status).isEqualTo("ENABLED");
    assertThat(us.pointInTimeRecovery.recoveryPeriodInDays).isEqualTo(14);
    assertThat(us.timeToLive.status).isEqualTo("ENABLED");
    assertThat(us.timeToLive.name).isEqualTo("expiresAt");
    assertThat(us.tableClass).isEqualTo("STANDARD_INFREQUENT_ACCESS");
    assertThat(us.deletionProtection).isTrue();
    assertThat(us.encryption).isEqualTo("KMS");
    assertThat(us.kmsKeyArn).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/k1");
    assertThat(us.contributorInsights).extracting(c -> c.name, c -> c.status, c -> c.message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(null, "FAILED", "LimitExceededException: quota"),
        org.assertj.core.groups.Tuple.tuple("ByCustomer", "DISABLED", null));
    assertThat(us.kinesis.name).as("the live destination, not the lingering DISABLED one").isEqualTo("arn:k:new");
    assertThat(us.kinesis.status).isEqualTo("ACTIVE");
    ReplicaStatus euStatus = s.replicas.get(1);
    assertThat(euStatus.tableClass).isEqualTo("STANDARD");
    assertThat(euStatus.deletionProtection).isFalse();
    assertThat(euStatus.encryption).isEqualTo("AWS_OWNED");
    assertThat(euStatus.pointInTimeRecovery).as("not read in eu-west-1 this pass").isNull();

    // A shallow pass reads only the home table: eu-west-1 keeps what the deep pass saw, the home region's settings too.
    orders.setStatus(s);
    Map<String, RegionObservation> shallow = new LinkedHashMap<>();
    shallow.put("us-east-1", new RegionObservation("us-east-1", home, null));
    GlobalTableStatus later = writer.build(orders, facts(new Observed("us-east-1", shallow, false, clock.now),
        Plan.converged(), Outcome.ready("ok")));
    assertThat(later.replicas.get(0).pointInTimeRecovery.recoveryPeriodInDays).isEqualTo(14);
    assertThat(later.replicas.get(0).kinesis.name).isEqualTo("arn:k:new");
    assertThat(later.replicas.get(1).tableClass).isEqualTo("STANDARD");
    assertThat(StatusWriter.sameStatus(s, later)).as("nothing new: no status write").isTrue();
  }

  @Test
  void driftCorrectionsAddUpPerRegionAndCooldownsAreKeptUntilTheyEnd() {
    RegionalTable home = table("us-east-1", "ACTIVE", List.of(new ObservedReplica("eu-west-1", "ACTIVE", null, null)),
        List.of());
    dev.globaltable.operator.plan.Cooldowns holds = dev.globaltable.operator.plan.Cooldowns.NONE
        .with("timeToLive", clock.now.plusSeconds(3600), "AWS allows one time-to-live change per table per hour")
        .with("deletionProtection eu-west-1", clock.now.minusSeconds(1), "ended");
    GlobalTableStatus first = writer.build(orders, new StatusWriter.PassFacts(desired, observed(home), Plan.converged(),
        Outcome.ready("ok"), null, null, holds, Map.of("eu-west-1", 2)));
    assertThat(first.replicas).extracting(r -> r.region, r -> r.driftCorrections).containsExactly(
        org.assertj.core.groups.Tuple.tuple("us-east-1", null),
        org.assertj.core.groups.Tuple.tuple("eu-west-1", 2),
        org.assertj.core.groups.Tuple.tuple("ap-northeast-1", null));
    assertThat(first.cooldowns).extracting(c -> c.key, c -> c.notBefore, c -> c.reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple("timeToLive", "2026-11-23T11:00:00Z",
            "AWS allows one time-to-live change per table per hour"));

    orders.setStatus(first);
    GlobalTableStatus second = writer.build(orders, new StatusWriter.PassFacts(desired, observed(home),
        Plan.converged(), Outcome.ready("ok"), null, null, null, Map.of("eu-west-1", 1, "us-east-1", 1)));
    assertThat(second.replicas).extracting(r -> r.driftCorrections).containsExactly(1, 3, null);
    assertThat(second.cooldowns).as("no plan this pass: the recorded holds stand").hasSize(1);
    assertThat(GlobalTableReconciler.cooldownsFrom(second).active("timeToLive", clock.now).notBefore())
        .isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
  }

  // ---- alarms and replication latency ---------------------------------------------------------------------------

  private static dev.globaltable.operator.model.ObservedAlarm alarm(String region, String name, String owner,
      String state, String reason) {
    var def = new dev.globaltable.operator.model.AlarmDefinition(region, name,
        owner == null ? "someone else's" : dev.globaltable.operator.model.AlarmDefinition.ownerMarker(owner) + " x",
        "ReadThrottleEvents", Map.of("TableName", "Orders"), "Sum", List.of(), 60, 5, 5, 1,
        "GreaterThanOrEqualToThreshold", "notBreaching", List.of());
    return new dev.globaltable.operator.model.ObservedAlarm(def, state, reason,
        "arn:aws:cloudwatch:" + region + ":111122223333:alarm:" + name);
  }

  @Test
  void anAlarmInAlarmKeepsReadyTrueWithReasonAlarmingAndLatencyIsTheHighestIntoEachRegion() {
    Desired monitored = new Desired(desired.tableName(), desired.homeRegion(), desired.keySchema(),
        desired.billingMode(), desired.onDemand(), desired.globalSecondaryIndexes(), desired.localSecondaryIndexes(),
        desired.streamViewType(), desired.tags(), desired.regions(), desired.deletionPolicy(), desired.suspend(),
        desired.owner(), desired.readCapacity(), desired.writeCapacity(), desired.indexThroughput(),
        desired.replicaThroughput(), desired.timeToLive(), desired.encryption(), desired.regionSettings(),
        new dev.globaltable.operator.model.Monitoring(true, null, null, null, null, List.of(), false));
    RegionalTable home = table("us-east-1", "ACTIVE", List.of(new ObservedReplica("eu-west-1", "ACTIVE", null, null)),
        List.of());
    RegionalTable eu = table("eu-west-1", "ACTIVE", List.of(new ObservedReplica("us-east-1", "ACTIVE", null, null)),
        List.of());
    String mine = "globaltable/Orders/ReplicationLatency/to/us-east-1";
    Map<String, RegionObservation> regions = new LinkedHashMap<>();
    regions.put("us-east-1", new RegionObservation("us-east-1", home, Map.of(), null, null,
        List.of(alarm("us-east-1", "globaltable/Orders/ReadThrottleEvents", "default/orders", "OK", null)),
        Map.of("eu-west-1", 820.4)));
    regions.put("eu-west-1", new RegionObservation("eu-west-1", eu, Map.of(), null, null,
        List.of(alarm("eu-west-1", mine, "default/orders", "ALARM", "Threshold Crossed"),
            alarm("eu-west-1", "globaltable/Orders/Hand-made", null, "ALARM", "x")),
        Map.of("us-east-1", 15000.0)));
    Observed o = new Observed("us-east-1", regions, true, clock.now);

    GlobalTableStatus s = writer.build(orders, new StatusWriter.PassFacts(monitored, o, Plan.converged(),
        Outcome.ready("table Orders is ACTIVE in 3 regions"), null, null));

    assertThat(s.replicas.get(0).replicationLatencyMillis).isEqualTo(15000L);
    assertThat(s.replicas.get(1).replicationLatencyMillis).isEqualTo(820L);
    assertThat(s.replicas.get(1).alarms).extracting(a -> a.name, a -> a.state, a -> a.reason)
        .as("only the alarms this resource owns").containsExactly(
            org.assertj.core.groups.Tuple.tuple(mine, "ALARM", "Threshold Crossed"));
    assertThat(c(s, "Ready").getStatus()).isEqualTo("True");
    assertThat(c(s, "Ready").getReason()).isEqualTo("Alarming");
    assertThat(c(s, "Ready").getMessage()).isEqualTo("table Orders is ACTIVE in 3 regions; in ALARM: " + mine
        + " in eu-west-1 (Threshold Crossed)");

    // A shallow pass reads no alarm: the last states stand and nothing is rewritten.
    orders.setStatus(s);
    Map<String, RegionObservation> shallow = new LinkedHashMap<>();
    shallow.put("us-east-1", new RegionObservation("us-east-1", home, null));
    GlobalTableStatus later = writer.build(orders, new StatusWriter.PassFacts(monitored,
        new Observed("us-east-1", shallow, false, clock.now), Plan.converged(),
        Outcome.ready("table Orders is ACTIVE in 3 regions"), null, null));
    assertThat(StatusWriter.sameStatus(s, later)).isTrue();
  }
}
