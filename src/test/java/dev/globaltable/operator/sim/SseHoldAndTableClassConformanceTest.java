package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;

/**
 * An SSE change in flight blocks every other UpdateTable (aws-semantics 1.4); a base TableClass change is applied to
 * every replica (1.5, 10); ReplicaTableClassSummary only for explicitly set classes (2.2).
 */
class SseHoldAndTableClassConformanceTest extends SimTestSupport {
  static final String SSE_IN_USE = "Attempt to change a resource which is still in use: Server-Side Encryption is "
      + "still being updated";
  static final String REPLICA_LIMIT_AP = "Limit exceeded for replica in ap-northeast-1. Updates to TableClass are "
      + "limited to 2 times in 30 day(s)";
  static final TableClass IA = TableClass.STANDARD_INFREQUENT_ACCESS;

  private void sseKms(DynamoDbClient c) {
    c.updateTable(b -> b.tableName(T).sseSpecification(s -> s.enabled(true).sseType("KMS")));
  }

  private ReplicaDescription entry(DynamoDbClient c, String region) {
    return describe(c).replicas().stream().filter(r -> r.regionName().equals(region)).findFirst().orElseThrow();
  }

  private void overrideClass(String region, TableClass value) {
    us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .update(x -> x.regionName(region).tableClassOverride(value)).build()));
  }

  /** Every kind of UpdateTable other than SSE, as the caller would send it to {@code c}. */
  private void assertEveryOtherUpdateRefused(DynamoDbClient c, String replicaRegion, String message) {
    assertInUse(() -> c.updateTable(b -> b.tableName(T).tableClass(IA)), message);
    assertInUse(() -> c.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)), message);
    assertInUse(() -> c.updateTable(b -> b.tableName(T).globalSecondaryIndexUpdates(gsiCreate("ByA", "PK"))),
        message);
    assertInUse(() -> c.updateTable(b -> b.tableName(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))), message);
    assertInUse(() -> c.updateTable(b -> b.tableName(T).onDemandThroughput(o -> o.maxReadRequestUnits(100L))),
        message);
    assertInUse(() -> addReplica(c, replicaRegion), message);
  }

  // ------------------------------------------------------------------------------------------------ SSE hold

  @Test
  void sseInFlightBlocksEveryOtherUpdateOfARegionalTableWithTheDetailedText() {
    createActive();
    sseKms(us);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(describe(us).sseDescription().statusAsString()).isEqualTo("UPDATING");
    assertEveryOtherUpdateRefused(us, EU, SSE_IN_USE);
    assertInUse(() -> us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(true)
        .streamViewType(StreamViewType.KEYS_ONLY))), SSE_IN_USE);
    assertInUse(() -> us.updateTable(b -> b.tableName(T).sseSpecification(s -> s.enabled(false))), SSE_IN_USE);
    // Shape and single-concern validation come before the state check.
    assertValidation(() -> us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(true))),
        "One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).tableClass(IA).deletionProtectionEnabled(true)),
        "One or more parameter values were invalid: TableClass modification must be the only operation in the "
            + "request");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
            .create(x -> x.regionName(US)).build())),
        "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable "
            + "as required.");
    // Nothing was applied.
    assertThat(describe(us).deletionProtectionEnabled()).isFalse();
    assertThat(describe(us).tableClassSummary()).isNull();
    assertThat(describe(us).globalSecondaryIndexes()).isEmpty();
    assertThat(describe(us).replicas()).isEmpty();
    advance(21);
    assertInUse(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)), SSE_IN_USE);
    advance(1); // 22 s: SSEDescription ENABLED
    assertThat(describe(us).sseDescription().statusAsString()).isEqualTo("ENABLED");
    us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true));
    assertThat(describe(us).deletionProtectionEnabled()).isTrue();
  }

  @Test
  void sseInFlightBlocksEveryOtherUpdateOfAGlobalTableWithTheTerseTextInEveryRegion() {
    createGlobal();
    sseKms(us); // the SSE type fans out: both regions UPDATING
    assertThat(describe(eu).sseDescription().statusAsString()).isEqualTo("UPDATING");
    assertEveryOtherUpdateRefused(us, AP, TERSE);
    assertEveryOtherUpdateRefused(eu, AP, TERSE);
    assertInUse(() -> overrideClass(EU, IA), TERSE);
    assertInUse(() -> removeReplica(us, EU), TERSE);
    // The replica-specific checks and the stream rules still answer first.
    assertValidation(() -> us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(false))),
        "One or more parameter values were invalid: Disabling Stream is not allowed for a Global Table replica.");
    assertValidation(() -> removeReplica(us, AP), "Update global table operation failed because one or more "
        + "replicas were not part of the global table. Please retry the request without these replicas: "
        + "[ap-northeast-1].");
    assertThat(aws.inspect().tableClassOverride(EU, T)).isFalse();
    advance(22);
    overrideClass(EU, IA);
    assertThat(entry(us, EU).replicaTableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
  }

  @Test
  void aKeyRotationInOneRegionHoldsThatRegionsTableOnly() {
    createActive();
    us.updateTable(b -> b.tableName(T).sseSpecification(s -> s.enabled(true).kmsMasterKeyId("cmk-us")));
    advance(22);
    us.updateTable(b -> b.tableName(T).sseSpecification(s -> s.enabled(true).kmsMasterKeyId("cmk-us-2")));
    assertThat(describe(us).sseDescription().statusAsString()).isEqualTo("UPDATING");
    assertInUse(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)), SSE_IN_USE);
    us.createTable(table("Other").build());
    advance(6);
    us.updateTable(b -> b.tableName("Other").deletionProtectionEnabled(true)); // another table is not held
  }

  // ------------------------------------------------------------------------------------------------ TableClass

  @Test
  void aBaseChangeReachesEveryReplicaClearsOverridesAndSpendsEachReplicasBudget() {
    createGlobal();
    us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .create(x -> x.regionName(AP).tableClassOverride(IA)).build()));
    advance(20);
    assertThat(aws.inspect().tableClassOverride(AP, T)).isTrue();
    assertThat(entry(us, AP).replicaTableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");

    us.updateTable(b -> b.tableName(T).tableClass(IA)); // AP already IA: still applied (and spent) there
    advance(35);
    assertThat(aws.inspect().tableClass(EU, T)).contains("STANDARD_INFREQUENT_ACCESS");
    assertThat(aws.inspect().tableClass(AP, T)).contains("STANDARD_INFREQUENT_ACCESS");
    assertThat(aws.inspect().tableClassOverride(AP, T)).isFalse();
    assertThat(entry(us, AP).replicaTableClassSummary()).isNull();

    us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD));
    advance(35);
    assertThat(aws.inspect().tableClass(AP, T)).contains("STANDARD"); // no override keeps it IA any more
    assertThat(describe(ap).tableClassSummary().tableClassAsString()).isEqualTo("STANDARD");
    // Both base changes spent AP's own budget.
    assertLimitExceeded(() -> overrideClass(AP, IA), REPLICA_LIMIT_AP);
  }

  @Test
  void aReplicaWithAnOverrideAndNoBudgetLeftRefusesTheBaseChange() {
    createGlobal();
    addReplica(us, AP);
    advance(20);
    overrideClass(AP, IA);
    advance(35);
    overrideClass(AP, TableClass.STANDARD);
    advance(35);
    assertThat(aws.inspect().tableClassOverride(AP, T)).isTrue();
    assertLimitExceeded(() -> us.updateTable(b -> b.tableName(T).tableClass(IA)), REPLICA_LIMIT_AP);
    assertThat(aws.inspect().tableClass(US, T)).contains("STANDARD");
    assertThat(aws.inspect().tableClass(EU, T)).contains("STANDARD");
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
  }

  @Test
  void replicaTableClassSummaryOnlyForAnExplicitlySetClass() {
    us.createTable(table(T).tableClass(IA).build());
    advance(6);
    addReplica(us, EU); // inherits STANDARD_INFREQUENT_ACCESS
    advance(20);
    assertThat(describe(eu).tableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
    assertThat(entry(us, EU).replicaTableClassSummary()).isNull();
    assertThat(entry(eu, US).replicaTableClassSummary()).isNull();
    us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .create(x -> x.regionName(AP).tableClassOverride(TableClass.STANDARD)).build()));
    advance(20);
    assertThat(entry(us, AP).replicaTableClassSummary().tableClassAsString()).isEqualTo("STANDARD");
    assertThat(entry(us, AP).replicaTableClassSummary().lastUpdateDateTime()).isNotNull();
    overrideClass(EU, IA); // same value, but now set explicitly
    advance(35);
    assertThat(entry(us, EU).replicaTableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
  }
}
