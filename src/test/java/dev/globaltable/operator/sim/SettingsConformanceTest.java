package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/** PITR, TTL and deletion protection as aws-semantics 7.1, 7.2 and 7.6 describe them. */
class SettingsConformanceTest extends SimTestSupport {

  private ContinuousBackupsDescription pitr(DynamoDbClient c, boolean on, Integer days) {
    return c.updateContinuousBackups(b -> b.tableName(T).pointInTimeRecoverySpecification(
        p -> p.pointInTimeRecoveryEnabled(on).recoveryPeriodInDays(days))).continuousBackupsDescription();
  }

  private PointInTimeRecoveryDescription pitrOf(DynamoDbClient c) {
    return c.describeContinuousBackups(b -> b.tableName(T)).continuousBackupsDescription()
        .pointInTimeRecoveryDescription();
  }

  private void ttl(DynamoDbClient c, boolean on, String attr) {
    c.updateTimeToLive(b -> b.tableName(T).timeToLiveSpecification(s -> s.enabled(on).attributeName(attr)));
  }

  private TimeToLiveDescription ttlOf(DynamoDbClient c) {
    return c.describeTimeToLive(b -> b.tableName(T)).timeToLiveDescription();
  }

  // ------------------------------------------------------------------------------------------------ PITR

  @Test
  void pitrIsPerRegionSynchronousAndDefaultsTo35Days() {
    createGlobal();
    ContinuousBackupsDescription d = pitr(us, true, null);
    assertThat(d.continuousBackupsStatusAsString()).isEqualTo("ENABLED");
    assertThat(d.pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
    assertThat(d.pointInTimeRecoveryDescription().recoveryPeriodInDays()).isEqualTo(35);
    assertThat(d.pointInTimeRecoveryDescription().earliestRestorableDateTime()).isEqualTo(clock.instant());
    assertThat(pitrOf(eu).pointInTimeRecoveryStatusAsString()).isEqualTo("DISABLED");
    assertThat(pitrOf(eu).recoveryPeriodInDays()).isNull();
    advance(240);
    assertThat(pitrOf(eu).pointInTimeRecoveryStatusAsString()).isEqualTo("DISABLED"); // never propagates
    assertThat(pitrOf(us).latestRestorableDateTime()).isEqualTo(clock.instant());
    pitr(us, true, null); // idempotent
    assertThat(pitr(us, true, 7).pointInTimeRecoveryDescription().recoveryPeriodInDays()).isEqualTo(7);
    assertThat(aws.inspect().recoveryPeriodInDays(US, T)).contains(7);
    pitr(us, false, null);
    assertThat(pitrOf(us).pointInTimeRecoveryStatusAsString()).isEqualTo("DISABLED");
    assertThat(pitr(us, true, null).pointInTimeRecoveryDescription().recoveryPeriodInDays()).isEqualTo(35);
    assertThat(aws.inspect().pointInTimeRecovery(EU, T)).contains(false);
  }

  @Test
  void pitrRightAfterActiveIsUnavailableForTwoSeconds() {
    createActive(); // ACTIVE at this instant
    DynamoDbException e = awsError(() -> pitr(us, true, null));
    assertThat(e).isInstanceOf(ContinuousBackupsUnavailableException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ContinuousBackupsUnavailableException");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Backups are being enabled for the table: Orders. Please retry later");
    advance(1);
    assertThat(awsError(() -> pitr(us, true, null))).isInstanceOf(ContinuousBackupsUnavailableException.class);
    advance(1);
    assertThat(pitr(us, true, null).pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString())
        .isEqualTo("ENABLED");
  }

  @Test
  void pitrErrors() {
    createActive();
    advance(2);
    assertValidation(() -> pitr(us, false, 7),
        "Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.");
    assertValidation(() -> pitr(us, true, 36), "1 validation error detected: Value '36' at "
        + "'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have "
        + "value less than or equal to 35");
    DynamoDbException e = awsError(() -> eu.describeContinuousBackups(b -> b.tableName(T)));
    assertThat(e).isInstanceOf(TableNotFoundException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TableNotFoundException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Table not found: Orders");
    assertValidation(() -> eu.updateContinuousBackups(b -> b.tableName(arn(US, T))
            .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))),
        "1 validation error detected: Invalid AWS region in '" + arn(US, T) + "'");
    assertThat(pitrOf(us).pointInTimeRecoveryStatusAsString()).isEqualTo("DISABLED");
  }

  // ------------------------------------------------------------------------------------------------ TTL

  @Test
  void ttlFromAnyRegionAppliesToEveryMemberAndANewReplicaInheritsIt() {
    createGlobal();
    ttl(eu, true, "expiresAt");
    assertThat(ttlOf(us).timeToLiveStatusAsString()).isEqualTo("ENABLING");
    assertThat(ttlOf(eu).timeToLiveStatusAsString()).isEqualTo("ENABLING");
    advance(4);
    assertThat(ttlOf(us).timeToLiveStatusAsString()).isEqualTo("ENABLING");
    advance(1);
    for (DynamoDbClient c : List.of(us, eu)) {
      assertThat(ttlOf(c).timeToLiveStatusAsString()).isEqualTo("ENABLED");
      assertThat(ttlOf(c).attributeName()).isEqualTo("expiresAt");
    }
    addReplica(us, AP);
    advance(20);
    assertThat(ttlOf(ap).timeToLiveStatusAsString()).isEqualTo("ENABLED");
    assertThat(ttlOf(ap).attributeName()).isEqualTo("expiresAt");
    assertThat(aws.journal().mutations().stream().filter(j -> j.operation().equals("UpdateTimeToLive")))
        .singleElement().satisfies(j -> assertThat(j.region()).isEqualTo(EU));
  }

  @Test
  void ttlContentChecksComeBeforeTheCooldown() {
    createActive();
    assertThat(ttlOf(us).timeToLiveStatusAsString()).isEqualTo("DISABLED");
    assertValidation(() -> ttl(us, false, "exp"), "TimeToLive is already disabled");
    ttl(us, true, "exp");
    assertValidation(() -> ttl(us, true, "exp"), "TimeToLive is already enabled");
    assertValidation(() -> ttl(us, true, "other"),
        "TimeToLive is active on a different AttributeName: current AttributeName is exp");
    advance(5);
    assertValidation(() -> ttl(us, false, "exp"),
        "Time to live has been modified multiple times within a fixed interval");
    advance(3594); // 3599 s after the change
    assertValidation(() -> ttl(us, false, "exp"),
        "Time to live has been modified multiple times within a fixed interval");
    advance(1);
    ttl(us, false, "exp");
    assertThat(ttlOf(us).timeToLiveStatusAsString()).isEqualTo("DISABLING");
    advance(5);
    assertThat(ttlOf(us).timeToLiveStatusAsString()).isEqualTo("DISABLED");
    assertThat(ttlOf(us).attributeName()).isNull();
  }

  @Test
  void ttlCooldownIsATimingsValue() {
    SimulatedAws quick = new SimulatedAws(clock, ACCOUNT, List.of(US),
        SimTimings.defaults().withTtlCooldown(Duration.ofMinutes(31)));
    DynamoDbClient c = quick.dynamoDb(US);
    c.createTable(table(T).build());
    advance(6);
    ttl(c, true, "exp");
    advance(31 * 60 - 1);
    assertValidation(() -> ttl(c, false, "exp"),
        "Time to live has been modified multiple times within a fixed interval");
    advance(1);
    ttl(c, false, "exp");
    assertThat(quick.inspect().timeToLiveStatus(US, T)).contains("DISABLING");
  }

  @Test
  void describeTimeToLiveOnACreatingOrDeletingTable() {
    us.createTable(table(T).build());
    assertValidation(() -> ttlOf(us),
        "Cannot describe time to live while table is in CREATING state: Current table state is CREATING");
    advance(6);
    us.deleteTable(b -> b.tableName(T));
    assertValidation(() -> ttlOf(us),
        "Cannot describe time to live while table is in DELETING state: Current table state is DELETING");
  }

  @Test
  void ttlIsRefusedWhileAReplicaOfANonEmptyTableIsAdded() {
    createActive();
    aws.putItems(US, T, 1);
    addReplica(us, EU);
    advance(7);
    assertValidation(() -> ttl(us, true, "exp"), "Create/Update/Delete of replica is not allowed while the replica "
        + "is being added to table with name: \u2018Orders\u2019 in region: \u2018eu-west-1\u2019.");
  }

  // ------------------------------------------------------------------------------------------------ deletion protection

  @Test
  void secondDeletionProtectionToggleWithin15SecondsIsThrottled() {
    createActive();
    us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true));
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE"); // synchronous on a regional table
    us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)); // same value: no toggle, no throttle
    advance(14);
    DynamoDbException e = awsError(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(false)));
    assertThat(e).isInstanceOf(ThrottlingException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Deletion protection was updated recently. Please try again after 2026-11-23T10:00:21Z");
    assertThat(aws.inspect().deletionProtection(US, T)).contains(true);
    advance(1);
    us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(false));
    assertThat(aws.inspect().deletionProtection(US, T)).contains(false);
  }

  @Test
  void deletionProtectionNeedsAnActiveTableAndHoldsAGroupUpdating() {
    createActive();
    us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(true)
        .streamViewType(software.amazon.awssdk.services.dynamodb.model.StreamViewType.KEYS_ONLY)));
    assertInUse(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)),
        "Table needs to be in ACTIVE status to modify deletion protection setting.");
    advance(4);
    addReplica(us, EU);
    advance(20);
    us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true));
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(describe(eu).deletionProtectionEnabled()).isFalse();
    advance(34);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    advance(1);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertValidation(() -> us.deleteTable(b -> b.tableName(T)), "Resource cannot be deleted as it is currently "
        + "protected against deletion. Disable deletion protection first.");
    eu.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true));
    advance(35);
    assertValidation(() -> removeReplica(us, EU), "Cannot delete table Orders in region eu-west-1 because it has "
        + "deletion protection enabled. Disable deletion protection first.");
  }

  @Test
  void deletionProtectionMustBeTheOnlyOperation() {
    createActive();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)
            .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)),
        "One or more parameter values were invalid: DeletionProtection modification must be the only operation in "
            + "the request");
    assertThat(aws.inspect().deletionProtection(US, T)).contains(false);
  }

  // ------------------------------------------------------------------------------------------------ out of band

  @Test
  void outOfBandChangesOneRegionAndIsNotJournalled() {
    createGlobal();
    aws.journal().clear();
    String stream = aws.createKinesisStream(EU, "orders-cdc");
    assertThat(stream).isEqualTo("arn:aws:kinesis:eu-west-1:111122223333:stream/orders-cdc");
    aws.outOfBand(EU).setPointInTimeRecovery(T, true, 3).setDeletionProtection(T, true)
        .setTableClass(T, "STANDARD_INFREQUENT_ACCESS").setContributorInsights(T, null, true)
        .setKinesisDestination(T, stream).setKmsKey(T, "arn:aws:kms:eu-west-1:111122223333:key/k1")
        .tag(T, Map.of("team", "a")).setTimeToLive(T, true, "exp");
    assertThat(aws.journal().entries()).isEmpty();
    assertThat(aws.inspect().pointInTimeRecovery(EU, T)).contains(true);
    assertThat(aws.inspect().recoveryPeriodInDays(EU, T)).contains(3);
    assertThat(aws.inspect().pointInTimeRecovery(US, T)).contains(false);
    assertThat(aws.inspect().deletionProtection(US, T)).contains(false);
    assertThat(aws.inspect().tableClass(EU, T)).contains("STANDARD_INFREQUENT_ACCESS");
    assertThat(aws.inspect().tableClassOverride(EU, T)).isTrue();
    assertThat(aws.inspect().tableClass(US, T)).contains("STANDARD");
    assertThat(aws.inspect().contributorInsights(EU, T, null)).contains("ENABLED");
    assertThat(aws.inspect().contributorInsights(US, T, null)).contains("DISABLED");
    assertThat(aws.inspect().kinesisDestinations(EU, T)).singleElement()
        .satisfies(d -> assertThat(d.destinationStatusAsString()).isEqualTo("ACTIVE"));
    assertThat(aws.inspect().kmsKeyArn(EU, T)).contains("arn:aws:kms:eu-west-1:111122223333:key/k1");
    assertThat(aws.inspect().sseType(US, T)).contains("AWS_OWNED");
    assertThat(aws.inspect().tags(EU, T)).isEqualTo(Map.of("team", "a"));
    assertThat(aws.inspect().timeToLiveStatus(US, T)).contains("ENABLED"); // TTL is one setting of the group
    assertThat(aws.inspect().timeToLiveAttribute(EU, T)).contains("exp");
    // What the SDK shows matches.
    assertThat(pitrOf(eu).recoveryPeriodInDays()).isEqualTo(3);
    assertThat(describe(eu).tableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
    assertThat(describe(us).replicas().get(0).replicaTableClassSummary().tableClassAsString())
        .isEqualTo("STANDARD_INFREQUENT_ACCESS");
    assertThat(describe(eu).sseDescription().kmsMasterKeyArn()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/k1");
    // And no cooldown was started: the operator can set TTL back at once.
    ttl(us, false, "exp");
    aws.outOfBand(EU).setKinesisDestination(T, null).untag(T, List.of("team")).setKmsKey(T, null);
    assertThat(aws.inspect().kinesisDestinations(EU, T)).singleElement()
        .satisfies(d -> assertThat(d.destinationStatusAsString()).isEqualTo("DISABLED"));
    assertThat(aws.inspect().tags(EU, T)).isEmpty();
    assertThat(describe(eu).sseDescription()).isNull();
    assertThat(Instant.parse("2026-11-23T10:00:26Z")).isEqualTo(clock.instant());
  }
}
