package dev.globaltable.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.api.GlobalTableStatus;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.DesiredMapper;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Managed;
import dev.globaltable.operator.plan.Plan;
import dev.globaltable.operator.plan.PlannedStep;
import dev.globaltable.operator.plan.Step;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}
