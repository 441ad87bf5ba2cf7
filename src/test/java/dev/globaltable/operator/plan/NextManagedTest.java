package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.AP;
import static dev.globaltable.operator.plan.Fx.BY_CUSTOMER;
import static dev.globaltable.operator.plan.Fx.BY_STATUS;
import static dev.globaltable.operator.plan.Fx.EU;
import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.US2;
import static dev.globaltable.operator.plan.Fx.absent;
import static dev.globaltable.operator.plan.Fx.desired;
import static dev.globaltable.operator.plan.Fx.observe;
import static dev.globaltable.operator.plan.Fx.rep;
import static dev.globaltable.operator.plan.Fx.table;
import static dev.globaltable.operator.plan.Fx.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.Observed;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the reconciler records in status as managed. */
class NextManagedTest {

  @Test
  void desiredReplicasThatExistBecomeManagedAndTheHomeRegionNever() {
    // AWS never lists the calling region, but a buggy observation must not make the home region removable.
    Observed o = observe(table().replicas(rep(EU), rep(AP, "CREATING"), rep(HOME))).build();

    Managed m = Planner.nextManaged(desired(HOME, EU, AP, US2).build(), o, Managed.NONE);

    assertThat(m.replicas()).containsExactly(AP, EU);
  }

  @Test
  void previouslyManagedReplicaStaysManagedAfterLeavingTheSpecUntilItIsGone() {
    Managed before = new Managed(Set.of(EU, AP), Set.of());

    Managed whileLeaving = Planner.nextManaged(desired(HOME).build(),
        observe(table().replicas(rep(EU, "DELETING"), rep(AP))).build(), before);
    Managed afterwards = Planner.nextManaged(desired(HOME).build(), observe(table().replicas(AP)).build(),
        whileLeaving);

    assertThat(whileLeaving.replicas()).containsExactly(AP, EU);
    assertThat(afterwards.replicas()).containsExactly(AP);
  }

  @Test
  void outOfBandReplicaNeverBecomesManaged() {
    Managed m = Planner.nextManaged(desired(HOME, EU).build(), observe(table().replicas(EU, US2)).build(),
        Managed.NONE);

    assertThat(m.replicas()).containsExactly(EU);
  }

  @Test
  void indexesFollowTheSameRule() {
    Managed before = new Managed(Set.of(), Set.of("Gone", "ByStatus"));

    Managed m = Planner.nextManaged(desired().gsi(BY_CUSTOMER).build(),
        observe(table().gsi(BY_CUSTOMER, BY_STATUS, Fx.BY_SKU)).build(), before);

    assertThat(m.indexes()).containsExactly("ByCustomer", "ByStatus");
  }

  @Test
  void absentTableManagesNothing() {
    Managed m = Planner.nextManaged(desired(HOME, EU).gsi(BY_CUSTOMER).build(), absent().build(),
        new Managed(Set.of(EU), Set.of("ByCustomer"), Set.of("team")));

    assertThat(m).isEqualTo(Managed.NONE);
  }

  @Test
  void specTagKeysAreRecordedButNeverTheOwnerTagOrAwsKeys() {
    Desired d = desired().tags(Map.of("team", "payments", "aws:reserved", "x")).build();

    Managed m = Planner.nextManaged(d, observe(table()).build(), Managed.NONE);

    assertThat(m.tagKeys()).containsExactly("team");
  }

  @Test
  void droppedTagKeyIsRememberedUntilNoMemberRegionCarriesIt() {
    Desired d = desired(HOME, EU).build();
    Managed before = new Managed(Set.of(EU), Set.of(), Set.of("team", "old"));

    Managed shallow = Planner.nextManaged(d, observe(table().replicas(EU)).homeTags(Map.of()).build(), before);
    Managed stillInEu = Planner.nextManaged(d, observe(table().replicas(EU)).homeTags(Map.of()).deep()
        .region(EU, table(EU), tags("old", "1")).build(), before);
    Managed euUnread = Planner.nextManaged(d, observe(table().replicas(EU)).homeTags(Map.of()).deep()
        .region(EU, table(EU), null).build(), before);
    Managed gone = Planner.nextManaged(d, observe(table().replicas(EU)).homeTags(Map.of()).deep()
        .region(EU, table(EU), Map.of()).build(), before);

    assertThat(shallow.tagKeys()).containsExactly("old", "team");
    assertThat(stillInEu.tagKeys()).containsExactly("old", "team");
    assertThat(euUnread.tagKeys()).containsExactly("old", "team");
    assertThat(gone.tagKeys()).containsExactly("team");
  }

  /**
   * Found by PlanOnSimulatorPropertyTest: CreateTable set tag "tier", the spec dropped it before any pass saw the table,
   * and as no observation had recorded the key it was never removed.
   */
  @Test
  void theTagKeysCreateTableSetsAreManagedAtOnceSoThatOneTheSpecDropsBeforeTheTableIsSeenIsRemoved() {
    Desired withTier = desired().tags(Map.of("team", "payments", "tier", "gold", "aws:reserved", "x")).build();
    Step create = new Planner().plan(withTier, absent().build(), Managed.NONE, null).next().orElseThrow();

    Managed created = Planner.recordApplied(Managed.NONE, create);
    Desired without = desired().build();
    Observed seen = observe(table()).homeTags(tags("team", "payments", "tier", "gold", Desired.OWNER_TAG,
        without.owner())).deep().build();
    Managed next = Planner.nextManaged(without, seen, created);

    assertThat(created.tagKeys()).containsExactly("team", "tier");
    assertThat(new Planner().plan(without, seen, next, null).next()).contains(new Step.UntagTable(HOME, Fx.arn(HOME),
        Set.of("tier")));
  }

  @Test
  void twoArgumentConstructorRecordsNoTagKeysAndNullsAreEmpty() {
    assertThat(new Managed(Set.of(EU), null).tagKeys()).isEmpty();
    assertThat(new Managed(null, null, null)).isEqualTo(Managed.NONE);
    assertThat(new Managed(Set.of(EU, AP, US2), Set.of()).replicas()).containsExactly(AP, EU, US2);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kinesis destinations and KMS keys

  private static final String STREAM_A = Fx.stream(EU, "a");
  private static final String STREAM_B = Fx.stream(EU, "b");

  @Test
  void aDesiredDestinationAwsReportsIsRecordedWhateverItsStatus() {
    Desired d = desired(HOME, EU).kinesis(EU, STREAM_A).build();
    Observed o = observe(table().replicas(EU)).deep()
        .member(EU, table(EU), Fx.settings().kinesis(STREAM_A, "ENABLE_FAILED", "no stream")).build();

    Managed m = Planner.nextManaged(d, o, Managed.NONE);

    assertThat(m.kinesisDestinations()).containsExactly(Managed.kinesisKey(EU, STREAM_A));
  }

  @Test
  void aDesiredDestinationAwsDoesNotReportIsNotRecorded() {
    Desired d = desired(HOME, EU).kinesis(EU, STREAM_A).build();
    Observed o = observe(table().replicas(EU)).deep().member(EU, table(EU), Fx.settings()).build();

    assertThat(Planner.nextManaged(d, o, Managed.NONE).kinesisDestinations()).isEmpty();
  }

  @Test
  void aDroppedDestinationStaysManagedWhileLiveOrUnreadAndIsForgottenOnceNotLive() {
    Managed before = new Managed(Set.of(EU), Set.of(), Set.of(), Set.of(), Set.of(Managed.kinesisKey(EU, STREAM_B)),
        Set.of());
    Desired d = desired(HOME, EU).build();

    Managed live = Planner.nextManaged(d, observe(table().replicas(EU)).deep()
        .member(EU, table(EU), Fx.settings().kinesis(STREAM_B, "ACTIVE", null)).build(), before);
    Managed unread = Planner.nextManaged(d, observe(table().replicas(EU)).build(), before);
    Managed disabling = Planner.nextManaged(d, observe(table().replicas(EU)).deep()
        .member(EU, table(EU), Fx.settings().kinesis(STREAM_B, "DISABLING", null)).build(), before);

    assertThat(live.kinesisDestinations()).containsExactly(Managed.kinesisKey(EU, STREAM_B));
    assertThat(unread.kinesisDestinations()).containsExactly(Managed.kinesisKey(EU, STREAM_B));
    assertThat(disabling.kinesisDestinations()).isEmpty();
  }

  @Test
  void anEnabledDestinationIsRecordedAtOnce() {
    Managed m = Planner.recordApplied(Managed.NONE, new Step.EnableKinesisStreaming(EU, Fx.TABLE, STREAM_A,
        "none"));

    assertThat(m.kinesisDestinations()).containsExactly(Managed.kinesisKey(EU, STREAM_A));
    assertThat(m.replicas()).isEmpty();
  }

  @Test
  void desiredKeysAreRecordedAndDroppedOnesKeptWhileAnyRegionReportsThem() {
    String k1 = Fx.key(HOME, "k1");
    String k2 = Fx.key(HOME, "k2");
    String old = Fx.key(EU, "old");
    Desired d = desired(HOME, EU).encryption(EncryptionType.CUSTOMER_MANAGED).kmsKey(HOME, k2)
        .kmsKey(EU, Fx.key(EU, "new")).build();
    Managed before = new Managed(Set.of(EU), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(k1, old, "gone"));
    Observed o = observe(table().replicas(EU).kms(k1)).deep().member(EU, table(EU).kms(old)).build();

    Managed m = Planner.nextManaged(d, o, before);

    assertThat(m.kmsKeys()).containsExactly(Fx.key(EU, "new"), old, k1, k2);
  }

  @Test
  void aDroppedKeyIsKeptWhileAMemberWasNotRead() {
    Managed before = new Managed(Set.of(EU), Set.of(), Set.of(), Set.of(), Set.of(), Set.of("old"));

    Managed m = Planner.nextManaged(desired(HOME, EU).build(), observe(table().replicas(EU)).build(), before);

    assertThat(m.kmsKeys()).containsExactly("old");
  }

  @Test
  void replicaTagKeysAreRecordedToo() {
    Desired d = desired(HOME, EU).regionTags(EU, Map.of("site", "dublin")).build();

    Managed m = Planner.nextManaged(d, observe(table().replicas(EU)).build(), Managed.NONE);

    assertThat(m.tagKeys()).containsExactly("site", "team");
  }
}
