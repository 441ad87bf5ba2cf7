package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.AP;
import static dev.globaltable.operator.plan.Fx.BY_CUSTOMER;
import static dev.globaltable.operator.plan.Fx.EU;
import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.TABLE;
import static dev.globaltable.operator.plan.Fx.US2;
import static dev.globaltable.operator.plan.Fx.absent;
import static dev.globaltable.operator.plan.Fx.blockers;
import static dev.globaltable.operator.plan.Fx.desired;
import static dev.globaltable.operator.plan.Fx.idx;
import static dev.globaltable.operator.plan.Fx.observe;
import static dev.globaltable.operator.plan.Fx.queued;
import static dev.globaltable.operator.plan.Fx.remove;
import static dev.globaltable.operator.plan.Fx.rep;
import static dev.globaltable.operator.plan.Fx.steps;
import static dev.globaltable.operator.plan.Fx.table;
import static dev.globaltable.operator.plan.Fx.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.Observed;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deletionPolicy Delete: replicas newest first, the home table last, never a table we do not own or that is protected. */
class PlannerDeletionTest {
  private final Planner planner = new Planner();
  private final Desired deleting = desired(HOME, EU).delete().build();
  private static final Step DELETE_TABLE = new Step.DeleteTable(HOME, TABLE);

  @Test
  void retainPolicyLeavesEverything() {
    Observed o = observe(table().replicas(EU)).deep().member(EU, table(EU)).build();

    assertThat(planner.planDeletion(desired(HOME, EU).build(), o, null)).isEqualTo(Plan.converged());
  }

  @Test
  void absentTableIsAlreadyDeleted() {
    assertThat(planner.planDeletion(deleting, absent().build(), null)).isEqualTo(Plan.converged());
    assertThat(planner.planDeletion(deleting, absent().deep().region(EU, null, null).build(), null).isConverged())
        .isTrue();
  }

  @Test
  void tableOwnedElsewhereIsNeverDeleted() {
    Observed o = observe(table()).homeTags(tags(Desired.OWNER_TAG, "ns/other")).deep().build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.TABLE_OWNED_ELSEWHERE,
        "table Orders in us-east-1 is owned by ns/other; not touching it"));
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void unverifiedOwnershipNeedsTags() {
    Plan plan = planner.planDeletion(deleting, observe(table()).homeTags(null).build(), null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.NEEDS_DEEP_OBSERVATION);
  }

  @Test
  void shallowPassListsTheStepsButRunsNothing() {
    Plan plan = planner.planDeletion(deleting, observe(table().replicas(EU)).build(), "id-" + HOME);

    Blocker deep = new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION,
        "deletion checks deletion protection in every region; a deep observation is needed");
    assertThat(steps(plan)).containsExactly(remove(EU), DELETE_TABLE);
    assertThat(blockers(plan)).containsExactly(deep, deep);
    assertThat(plan.blocker()).isEqualTo(deep);
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void deepPassMissingAReplicaRegionStillNeedsIt() {
    Plan plan = planner.planDeletion(deleting, observe(table().replicas(EU)).deep().build(), null);

    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION,
        "eu-west-1 was not described in this pass; deletion checks deletion protection in every region"));
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void deletionProtectionInAReplicaRegionStopsEverything() {
    Observed o = observe(table().replicas(EU, AP)).deep()
        .member(EU, table(EU).protectedFromDeletion()).member(AP, table(AP)).build();

    Plan plan = planner.planDeletion(deleting, o, null);

    Blocker dp = new Blocker(BlockReason.DELETION_PROTECTED,
        "deletion protection is enabled in eu-west-1; set deletionProtection: false in the spec for that region (or "
            + "disable it in AWS) to let deletionPolicy Delete proceed");
    assertThat(steps(plan)).containsExactly(remove(AP), remove(EU), DELETE_TABLE);
    assertThat(blockers(plan)).containsOnly(dp);
    assertThat(plan.blocker()).isEqualTo(dp);
    assertThat(plan.isStalled()).isTrue();
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void everyProtectedRegionIsNamedHomeFirst() {
    Observed o = observe(table().protectedFromDeletion().replicas(EU, AP)).deep()
        .member(EU, table(EU)).member(AP, table(AP).protectedFromDeletion()).build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(plan.blocker().message()).isEqualTo("deletion protection is enabled in us-east-1, ap-south-1; set "
        + "deletionProtection: false in the spec for those regions (or disable it in AWS) to let deletionPolicy Delete "
        + "proceed");
  }

  @Test
  void aSpecThatTurnsDeletionProtectionOffLiftsItFirstThenDeletes() {
    Observed o = observe(table().protectedFromDeletion().replicas(EU, AP)).deep()
        .member(EU, table(EU)).member(AP, table(AP).protectedFromDeletion()).build();
    Desired lifted = desired(HOME, EU).delete().deletionProtection(HOME, false).deletionProtection(AP, false).build();

    Plan plan = planner.planDeletion(lifted, o, null);

    assertThat(plan.describe()).containsExactly("disable deletion protection in us-east-1",
        "disable deletion protection in ap-south-1", "remove replica ap-south-1", "remove replica eu-west-1",
        "delete table Orders in us-east-1");
    assertThat(plan.next()).contains(new Step.UpdateDeletionProtection(HOME, TABLE, false));
    assertThat(plan.isStalled()).isFalse();

    Desired partly = desired(HOME, EU).delete().deletionProtection(HOME, false).build();
    assertThat(planner.planDeletion(partly, o, null).blocker().reason()).as("ap-south-1 is still protected by spec")
        .isEqualTo(BlockReason.DELETION_PROTECTED);
  }

  @Test
  void everyReplicaIsRemovedNewestFirstManagedOrNotThenTheHomeTable() {
    // us-west-2 is not in the spec and not managed: deleting the global table still takes it.
    Observed o = observe(table().replicas(EU, AP, US2)).deep()
        .member(EU, table(EU)).member(AP, table(AP)).member(US2, table(US2)).build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(steps(plan)).containsExactly(remove(US2), remove(AP), remove(EU), DELETE_TABLE);
    assertThat(blockers(plan)).containsExactly(null, queued(remove(US2)), queued(remove(AP)), queued(remove(EU)));
    assertThat(plan.next()).contains(remove(US2));
    assertThat(plan.describe()).containsExactly("remove replica us-west-2", "remove replica ap-south-1",
        "remove replica eu-west-1", "delete table Orders in us-east-1");
  }

  @Test
  void regionalTableIsDeletedAtOnce() {
    Plan plan = planner.planDeletion(deleting, observe(table()).deep().region(EU, null, null).build(), null);

    assertThat(steps(plan)).containsExactly(DELETE_TABLE);
    assertThat(plan.next()).contains(DELETE_TABLE);
  }

  @Test
  void homeTableWaitsWhileAReplicaEntryIsStillDeleting() {
    Observed o = observe(table().replicas(rep(EU, "DELETING"))).deep().member(EU, table(EU).status("DELETING"))
        .build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(steps(plan)).containsExactly(DELETE_TABLE);
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.REPLICA_DELETING, "eu-west-1 is DELETING"));
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void homeTableWaitsUntilTheReplicaTableIsGoneFromItsRegion() {
    // The entry vanished from Replicas[], but eu-west-1 still answers for a while (reference 1.6).
    Observed o = observe(table()).deep().region(EU, table(EU).status("DELETING"), null).build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(steps(plan)).containsExactly(DELETE_TABLE);
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.REPLICA_DELETING, "the replica table in eu-west-1 is "
        + "still DELETING; the home table is deleted once every replica table is gone"));
  }

  @Test
  void unrelatedSameNameTableInAnotherRegionDoesNotHoldTheHomeDeletion() {
    Observed o = observe(table()).deep().region(EU, table(EU), tags("team", "other")).build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(plan.next()).contains(DELETE_TABLE);
  }

  @Test
  void homeTableAlreadyDeletingIsAWaitWithoutSteps() {
    Plan plan = planner.planDeletion(deleting, observe(table().status("DELETING")).deep().build(), null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.TABLE_DELETING,
        "table Orders in us-east-1 is DELETING"));
    assertThat(plan.isConverged()).isFalse();
  }

  @Test
  void removalsWaitForEveryGate() {
    Observed o = observe(table().replicas(EU).gsi(idx(BY_CUSTOMER, "CREATING", true))).deep()
        .member(EU, table(EU)).build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(steps(plan)).containsExactly(remove(EU), DELETE_TABLE);
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.INDEX_CREATING,
        "index ByCustomer in us-east-1 is CREATING (backfilling)"));
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void failedReplicaIsRemovedFirst() {
    Observed o = observe(table().replicas(rep(EU), rep(AP, "CREATION_FAILED", "boom", null), rep(US2))).deep()
        .member(EU, table(EU)).region(AP, null, null).member(US2, table(US2)).build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(steps(plan)).containsExactly(remove(AP), remove(US2), remove(EU), DELETE_TABLE);
    assertThat(plan.next()).contains(remove(AP));
  }

  @Test
  void deletionNeverReturnsTheHomeRegionAsAReplica() {
    Observed o = observe(table().replicas(EU)).deep().member(EU, table(EU)).build();

    Plan plan = planner.planDeletion(deleting, o, null);

    assertThat(steps(plan)).filteredOn(s -> s instanceof Step.RemoveReplica)
        .extracting(s -> ((Step.RemoveReplica) s).replicaRegion()).doesNotContain(HOME);
    assertThat(Collections.frequency(steps(plan), DELETE_TABLE)).isEqualTo(1);
    assertThat(steps(plan).get(steps(plan).size() - 1)).isEqualTo(DELETE_TABLE);
    assertThat(List.copyOf(steps(plan))).hasSize(2);
  }
}
