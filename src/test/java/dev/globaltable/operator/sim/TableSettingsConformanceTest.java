package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** GSI create/delete phases, stream, billing and on-demand limits, fan-out (behaviours 3, 4, 8). */
class TableSettingsConformanceTest extends SimTestSupport {

  private void createIndex(software.amazon.awssdk.services.dynamodb.DynamoDbClient c, String name, String key) {
    c.updateTable(b -> b.tableName(T).attributeDefinitions(attr(key)).globalSecondaryIndexUpdates(gsiCreate(name, key)));
  }

  private GlobalSecondaryIndexDescription index(software.amazon.awssdk.services.dynamodb.DynamoDbClient c) {
    return describe(c).globalSecondaryIndexes().get(0);
  }

  @Test
  void gsiCreateOnAGroupBackfillsInEveryRegion() {
    createGlobal();
    createIndex(us, "ByC", "C");
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(index(us).indexStatusAsString()).isEqualTo("CREATING");
    assertThat(index(us).backfilling()).isFalse();
    assertThat(index(eu).indexStatusAsString()).isEqualTo("CREATING");
    assertThat(describe(eu).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(describe(eu).attributeDefinitions()).contains(attr("C"));
    advance(29);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    advance(1); // t+30: base ACTIVE, backfilling everywhere
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    for (var c : new software.amazon.awssdk.services.dynamodb.DynamoDbClient[] {us, eu}) {
      assertThat(index(c).indexStatusAsString()).isEqualTo("CREATING");
      assertThat(index(c).backfilling()).isTrue();
    }
    advance(239); // t+269
    assertThat(index(eu).indexStatusAsString()).isEqualTo("CREATING");
    advance(1); // t+270
    for (var c : new software.amazon.awssdk.services.dynamodb.DynamoDbClient[] {us, eu}) {
      assertThat(index(c).indexStatusAsString()).isEqualTo("ACTIVE");
      assertThat(index(c).backfilling()).isFalse();
    }
    assertThat(index(eu).indexArn()).isEqualTo(arn(EU, T) + "/index/ByC");
    assertThat(describe(us).replicas().get(0).globalSecondaryIndexes().get(0).indexName()).isEqualTo("ByC");
  }

  @Test
  void gsiCreateOnARegionalTableIsQuicker() {
    createActive();
    createIndex(us, "ByC", "C");
    advance(5);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(index(us).backfilling()).isTrue();
    advance(59);
    assertThat(index(us).indexStatusAsString()).isEqualTo("CREATING");
    advance(1);
    assertThat(index(us).indexStatusAsString()).isEqualTo("ACTIVE");
  }

  @Test
  void gsiDeleteIsDeletingInEveryRegionThenGone() {
    createGlobal();
    createIndex(us, "ByC", "C");
    advance(270);
    us.updateTable(b -> b.tableName(T).globalSecondaryIndexUpdates(gsiDelete("ByC")));
    assertThat(aws.inspect().indexStatuses(US, T)).isEqualTo(Map.of("ByC", "DELETING"));
    assertThat(aws.inspect().indexStatuses(EU, T)).isEqualTo(Map.of("ByC", "DELETING"));
    advance(37);
    assertThat(aws.inspect().indexStatuses(EU, T)).isEqualTo(Map.of("ByC", "DELETING"));
    advance(1);
    assertThat(describe(us).hasGlobalSecondaryIndexes()).isFalse();
    assertThat(describe(eu).hasGlobalSecondaryIndexes()).isFalse();
  }

  @Test
  void onlyOneIndexCreateOrDeleteAtATime() {
    createActive();
    String text = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table";
    assertLimitExceeded(() -> us.updateTable(b -> b.tableName(T).attributeDefinitions(attr("A"), attr("B"))
        .globalSecondaryIndexUpdates(gsiCreate("GA", "A"), gsiCreate("GB", "B"))), text);
    assertThat(describe(us).hasGlobalSecondaryIndexes()).isFalse();
    createIndex(us, "GA", "A");
    advance(5); // backfilling, table ACTIVE
    assertLimitExceeded(() -> createIndex(us, "GB", "B"), text);
    assertThat(aws.inspect().indexStatuses(US, T)).isEqualTo(Map.of("GA", "CREATING"));
    // The backfilling index itself may be deleted.
    us.updateTable(b -> b.tableName(T).globalSecondaryIndexUpdates(gsiDelete("GA")));
    assertThat(aws.inspect().indexStatuses(US, T)).isEqualTo(Map.of("GA", "DELETING"));
    assertLimitExceeded(() -> createIndex(us, "GB", "B"), text);
  }

  @Test
  void gsiContentErrors() {
    createActive();
    createIndex(us, "GA", "A");
    advance(65);
    assertValidation(() -> createIndex(us, "GA", "A"), "Attempting to create an index which already exists");
    assertNotFound(() -> us.updateTable(b -> b.tableName(T).globalSecondaryIndexUpdates(gsiDelete("Nope"))),
        "Requested resource not found: Index Nope for table Orders");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).globalSecondaryIndexUpdates(gsiCreate("GB", "B"))),
        "One or more parameter values were invalid: Some index key attributes are not defined in "
            + "AttributeDefinitions. Keys: [B], AttributeDefinitions: []");
  }

  @Test
  void streamRulesWhileReplicasExist() {
    createGlobal();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(false))),
        "One or more parameter values were invalid: Disabling Stream is not allowed for a Global Table replica.");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(true)
            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))),
        "Table already has an enabled stream: TableName: Orders");
    assertThat(describe(us).streamSpecification().streamEnabled()).isTrue();
  }

  @Test
  void streamToggleOnARegionalTable() {
    createActive();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(false))),
        "Table has no stream to disable: TableName: Orders");
    us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(true)
        .streamViewType(StreamViewType.NEW_IMAGE)));
    TableDescription d = describe(us);
    assertThat(d.tableStatusAsString()).isEqualTo("UPDATING");
    String firstArn = d.latestStreamArn();
    advance(4);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(false)));
    advance(4);
    d = describe(us);
    assertThat(d.streamSpecification()).isNull();
    assertThat(d.latestStreamArn()).isEqualTo(firstArn); // lingers after disable
    us.updateTable(b -> b.tableName(T).streamSpecification(s -> s.streamEnabled(true)
        .streamViewType(StreamViewType.NEW_IMAGE)));
    assertThat(describe(us).latestStreamArn()).isNotEqualTo(firstArn); // every enable mints a new stream
  }

  @Test
  void billingSwitchFansOutToEveryMember() {
    createGlobal();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).billingMode(BillingMode.PROVISIONED)),
        "One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is "
            + "PROVISIONED");
    eu.updateTable(b -> b.tableName(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(20L)));
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(describe(eu).tableStatusAsString()).isEqualTo("UPDATING");
    advance(38);
    for (var c : new software.amazon.awssdk.services.dynamodb.DynamoDbClient[] {us, eu}) {
      TableDescription d = describe(c);
      assertThat(d.tableStatusAsString()).isEqualTo("ACTIVE");
      assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
      assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(10L);
      assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(20L);
      assertThat(d.onDemandThroughput()).isNull();
    }
    assertValidation(() -> us.updateTable(b -> b.tableName(T)
            .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(20L))),
        "The provisioned throughput for the table will not change. The requested value equals the current value. "
            + "Current ReadCapacityUnits provisioned for the table: 10. Requested ReadCapacityUnits: 10. Current "
            + "WriteCapacityUnits provisioned for the table: 20. Requested WriteCapacityUnits: 20. Refer to the "
            + "Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
  }

  @Test
  void payPerRequestResendEchoesUpdatingAndChangesNothing() {
    createActive();
    TableDescription echoed = us.updateTable(b -> b.tableName(T).billingMode(BillingMode.PAY_PER_REQUEST))
        .tableDescription();
    assertThat(echoed.tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
  }

  @Test
  void onDemandLimitsFanOutAndMinusOneClears() {
    createGlobal();
    us.updateTable(b -> b.tableName(T).onDemandThroughput(o -> o.maxReadRequestUnits(4000L)
        .maxWriteRequestUnits(2000L)));
    advance(38);
    assertThat(describe(eu).onDemandThroughput().maxReadRequestUnits()).isEqualTo(4000L);
    assertThat(describe(eu).onDemandThroughput().maxWriteRequestUnits()).isEqualTo(2000L);
    us.updateTable(b -> b.tableName(T).onDemandThroughput(o -> o.maxReadRequestUnits(-1L)));
    advance(38);
    assertThat(describe(eu).onDemandThroughput().maxReadRequestUnits()).isEqualTo(-1L);
    assertThat(describe(us).onDemandThroughput().maxWriteRequestUnits()).isEqualTo(2000L);
    assertValidation(() -> us.updateTable(b -> b.tableName(T).onDemandThroughput(o -> o.maxReadRequestUnits(0L))),
        "One or more parameter values were invalid: Requested MaxReadRequestUnits for OnDemandThroughput for table "
            + "is outside of valid range");
  }

  @Test
  void singleConcernCombinationsAreRejected() {
    createActive();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)
            .onDemandThroughput(o -> o.maxReadRequestUnits(5L))),
        "One or more parameter values were invalid: DeletionProtection modification must be the only operation in "
            + "the request");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).onDemandThroughput(o -> o.maxReadRequestUnits(5L))
            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))),
        "One or more parameter values were invalid: OnDemandThroughput can only be combined with BillingMode in an "
            + "UpdateTable request");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).attributeDefinitions(attr("A"))
            .globalSecondaryIndexUpdates(gsiCreate("GA", "A"))
            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))),
        "One or more parameter values were invalid: You cannot create or delete index while changing stream status");
    assertThat(describe(us).streamSpecification()).isNull();
  }

  @Test
  void deletionProtectionWorksOnAReplicaRegionTable() {
    createGlobal();
    eu.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true));
    advance(35);
    assertThat(aws.inspect().deletionProtection(EU, T)).contains(true);
    assertThat(aws.inspect().deletionProtection(US, T)).contains(false);
    eu.updateTable(b -> b.tableName(T).deletionProtectionEnabled(false));
    advance(35);
    assertThat(aws.inspect().deletionProtection(EU, T)).contains(false);
  }
}
