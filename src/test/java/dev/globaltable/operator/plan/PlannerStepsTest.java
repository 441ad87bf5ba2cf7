package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.AP;
import static dev.globaltable.operator.plan.Fx.BY_CUSTOMER;
import static dev.globaltable.operator.plan.Fx.BY_SKU;
import static dev.globaltable.operator.plan.Fx.BY_STATUS;
import static dev.globaltable.operator.plan.Fx.EU;
import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.TABLE;
import static dev.globaltable.operator.plan.Fx.US2;
import static dev.globaltable.operator.plan.Fx.add;
import static dev.globaltable.operator.plan.Fx.arn;
import static dev.globaltable.operator.plan.Fx.blockers;
import static dev.globaltable.operator.plan.Fx.createIndex;
import static dev.globaltable.operator.plan.Fx.deleteIndex;
import static dev.globaltable.operator.plan.Fx.desired;
import static dev.globaltable.operator.plan.Fx.idx;
import static dev.globaltable.operator.plan.Fx.managed;
import static dev.globaltable.operator.plan.Fx.observe;
import static dev.globaltable.operator.plan.Fx.ownedTags;
import static dev.globaltable.operator.plan.Fx.queued;
import static dev.globaltable.operator.plan.Fx.remove;
import static dev.globaltable.operator.plan.Fx.rep;
import static dev.globaltable.operator.plan.Fx.steps;
import static dev.globaltable.operator.plan.Fx.table;
import static dev.globaltable.operator.plan.Fx.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The desired steps of an owned table: stream, on-demand limits, indexes, replicas, tags. */
class PlannerStepsTest {
  private final Planner planner = new Planner();

  private static Step.UpdateStream stream(String viewType) {
    return new Step.UpdateStream(HOME, TABLE, viewType);
  }

  private static Map<String, String> desiredTagSet() {
    return ownedTags();
  }

  @Nested
  class StreamRules {
    @Test
    void absentStreamSpecLeavesAnEnabledStreamAlone() {
      Plan plan = planner.plan(desired().build(), observe(table().stream("KEYS_ONLY")).build(), Managed.NONE, null);

      assertThat(plan.isConverged()).isTrue();
    }

    @Test
    void disabledStreamIsEnabledWhileTheTableHasNoReplicas() {
      Plan plan = planner.plan(desired().stream("NEW_AND_OLD_IMAGES").build(), observe(table()).build(),
          Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(stream("NEW_AND_OLD_IMAGES"));
      assertThat(plan.next()).contains(stream("NEW_AND_OLD_IMAGES"));
      assertThat(plan.describe()).containsExactly("enable stream NEW_AND_OLD_IMAGES");
    }

    @Test
    void otherViewTypeIsDisabledFirstBecauseAwsCannotSwitchItInPlace() {
      Plan plan = planner.plan(desired().stream("KEYS_ONLY").build(), observe(table().stream("NEW_IMAGE")).build(),
          Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(stream(null));
      assertThat(plan.describe()).containsExactly("disable the stream (to change its view type)");
    }

    @Test
    void sameViewTypeNeedsNothing() {
      Plan plan = planner.plan(desired().stream("KEYS_ONLY").build(), observe(table().stream("KEYS_ONLY")).build(),
          Managed.NONE, null);

      assertThat(plan.isConverged()).isTrue();
    }

    @Test
    void streamChangeComesBeforeReplicaAddsBecauseANewReplicaCopiesTheStream() {
      Desired d = desired(HOME, EU).stream("KEYS_ONLY").build();

      Plan plan = planner.plan(d, observe(table()).build(), Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(stream("KEYS_ONLY"), add(EU));
      assertThat(blockers(plan)).containsExactly(null, queued(stream("KEYS_ONLY")));
    }

    @Test
    void streamChangeWithReplicasIsNotAllowedButReplicaAndIndexWorkGoesOn() {
      Desired d = desired(HOME, EU, AP).stream("KEYS_ONLY").gsi(BY_CUSTOMER).build();
      Observed o = observe(table().stream("NEW_AND_OLD_IMAGES").replicas(EU)).deep()
          .member(EU, table(EU).stream("NEW_AND_OLD_IMAGES")).build();

      Plan plan = planner.plan(d, o, managed(List.of(EU), List.of()), null);

      Blocker notAllowed = new Blocker(BlockReason.NOT_ALLOWED,
          "spec.stream.viewType: the stream of a global table cannot change while it has replicas (AWS: Disabling "
              + "Stream is not allowed for a Global Table replica); current view type NEW_AND_OLD_IMAGES");
      assertThat(steps(plan)).containsExactly(stream(null), createIndex(d, BY_CUSTOMER), add(AP));
      assertThat(blockers(plan)).containsExactly(notAllowed, null, queued(createIndex(d, BY_CUSTOMER)));
      assertThat(plan.blocker()).isNull();
      assertThat(plan.isStalled()).isFalse();
      assertThat(plan.next()).contains(createIndex(d, BY_CUSTOMER));
      assertThat(plan.problems()).containsExactly(notAllowed);
    }

    @Test
    void streamChangeWithReplicasAndNothingElseToDoStallsThePlan() {
      Observed o = observe(table().stream("NEW_AND_OLD_IMAGES").replicas(EU)).build();

      Plan plan = planner.plan(desired(HOME, EU).stream("KEYS_ONLY").build(), o, Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(stream(null));
      assertThat(plan.blocker().reason()).isEqualTo(BlockReason.NOT_ALLOWED);
      assertThat(plan.isStalled()).isTrue();
      assertThat(plan.next()).isEmpty();
    }

    @Test
    void streamChangeWaitsBehindTheRemovalOfEveryReplicaWhenTheSpecDropsThemAll() {
      Desired d = desired(HOME).stream("KEYS_ONLY").build();
      Observed o = observe(table().stream("NEW_AND_OLD_IMAGES").replicas(EU, AP)).deep()
          .member(EU, table(EU)).member(AP, table(AP)).build();

      Plan plan = planner.plan(d, o, managed(List.of(EU, AP), List.of()), null);

      assertThat(steps(plan)).containsExactly(remove(AP), remove(EU), stream(null));
      assertThat(blockers(plan)).containsExactly(null, queued(remove(AP)), queued(remove(EU)));
      assertThat(plan.problems()).isEmpty();
    }

    @Test
    void droppingAnUnmanagedReplicaFromTheSpecDoesNotMakeAStreamChangeLegal() {
      Observed o = observe(table().stream("NEW_AND_OLD_IMAGES").replicas(EU)).build();

      Plan plan = planner.plan(desired(HOME).stream("KEYS_ONLY").build(), o, Managed.NONE, null);

      assertThat(plan.blocker().reason()).isEqualTo(BlockReason.NOT_ALLOWED);
      assertThat(steps(plan)).containsExactly(stream(null));
    }
  }

  @Nested
  class OnDemandLimitsRules {
    static Stream<Arguments> cases() {
      return Stream.of(
          // spec read, spec write, AWS read, AWS write, expected limits (null = no step)
          Arguments.of(4000L, 2000L, null, null, new OnDemandLimits(4000L, 2000L)),
          Arguments.of(4000L, null, -1L, -1L, new OnDemandLimits(4000L, null)),
          Arguments.of(null, null, 4000L, 2000L, OnDemandLimits.NONE),
          Arguments.of(4000L, 2000L, 4000L, 1000L, new OnDemandLimits(4000L, 2000L)),
          Arguments.of(null, null, -1L, -1L, null),
          Arguments.of(-1L, -1L, null, null, null),
          Arguments.of(-1L, null, null, -1L, null),
          Arguments.of(4000L, 2000L, 4000L, 2000L, null));
    }

    @ParameterizedTest(name = "spec {0}/{1} vs AWS {2}/{3}")
    @MethodSource("cases")
    void limitsAreComparedAfterFoldingMinusOneToUnlimited(Long specRead, Long specWrite, Long awsRead,
        Long awsWrite, OnDemandLimits expected) {
      Desired d = desired().onDemand(specRead, specWrite).build();
      Observed o = observe(table().onDemand(awsRead, awsWrite)).build();

      Plan plan = planner.plan(d, o, Managed.NONE, null);

      if (expected == null) {
        assertThat(plan.isConverged()).isTrue();
      } else {
        assertThat(steps(plan)).containsExactly(new Step.UpdateOnDemandThroughput(HOME, TABLE, expected));
      }
    }

    @Test
    void clearingLimitsIsDescribedInPlainWords() {
      Plan plan = planner.plan(desired().build(), observe(table().onDemand(10L, 5L)).build(), Managed.NONE, null);

      assertThat(plan.describe()).containsExactly("set on-demand throughput limits to read unlimited, write unlimited");
    }

    @Test
    void aProvisionedTableIsSwitchedWithItsLimitsInTheSameCallNotByASeparateLimitsStep() {
      Plan plan = planner.plan(desired().onDemand(10L, 5L).build(), observe(table().billing("PROVISIONED")).build(),
          Managed.NONE, null);

      assertThat(plan.steps()).extracting(PlannedStep::step).containsExactly(new Step.SwitchBillingMode("us-east-1",
          "Orders", "PAY_PER_REQUEST", null, null, new OnDemandLimits(10L, 5L)));
    }
  }

  @Nested
  class IndexRules {
    @Test
    void missingIndexIsCreatedWithTheDerivedAttributeDefinitions() {
      Desired d = desired().gsi(BY_CUSTOMER).build();

      Plan plan = planner.plan(d, observe(table()).build(), Managed.NONE, null);

      Step.CreateIndex create = createIndex(d, BY_CUSTOMER);
      assertThat(steps(plan)).containsExactly(create);
      assertThat(create.attributeDefinitions()).containsKeys("PK", "SK", "CustomerId", "CreatedAt");
      assertThat(plan.describe()).containsExactly("create index ByCustomer");
    }

    @Test
    void managedIndexDroppedFromTheSpecIsDeleted() {
      Plan plan = planner.plan(desired().build(), observe(table().gsi(BY_STATUS)).build(),
          managed(List.of(), List.of("ByStatus")), null);

      assertThat(steps(plan)).containsExactly(deleteIndex("ByStatus"));
      assertThat(plan.next()).contains(deleteIndex("ByStatus"));
    }

    @Test
    void unmanagedIndexIsLeftAlone() {
      Plan plan = planner.plan(desired().build(), observe(table().gsi(BY_STATUS)).build(), Managed.NONE, null);

      assertThat(plan.isConverged()).isTrue();
    }

    @Test
    void deletesComeBeforeCreatesOneIndexPerStep() {
      Desired d = desired().gsi(BY_CUSTOMER, BY_SKU).build();
      Observed o = observe(table().gsi(BY_STATUS, new IndexDefinition("Old", Fx.keys("O", null), Projection.ALL)))
          .build();

      Plan plan = planner.plan(d, o, managed(List.of(), List.of("ByStatus", "Old")), null);

      assertThat(steps(plan)).containsExactly(deleteIndex("ByStatus"), deleteIndex("Old"),
          createIndex(d, BY_CUSTOMER), createIndex(d, BY_SKU));
      assertThat(blockers(plan)).containsExactly(null, queued(deleteIndex("ByStatus")), queued(deleteIndex("Old")),
          queued(createIndex(d, BY_CUSTOMER)));
    }

    @Test
    void changedIndexShapeIsNotAllowedInsteadOfASilentRecreate() {
      IndexDefinition changed = Fx.gsi("ByCustomer", "CustomerId", null, new Projection("KEYS_ONLY", List.of()));
      Desired d = desired(HOME, EU).gsi(changed).build();

      Observed o = observe(table().gsi(BY_CUSTOMER)).deep().region(EU, null, null).build();

      Plan plan = planner.plan(d, o, managed(List.of(), List.of("ByCustomer")), null);

      Blocker notAllowed = new Blocker(BlockReason.NOT_ALLOWED, "spec.globalSecondaryIndexes ByCustomer: AWS cannot "
          + "change the keys or projection of an existing index (the table has keys CustomerId(S), CreatedAt(S), "
          + "projection ALL, the spec has keys CustomerId(S), projection KEYS_ONLY); add the new definition under "
          + "another index name and drop the old one, or remove ByCustomer from the spec, let the operator delete it, "
          + "then add it back");
      assertThat(steps(plan)).containsExactly(deleteIndex("ByCustomer"), add(EU));
      assertThat(blockers(plan)).containsExactly(notAllowed, null);
      assertThat(plan.next()).contains(add(EU));
      assertThat(plan.problems()).containsExactly(notAllowed);
    }

    @Test
    void includeProjectionOrderDoesNotCountAsAShapeChange() {
      IndexDefinition reordered = Fx.gsi("BySku", "Sku", null, new Projection("INCLUDE", List.of("Title", "Price")));

      Plan plan = planner.plan(desired().gsi(reordered).build(), observe(table().gsi(BY_SKU)).build(), Managed.NONE,
          null);

      assertThat(plan.isConverged()).isTrue();
    }

    @Test
    void desiredIndexThatIsBeingDeletedIsCreatedAgainOnceItIsGone() {
      Desired d = desired().gsi(BY_CUSTOMER).build();
      Observed o = observe(table().gsi(idx(BY_CUSTOMER, "DELETING", false))).build();

      Plan plan = planner.plan(d, o, Managed.NONE, null);

      Blocker deleting = new Blocker(BlockReason.INDEX_DELETING, "index ByCustomer in us-east-1 is DELETING");
      assertThat(steps(plan)).containsExactly(createIndex(d, BY_CUSTOMER));
      assertThat(blockers(plan)).containsExactly(deleting);
      assertThat(plan.blocker()).isEqualTo(deleting);
    }

    @Test
    void indexAlreadyBeingDeletedIsNotDeletedAgainAndThePlanWaitsForIt() {
      Observed o = observe(table().gsi(idx(BY_STATUS, "DELETING", false))).build();

      Plan plan = planner.plan(desired().build(), o, managed(List.of(), List.of("ByStatus")), null);

      assertThat(plan.steps()).isEmpty();
      assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.INDEX_DELETING,
          "index ByStatus in us-east-1 is DELETING"));
      assertThat(plan.isConverged()).isFalse();
    }
  }

  @Nested
  class ReplicaRules {
    @Test
    void missingRegionsAreAddedInSpecOrderAndTheHomeRegionNever() {
      Desired d = desired(US2, HOME, EU).build();
      Desired dHomeFirst = desired(HOME, US2, EU).build();

      assertThat(steps(planner.plan(d, observe(table()).build(), Managed.NONE, null))).containsExactly(add(US2),
          add(EU));
      assertThat(steps(planner.plan(dHomeFirst, observe(table()).build(), Managed.NONE, null)))
          .containsExactly(add(US2), add(EU));
    }

    @Test
    void managedReplicasDroppedFromTheSpecAreRemovedNewestFirst() {
      Observed o = observe(table().replicas(EU, AP, US2)).deep()
          .member(EU, table(EU)).member(AP, table(AP)).member(US2, table(US2)).build();

      Plan plan = planner.plan(desired(HOME).build(), o, managed(List.of(EU, AP, US2), List.of()), null);

      assertThat(steps(plan)).containsExactly(remove(US2), remove(AP), remove(EU));
      assertThat(blockers(plan)).containsExactly(null, queued(remove(US2)), queued(remove(AP)));
    }

    @Test
    void unmanagedReplicaIsLeftAlone() {
      Observed o = observe(table().replicas(EU, AP)).deep().member(EU, table(EU)).member(AP, table(AP)).build();

      Plan plan = planner.plan(desired(HOME, EU).build(), o, managed(List.of(EU), List.of()), null);

      assertThat(plan.isConverged()).isTrue();
    }

    @Test
    void addsComeBeforeRemoves() {
      Observed o = observe(table().replicas(EU)).deep().member(EU, table(EU)).region(AP, null, null)
          .region(US2, null, null).build();

      Plan plan = planner.plan(desired(HOME, AP, US2).build(), o, managed(List.of(EU), List.of()), null);

      assertThat(steps(plan)).containsExactly(add(AP), add(US2), remove(EU));
      assertThat(plan.next()).contains(add(AP));
      assertThat(blockers(plan)).containsExactly(null, queued(add(AP)), queued(add(US2)));
    }

    @Test
    void desiredRegionWhoseReplicaIsBeingDeletedIsAddedAgainAfterwards() {
      Observed o = observe(table().replicas(rep(EU, "DELETING"))).build();

      Plan plan = planner.plan(desired(HOME, EU).build(), o, managed(List.of(EU), List.of()), null);

      assertThat(steps(plan)).containsExactly(add(EU));
      assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.REPLICA_DELETING, "eu-west-1 is DELETING"));
    }

    @Test
    void replicaAlreadyBeingDeletedIsNotRemovedTwice() {
      Observed o = observe(table().replicas(rep(EU, "DELETING"))).build();

      Plan plan = planner.plan(desired(HOME).build(), o, managed(List.of(EU), List.of()), null);

      assertThat(plan.steps()).isEmpty();
      assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.REPLICA_DELETING, "eu-west-1 is DELETING"));
    }

    @Test
    void regionIsAddedAgainOnlyOnceThePreviousReplicaTableIsGone() {
      Observed o = observe(table()).deep().region(EU, table(EU).status("DELETING"), null).build();

      Plan plan = planner.plan(desired(HOME, EU).build(), o, Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(add(EU));
      assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.REPLICA_DELETING,
          "the previous replica table in eu-west-1 is still DELETING; the region can be added again once it is gone"));
    }

    @Test
    void regionHoldingAForeignTableOfTheSameNameIsNotAllowedAndOtherAddsProceed() {
      Observed o = observe(table()).deep().region(EU, table(EU), tags("team", "other")).region(AP, null, null)
          .build();

      Plan plan = planner.plan(desired(HOME, EU, AP).build(), o, Managed.NONE, null);

      Blocker foreign = new Blocker(BlockReason.NOT_ALLOWED, "spec.replicas eu-west-1: eu-west-1 already has a table "
          + "named Orders that is not part of this global table; AWS cannot add a replica there until that table is "
          + "deleted");
      assertThat(steps(plan)).containsExactly(add(EU), add(AP));
      assertThat(blockers(plan)).containsExactly(foreign, null);
      assertThat(plan.next()).contains(add(AP));
    }

    @Test
    void regionThatListsTheHomeRegionBeforeTheHomeRegionListsItIsAWait() {
      Observed o = observe(table()).deep().region(EU, table(EU).replicas(HOME), null).build();

      Plan plan = planner.plan(desired(HOME, EU).build(), o, Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(add(EU));
      assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.REPLICA_NOT_ACTIVE, "the table in eu-west-1 lists "
          + "us-east-1 as a member, but us-east-1 does not list eu-west-1 yet; waiting for AWS to settle"));
    }
  }

  @Nested
  class TagRules {
    @Test
    void missingTagInTheHomeRegionIsAppliedWithTheFullSet() {
      Observed o = observe(table()).homeTags(tags(Desired.OWNER_TAG, Fx.OWNER)).build();

      Plan plan = planner.plan(desired().build(), o, Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(new Step.TagTable(HOME, arn(HOME), desiredTagSet(),
          tags(Desired.OWNER_TAG, Fx.OWNER)));
      assertThat(plan.next()).isPresent();
      assertThat(plan.steps().get(0).step().drift().describe())
          .isEqualTo("tags in us-east-1: expected {team=payments}, found {team=(absent)}");
      assertThat(plan.describe()).containsExactly("tag the table in us-east-1 (globaltable.dev/owner, team)");
    }

    @Test
    void differentValueIsOverwritten() {
      Map<String, String> found = tags(Desired.OWNER_TAG, Fx.OWNER, "team", "search");
      Observed o = observe(table()).homeTags(found).build();

      Plan plan = planner.plan(desired().build(), o, Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(new Step.TagTable(HOME, arn(HOME), desiredTagSet(), found));
    }

    @Test
    void replicaRegionsAreTaggedWithTheirOwnArnOnADeepPass() {
      Observed o = observe(table().replicas(EU, AP)).deep()
          .region(EU, table(EU), Map.of()).member(AP, table(AP)).build();

      Plan plan = planner.plan(desired(HOME, EU, AP).build(), o, managed(List.of(EU, AP), List.of()), null);

      assertThat(steps(plan)).containsExactly(new Step.TagTable(EU, arn(EU), desiredTagSet(), Map.of()));
      assertThat(plan.next()).contains(new Step.TagTable(EU, arn(EU), desiredTagSet(), Map.of()));
    }

    @Test
    void regionsWhoseTagsWereNotReadOrWhoseTableIsNotActiveAreNotTagged() {
      Observed o = observe(table().replicas(rep(EU), rep(AP, "CREATING"))).deep()
          .region(EU, table(EU), null).region(AP, table(AP).status("CREATING"), Map.of()).build();

      Plan plan = planner.plan(desired(HOME, EU, AP).build(), o, managed(List.of(EU, AP), List.of()), null);

      assertThat(plan.steps()).isEmpty();
      assertThat(plan.blocker().reason()).isEqualTo(BlockReason.REPLICA_CREATING);
    }

    @Test
    void onlyManagedKeysLeftOutOfTheSpecAreRemoved() {
      Map<String, String> inAws = tags(Desired.OWNER_TAG, Fx.OWNER, "team", "payments", "cost-center", "42",
          "aws:cloudformation:stack-name", "s", "added-by-someone", "x");
      Managed m = new Managed(Set.of(), Set.of(), Set.of("team", "cost-center", "aws:cloudformation:stack-name",
          Desired.OWNER_TAG));

      Plan plan = planner.plan(desired().build(), observe(table()).homeTags(inAws).build(), m, null);

      assertThat(steps(plan)).containsExactly(new Step.UntagTable(HOME, arn(HOME), Set.of("cost-center")));
      assertThat(plan.describe()).containsExactly("remove tags cost-center in us-east-1");
    }

    @Test
    void withoutRecordedTagKeysNoTagIsEverRemoved() {
      Map<String, String> inAws = tags(Desired.OWNER_TAG, Fx.OWNER, "team", "payments", "cost-center", "42");

      Plan plan = planner.plan(desired().build(), observe(table()).homeTags(inAws).build(), Managed.NONE, null);

      assertThat(plan.isConverged()).isTrue();
    }

    @Test
    void tagAndUntagInOneRegionAreTwoStepsTagFirst() {
      Map<String, String> inAws = tags(Desired.OWNER_TAG, Fx.OWNER, "old", "1");
      Managed m = new Managed(Set.of(), Set.of(), Set.of("old"));

      Plan plan = planner.plan(desired().build(), observe(table()).homeTags(inAws).build(), m, null);

      assertThat(steps(plan)).containsExactly(new Step.TagTable(HOME, arn(HOME), desiredTagSet(), inAws),
          new Step.UntagTable(HOME, arn(HOME), Set.of("old")));
      assertThat(blockers(plan)).containsExactly(null, null);
    }

    @Test
    void tagStepsComeLastAndRunWhileTableStepsWait() {
      Observed o = observe(table().replicas(rep(EU, "CREATING", null, 45))).deep()
          .region(EU, table(EU).status("CREATING"), null).build();
      Observed withTags = observe(table().replicas(rep(EU, "CREATING", null, 45))).homeTags(Map.of(
          Desired.OWNER_TAG, Fx.OWNER)).deep().region(EU, table(EU).status("CREATING"), null).build();

      Plan plan = planner.plan(desired(HOME, EU, AP).build(), withTags, managed(List.of(EU), List.of()), null);

      Blocker creating = new Blocker(BlockReason.REPLICA_CREATING, "eu-west-1 is CREATING (45%)");
      Step tag = new Step.TagTable(HOME, arn(HOME), desiredTagSet(), Map.of(Desired.OWNER_TAG, Fx.OWNER));
      assertThat(steps(plan)).containsExactly(add(AP), tag);
      assertThat(blockers(plan)).containsExactly(creating, null);
      assertThat(plan.blocker()).isEqualTo(creating);
      assertThat(plan.next()).contains(tag);
      assertThat(planner.plan(desired(HOME, EU, AP).build(), o, managed(List.of(EU), List.of()), null).next())
          .isEmpty();
    }

    @Test
    void tableStepsRunBeforeTagSteps() {
      Observed o = observe(table()).homeTags(Map.of(Desired.OWNER_TAG, Fx.OWNER)).deep().region(EU, null, null)
          .build();

      Plan plan = planner.plan(desired(HOME, EU).build(), o, Managed.NONE, null);

      assertThat(steps(plan)).containsExactly(add(EU), new Step.TagTable(HOME, arn(HOME), desiredTagSet(),
          Map.of(Desired.OWNER_TAG, Fx.OWNER)));
      assertThat(plan.next()).contains(add(EU));
    }

    @Test
    void aSameNameTableInARegionThatIsNotAMemberIsNeverTagged() {
      Observed o = observe(table()).deep().region(EU, table(EU), Map.of()).build();

      Plan plan = planner.plan(desired(HOME, EU).build(), o, Managed.NONE, null);

      assertThat(steps(plan)).noneMatch(s -> s instanceof Step.TagTable);
    }
  }
}
