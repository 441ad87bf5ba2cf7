package dev.globaltable.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.api.ReplicaStatus;
import dev.globaltable.operator.sim.JournalEntry;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-region settings end to end (issue 4): the real operator against the fabric8 mock server and SimulatedAws, with
 * a three-region table that sets every setting and overrides some per replica. The deep check runs every 10 minutes of
 * simulated time here (6 s of wall time), so a drift test shows that the fast checks in between do not notice it and
 * the next deep check does.
 */
class SettingsIntegrationTest {
  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String AP = "ap-northeast-1";
  private static final String T = "Payments";
  private static final Duration DEEP = Duration.ofMinutes(10);

  static final String MANIFEST = """
      apiVersion: dynamodb.globaltable.dev/v1alpha1
      kind: GlobalTable
      metadata: {name: payments, namespace: default}
      spec:
        tableName: Payments
        homeRegion: us-east-1
        keySchema: {partitionKey: {name: PK, type: S}, sortKey: {name: SK, type: S}}
        globalSecondaryIndexes:
          - name: ByMerchant
            partitionKey: {name: MerchantId, type: S}
            projection: {type: KeysOnly}
        timeToLive: {attributeName: expiresAt}
        pointInTimeRecovery: {enabled: true, recoveryPeriodInDays: 14}
        encryption: {type: CustomerManaged}
        tableClass: Standard
        deletionProtection: true
        contributorInsights: false
        tags: {team: payments}
        replicas:
          - region: us-east-1
            kmsKeyId: arn:aws:kms:us-east-1:111122223333:key/us-key
          - region: eu-west-1
            kmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/eu-key
            tableClass: StandardInfrequentAccess
            pointInTimeRecovery: {enabled: true}
            contributorInsights: true
            kinesisStreamArn: arn:aws:kinesis:eu-west-1:111122223333:stream/payments-cdc
            tags: {residency: eu}
          - region: ap-northeast-1
            kmsKeyId: arn:aws:kms:ap-northeast-1:111122223333:key/ap-key
            deletionProtection: false
            kinesisStreamArn: arn:aws:kinesis:ap-northeast-1:111122223333:stream/payments-cdc
        deletionPolicy: Delete
      """;

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static GlobalTable manifest(String yaml) {
    return Serialization.unmarshal(yaml, GlobalTable.class);
  }

  /** The harness with a 1 s (wall) resync and a 10 min (simulated) deep check. */
  private void start() {
    OperatorSettings base = OperatorHarness.settings();
    h = new OperatorHarness(new OperatorSettings(base.requeueBusy(), Duration.ofSeconds(1), DEEP,
        base.stalledRecheck(), base.retryInitial(), base.retryMax(), base.namespaces(), base.reconcileThreads()));
    h.aws.createKinesisStream(EU, "payments-cdc");
    h.aws.createKinesisStream(AP, "payments-cdc");
  }

  private GlobalTable converge() {
    h.apply(manifest(MANIFEST));
    return h.awaitStatus("payments", Duration.ofSeconds(120), OperatorHarness::isReady);
  }

  private static ReplicaStatus replica(GlobalTable gt, String region) {
    return gt.getStatus().replicas.stream().filter(r -> r.region.equals(region)).findFirst().orElseThrow();
  }

  @Test
  void aThreeRegionTableWithEverySettingConvergesWithoutARejectedCall() {
    start();
    GlobalTable ready = converge();

    assertThat(h.rejected()).as("every call AWS answered was accepted").isEmpty();
    var aws = h.aws.inspect();
    // Point-in-time recovery: table default 14 days, eu-west-1 enabled with AWS's default 35.
    assertThat(aws.recoveryPeriodInDays(US, T)).contains(14);
    assertThat(aws.recoveryPeriodInDays(EU, T)).contains(35);
    assertThat(aws.recoveryPeriodInDays(AP, T)).contains(14);
    // Time to live is group-wide: one call from the home region.
    for (String r : List.of(US, EU, AP)) {
      assertThat(aws.timeToLiveStatus(r, T)).contains("ENABLED");
      assertThat(aws.timeToLiveAttribute(r, T)).contains("expiresAt");
    }
    assertThat(h.mutations("UpdateTimeToLive")).extracting(JournalEntry::region).containsExactly(US);
    // Encryption: each region on its own customer managed key.
    assertThat(aws.kmsKeyArn(US, T)).contains("arn:aws:kms:us-east-1:111122223333:key/us-key");
    assertThat(aws.kmsKeyArn(EU, T)).contains("arn:aws:kms:eu-west-1:111122223333:key/eu-key");
    assertThat(aws.kmsKeyArn(AP, T)).contains("arn:aws:kms:ap-northeast-1:111122223333:key/ap-key");
    // Table class: the base Standard, eu-west-1 overridden.
    assertThat(aws.tableClass(US, T)).contains("STANDARD");
    assertThat(aws.tableClass(EU, T)).contains("STANDARD_INFREQUENT_ACCESS");
    assertThat(aws.tableClass(AP, T)).contains("STANDARD");
    // Deletion protection per region.
    assertThat(aws.deletionProtection(US, T)).contains(true);
    assertThat(aws.deletionProtection(EU, T)).contains(true);
    assertThat(aws.deletionProtection(AP, T)).contains(false);
    // Contributor Insights: on for the table and its index in eu-west-1 only.
    assertThat(aws.contributorInsights(EU, T, null)).contains("ENABLED");
    assertThat(aws.contributorInsights(EU, T, "ByMerchant")).contains("ENABLED");
    assertThat(aws.contributorInsights(US, T, null)).contains("DISABLED");
    // Kinesis in two regions, each to its own region's stream.
    assertThat(aws.kinesisDestinations(EU, T)).extracting(d -> d.streamArn(), d -> d.destinationStatusAsString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(
            "arn:aws:kinesis:eu-west-1:111122223333:stream/payments-cdc", "ACTIVE"));
    assertThat(aws.kinesisDestinations(AP, T)).extracting(d -> d.destinationStatusAsString()).containsExactly("ACTIVE");
    assertThat(aws.kinesisDestinations(US, T)).isEmpty();
    // Tags: the table's everywhere, eu-west-1's own merged over them, the owner tag everywhere.
    assertThat(aws.tags(EU, T)).containsEntry("team", "payments").containsEntry("residency", "eu")
        .containsEntry("globaltable.dev/owner", "default/payments");
    assertThat(aws.tags(AP, T)).containsEntry("team", "payments").doesNotContainKey("residency");

    // Status shows what is true in every region.
    ReplicaStatus eu = replica(ready, EU);
    assertThat(eu.pointInTimeRecovery.status).isEqualTo("ENABLED");
    assertThat(eu.pointInTimeRecovery.recoveryPeriodInDays).isEqualTo(35);
    assertThat(eu.tableClass).isEqualTo("STANDARD_INFREQUENT_ACCESS");
    assertThat(eu.deletionProtection).isTrue();
    assertThat(eu.kmsKeyArn).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/eu-key");
    assertThat(eu.timeToLive.status).isEqualTo("ENABLED");
    assertThat(eu.timeToLive.name).isEqualTo("expiresAt");
    assertThat(eu.contributorInsights).extracting(c -> c.name, c -> c.status).containsExactly(
        org.assertj.core.groups.Tuple.tuple(null, "ENABLED"),
        org.assertj.core.groups.Tuple.tuple("ByMerchant", "ENABLED"));
    assertThat(eu.kinesis.status).isEqualTo("ACTIVE");
    assertThat(eu.driftCorrections).as("converging is not drift").isNull();
    assertThat(replica(ready, AP).deletionProtection).isFalse();
    assertThat(ready.getStatus().pending).isEmpty();
    assertThat(h.maxMutationsPerPass()).isEqualTo(1);
  }

  /** One manual change, then the wait for the operator to put it back, bounded by one deep check. */
  private void driftAndExpectCorrection(String what, Runnable byHand, BooleanSupplier corrected,
      String field, String region, String eventText) {
    int before = countDrift(region);
    Instant changedAt = h.clock.instant();
    byHand.run();
    try {
      Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> corrected.getAsBoolean() && countDrift(region) == before + 1);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(what + " was not corrected; journal tail:\n" + h.journalTail(30), e);
    }
    Duration took = Duration.between(changedAt, h.clock.instant());
    assertThat(took).as(what + ": corrected within one deep check (plus one pass)")
        .isLessThanOrEqualTo(DEEP.plus(Duration.ofMinutes(4)));
    assertThat(driftEvents()).as(what).anySatisfy(m -> assertThat(m).startsWith(field + " in " + region + ": ")
        .contains(eventText).endsWith("; set back to the spec"));
  }

  private int countDrift(String region) {
    GlobalTable gt = h.get("payments");
    Integer n = replica(gt, region).driftCorrections;
    return n == null ? 0 : n;
  }

  private List<String> driftEvents() {
    return h.events("payments").stream().filter(e -> "DriftCorrected".equals(e.getReason()))
        .map(Event::getMessage).toList();
  }

  @Test
  void aManualChangeOfAnyPerRegionSettingIsFoundByTheNextDeepCheckAndPutBack() {
    start();
    converge();
    var aws = h.aws.inspect();

    driftAndExpectCorrection("PITR disabled in ap-northeast-1",
        () -> h.aws.outOfBand(AP).setPointInTimeRecovery(T, false, null),
        () -> aws.recoveryPeriodInDays(AP, T).orElse(0) == 14 && aws.pointInTimeRecovery(AP, T).orElse(false),
        "pointInTimeRecovery", AP, "expected enabled (14 days), found disabled");
    driftAndExpectCorrection("deletion protection lifted in eu-west-1",
        () -> h.aws.outOfBand(EU).setDeletionProtection(T, false),
        () -> aws.deletionProtection(EU, T).orElse(false),
        "deletionProtection", EU, "expected true, found false");
    driftAndExpectCorrection("table class changed in ap-northeast-1",
        () -> h.aws.outOfBand(AP).setTableClass(T, "STANDARD_INFREQUENT_ACCESS"),
        () -> aws.tableClass(AP, T).orElse("").equals("STANDARD"),
        "tableClass", AP, "expected STANDARD, found STANDARD_INFREQUENT_ACCESS");
    driftAndExpectCorrection("contributor insights enabled in us-east-1",
        () -> h.aws.outOfBand(US).setContributorInsights(T, null, true),
        () -> aws.contributorInsights(US, T, null).orElse("").equals("DISABLED"),
        "contributorInsights", US, "expected DISABLED");
    driftAndExpectCorrection("Kinesis destination disabled in eu-west-1",
        () -> h.aws.outOfBand(EU).setKinesisDestination(T, null),
        () -> aws.kinesisDestinations(EU, T).stream().anyMatch(d -> "ACTIVE".equals(d.destinationStatusAsString())),
        "kinesisStreamArn", EU, "expected arn:aws:kinesis:eu-west-1:111122223333:stream/payments-cdc");
    driftAndExpectCorrection("KMS key swapped in ap-northeast-1",
        () -> h.aws.outOfBand(AP).setKmsKey(T, "arn:aws:kms:ap-northeast-1:111122223333:key/someone-elses"),
        () -> aws.kmsKeyArn(AP, T).orElse("").endsWith("key/ap-key"),
        "encryption", AP, "key arn:aws:kms:ap-northeast-1:111122223333:key/ap-key");
    driftAndExpectCorrection("a tag removed in eu-west-1",
        () -> h.aws.outOfBand(EU).untag(T, List.of("residency")),
        () -> "eu".equals(aws.tags(EU, T).get("residency")),
        "tags", EU, "expected {residency=eu}, found {residency=(absent)}");
    // Time to live is group-wide; the operator's own enable an hour ago no longer holds it back.
    h.clock.advance(Duration.ofHours(1));
    driftAndExpectCorrection("time to live disabled",
        () -> h.aws.outOfBand(US).setTimeToLive(T, false, "expiresAt"),
        () -> aws.timeToLiveStatus(US, T).orElse("").startsWith("ENABL"),
        "timeToLive", US, "expected enabled on expiresAt");

    GlobalTable after = h.get("payments");
    assertThat(after.getStatus().replicas).extracting(r -> r.region, r -> r.driftCorrections).containsExactly(
        org.assertj.core.groups.Tuple.tuple(US, 2),
        org.assertj.core.groups.Tuple.tuple(EU, 3),
        org.assertj.core.groups.Tuple.tuple(AP, 3));
    assertThat(h.rejected()).isEmpty();
  }

  @Test
  void suspendReportsDriftWithoutCorrectingIt() {
    start();
    converge();
    h.update("payments", g -> g.getSpec().suspend = true);
    // Converged and suspended reads as Ready: there is nothing to hold back.
    h.awaitStatus("payments", Duration.ofSeconds(20), OperatorHarness::isReady);
    int before = h.aws.journal().mutations().size();

    h.aws.outOfBand(AP).setPointInTimeRecovery(T, false, null);
    GlobalTable seen = h.awaitStatus("payments", Duration.ofSeconds(30),
        g -> g.getStatus().pending.contains("enable point-in-time recovery in ap-northeast-1 (14 days)"));

    assertThat(h.events("payments")).extracting(Event::getReason, Event::getMessage).contains(
        org.assertj.core.groups.Tuple.tuple("DriftDetected", "pointInTimeRecovery in ap-northeast-1: expected "
            + "enabled (14 days), found disabled; not corrected because suspend is true"));
    assertThat(replica(seen, AP).pointInTimeRecovery.status).isEqualTo("DISABLED");
    assertThat(OperatorHarness.condition(seen, "Ready").getReason()).isEqualTo("Suspended");
    assertThat(replica(seen, AP).driftCorrections).isNull();
    assertThat(h.aws.journal().mutations()).hasSize(before);
    assertThat(h.aws.inspect().pointInTimeRecovery(AP, T)).contains(false);
  }

  @Test
  void aTimeToLiveRenameInsideTheCooldownWaitsThenDisablesWaitsAgainAndEnables() {
    start();
    converge();
    assertThat(h.get("payments").getStatus().cooldowns).extracting(c -> c.key).containsExactly("timeToLive");

    h.update("payments", g -> g.getSpec().timeToLive.attributeName = "ttl");
    GlobalTable held = h.awaitStatus("payments", Duration.ofSeconds(20),
        g -> g.getStatus().observedGeneration.equals(g.getMetadata().getGeneration())
            && !g.getStatus().pending.isEmpty());
    assertThat(held.getStatus().pending).hasSize(2);
    assertThat(held.getStatus().pending.get(0)).startsWith("disable time to live on expiresAt (not before ")
        .endsWith(": AWS allows one time-to-live change per table per hour)");
    assertThat(held.getStatus().pending.get(1)).startsWith("enable time to live on ttl");
    assertThat(OperatorHarness.condition(held, "Ready").getReason()).isEqualTo("WaitingForCooldown");
    assertThat(h.mutations("UpdateTimeToLive")).hasSize(1);

    h.clock.advance(Duration.ofHours(1));
    // (The pass that sends the disable still shows the enable without an instant: it learns the hour from its own call.)
    GlobalTable disabled = h.awaitStatus("payments", Duration.ofSeconds(30),
        g -> g.getStatus().pending.size() == 1 && g.getStatus().pending.get(0).contains("(not before "));
    assertThat(disabled.getStatus().pending.get(0)).startsWith("enable time to live on ttl (not before ");
    assertThat(h.aws.inspect().timeToLiveStatus(US, T).orElseThrow()).startsWith("DISABL");

    h.clock.advance(Duration.ofHours(1));
    GlobalTable renamed = h.awaitStatus("payments", Duration.ofSeconds(30), OperatorHarness::isReady);
    assertThat(h.aws.inspect().timeToLiveAttribute(EU, T)).contains("ttl");
    assertThat(replica(renamed, EU).timeToLive.name).isEqualTo("ttl");
    assertThat(h.mutations("UpdateTimeToLive")).hasSize(3);
    assertThat(h.rejected()).as("no call was sent inside the cooldown").isEmpty();
  }

  @Test
  void anEncryptionBudgetRefusalIsHeldUntilTheInstantAwsNamedAndThenApplied() {
    start();
    converge();
    String key = "arn:aws:kms:ap-northeast-1:111122223333:key/ap-key";
    // Four key changes in ap-northeast-1 are within AWS's budget (4 per 24 h).
    for (int i = 2; i <= 5; i++) {
      String next = key + "-" + i;
      h.update("payments", g -> g.getSpec().replicas.get(2).kmsKeyId = next);
      h.awaitStatus("payments", Duration.ofSeconds(30), g -> OperatorHarness.isReady(g)
          && next.equals(replica(g, AP).kmsKeyArn));
    }
    int rejectedBefore = h.rejected().size();
    h.update("payments", g -> g.getSpec().replicas.get(2).kmsKeyId = key + "-6");

    // The pass that met the refusal records the hold; the next one plans with it.
    GlobalTable held = h.awaitStatus("payments", Duration.ofSeconds(30),
        g -> g.getStatus().cooldowns.stream().anyMatch(c -> c.key.equals("encryption ap-northeast-1"))
            && g.getStatus().pending.size() == 1 && g.getStatus().pending.get(0).contains("(not before "));
    assertThat(OperatorHarness.condition(held, "Ready").getReason()).isEqualTo("WaitingForCooldown");
    assertThat(h.rejected()).hasSize(rejectedBefore + 1);
    assertThat(h.rejected().get(rejectedBefore).message())
        .startsWith("Subscriber limit exceeded: Encryption mode changes are limited in the 24h window");
    var hold = held.getStatus().cooldowns.stream().filter(c -> c.key.equals("encryption ap-northeast-1"))
        .findFirst().orElseThrow();
    assertThat(held.getStatus().pending).containsExactly("set encryption in ap-northeast-1 to CustomerManaged key "
        + key + "-6 (not before " + hold.notBefore + ": " + hold.reason + ")");
    // No error loop: passes go on (every resync), and none sends the refused call again before the instant.
    long passes = h.aws.journal().entries().stream().filter(e -> "MARK".equals(e.operation())).count();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.aws.journal().entries().stream()
        .filter(e -> "MARK".equals(e.operation())).count() >= passes + 3);
    assertThat(h.rejected()).hasSize(rejectedBefore + 1);

    h.clock.advance(Duration.between(h.clock.instant(), Instant.parse(hold.notBefore)).plusSeconds(1));
    h.awaitStatus("payments", Duration.ofSeconds(30), g -> OperatorHarness.isReady(g)
        && (key + "-6").equals(replica(g, AP).kmsKeyArn));
    assertThat(h.rejected()).hasSize(rejectedBefore + 1);
  }

  @Test
  void deletingATableWhoseReplicaIsProtectedStopsWithDeletionProtected() {
    start();
    converge();
    h.delete("payments");

    GlobalTable stalled = h.awaitStalled("payments", Duration.ofSeconds(30));
    var c = OperatorHarness.condition(stalled, "Stalled");
    assertThat(c.getReason()).isEqualTo("DeletionProtected");
    assertThat(c.getMessage()).isEqualTo("deletion protection is enabled in us-east-1, eu-west-1; set "
        + "deletionProtection: false in the spec for those regions (or disable it in AWS) to let deletionPolicy Delete "
        + "proceed");
    assertThat(h.mutations("DeleteTable")).isEmpty();
    assertThat(h.aws.inspect().replicaRegions(US, T)).as("no replica removed").containsExactlyInAnyOrder(EU, AP);
    assertThat(h.tableExists(AP, T)).isTrue();

    // The person turns deletion protection off in the spec: the operator lifts it, then deletes as asked.
    h.update("payments", g -> g.getSpec().deletionProtection = false);
    h.awaitGone("payments", Duration.ofSeconds(90));
    assertThat(h.mutations("UpdateTable").stream().map(e -> e.region() + " " + e.message())
        .filter(m -> m.contains("DeletionProtectionEnabled=false")).toList()).hasSize(2);
    for (String r : List.of(US, EU, AP)) {
      assertThat(h.tableExists(r, T)).as(r).isFalse();
    }
  }

  @Test
  void aCustomerKeyFromAnotherRegionIsStalledBeforeAnyAwsCall() {
    start();
    h.apply(manifest(MANIFEST.replace("arn:aws:kms:ap-northeast-1:111122223333:key/ap-key",
        "arn:aws:kms:us-east-1:111122223333:key/ap-key")));

    GlobalTable stalled = h.awaitStalled("payments", Duration.ofSeconds(20));
    var c = OperatorHarness.condition(stalled, "Stalled");
    assertThat(c.getReason()).isEqualTo("InvalidSpec");
    assertThat(c.getMessage()).contains("spec.replicas[2].kmsKeyId").contains("ap-northeast-1");
    assertThat(h.calls()).as("no AWS call at all").isEmpty();
  }
}
