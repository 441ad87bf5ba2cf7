package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.AP;
import static dev.globaltable.operator.plan.Fx.BY_CUSTOMER;
import static dev.globaltable.operator.plan.Fx.BY_DATE;
import static dev.globaltable.operator.plan.Fx.EU;
import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.OWNER;
import static dev.globaltable.operator.plan.Fx.TABLE;
import static dev.globaltable.operator.plan.Fx.absent;
import static dev.globaltable.operator.plan.Fx.add;
import static dev.globaltable.operator.plan.Fx.blockers;
import static dev.globaltable.operator.plan.Fx.desired;
import static dev.globaltable.operator.plan.Fx.keys;
import static dev.globaltable.operator.plan.Fx.observe;
import static dev.globaltable.operator.plan.Fx.queued;
import static dev.globaltable.operator.plan.Fx.steps;
import static dev.globaltable.operator.plan.Fx.table;
import static dev.globaltable.operator.plan.Fx.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.ScalarType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Creation, ownership (design.md section 5) and immutable fields. */
class PlannerOwnershipTest {
  private final Planner planner = new Planner();

  @Test
  void absentTableIsCreatedWithEverythingThenReplicasAreAddedInSpecOrder() {
    Desired d = desired(HOME, AP, EU).gsi(BY_CUSTOMER).lsi(BY_DATE).stream("NEW_IMAGE").onDemand(100L, 50L).build();

    Plan plan = planner.plan(d, absent().build(), Managed.NONE, null);

    Step create = new Step.CreateTable(HOME, TABLE, Fx.KEYS,
        Map.of("PK", ScalarType.S, "SK", ScalarType.S,
            "OrderDate", ScalarType.S,
            "CustomerId", ScalarType.S,
            "CreatedAt", ScalarType.S),
        "PAY_PER_REQUEST", new OnDemandLimits(100L, 50L), List.of(BY_CUSTOMER), List.of(BY_DATE),
        "NEW_IMAGE", Map.of(Desired.OWNER_TAG, OWNER, "team", "payments"));
    assertThat(steps(plan)).containsExactly(create, add(AP), add(EU));
    assertThat(blockers(plan)).containsExactly(null, queued(create), queued(add(AP)));
    assertThat(plan.blocker()).isNull();
    assertThat(plan.next()).contains(create);
    assertThat(plan.describe()).containsExactly("create table Orders in us-east-1", "add replica ap-south-1",
        "add replica eu-west-1");
  }

  @Test
  void createdTableAlwaysCarriesTheOwnerTag() {
    Desired base = desired().build();
    Desired noTags = new Desired(TABLE, HOME, Fx.KEYS, null, null, null, null, null, Map.of(), base.regions(), null,
        false, OWNER);

    Plan plan = planner.plan(noTags, absent().build(), null, null);

    assertThat(((Step.CreateTable) plan.next().orElseThrow()).tags()).isEqualTo(Map.of(Desired.OWNER_TAG, OWNER));
  }

  @Test
  void singleRegionTableMatchingTheSpecIsConverged() {
    Plan plan = planner.plan(desired().build(), observe(table()).build(), Managed.NONE, null);

    assertThat(plan).isEqualTo(Plan.converged());
    assertThat(plan.isConverged()).isTrue();
  }

  @Test
  void verifiedTableIdSkipsTheTagCheckSoAShallowPassCanConverge() {
    Observed o = observe(table()).homeTags(null).build();

    Plan plan = planner.plan(desired().build(), o, Managed.NONE, "id-" + HOME);

    assertThat(plan.isConverged()).isTrue();
  }

  @Test
  void unreadTagsAndNoVerifiedIdNeedADeepObservation() {
    Observed o = observe(table()).homeTags(null).build();

    Plan plan = planner.plan(desired(HOME, EU).build(), o, Managed.NONE, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION,
        "the tags of table Orders in us-east-1 were not read in this pass; ownership is checked on a deep observation"));
    assertThat(plan.isStalled()).isFalse();
    assertThat(plan.isConverged()).isFalse();
    assertThat(plan.next()).isEmpty();
  }

  static Stream<Arguments> foreignOwners() {
    return Stream.of(
        Arguments.of(tags(Desired.OWNER_TAG, "ns/other", "team", "payments"), null,
            "table Orders in us-east-1 is owned by ns/other; not touching it"),
        Arguments.of(tags("team", "payments"), null,
            "table Orders in us-east-1 has no globaltable.dev/owner tag: it was not created by this operator; not "
                + "touching it"),
        Arguments.of(Map.of(), null,
            "table Orders in us-east-1 has no globaltable.dev/owner tag: it was not created by this operator; not "
                + "touching it"),
        // The table was recreated out of band: the cached id no longer matches, the tags decide.
        Arguments.of(tags(Desired.OWNER_TAG, "ns/other"), "id-of-an-earlier-incarnation",
            "table Orders in us-east-1 is owned by ns/other; not touching it"));
  }

  @ParameterizedTest
  @MethodSource("foreignOwners")
  void aTableOwnedElsewhereIsNeverTouched(Map<String, String> homeTags, String verifiedId, String message) {
    // Plenty to do if it were ours: a replica to add, an index to create, a tag to fix.
    Desired d = desired(HOME, EU).gsi(BY_CUSTOMER).build();
    Observed o = observe(table()).homeTags(homeTags).build();

    Plan plan = planner.plan(d, o, Managed.NONE, verifiedId);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.TABLE_OWNED_ELSEWHERE, message));
    assertThat(plan.isStalled()).isTrue();
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void staleVerifiedIdFallsBackToTheOwnerTag() {
    Plan plan = planner.plan(desired(HOME, EU).build(), observe(table()).build(), Managed.NONE, "id-old");

    assertThat(steps(plan)).containsExactly(add(EU));
  }

  @Test
  void keySchemaMismatchStallsWithoutSteps() {
    Observed o = observe(table().keys(keys("Id", null))).build();

    Plan plan = planner.plan(desired(HOME, EU).build(), o, Managed.NONE, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.IMMUTABLE_MISMATCH,
        "table Orders in us-east-1 differs in fields that cannot change after creation: spec.keySchema is PK(S), SK(S) "
            + "but the table has Id(S); restore the spec (or use another table name)"));
    assertThat(plan.isStalled()).isTrue();
  }

  @Test
  void keyTypeMismatchIsAnImmutableMismatch() {
    var numeric = new KeySchema(
        new KeyAttribute("PK", ScalarType.N),
        new KeyAttribute("SK", ScalarType.S));
    Plan plan = planner.plan(desired().build(), observe(table().keys(numeric)).build(), Managed.NONE, null);

    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.IMMUTABLE_MISMATCH);
    assertThat(plan.blocker().message()).contains("spec.keySchema is PK(S), SK(S) but the table has PK(N), SK(S)");
  }

  @Test
  void lsiDifferencesAreNamedOneByOne() {
    IndexDefinition byDateKeysOnly = new IndexDefinition("ByDate", keys("PK", "OrderDate"),
        new Projection("KEYS_ONLY", List.of()));
    IndexDefinition byTotal = new IndexDefinition("ByTotal", keys("PK", "Total"), Projection.ALL);
    IndexDefinition byRegion = new IndexDefinition("ByRegion", keys("PK", "Region"), Projection.ALL);
    Desired d = desired().lsi(byDateKeysOnly, byTotal).build();
    Observed o = observe(table().lsi(BY_DATE, byRegion)).build();

    Plan plan = planner.plan(d, o, Managed.NONE, null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.IMMUTABLE_MISMATCH,
        "table Orders in us-east-1 differs in fields that cannot change after creation: "
            + "spec.localSecondaryIndexes ByDate is keys PK(S), OrderDate(S), projection KEYS_ONLY but the table has "
            + "keys PK(S), OrderDate(S), projection ALL; "
            + "spec.localSecondaryIndexes declares ByTotal but the table has no such index; "
            + "the table has local secondary index ByRegion that spec.localSecondaryIndexes lacks; "
            + "restore the spec (or use another table name)"));
  }

  @Test
  void lsiProjectionAttributeOrderDoesNotMatter() {
    IndexDefinition a = new IndexDefinition("ByDate", keys("PK", "OrderDate"),
        new Projection("INCLUDE", List.of("X", "Y")));
    IndexDefinition b = new IndexDefinition("ByDate", keys("PK", "OrderDate"),
        new Projection("INCLUDE", List.of("Y", "X")));

    Plan plan = planner.plan(desired().lsi(a).build(), observe(table().lsi(b)).build(), Managed.NONE, null);

    assertThat(plan.isConverged()).isTrue();
  }

  @Test
  void ownershipIsCheckedBeforeImmutableFields() {
    Observed o = observe(table().keys(keys("Id", null))).homeTags(tags(Desired.OWNER_TAG, "ns/other")).build();

    Plan plan = planner.plan(desired().build(), o, Managed.NONE, null);

    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.TABLE_OWNED_ELSEWHERE);
  }

  @Test
  void planningWithoutTheHomeRegionIsAProgrammingError() {
    Observed wrongHome = new Observed(EU, Map.of(EU, new RegionObservation(EU, null, null)), true);
    Observed homeMissing = new Observed(HOME, Map.of(EU, new RegionObservation(EU, null, null)), true);

    assertThatThrownBy(() -> planner.plan(desired().build(), wrongHome, Managed.NONE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the observation must describe the home region us-east-1");
    assertThatThrownBy(() -> planner.plan(desired().build(), homeMissing, Managed.NONE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> planner.planDeletion(desired().delete().build(), homeMissing, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sameInputsGiveTheSamePlan() {
    Desired d = desired(HOME, EU, AP).gsi(BY_CUSTOMER).stream("KEYS_ONLY").build();
    Observed o = observe(table().replicas(AP)).build();

    assertThat(planner.plan(d, o, Managed.NONE, null)).isEqualTo(planner.plan(d, o, Managed.NONE, null));
  }
}
