package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** CreateTable validation, CreateTable/DescribeTable/DeleteTable on regional tables (behaviours 1 and 2). */
class TableLifecycleConformanceTest extends SimTestSupport {

  private static final Projection ALL = Projection.builder().projectionType(ProjectionType.ALL).build();

  @Test
  void describeMissingTableIsResourceNotFound() {
    assertNotFound(() -> describe(us), "Requested resource not found: Table: Orders not found");
  }

  @Test
  void createTableIsCreatingForSixSecondsThenActiveWithFullDescription() {
    TableDescription created = us.createTable(table(T)
        .tags(Tag.builder().key("team").value("payments").build())
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByCustomer")
            .keySchema(hash("Customer")).projection(ALL).build())
        .attributeDefinitions(attr("PK"), attr("SK"), attr("Customer"))
        .build()).tableDescription();
    assertThat(created.tableStatusAsString()).isEqualTo("CREATING");

    advance(5);
    TableDescription d = describe(us);
    assertThat(d.tableStatusAsString()).isEqualTo("CREATING");
    assertThat(d.globalSecondaryIndexes().get(0).indexStatusAsString()).isEqualTo("CREATING");
    advance(1);
    d = describe(us);
    assertThat(d.tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(d.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:111122223333:table/Orders");
    assertThat(d.tableId()).isEqualTo(created.tableId()).matches("[0-9a-f-]{36}");
    assertThat(d.creationDateTime()).isEqualTo(T0);
    assertThat(d.keySchema()).containsExactly(hash("PK"), range("SK"));
    assertThat(d.attributeDefinitions()).containsExactly(attr("PK"), attr("SK"), attr("Customer"));
    assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(d.provisionedThroughput().readCapacityUnits()).isZero();
    assertThat(d.provisionedThroughput().writeCapacityUnits()).isZero();
    assertThat(d.onDemandThroughput().maxReadRequestUnits()).isEqualTo(-1L);
    assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
    assertThat(d.latestStreamArn()).isEqualTo(d.tableArn() + "/stream/2026-11-23T10:00:00.000");
    assertThat(d.globalSecondaryIndexes().get(0).indexStatusAsString()).isEqualTo("ACTIVE");
    assertThat(d.globalSecondaryIndexes().get(0).backfilling()).isNull();
    assertThat(d.globalSecondaryIndexes().get(0).indexArn()).isEqualTo(d.tableArn() + "/index/ByCustomer");
    assertThat(d.deletionProtectionEnabled()).isFalse();
    // A regional table has no Replicas, GlobalTableVersion or GlobalTableSettingsReplicationMode keys.
    assertThat(d.hasReplicas()).isFalse();
    assertThat(d.globalTableVersion()).isNull();
    assertThat(d.globalTableSettingsReplicationModeAsString()).isNull();
    assertThat(aws.inspect().tags(US, T)).isEqualTo(Map.of("team", "payments"));
  }

  @Test
  void provisionedTableReportsThroughputAndNoBillingSummary() {
    us.createTable(table(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L)).build());
    TableDescription d = describe(us);
    assertThat(d.billingModeSummary()).isNull();
    assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
    assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);
    assertThat(d.onDemandThroughput()).isNull();
  }

  @Test
  void createTableWithExistingNameIsResourceInUse() {
    us.createTable(table(T).build());
    assertInUse(() -> us.createTable(table(T).build()),
        "Attempt to change a resource which is still in use: Table is being created: Orders");
    advance(6);
    assertInUse(() -> us.createTable(table(T).build()), "Table already exists: Orders");
    // Regions are independent: the same name is free in another region.
    assertThat(eu.createTable(table(T).build()).tableDescription().tableStatusAsString()).isEqualTo("CREATING");
  }

  @Test
  void keyAttributeWithoutDefinitionIsRejected() {
    assertValidation(() -> us.createTable(table(T).attributeDefinitions(attr("PK")).build()),
        "One or more parameter values were invalid: Some index key attributes are not defined in "
            + "AttributeDefinitions. Keys: [PK, SK], AttributeDefinitions: [PK]");
    assertThat(aws.inspect().tableExists(US, T)).isFalse();
  }

  @Test
  void unusedAttributeDefinitionIsRejected() {
    assertValidation(() -> us.createTable(table(T).attributeDefinitions(attr("PK"), attr("SK"), attr("X")).build()),
        "One or more parameter values were invalid: Some AttributeDefinitions are not used. "
            + "AttributeDefinitions: [PK, SK, X], keys used: [PK, SK]");
  }

  @Test
  void payPerRequestWithProvisionedThroughputIsRejected() {
    assertValidation(() -> us.createTable(table(T)
            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)).build()),
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
            + "specified when BillingMode is PAY_PER_REQUEST");
  }

  @Test
  void provisionedWithoutThroughputIsRejected() {
    assertValidation(() -> us.createTable(table(T).billingMode(BillingMode.PROVISIONED).build()),
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
            + "specified when BillingMode is PROVISIONED");
  }

  @Test
  void localSecondaryIndexNeedsTableSortKey() {
    CreateTableRequest r = CreateTableRequest.builder().tableName(T).keySchema(hash("PK"))
        .attributeDefinitions(attr("PK"), attr("Other")).billingMode(BillingMode.PAY_PER_REQUEST)
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("L1").keySchema(hash("PK"), range("Other"))
            .projection(ALL).build())
        .build();
    assertValidation(() -> us.createTable(r), "One or more parameter values were invalid: Table KeySchema does not "
        + "have a range key, which is required when specifying a LocalSecondaryIndex");
  }

  @Test
  void indexCountLimits() {
    List<GlobalSecondaryIndex> gsis = new ArrayList<>();
    List<software.amazon.awssdk.services.dynamodb.model.AttributeDefinition> defs =
        new ArrayList<>(List.of(attr("PK"), attr("SK")));
    for (int i = 0; i < 21; i++) {
      gsis.add(GlobalSecondaryIndex.builder().indexName("G" + i).keySchema(hash("A" + i)).projection(ALL).build());
      defs.add(attr("A" + i));
    }
    assertValidation(() -> us.createTable(table(T).globalSecondaryIndexes(gsis).attributeDefinitions(defs).build()),
        "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
    List<LocalSecondaryIndex> lsis = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lsis.add(LocalSecondaryIndex.builder().indexName("L" + i).keySchema(hash("PK"), range("SK")).projection(ALL)
          .build());
    }
    assertValidation(() -> us.createTable(table(T).localSecondaryIndexes(lsis).build()),
        "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    // Exactly 20 GSIs and 5 LSIs are fine.
    us.createTable(table(T).globalSecondaryIndexes(gsis.subList(0, 20)).localSecondaryIndexes(lsis.subList(0, 5))
        .attributeDefinitions(defs.subList(0, 22)).build());
    advance(6);
    TableDescription d = describe(us);
    assertThat(d.globalSecondaryIndexes()).hasSize(20);
    assertThat(d.localSecondaryIndexes()).hasSize(5);
    assertThat(d.localSecondaryIndexes().get(0).indexArn()).isEqualTo(arn(US, T) + "/index/L0");
  }

  @Test
  void keySchemaShapeRules() {
    assertValidation(() -> us.createTable(table(T).keySchema(range("SK"), hash("PK")).build()),
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    assertValidation(() -> us.createTable(table("ab").build()),
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have "
            + "length greater than or equal to 3");
    assertThat(KeyType.HASH).isEqualTo(hash("x").keyType());
  }

  @Test
  void deleteTableLifecycle() {
    assertNotFound(() -> us.deleteTable(b -> b.tableName(T)), "Requested resource not found: Table: Orders not found");
    us.createTable(table(T).build());
    assertInUse(() -> us.deleteTable(b -> b.tableName(T)),
        "Attempt to change a resource which is still in use: Table is being created: Orders");
    advance(6);
    // Stream enable holds the table UPDATING for a few seconds.
    us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(true)
        .streamViewType(StreamViewType.NEW_IMAGE)));
    assertInUse(() -> us.deleteTable(b -> b.tableName(T)),
        "Attempt to change a resource which is still in use: Table: Orders is in the process of being updated.");
    advance(4);
    String firstId = describe(us).tableId();
    assertThat(us.deleteTable(b -> b.tableName(T)).tableDescription().tableStatusAsString()).isEqualTo("DELETING");
    // Already DELETING: accepted again.
    assertThat(us.deleteTable(b -> b.tableName(T)).tableDescription().tableStatusAsString()).isEqualTo("DELETING");
    assertThat(describe(us).streamSpecification()).isNull();
    advance(3);
    assertThat(aws.inspect().tableStatus(US, T)).contains("DELETING");
    advance(1);
    assertNotFound(() -> describe(us), "Requested resource not found: Table: Orders not found");
    // A new incarnation has a new TableId and the same ARN.
    us.createTable(table(T).build());
    assertThat(describe(us).tableId()).isNotEqualTo(firstId);
    assertThat(describe(us).tableArn()).isEqualTo(arn(US, T));
  }

  @Test
  void deletionProtectionBlocksDeleteTable() {
    us.createTable(table(T).deletionProtectionEnabled(true).build());
    advance(6);
    assertValidation(() -> us.deleteTable(b -> b.tableName(T)), "Resource cannot be deleted as it is currently "
        + "protected against deletion. Disable deletion protection first.");
    assertThat(aws.inspect().tableStatus(US, T)).contains("ACTIVE");
    // Regional toggle is synchronous.
    us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(false));
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(us.deleteTable(b -> b.tableName(T)).tableDescription().tableStatusAsString()).isEqualTo("DELETING");
  }

  @Test
  void tableNameMayBeTheRegionsArn() {
    createActive();
    assertThat(us.describeTable(b -> b.tableName(arn(US, T))).table().tableName()).isEqualTo(T);
    assertValidation(() -> eu.describeTable(b -> b.tableName(arn(US, T))),
        "1 validation error detected: Invalid AWS region in '" + arn(US, T) + "'");
  }

  @Test
  void listTablesIsPaginatedAndRegional() {
    for (String n : List.of("Ccc", "Aaa", "Bbb")) {
      us.createTable(table(n).build());
    }
    var first = us.listTables(b -> b.limit(2));
    assertThat(first.tableNames()).containsExactly("Aaa", "Bbb");
    assertThat(first.lastEvaluatedTableName()).isEqualTo("Bbb");
    var second = us.listTables(b -> b.limit(2).exclusiveStartTableName("Bbb"));
    assertThat(second.tableNames()).containsExactly("Ccc");
    assertThat(second.lastEvaluatedTableName()).isNull();
    assertThat(eu.listTables(b -> { }).tableNames()).isEmpty();
  }
}
