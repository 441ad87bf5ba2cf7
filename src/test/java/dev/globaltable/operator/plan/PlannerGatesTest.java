package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.AP;
import static dev.globaltable.operator.plan.Fx.BY_CUSTOMER;
import static dev.globaltable.operator.plan.Fx.BY_STATUS;
import static dev.globaltable.operator.plan.Fx.EU;
import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.US2;
import static dev.globaltable.operator.plan.Fx.add;
import static dev.globaltable.operator.plan.Fx.blockers;
import static dev.globaltable.operator.plan.Fx.desired;
import static dev.globaltable.operator.plan.Fx.idx;
import static dev.globaltable.operator.plan.Fx.managed;
import static dev.globaltable.operator.plan.Fx.observe;
import static dev.globaltable.operator.plan.Fx.queued;
import static dev.globaltable.operator.plan.Fx.remove;
import static dev.globaltable.operator.plan.Fx.rep;
import static dev.globaltable.operator.plan.Fx.steps;
import static dev.globaltable.operator.plan.Fx.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.Observed;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gates of reference 1.4: a table step runs only when the table, every replica and every index in every region is
 * ACTIVE and no index is backfilling. Each case: the spec wants one more replica (ap-south-1) of a table that has one
 * (eu-west-1); the observation closes exactly one gate.
 */
class PlannerGatesTest {
  private final Planner planner = new Planner();
  private final Desired wantsAp = desired(HOME, EU, AP).build();
  private final Managed eu = managed(List.of(EU), List.of());

  /** A healthy deep observation with one replica, with the given home and eu-west-1 tables. */
  private static Observed obs(Fx.TableB home, Fx.TableB euTable) {
    return observe(home).deep().member(EU, euTable).build();
  }

  static Stream<Arguments> closedGates() {
    return Stream.of(
        Arguments.of("home CREATING", obs(table().status("CREATING").replicas(EU), table(EU)),
            BlockReason.TABLE_CREATING, "table Orders in us-east-1 is CREATING"),
        Arguments.of("home UPDATING", obs(table().status("UPDATING").replicas(EU), table(EU)),
            BlockReason.TABLE_UPDATING, "table Orders in us-east-1 is UPDATING"),
        Arguments.of("home DELETING", obs(table().status("DELETING").replicas(EU), table(EU)),
            BlockReason.TABLE_DELETING, "table Orders in us-east-1 is DELETING"),
        Arguments.of("home inaccessible key", obs(table().status("INACCESSIBLE_ENCRYPTION_CREDENTIALS").replicas(EU),
            table(EU)), BlockReason.TABLE_UNHEALTHY, "table Orders in us-east-1 is INACCESSIBLE_ENCRYPTION_CREDENTIALS"),
        Arguments.of("replica CREATING with progress",
            obs(table().replicas(rep(EU, "CREATING", null, 45)), table(EU).status("CREATING")),
            BlockReason.REPLICA_CREATING, "eu-west-1 is CREATING (45%)"),
        Arguments.of("replica CREATING without progress", obs(table().replicas(rep(EU, "CREATING")), table(EU)),
            BlockReason.REPLICA_CREATING, "eu-west-1 is CREATING"),
        // A replica leaving the group (it is not in the spec; a desired one would be planned to be added again).
        Arguments.of("replica DELETING", obs(table().replicas(rep(EU), rep("ca-central-1", "DELETING")), table(EU)),
            BlockReason.REPLICA_DELETING, "ca-central-1 is DELETING"),
        Arguments.of("replica UPDATING", obs(table().replicas(rep(EU, "UPDATING")), table(EU)),
            BlockReason.REPLICA_UPDATING, "eu-west-1 is UPDATING"),
        Arguments.of("replica region disabled", obs(table().replicas(rep(EU, "REGION_DISABLED",
            "The region is disabled", null)), table(EU)),
            BlockReason.REPLICA_FAILED, "eu-west-1 is REGION_DISABLED: The region is disabled"),
        Arguments.of("replica CREATION_FAILED, still desired", obs(table().replicas(rep(EU, "CREATION_FAILED",
            "KMS key arn:aws:kms:eu-west-1:111122223333:key/k is disabled", null)), table(EU)),
            BlockReason.REPLICA_FAILED, "eu-west-1 is CREATION_FAILED: KMS key "
                + "arn:aws:kms:eu-west-1:111122223333:key/k is disabled; the operator does not delete a failed replica "
                + "by itself: remove eu-west-1 from spec.replicas to have it deleted, then add it back"),
        Arguments.of("home index backfilling", obs(table().replicas(EU).gsi(idx(BY_CUSTOMER, "CREATING", true)),
            table(EU)), BlockReason.INDEX_CREATING, "index ByCustomer in us-east-1 is CREATING (backfilling)"),
        Arguments.of("home index ACTIVE but still backfilling", obs(table().replicas(EU)
            .gsi(idx(BY_CUSTOMER, "ACTIVE", true)), table(EU)),
            BlockReason.INDEX_CREATING, "index ByCustomer in us-east-1 is still backfilling"),
        Arguments.of("home index DELETING", obs(table().replicas(EU).gsi(idx(BY_STATUS, "DELETING", false)),
            table(EU)), BlockReason.INDEX_DELETING, "index ByStatus in us-east-1 is DELETING"),
        Arguments.of("home index UPDATING", obs(table().replicas(EU).gsi(idx(BY_STATUS, "UPDATING", false)),
            table(EU)), BlockReason.INDEX_UPDATING, "index ByStatus in us-east-1 is UPDATING"),
        // The home region returned to ACTIVE while the replica's copy of the index is still backfilling (1.4/3).
        Arguments.of("replica-region index backfilling", obs(table().replicas(EU).gsi(BY_CUSTOMER),
            table(EU).gsi(idx(BY_CUSTOMER, "CREATING", true))),
            BlockReason.INDEX_CREATING, "index ByCustomer in eu-west-1 is CREATING (backfilling)"),
        Arguments.of("replica-region table UPDATING", obs(table().replicas(EU), table(EU).status("UPDATING")),
            BlockReason.TABLE_UPDATING, "table Orders in eu-west-1 is UPDATING"),
        Arguments.of("replica indexes not read (shallow pass)", observe(table().replicas(EU)).build(),
            BlockReason.NEEDS_DEEP_OBSERVATION, "the indexes of the replica tables were not read in this pass; a deep "
                + "observation is needed before changing the global table"),
        Arguments.of("replica region missing from a deep pass", observe(table().replicas(EU)).deep().build(),
            BlockReason.NEEDS_DEEP_OBSERVATION, "eu-west-1 was not described in this pass"),
        Arguments.of("replica table not found in its region", observe(table().replicas(EU)).deep()
            .region(EU, null, null).build(),
            BlockReason.REPLICA_NOT_ACTIVE, "the replica table in eu-west-1 is listed as ACTIVE but was not found there "
                + "(yet)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("closedGates")
  void aClosedGateHoldsTheFirstTableStepAndQueuesTheRest(String name, Observed o, BlockReason reason,
      String message) {
    Plan plan = planner.plan(desired(HOME, EU, AP, US2).build(), o, eu, null);

    Blocker gate = new Blocker(reason, message);
    assertThat(steps(plan)).containsExactly(add(AP), add(US2));
    assertThat(blockers(plan)).containsExactly(gate, queued(add(AP)));
    assertThat(plan.blocker()).isEqualTo(gate);
    // waits resolve by themselves; failed or unhealthy states need a person (Stalled)
    assertThat(plan.isStalled()).isEqualTo(!reason.isWait());
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void allGatesOpenLetsExactlyTheFirstTableStepRun() {
    Observed o = observe(table().replicas(EU).gsi(BY_CUSTOMER)).deep().member(EU, table(EU).gsi(BY_CUSTOMER))
        .region(AP, null, null).region(US2, null, null).build();

    Plan plan = planner.plan(desired(HOME, EU, AP, US2).build(), o, eu, null);

    assertThat(blockers(plan)).containsExactly(null, queued(add(AP)));
    assertThat(plan.blocker()).isNull();
    assertThat(plan.next()).contains(add(AP));
  }

  @Test
  void regionalTableNeedsOnlyTheNewRegionDescribedToAddItsFirstReplica() {
    Observed o = observe(table()).deep().region(EU, null, null).build();

    Plan plan = planner.plan(wantsAp, o, Managed.NONE, null);

    assertThat(steps(plan)).containsExactly(add(EU), add(AP));
    assertThat(blockers(plan)).containsExactly(null, queued(add(EU)));
  }

  @Test
  void replicaIsNotAddedToARegionThatWasNotDescribed() {
    Plan plan = planner.plan(wantsAp, observe(table()).build(), Managed.NONE, null);

    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, "eu-west-1 was not described "
        + "in this pass; a replica is added once the region is known to hold no other table of this name"));
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void regionalTableNeedsNoDeepObservationForOtherTableSteps() {
    Desired d = desired().gsi(BY_CUSTOMER).build();

    Plan plan = planner.plan(d, observe(table()).build(), Managed.NONE, null);

    assertThat(plan.next()).contains(Fx.createIndex(d, BY_CUSTOMER));
  }

  @Test
  void convergedGlobalTableNeedsNoDeepObservation() {
    Plan plan = planner.plan(desired(HOME, EU).build(), observe(table().replicas(EU)).build(), eu, null);

    assertThat(plan).isEqualTo(Plan.converged());
  }

  @Test
  void nothingLeftToDoButAReplicaStillCreatingIsNotConverged() {
    Observed o = observe(table().replicas(rep(EU, "CREATING", null, 80))).build();

    Plan plan = planner.plan(desired(HOME, EU).build(), o, eu, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.REPLICA_CREATING, "eu-west-1 is CREATING (80%)"));
    assertThat(plan.isConverged()).isFalse();
    assertThat(plan.isStalled()).isFalse();
  }

  @Test
  void nothingLeftToDoButAReplicaIndexBackfillingIsNotConvergedOnADeepPass() {
    Observed o = obs(table().replicas(EU).gsi(BY_CUSTOMER), table(EU).gsi(idx(BY_CUSTOMER, "CREATING", true)));

    Plan plan = planner.plan(desired(HOME, EU).gsi(BY_CUSTOMER).build(), o, eu, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.INDEX_CREATING);
  }

  @Test
  void failedReplicaStillInTheSpecIsReportedAndNeverRemoved() {
    Observed o = obs(table().replicas(rep(EU, "CREATION_FAILED", "boom", null)), table(EU));

    Plan plan = planner.plan(desired(HOME, EU).build(), o, eu, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.REPLICA_FAILED);
    assertThat(plan.isStalled()).as("a failed replica needs a person, not a wait").isTrue();
    assertThat(plan.blocker().message()).startsWith("eu-west-1 is CREATION_FAILED: boom; the operator does not delete");
  }

  @Test
  void failedReplicaDroppedFromTheSpecIsRemovedFirstDespiteItsOwnState() {
    // The spec moved on to us-west-2 after eu-west-1 failed; the failed replica would otherwise hold every gate.
    Observed o = observe(table().replicas(rep(AP), rep(EU, "CREATION_FAILED", "boom", null))).deep()
        .member(AP, table(AP)).region(EU, null, null).build();

    Plan plan = planner.plan(desired(HOME, AP, US2).build(), o, managed(List.of(AP, EU), List.of()), null);

    assertThat(steps(plan)).containsExactly(remove(EU), add(US2));
    assertThat(blockers(plan)).containsExactly(null, queued(remove(EU)));
    assertThat(plan.next()).contains(remove(EU));
  }

  @Test
  void failedReplicaRemovalStillWaitsForTheOtherGates() {
    Observed o = observe(table().replicas(rep(AP, "CREATING"), rep(EU, "CREATION_FAILED", "boom", null))).deep()
        .member(AP, table(AP)).region(EU, null, null).build();

    Plan plan = planner.plan(desired(HOME, AP).build(), o, managed(List.of(AP, EU), List.of()), null);

    assertThat(steps(plan)).containsExactly(remove(EU));
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.REPLICA_CREATING, "ap-south-1 is CREATING"));
  }

  @Test
  void noTagStepForATableThatIsNotActive() {
    Observed o = observe(table().status("UPDATING")).homeTags(java.util.Map.of(Desired.OWNER_TAG, Fx.OWNER)).build();

    Plan plan = planner.plan(desired().build(), o, Managed.NONE, null);

    // The home table is UPDATING, so no tag step is planned for it (tags need an ACTIVE table) and the plan waits.
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.TABLE_UPDATING);
  }
}
