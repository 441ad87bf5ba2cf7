package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.AP;
import static dev.globaltable.operator.plan.Fx.BY_CUSTOMER;
import static dev.globaltable.operator.plan.Fx.BY_STATUS;
import static dev.globaltable.operator.plan.Fx.EU;
import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.OWNER;
import static dev.globaltable.operator.plan.Fx.TABLE;
import static dev.globaltable.operator.plan.Fx.absent;
import static dev.globaltable.operator.plan.Fx.arn;
import static dev.globaltable.operator.plan.Fx.blockers;
import static dev.globaltable.operator.plan.Fx.desired;
import static dev.globaltable.operator.plan.Fx.idx;
import static dev.globaltable.operator.plan.Fx.key;
import static dev.globaltable.operator.plan.Fx.observe;
import static dev.globaltable.operator.plan.Fx.settings;
import static dev.globaltable.operator.plan.Fx.stream;
import static dev.globaltable.operator.plan.Fx.table;
import static dev.globaltable.operator.plan.Fx.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.ObservedEncryption;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.RegionSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Per-region settings (issue 4): what is planned, where, in which order, and what holds it. */
class PlannerSettingsTest {
  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  private static final String IA = RegionSettings.STANDARD_INFREQUENT_ACCESS;
  private static final String STD = RegionSettings.STANDARD;
  private static final String KEY_HOME = key(HOME, "home-1");
  private static final String KEY_HOME_2 = key(HOME, "home-2");
  private static final String KEY_EU = key(EU, "eu-1");
  private static final String KEY_EU_OLD = key(EU, "eu-0");
  private static final String A = stream(HOME, "orders-a");
  private static final String B = stream(HOME, "orders-b");
  private static final PointInTimeRecovery PITR_35 = PointInTimeRecovery.desired(true, null);

  private final Planner planner = new Planner();

  private static Fx.ObsB home(Fx.TableB t, Fx.SetB s) {
    return observe(t).homeSettings(s).deep().at(NOW);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // one rule at a time, on a regional table

  static Stream<Arguments> singleRules() {
    return Stream.of(
        // point-in-time recovery
        Arguments.of("PITR wanted, off", (UnaryOperator<Fx.DesiredB>) d -> d.pitr(HOME, PITR_35), table(),
            settings(), List.of("enable point-in-time recovery in us-east-1 (35 days)")),
        Arguments.of("PITR period differs", (UnaryOperator<Fx.DesiredB>) d -> d.pitr(HOME,
            PointInTimeRecovery.desired(true, 7)), table(), settings().pitr(35),
            List.of("enable point-in-time recovery in us-east-1 (7 days)")),
        Arguments.of("PITR unwanted, on", (UnaryOperator<Fx.DesiredB>) d -> d.pitr(HOME,
            PointInTimeRecovery.desired(false, null)), table(), settings().pitr(35),
            List.of("disable point-in-time recovery in us-east-1")),
        Arguments.of("PITR as wanted", (UnaryOperator<Fx.DesiredB>) d -> d.pitr(HOME, PITR_35), table(),
            settings().pitr(35), List.of()),
        Arguments.of("PITR unmanaged", (UnaryOperator<Fx.DesiredB>) d -> d.insights(HOME, null), table(),
            settings().pitr(7), List.of()),
        // contributor insights
        Arguments.of("CCI wanted, off", (UnaryOperator<Fx.DesiredB>) d -> d.insights(HOME, true), table(),
            settings(), List.of("enable contributor insights of the table in us-east-1")),
        Arguments.of("CCI unwanted, on", (UnaryOperator<Fx.DesiredB>) d -> d.insights(HOME, false), table(),
            settings().insights("ENABLED", null), List.of("disable contributor insights of the table in us-east-1")),
        Arguments.of("CCI unwanted, FAILED: disabling clears it", (UnaryOperator<Fx.DesiredB>) d -> d.insights(HOME,
            false), table(), settings().insights("FAILED", "LimitExceededException: quota"),
            List.of("disable contributor insights of the table in us-east-1")),
        Arguments.of("CCI wanted, ENABLING already", (UnaryOperator<Fx.DesiredB>) d -> d.insights(HOME, true),
            table(), settings().insights("ENABLING", null), List.of()),
        Arguments.of("CCI unmanaged", (UnaryOperator<Fx.DesiredB>) d -> d.pitr(HOME, null), table(),
            settings().insights("ENABLED", null), List.of()),
        Arguments.of("CCI of every ACTIVE index", (UnaryOperator<Fx.DesiredB>) d -> d.insights(HOME, true)
                .gsi(BY_CUSTOMER, BY_STATUS),
            table().gsi(idx(BY_CUSTOMER), idx(BY_STATUS, "CREATING", true)),
            settings().insights("ENABLED", null).indexInsights("ByCustomer", "DISABLED")
                .indexInsights("ByStatus", "DISABLED"),
            List.of("enable contributor insights of index ByCustomer in us-east-1")),
        // deletion protection
        Arguments.of("DP wanted, off", (UnaryOperator<Fx.DesiredB>) d -> d.deletionProtection(HOME, true), table(),
            settings(), List.of("enable deletion protection in us-east-1")),
        Arguments.of("DP unwanted, on", (UnaryOperator<Fx.DesiredB>) d -> d.deletionProtection(HOME, false),
            table().protectedFromDeletion(), settings(), List.of("disable deletion protection in us-east-1")),
        Arguments.of("DP unmanaged", (UnaryOperator<Fx.DesiredB>) d -> d.pitr(HOME, null),
            table().protectedFromDeletion(), settings(), List.of()),
        // table class
        Arguments.of("class differs", (UnaryOperator<Fx.DesiredB>) d -> d.tableClass(HOME, IA), table(), settings(),
            List.of("set table class in us-east-1 to STANDARD_INFREQUENT_ACCESS")),
        Arguments.of("class as wanted", (UnaryOperator<Fx.DesiredB>) d -> d.tableClass(HOME, IA),
            table().tableClass(IA), settings(), List.of()),
        Arguments.of("class unmanaged", (UnaryOperator<Fx.DesiredB>) d -> d.pitr(HOME, null),
            table().tableClass(IA), settings(), List.of()),
        // time to live
        Arguments.of("TTL wanted, off", (UnaryOperator<Fx.DesiredB>) d -> d.ttl("expiresAt"), table(), settings(),
            List.of("enable time to live on expiresAt")),
        Arguments.of("TTL unwanted, on", (UnaryOperator<Fx.DesiredB>) d -> d.ttl(null), table(),
            settings().ttl("ENABLED", "expiresAt"), List.of("disable time to live on expiresAt")),
        Arguments.of("TTL as wanted", (UnaryOperator<Fx.DesiredB>) d -> d.ttl("expiresAt"), table(),
            settings().ttl("ENABLED", "expiresAt"), List.of()),
        Arguments.of("TTL enabling as wanted", (UnaryOperator<Fx.DesiredB>) d -> d.ttl("expiresAt"), table(),
            settings().ttl("ENABLING", "expiresAt"), List.of()),
        Arguments.of("TTL unwanted, disabling", (UnaryOperator<Fx.DesiredB>) d -> d.ttl(null), table(),
            settings().ttl("DISABLING", "expiresAt"), List.of()),
        Arguments.of("TTL unmanaged", (UnaryOperator<Fx.DesiredB>) d -> d, table(),
            settings().ttl("ENABLED", "expiresAt"), List.of()),
        // encryption
        Arguments.of("to AWS managed", (UnaryOperator<Fx.DesiredB>) d -> d.encryption(EncryptionType.AWS_MANAGED),
            table(), settings(), List.of("set encryption in us-east-1 to AwsManaged")),
        Arguments.of("to customer managed", (UnaryOperator<Fx.DesiredB>) d -> d
                .encryption(EncryptionType.CUSTOMER_MANAGED).kmsKey(HOME, KEY_HOME), table(), settings(),
            List.of("set encryption in us-east-1 to CustomerManaged key " + KEY_HOME)),
        Arguments.of("home key rotation", (UnaryOperator<Fx.DesiredB>) d -> d
                .encryption(EncryptionType.CUSTOMER_MANAGED).kmsKey(HOME, KEY_HOME_2), table().kms(KEY_HOME),
            settings(), List.of("set encryption in us-east-1 to CustomerManaged key " + KEY_HOME_2)),
        Arguments.of("to AWS owned", (UnaryOperator<Fx.DesiredB>) d -> d.encryption(EncryptionType.AWS_OWNED),
            table().kms(key(HOME, "aws-managed")), settings(), List.of("set encryption in us-east-1 to AwsOwned")),
        Arguments.of("an unknown KMS key counts as AWS managed", (UnaryOperator<Fx.DesiredB>) d -> d
            .encryption(EncryptionType.AWS_MANAGED), table().kms(key(HOME, "aws-managed")), settings(), List.of()),
        Arguments.of("encryption unmanaged", (UnaryOperator<Fx.DesiredB>) d -> d, table().kms(KEY_HOME), settings(),
            List.of()),
        // Kinesis
        Arguments.of("Kinesis wanted, none", (UnaryOperator<Fx.DesiredB>) d -> d.kinesis(HOME, A), table(),
            settings(), List.of("stream changes in us-east-1 to Kinesis " + A)),
        Arguments.of("Kinesis wanted, live", (UnaryOperator<Fx.DesiredB>) d -> d.kinesis(HOME, A), table(),
            settings().kinesis(A, "ACTIVE", null), List.of()),
        Arguments.of("Kinesis wanted, enabling", (UnaryOperator<Fx.DesiredB>) d -> d.kinesis(HOME, A), table(),
            settings().kinesis(A, "DISABLED", null).kinesis(A, "ENABLING", null), List.of()),
        Arguments.of("Kinesis wanted, only a DISABLED entry left", (UnaryOperator<Fx.DesiredB>) d -> d.kinesis(HOME,
            A), table(), settings().kinesis(A, "DISABLED", null),
            List.of("stream changes in us-east-1 to Kinesis " + A)),
        Arguments.of("Kinesis unwanted, live but not ours", (UnaryOperator<Fx.DesiredB>) d -> d.pitr(HOME, null),
            table(), settings().kinesis(B, "ACTIVE", null), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleRules")
  void eachRuleAlone(String name, UnaryOperator<Fx.DesiredB> spec, Fx.TableB home, Fx.SetB have,
      List<String> expected) {
    Plan plan = planner.plan(spec.apply(desired()).build(), home(home, have).build(), Managed.NONE, null);

    assertThat(plan.describe()).containsExactlyElementsOf(expected);
    assertThat(blockers(plan)).allMatch(b -> b == null);
    assertThat(plan.isConverged()).isEqualTo(expected.isEmpty());
  }

  @Test
  void settingStepsReportTheirDrift() {
    Desired d = desired().pitr(HOME, PITR_35).deletionProtection(HOME, true).insights(HOME, true).ttl("exp")
        .build();

    Plan plan = planner.plan(d, home(table(), settings()).build(), Managed.NONE, null);

    assertThat(plan.steps().stream().map(s -> s.step().drift().describe()).toList()).containsExactly(
        "timeToLive in us-east-1: expected enabled on exp, found DISABLED",
        "deletionProtection in us-east-1: expected true, found false",
        "pointInTimeRecovery in us-east-1: expected enabled (35 days), found disabled",
        "contributorInsights in us-east-1: expected ENABLED, found DISABLED");
  }

  @Test
  void encryptionOnAKeyThisResourceRecordedCountsAsCustomerManaged() {
    Managed m = new Managed(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(KEY_HOME));
    Desired d = desired().encryption(EncryptionType.AWS_MANAGED).build();

    Plan plan = planner.plan(d, home(table().kms(KEY_HOME), settings()).build(), m, null);

    assertThat(Fx.steps(plan)).containsExactly(new Step.UpdateEncryption(HOME, TABLE, EncryptionType.AWS_MANAGED,
        null, "CustomerManaged key " + KEY_HOME));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // placement and order

  @Test
  void tableSettingsComeBeforeReplicaAddsInOrderAndPerRegionOnesAfterAutoscalingWithTags() {
    Desired d = desired(HOME, EU, Fx.AP).ttl("exp").encryption(EncryptionType.CUSTOMER_MANAGED)
        .kmsKey(HOME, KEY_HOME).kmsKey(EU, KEY_EU).kmsKey(Fx.AP, key(Fx.AP, "ap-1"))
        .tableClass(HOME, IA).tableClass(EU, STD).tableClass(Fx.AP, STD).deletionProtection(HOME, true)
        .deletionProtection(EU, true).pitr(HOME, PITR_35).pitr(EU, PITR_35).regionTags(EU, Map.of("site", "dublin")).build();
    Managed m = new Managed(Set.of(EU), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(KEY_HOME, KEY_EU));
    Fx.ObsB o = home(table().replicas(EU).kms(KEY_HOME), settings())
        .member(EU, table(EU).kms(KEY_EU_OLD), settings()).region(Fx.AP, null, null);

    Plan plan = planner.plan(d, o.build(), m, null);

    assertThat(plan.describe()).containsExactly(
        "enable time to live on exp",
        "set encryption in eu-west-1 to CustomerManaged key " + KEY_EU,
        "set table class in us-east-1 to STANDARD_INFREQUENT_ACCESS",
        "set table class in eu-west-1 to STANDARD",
        "enable deletion protection in us-east-1",
        "enable deletion protection in eu-west-1",
        "add replica ap-south-1 (table class STANDARD, KMS key " + key(Fx.AP, "ap-1") + ")",
        "enable point-in-time recovery in us-east-1 (35 days)",
        "enable point-in-time recovery in eu-west-1 (35 days)",
        "tag the table in eu-west-1 (globaltable.dev/owner, site, team)");
    List<Step> steps = Fx.steps(plan);
    assertThat(steps.subList(0, 7)).allMatch(Step::tableMutation);
    assertThat(steps.subList(7, 10)).noneMatch(Step::tableMutation);
    assertThat(blockers(plan).get(0)).isNull();
    assertThat(blockers(plan).subList(1, 7)).allMatch(b -> b.reason() == BlockReason.QUEUED);
    assertThat(blockers(plan).subList(7, 10)).containsOnlyNulls();
    assertThat(steps.get(1).region()).as("a replica key changes in its own region").isEqualTo(EU);
    assertThat(steps.get(5).region()).isEqualTo(EU);
    assertThat(steps.get(9)).isEqualTo(new Step.TagTable(EU, arn(EU), Map.of(Desired.OWNER_TAG, OWNER, "team",
        "payments", "site", "dublin"), Fx.ownedTags()));
  }

  @Test
  void aBaseClassChangeOverwritesReplicasWithoutAnOverride() {
    // EU has no override and wants STANDARD: the base change to IA will carry it along, so it needs its own step.
    // AP has an override IA and wants IA: nothing. A region not described uses the override its entry lists.
    Desired d = desired(HOME, EU, Fx.AP).tableClass(HOME, IA).tableClass(EU, STD).tableClass(Fx.AP, IA).build();
    Fx.ObsB o = home(table().replicas(Fx.rep(EU), new ObservedReplica(Fx.AP, "ACTIVE", null, null, null, IA,
        null)), settings()).member(EU, table(EU), settings());

    Plan plan = planner.plan(d, o.build(), Managed.NONE, null);

    assertThat(Fx.steps(plan)).containsExactly(new Step.UpdateTableClass(HOME, TABLE, IA, STD),
        new Step.UpdateReplicaTableClass(HOME, TABLE, EU, STD, IA));
  }

  @Test
  void replicaClassIsReadFromItsOwnRegionWhenDescribed() {
    Desired d = desired(HOME, EU).tableClass(EU, IA).build();
    Plan described = planner.plan(d, home(table().replicas(EU), settings()).member(EU, table(EU).tableClass(IA),
        settings()).build(), Managed.NONE, null);
    Plan listedOnly = planner.plan(d, observe(table().replicas(EU)).at(NOW).build(), Managed.NONE, null);

    assertThat(described.isConverged()).isTrue();
    assertThat(Fx.steps(listedOnly)).containsExactly(new Step.UpdateReplicaTableClass(HOME, TABLE, EU, IA, STD));
  }

  @Test
  void createTableCarriesTheHomeSettingsAndReplicasTheirClassAndKey() {
    Desired d = desired(HOME, EU).tableClass(HOME, IA).tableClass(EU, STD).deletionProtection(HOME, true)
        .encryption(EncryptionType.CUSTOMER_MANAGED).kmsKey(HOME, KEY_HOME).kmsKey(EU, KEY_EU)
        .regionTags(HOME, Map.of("site", "virginia")).build();

    Plan plan = planner.plan(d, absent().build(), Managed.NONE, null);

    Step.CreateTable create = (Step.CreateTable) Fx.steps(plan).get(0);
    assertThat(create.options()).isEqualTo(new Step.CreateOptions(IA, true, EncryptionType.CUSTOMER_MANAGED,
        KEY_HOME));
    assertThat(create.tags()).isEqualTo(Map.of(Desired.OWNER_TAG, OWNER, "team", "payments", "site", "virginia"));
    assertThat(Fx.steps(plan).get(1)).isEqualTo(new Step.AddReplica(HOME, TABLE, EU, null, STD, KEY_EU));
  }

  @Test
  void aReplicaWhoseClassIsTheBaseOnesGetsNoOverrideAndNoKeyWithoutCustomerManaged() {
    Desired d = desired(HOME, EU).tableClass(EU, IA).kmsKey(EU, KEY_EU).build();

    Plan plan = planner.plan(d, observe(table().tableClass(IA)).deep().region(EU, null, null).build(),
        Managed.NONE, null);

    assertThat(Fx.steps(plan)).containsExactly(Fx.add(EU));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // which regions

  @Test
  void aSameNameTableInARegionOutsideTheGroupGetsNoSettings() {
    Desired d = desired(HOME, EU).pitr(EU, PITR_35).deletionProtection(EU, true).insights(EU, true)
        .kinesis(EU, stream(EU, "x")).build();
    Fx.ObsB o = home(table(), settings()).member(EU, table(EU), settings());

    Plan plan = planner.plan(d, o.build(), Managed.NONE, null);

    assertThat(plan.describe()).containsExactly("add replica eu-west-1");
    assertThat(plan.problems()).hasSize(1);
  }

  @Test
  void aShallowPassPlansNoneOfTheSettingsItDidNotRead() {
    Desired d = desired(HOME, EU).ttl("exp").pitr(HOME, PITR_35).pitr(EU, PITR_35).insights(HOME, true)
        .kinesis(HOME, A).deletionProtection(EU, true).encryption(EncryptionType.CUSTOMER_MANAGED)
        .kmsKey(HOME, KEY_HOME).kmsKey(EU, KEY_EU).build();
    Managed m = new Managed(Set.of(EU), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(KEY_HOME));

    Plan plan = planner.plan(d, observe(table().replicas(EU).kms(KEY_HOME)).at(NOW).build(), m, null);

    assertThat(plan.isConverged()).isTrue();
  }

  @Test
  void aTableThatIsNotActiveIsSkippedSilently() {
    Desired d = desired(HOME, EU).pitr(EU, PITR_35).deletionProtection(EU, true).build();
    Fx.ObsB o = home(table().replicas(Fx.rep(EU, "UPDATING")), settings())
        .member(EU, table(EU).status("UPDATING"), settings());

    Plan plan = planner.plan(d, o.build(), new Managed(Set.of(EU), Set.of()), null);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.blocker().reason()).isEqualTo(BlockReason.REPLICA_UPDATING);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // cooldowns

  @Test
  void aHeldStepWaitsForItsInstantWithoutHoldingTheStepsBehindIt() {
    Instant until = NOW.plus(Duration.ofDays(20));
    Cooldowns c = Cooldowns.NONE.with("tableClass us-east-1", until,
        "AWS allows 2 table class changes per 30 days");
    Desired d = desired().tableClass(HOME, IA).deletionProtection(HOME, true).build();

    Plan plan = planner.plan(d, home(table(), settings()).build(), Managed.NONE, null, c);

    Blocker held = new Blocker(BlockReason.COOLDOWN, "AWS allows 2 table class changes per 30 days", until);
    assertThat(blockers(plan)).containsExactly(held, null);
    assertThat(plan.next()).contains(new Step.UpdateDeletionProtection(HOME, TABLE, true));
    assertThat(plan.describe()).containsExactly("set table class in us-east-1 to STANDARD_INFREQUENT_ACCESS (not "
        + "before 2026-12-10T10:00:00Z: AWS allows 2 table class changes per 30 days)",
        "enable deletion protection in us-east-1");
    assertThat(plan.earliestNotBefore()).isEqualTo(until);
  }

  @Test
  void whenOnlyHeldStepsAreLeftThePlanWaitsForTheEarliest() {
    Instant until = NOW.plusSeconds(10);
    Cooldowns c = Cooldowns.NONE.with("deletionProtection us-east-1", until, "AWS refuses a second toggle "
        + "within 15 s");
    Desired d = desired().deletionProtection(HOME, true).build();

    Plan plan = planner.plan(d, home(table(), settings()).build(), Managed.NONE, null, c);

    assertThat(plan.next()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.COOLDOWN, "AWS refuses a second toggle within 15 s",
        until));
    assertThat(plan.isStalled()).isFalse();
    assertThat(planner.plan(d, home(table(), settings()).at(until).build(), Managed.NONE, null, c).next())
        .as("a hold that has ended holds nothing").isPresent();
  }

  @Test
  void aHoldOnAnotherKeyHoldsNothing() {
    Desired d = desired().pitr(HOME, PITR_35).tableClass(HOME, IA).build();

    Plan plan = planner.plan(d, home(table(), settings()).build(), Managed.NONE, null,
        Cooldowns.NONE.with("tableClass eu-west-1", NOW.plusSeconds(5), "x"));

    assertThat(blockers(plan)).containsOnlyNulls();
    assertThat(plan.describe()).containsExactly("set table class in us-east-1 to STANDARD_INFREQUENT_ACCESS",
        "enable point-in-time recovery in us-east-1 (35 days)");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // time to live

  @Test
  void aRenameDisablesNowAndEnablesAnHourLater() {
    Desired d = desired().ttl("expiresAt").build();

    Plan plan = planner.plan(d, home(table(), settings().ttl("ENABLED", "ttl")).build(), Managed.NONE, null);

    assertThat(Fx.steps(plan)).containsExactly(
        new Step.UpdateTimeToLive(HOME, TABLE, false, "ttl", "ENABLED on ttl"),
        new Step.UpdateTimeToLive(HOME, TABLE, true, "expiresAt", "ENABLED on ttl"));
    // The enable's instant is only known once the disable has run: no instant that would move with every pass.
    assertThat(blockers(plan)).containsExactly(null, new Blocker(BlockReason.QUEUED, "after: disable time to live on "
        + "ttl, then an hour (" + SettingsPlanner.TTL_REASON + ")"));
    assertThat(plan.describe()).containsExactly("disable time to live on ttl", "enable time to live on expiresAt");
    assertThat(plan.next()).contains(Fx.steps(plan).get(0));
    Plan tenSecondsLater = planner.plan(d, home(table(), settings().ttl("ENABLED", "ttl")).at(NOW.plusSeconds(10))
        .build(), Managed.NONE, null);
    assertThat(tenSecondsLater.describe()).isEqualTo(plan.describe());
  }

  @Test
  void aRenameUnderARecordedHoldWaitsForItThenAnHourMore() {
    Instant hold = NOW.plus(Duration.ofMinutes(20));
    Cooldowns c = Cooldowns.NONE.with(Step.UpdateTimeToLive.COOLDOWN_KEY, hold, SettingsPlanner.TTL_REASON);

    Plan plan = planner.plan(desired().ttl("expiresAt").build(), home(table(), settings().ttl("ENABLED", "ttl"))
        .build(), Managed.NONE, null, c);

    assertThat(blockers(plan)).extracting(Blocker::notBefore).containsExactly(hold, hold.plus(Duration.ofHours(1)));
    assertThat(plan.next()).isEmpty();
    assertThat(plan.earliestNotBefore()).isEqualTo(hold);
  }

  @Test
  void afterTheRenamesDisableTheEnableWaitsForTheRecordedHold() {
    Instant hold = NOW.plus(Duration.ofMinutes(50));
    Cooldowns c = Cooldowns.NONE.with(Step.UpdateTimeToLive.COOLDOWN_KEY, hold, SettingsPlanner.TTL_REASON);

    Plan plan = planner.plan(desired().ttl("expiresAt").build(), home(table(), settings().ttl("DISABLED", null))
        .build(), Managed.NONE, null, c);

    assertThat(plan.describe()).containsExactly("enable time to live on expiresAt (not before "
        + "2026-11-20T10:50:00Z: AWS allows one time-to-live change per table per hour)");
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.COOLDOWN, SettingsPlanner.TTL_REASON, hold));
  }

  @Test
  void aTimeToLiveInTransitionTheOtherWayIsWaitedFor() {
    Plan plan = planner.plan(desired().ttl(null).build(), home(table(), settings().ttl("ENABLING", "exp")).build(),
        Managed.NONE, null);

    assertThat(plan.describe()).containsExactly("disable time to live on exp");
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.SETTING_UPDATING,
        "time to live is ENABLING on exp; waiting for AWS to finish"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // contributor insights

  @Test
  void failedContributorInsightsIsNotRetriedButReportedWithWhatToDo() {
    Desired d = desired().insights(HOME, true).pitr(HOME, PITR_35).build();
    Fx.SetB have = settings().insights("FAILED", "LimitExceededException: rules quota exceeded");

    Plan plan = planner.plan(d, home(table(), have).build(), Managed.NONE, null);

    Blocker failed = new Blocker(BlockReason.NOT_ALLOWED, "contributor insights of the table in us-east-1 FAILED "
        + "(LimitExceededException: rules quota exceeded); AWS does not retry it and another enable would fail the "
        + "same way: raise the CloudWatch Contributor Insights rules quota, then set contributorInsights false and "
        + "back to true");
    assertThat(plan.describe()).containsExactly("enable point-in-time recovery in us-east-1 (35 days)",
        "enable contributor insights of the table in us-east-1");
    assertThat(blockers(plan)).containsExactly(null, failed);
    assertThat(plan.problems()).containsExactly(failed);
    assertThat(plan.next()).contains(Fx.steps(plan).get(0));
    // Once PITR is done, the failure is all that is left: the plan is stalled on it.
    Plan later = planner.plan(d, home(table(), have.pitr(35)).build(), Managed.NONE, null);
    assertThat(later.blocker()).isEqualTo(failed);
    assertThat(later.isStalled()).isTrue();
  }

  @Test
  void contributorInsightsInTransitionTheOtherWayIsWaitedFor() {
    Plan plan = planner.plan(desired().insights(HOME, true).build(), home(table(), settings().insights("DISABLING",
        null)).build(), Managed.NONE, null);

    Blocker wait = new Blocker(BlockReason.SETTING_UPDATING, "contributor insights of the table in us-east-1 is "
        + "DISABLING; waiting for AWS to finish");
    assertThat(blockers(plan)).containsExactly(wait);
    assertThat(plan.blocker()).isEqualTo(wait);
    assertThat(plan.isConverged()).isFalse();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kinesis

  @Test
  void aManagedDestinationIsSwappedDisableFirst() {
    Managed m = new Managed(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(Managed.kinesisKey(HOME, B)), Set.of());

    Plan plan = planner.plan(desired().kinesis(HOME, A).build(), home(table(), settings().kinesis(B, "ACTIVE",
        null)).build(), m, null);

    Step disable = new Step.DisableKinesisStreaming(HOME, TABLE, B);
    assertThat(Fx.steps(plan)).containsExactly(disable, new Step.EnableKinesisStreaming(HOME, TABLE, A, B));
    assertThat(blockers(plan)).containsExactly(null, Fx.queued(disable));
    assertThat(plan.blocker()).isNull();
  }

  @Test
  void aDestinationSomeoneElseAttachedIsAProblem() {
    Plan plan = planner.plan(desired().kinesis(HOME, A).build(), home(table(), settings().kinesis(B, "ACTIVE",
        null)).build(), Managed.NONE, null);

    assertThat(plan.describe()).containsExactly("stream changes in us-east-1 to Kinesis " + A);
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.NOT_ALLOWED, "kinesisStreamArn in us-east-1: "
        + "another Kinesis destination " + B + " not set by this resource is attached (AWS allows one live "
        + "destination per table); disable it in AWS to let the operator stream to " + A));
  }

  @Test
  void aFailedDestinationIsAProblemNamingWhatAwsSaid() {
    Plan plan = planner.plan(desired().kinesis(HOME, A).build(), home(table(), settings().kinesis(A,
        "ENABLE_FAILED", "Stream not found")).build(), Managed.NONE, null);

    assertThat(plan.isStalled()).isTrue();
    assertThat(plan.blocker().message()).isEqualTo("Kinesis destination " + A + " in us-east-1 failed to enable: "
        + "Stream not found; check that the stream exists in us-east-1, is ACTIVE and that DynamoDB may write to it, "
        + "then enable it (enable-kinesis-streaming-destination) or set another kinesisStreamArn");
  }

  @Test
  void aDisablingDestinationIsWaitedFor() {
    Plan plan = planner.plan(desired().kinesis(HOME, A).build(), home(table(), settings().kinesis(B, "DISABLING",
        null)).build(), Managed.NONE, null);

    assertThat(blockers(plan)).containsExactly(new Blocker(BlockReason.SETTING_UPDATING,
        "a Kinesis destination in us-east-1 is DISABLING; waiting for AWS to finish"));
  }

  @Test
  void aManagedDestinationTheSpecDroppedIsDisabled() {
    Managed m = new Managed(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(Managed.kinesisKey(HOME, B)), Set.of());

    Plan plan = planner.plan(desired().pitr(HOME, null).build(), home(table(), settings().kinesis(B, "ACTIVE",
        null)).build(), m, null);

    assertThat(plan.describe()).containsExactly("stop streaming changes in us-east-1 to Kinesis " + B);
    assertThat(Fx.steps(plan).get(0).drift().describe()).isEqualTo("kinesisStreamArn in us-east-1: expected not "
        + B + ", found " + B);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // encryption with replicas

  @Test
  void switchingAGlobalTableToCustomerManagedKeysIsRefusedWithoutHoldingTheRest() {
    Desired d = desired(HOME, EU).encryption(EncryptionType.CUSTOMER_MANAGED).kmsKey(HOME, KEY_HOME)
        .kmsKey(EU, KEY_EU).deletionProtection(HOME, true).build();
    Fx.ObsB o = home(table().replicas(EU), settings()).member(EU, table(EU), settings());

    Plan plan = planner.plan(d, o.build(), new Managed(Set.of(EU), Set.of()), null);

    assertThat(plan.describe()).containsExactly("set encryption in us-east-1 to CustomerManaged key " + KEY_HOME,
        "enable deletion protection in us-east-1");
    assertThat(blockers(plan).get(0).reason()).isEqualTo(BlockReason.NOT_ALLOWED);
    assertThat(blockers(plan).get(0).message()).isEqualTo("spec.encryption.type: AWS cannot switch a global table "
        + "that has replicas from AwsOwned to CustomerManaged (AWS: KMSMasterKeyId must be specified for each "
        + "replica.); remove the replicas from spec.replicas, let the operator remove them, change the type, then add "
        + "them back with their kmsKeyId; or create the table with CustomerManaged (current: AwsOwned)");
    assertThat(blockers(plan).get(1)).isNull();
    assertThat(plan.next()).contains(new Step.UpdateDeletionProtection(HOME, TABLE, true));
  }

  @Test
  void leavingCustomerManagedKeysForAwsManagedOnesIsRefusedWhileReplicasExistButAwsOwnedIsAllowed() {
    Fx.ObsB o = home(table().replicas(EU).encryption(new ObservedEncryption("ENABLED", "KMS", KEY_HOME)), settings())
        .member(EU, table(EU).encryption(new ObservedEncryption("ENABLED", "KMS", KEY_EU)), settings());
    Managed keys = new Managed(Set.of(EU), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(KEY_HOME, KEY_EU));

    Plan managed = planner.plan(desired(HOME, EU).encryption(EncryptionType.AWS_MANAGED).build(), o.build(), keys,
        null);
    assertThat(managed.describe()).containsExactly("set encryption in us-east-1 to AwsManaged");
    assertThat(managed.blocker()).isEqualTo(new Blocker(BlockReason.NOT_ALLOWED, "spec.encryption.type: AWS cannot "
        + "switch a global table that has replicas from CustomerManaged to AwsManaged (AWS: All replica keys must "
        + "either be Customer Managed CMK or AWS Managed CMK.); remove the replicas from spec.replicas, let the "
        + "operator remove them, change the type, then add them back; or switch to AwsOwned first (current: "
        + "CustomerManaged)"));

    Plan owned = planner.plan(desired(HOME, EU).encryption(EncryptionType.AWS_OWNED).build(), o.build(), keys, null);
    assertThat(owned.next()).contains(new Step.UpdateEncryption(HOME, TABLE, EncryptionType.AWS_OWNED, null,
        "CustomerManaged key " + KEY_HOME));
  }

  @Test
  void pointInTimeRecoveryOfATableCreatedLessThanAMinuteAgoWaitsForAwsToEnableBackups() {
    Desired d = desired().pitr(HOME, PITR_35).build();
    Instant created = Instant.parse("2026-11-01T00:00:00Z");

    Plan early = planner.plan(d, home(table(), settings()).at(created.plusSeconds(20)).build(), Managed.NONE, null);
    assertThat(early.next()).isEmpty();
    assertThat(early.describe()).containsExactly("enable point-in-time recovery in us-east-1 (35 days) (not before "
        + "2026-11-01T00:01:00Z: AWS enables backups on a new table first and refuses point-in-time recovery changes "
        + "until then)");
    assertThat(early.earliestNotBefore()).isEqualTo(created.plusSeconds(60));

    Plan later = planner.plan(d, home(table(), settings()).at(created.plusSeconds(60)).build(), Managed.NONE, null);
    assertThat(later.next()).contains(new Step.UpdatePointInTimeRecovery(HOME, TABLE, PITR_35, "disabled"));
  }

  @Test
  void anEncryptionChangeWaitsWhileAwsIsStillChangingIt() {
    Desired d = desired().encryption(EncryptionType.AWS_OWNED).build();
    Fx.TableB t = table().encryption(new ObservedEncryption("UPDATING", "KMS", key(HOME, "x")));

    Plan plan = planner.plan(d, home(t, settings()).build(), Managed.NONE, null);

    assertThat(plan.describe()).containsExactly("set encryption in us-east-1 to AwsOwned");
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.SETTING_UPDATING,
        "encryption in us-east-1 is UPDATING; waiting for AWS to finish"));
  }

  @Test
  void replicaKeysAreLeftAloneUntilTheGroupIsOnCustomerManagedKeys() {
    Desired d = desired(HOME, EU).encryption(EncryptionType.CUSTOMER_MANAGED).kmsKey(HOME, KEY_HOME)
        .kmsKey(EU, KEY_EU).build();
    Fx.ObsB converged = home(table().replicas(EU).kms(KEY_HOME), settings()).member(EU, table(EU).kms(KEY_EU),
        settings());

    assertThat(planner.plan(d, converged.build(), new Managed(Set.of(EU), Set.of()), null).isConverged()).isTrue();
  }

  @Test
  void unmanagedSettingsNeverProduceAStep() {
    // Every setting differs from AWS's default, yet the spec manages none of them.
    Fx.TableB t = table().protectedFromDeletion().tableClass(IA).kms(KEY_HOME);
    Fx.SetB have = settings().pitr(7).ttl("ENABLED", "exp").insights("FAILED", "x").kinesis(B, "ACTIVE", null);

    Plan plan = planner.plan(desired().build(), home(t, have).build(), Managed.NONE, null);

    assertThat(plan.isConverged()).isTrue();
  }

  @Test
  void replicaTagsAreMergedOverTheTableTagsInTheirRegionOnly() {
    Desired d = desired(HOME, EU).regionTags(EU, Map.of("team", "search")).build();
    Fx.ObsB o = home(table().replicas(EU), settings()).member(EU, table(EU), settings());

    Plan plan = planner.plan(d, o.build(), new Managed(Set.of(EU), Set.of()), null);

    assertThat(Fx.steps(plan)).containsExactly(new Step.TagTable(EU, arn(EU), tags(Desired.OWNER_TAG, OWNER, "team",
        "search"), Fx.ownedTags()));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // review fixes

  @Test
  void aReplicaIsAddedOnlyOnceTheGroupHasTheEncryptionTypeTheSpecAsksFor() {
    Desired d = desired(HOME, EU).encryption(EncryptionType.CUSTOMER_MANAGED).kmsKey(HOME, KEY_HOME)
        .kmsKey(EU, KEY_EU).build();
    Cooldowns budget = Cooldowns.NONE.with("encryption " + HOME, NOW.plus(Duration.ofHours(6)), "AWS budget");
    Fx.ObsB o = home(table(), settings()).region(EU, null, null);

    Plan plan = planner.plan(d, o.build(), Managed.NONE, null, budget);

    assertThat(plan.next()).as("the switch is held by AWS's budget, and the add waits for it").isEmpty();
    assertThat(plan.describe()).containsExactly("set encryption in us-east-1 to CustomerManaged key " + KEY_HOME
        + " (not before 2026-11-20T16:00:00Z: AWS budget)", "add replica eu-west-1 (KMS key " + KEY_EU + ")");
    assertThat(blockers(plan).get(1)).isEqualTo(new Blocker(BlockReason.SETTING_UPDATING,
        "replicas are added once the table's encryption is CustomerManaged (now AwsOwned)"));

    Fx.ObsB switched = home(table().kms(KEY_HOME), settings()).region(EU, null, null);
    assertThat(planner.plan(d, switched.build(), Managed.NONE, null).next())
        .contains(new Step.AddReplica(HOME, TABLE, EU, null, null, KEY_EU));
  }

  @Test
  void aKmsKeyTheSpecNeverNamedIsRotatedInPlaceWhenTheSpecWantsCustomerKeys() {
    Desired d = desired(HOME, EU).encryption(EncryptionType.CUSTOMER_MANAGED).kmsKey(HOME, KEY_HOME)
        .kmsKey(EU, KEY_EU).build();
    String unknown = key(HOME, "from-before");
    Fx.ObsB o = home(table().replicas(EU).kms(unknown), settings()).member(EU, table(EU).kms(KEY_EU), settings());

    Plan plan = planner.plan(d, o.build(), new Managed(Set.of(EU), Set.of()), null);

    assertThat(plan.next()).contains(new Step.UpdateEncryption(HOME, TABLE, EncryptionType.CUSTOMER_MANAGED, KEY_HOME,
        "CustomerManaged key " + unknown));
  }

  @Test
  void aRegionDroppedFromTheSpecWhoseTableIsProtectedIsNotRemovedButExplained() {
    Fx.ObsB o = home(table().replicas(EU, AP), settings()).member(EU, table(EU).protectedFromDeletion(), settings())
        .member(AP, table(AP), settings());

    Plan plan = planner.plan(desired(HOME, AP).build(), o.build(), new Managed(Set.of(EU, AP), Set.of()), null);

    assertThat(plan.next()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.DELETION_PROTECTED, "spec.replicas: eu-west-1 was "
        + "removed from the spec, but its table has deletion protection enabled; put the region back with "
        + "deletionProtection: false, let the operator apply it, then remove the region (or disable deletion "
        + "protection there in AWS)"));
  }

  @Test
  void aBaseTableClassChangeReachesEveryReplicaSoOverridesThatDifferFromItAreSetAgain() {
    Desired d = desired(HOME, EU, AP).tableClass(HOME, RegionSettings.STANDARD_INFREQUENT_ACCESS)
        .tableClass(EU, RegionSettings.STANDARD).tableClass(AP, RegionSettings.STANDARD_INFREQUENT_ACCESS).build();
    Fx.ObsB o = home(table().replicas(EU, AP), settings())
        .member(EU, table(EU), settings()).member(AP, table(AP), settings());

    Plan plan = planner.plan(d, o.build(), new Managed(Set.of(EU, AP), Set.of()), null);

    assertThat(plan.describe()).containsExactly("set table class in us-east-1 to STANDARD_INFREQUENT_ACCESS",
        "set table class in eu-west-1 to STANDARD");
  }

  @Test
  void ourKinesisDestinationIsDisabledOnlyOnceItHasSettled() {
    String arn = "arn:aws:kinesis:us-east-1:111122223333:stream/cdc";
    Managed ours = new Managed(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(Managed.kinesisKey(HOME, arn)),
        Set.of());

    Plan enabling = planner.plan(desired().build(), home(table(), settings().kinesis(arn, "ENABLING", null)).build(),
        ours, null);
    assertThat(enabling.next()).isEmpty();
    assertThat(blockers(enabling).get(0).reason()).isEqualTo(BlockReason.SETTING_UPDATING);

    Plan active = planner.plan(desired().build(), home(table(), settings().kinesis(arn, "ACTIVE", null)).build(),
        ours, null);
    assertThat(active.next()).contains(new Step.DisableKinesisStreaming(HOME, TABLE, arn));
  }

  @Test
  void aKinesisDestinationOfARegionThatLeftTheSpecAndTheGroupIsForgotten() {
    String arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/cdc";
    Managed ours = new Managed(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(Managed.kinesisKey(EU, arn)), Set.of());

    Managed next = Planner.nextManaged(desired().build(), home(table(), settings()).build(), ours);

    assertThat(next.kinesisDestinations()).isEmpty();
  }

  @Test
  void anEncryptionChangeInFlightAnywhereHoldsEveryOtherTableChange() {
    Desired d = desired(HOME, EU).deletionProtection(HOME, true).build();
    Fx.ObsB o = home(table().replicas(EU), settings()).member(EU,
        table(EU).encryption(new ObservedEncryption("UPDATING", "KMS", KEY_EU)), settings());

    Plan plan = planner.plan(d, o.build(), new Managed(Set.of(EU), Set.of()), null);

    assertThat(plan.next()).isEmpty();
    assertThat(plan.blocker()).isEqualTo(new Blocker(BlockReason.TABLE_UPDATING,
        "encryption of the table in eu-west-1 is UPDATING; waiting for AWS to finish"));
  }
}
