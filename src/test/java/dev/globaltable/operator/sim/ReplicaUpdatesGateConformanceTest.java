package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** ReplicaUpdates validation and state gates with their exact codes and texts (behaviour 4). */
class ReplicaUpdatesGateConformanceTest extends SimTestSupport {

  private static ReplicationGroupUpdate create(String region) {
    return ReplicationGroupUpdate.builder().create(c -> c.regionName(region)).build();
  }

  private static ReplicationGroupUpdate delete(String region) {
    return ReplicationGroupUpdate.builder().delete(c -> c.regionName(region)).build();
  }

  @Test
  void replicaUpdatesMustBeTheOnlyOperationCheckedBeforeState() {
    // Even on a missing table the shape rule answers first.
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(create(EU))
            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))),
        "One or more parameter values were invalid: Replica modification must be the only operation in the request");
    createActive();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(create(EU)).deletionProtectionEnabled(true)),
        "One or more parameter values were invalid: Replica modification must be the only operation in the request");
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(describe(us).deletionProtectionEnabled()).isFalse();
    assertThat(describe(us).streamSpecification()).isNull();
  }

  @Test
  void oneCreateOrDeletePerCall() {
    createActive();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(create(EU), create(AP))),
        "Update table operation with more than one create or delete replica actions not allowed");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(create(EU), delete(AP))),
        "Update table operation with more than one type of replica actions not allowed");
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    // Two identical Creates are de-duplicated and accepted.
    us.updateTable(b -> b.tableName(T).replicaUpdates(create(EU), create(EU)));
    advance(20);
    assertThat(aws.inspect().replicaRegions(US, T)).containsExactly(EU);
  }

  @Test
  void localRegionIsRefused() {
    createActive();
    assertValidation(() -> addReplica(us, US), "Cannot add or delete the local region through ReplicaUpdates. Use "
        + "CreateTable, DeleteTable, or UpdateTable as required.");
  }

  @Test
  void unsupportedRegionIsRefused() {
    createActive();
    assertValidation(() -> addReplica(us, "us-west-2"), "Region us-west-2 is not supported. The latest version of "
        + "global tables are only supported in the following regions: [us-east-1, eu-west-1, ap-northeast-1]");
  }

  @Test
  void createOfExistingMemberOrOccupiedRegionIsRefused() {
    createGlobal();
    assertValidation(() -> addReplica(us, EU), FAILED_TO_CREATE);
    aws.createForeignTable(AP, T, java.util.Map.of());
    assertValidation(() -> addReplica(us, AP), FAILED_TO_CREATE);
    assertThat(FAILED_TO_CREATE).contains("\u2018Orders\u2019");
  }

  @Test
  void deleteOrUpdateOfNonMemberIsRefused() {
    createGlobal();
    String text = "Update global table operation failed because one or more replicas were not part of the global "
        + "table. Please retry the request without these replicas: [ap-northeast-1].";
    assertValidation(() -> removeReplica(us, AP), text);
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .update(u -> u.regionName(AP).provisionedThroughputOverride(p -> p.readCapacityUnits(5L))).build())), text);
  }

  @Test
  void replicaUpdateWithoutAnyOverrideIsRefused() {
    createGlobal();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
            .update(u -> u.regionName(EU)).build())),
        "There are no actions specified in the Replica Update Action of the request.");
  }

  @Test
  void replicaUpdateOverridesAreShownAndHoldTheCallerUpdating() {
    createGlobal();
    us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .update(u -> u.regionName(EU).onDemandThroughputOverride(o -> o.maxReadRequestUnits(300L))).build()));
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(describe(us).replicas().get(0).onDemandThroughputOverride().maxReadRequestUnits()).isEqualTo(300L);
    assertThat(describe(eu).onDemandThroughput().maxReadRequestUnits()).isEqualTo(300L);
    advance(35);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
  }

  @Test
  void anyUpdateWhileBaseUpdatingIsTerseResourceInUseForGlobalTables() {
    createGlobal();
    addReplica(us, AP); // base UPDATING for 6 s
    assertInUse(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)), TERSE);
    assertInUse(() -> removeReplica(us, EU), TERSE);
    // From another member, the UPDATING base blocks too.
    assertInUse(() -> eu.updateTable(b -> b.tableName(T).onDemandThroughput(o -> o.maxReadRequestUnits(10L))),
        TERSE);
  }

  @Test
  void anyUpdateWhileAReplicaIsCreatingOrDeletingIsTerseResourceInUse() {
    createGlobal();
    addReplica(us, AP);
    advance(6); // base ACTIVE, entry AP CREATING
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertInUse(() -> removeReplica(us, EU), TERSE);
    assertInUse(() -> addReplica(us, AP), TERSE); // duplicate of the replica being created
    assertInUse(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)), TERSE);
    advance(14);
    removeReplica(us, AP);
    advance(35); // entry AP DELETING, base ACTIVE
    assertInUse(() -> us.updateTable(b -> b.tableName(T).globalSecondaryIndexUpdates(gsiCreate("G", "PK"))), TERSE);
    assertThat(describe(us).hasGlobalSecondaryIndexes()).isFalse();
  }

  @Test
  void regionalTablesGetDetailedResourceInUseTexts() {
    us.createTable(table(T).build());
    assertInUse(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)),
        "Attempt to change a resource which is still in use: Table is being created: Orders");
    assertInUse(() -> addReplica(us, EU),
        "Attempt to change a resource which is still in use: Table is being created: Orders");
    advance(6);
    us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(true)
        .streamViewType(StreamViewType.NEW_IMAGE)));
    assertInUse(() -> addReplica(us, EU),
        "Attempt to change a resource which is still in use: Table: Orders is in the process of being updated.");
    assertInUse(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)),
        "Table needs to be in ACTIVE status to modify deletion protection setting.");
  }

  @Test
  void replicaActionsDuringGsiCreateAreResourceInUse() {
    createGlobal();
    us.updateTable(b -> b.tableName(T).attributeDefinitions(attr("PK"), attr("C"))
        .globalSecondaryIndexUpdates(gsiCreate("ByC", "C")));
    advance(30); // base ACTIVE, index backfilling
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertInUse(() -> addReplica(us, AP), TERSE);
    assertInUse(() -> removeReplica(us, EU), TERSE);
  }

  @Test
  void replicaActionsWhileANonEmptyReplicaIsBeingAddedAreValidationErrors() {
    createGlobal();
    aws.putItems(US, T, 10);
    addReplica(us, AP);
    advance(60);
    String text = "Create/Update/Delete of replica is not allowed while the replica is being added to table with "
        + "name: \u2018Orders\u2019 in region: \u2018ap-northeast-1\u2019.";
    assertValidation(() -> removeReplica(us, EU), text);
    assertValidation(() -> eu.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .update(u -> u.regionName(US).onDemandThroughputOverride(o -> o.maxReadRequestUnits(5L))).build())), text);
    // Other UpdateTable calls get the generic gate.
    assertInUse(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)), TERSE);
  }

  @Test
  void updateTableWithNothingToChange() {
    createActive();
    assertValidation(() -> us.updateTable(b -> b.tableName(T)), "At least one of ProvisionedThroughput, BillingMode, "
        + "UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
        + "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, "
        + "OnDemandThroughput, WarmThroughput or TableClass is required");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).attributeDefinitions(attr("PK"))),
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
            + "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, "
            + "MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass "
            + "is required");
  }

  @Test
  void sourceRuleBlocksDeletingASourceUntilItsReplicasAreGone() {
    createGlobal(); // us sourced eu
    addReplica(eu, AP); // eu sources ap
    advance(20);
    String text = "Replica cannot be deleted because it has acted as a source region for new replica(s) being added "
        + "to the table in the last 24 hours.";
    assertValidation(() -> removeReplica(us, EU), text);
    assertValidation(() -> eu.deleteTable(b -> b.tableName(T)), text);
    // Leaf first: ap sourced nothing.
    removeReplica(us, AP);
    advance(145);
    assertThat(aws.inspect().tableExists(AP, T)).isFalse();
    removeReplica(us, EU);
    advance(145);
    assertThat(aws.inspect().tableExists(EU, T)).isFalse();
    assertThat(us.deleteTable(b -> b.tableName(T)).tableDescription().tableStatusAsString()).isEqualTo("DELETING");
  }

  @Test
  void sourceRuleExpiresAfter24Hours() {
    createGlobal();
    addReplica(eu, AP);
    advance(20);
    advance(24 * 3600);
    removeReplica(us, EU);
    advance(35);
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("DELETING");
  }

  @Test
  void deletionProtectionIsPerRegionAndBlocksReplicaDelete() {
    createGlobal();
    eu.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true));
    // With replicas the toggle holds the table UPDATING ~35 s; it never propagates.
    assertThat(describe(eu).tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("UPDATING");
    assertThat(describe(eu).deletionProtectionEnabled()).isTrue();
    assertThat(describe(us).deletionProtectionEnabled()).isFalse();
    advance(35);
    assertValidation(() -> removeReplica(us, EU), "Cannot delete table Orders in region eu-west-1 because it has "
        + "deletion protection enabled. Disable deletion protection first.");
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("ACTIVE");
  }

  @Test
  void deleteTableOfAGroupMemberIsRefusedUntilReplicasAreGone() {
    createGlobal();
    // eu is not a source: the simulator's own rule (the reference has no text for this case).
    assertValidation(() -> eu.deleteTable(b -> b.tableName(T)), "One or more parameter values were invalid: Table "
        + "Orders in region eu-west-1 still has replicas in [us-east-1]. Remove them with UpdateTable "
        + "ReplicaUpdates Delete before deleting this table (simulator rule).");
    assertThat(aws.inspect().tableStatus(EU, T)).contains("ACTIVE");
  }
}
