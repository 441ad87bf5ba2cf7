package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedEncryption;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.model.ScalarType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableClassSummary;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** DescribeTable -> RegionalTable (capacity, limits and replica overrides included), exactly as documented on the record. */
class TableDescriptionsTest {

  static final Instant CREATED = Instant.parse("2026-11-20T10:15:30Z");
  static final String ARN = "arn:aws:dynamodb:us-east-1:111122223333:table/Orders";
  static final Instant DECREASED = Instant.parse("2026-11-20T11:00:00Z");

  static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType("HASH").build();
  }

  static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType("RANGE").build();
  }

  static AttributeDefinition def(String name, String type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeyAttribute s(String name) {
    return new KeyAttribute(name, ScalarType.S);
  }

  /** A global table seen from its home region while a GSI backfills and a replica is being created. */
  static TableDescription globalTableInMotion() {
    return TableDescription.builder()
        .tableName("Orders").tableArn(ARN).tableId("6f1c7e0a-0000-4000-8000-000000000001")
        .tableStatus("ACTIVE").creationDateTime(CREATED)
        .attributeDefinitions(def("PK", "S"), def("SK", "S"), def("CustomerId", "S"), def("Amount", "N"),
            def("Status", "S"))
        .keySchema(hash("PK"), range("SK"))
        .billingModeSummary(BillingModeSummary.builder().billingMode("PAY_PER_REQUEST")
            .lastUpdateToPayPerRequestDateTime(CREATED).build())
        .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(0L).writeCapacityUnits(0L)
            .numberOfDecreasesToday(0L).build())
        .onDemandThroughput(OnDemandThroughput.builder().maxReadRequestUnits(-1L).maxWriteRequestUnits(-1L).build())
        .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")
            .build())
        .latestStreamArn(ARN + "/stream/2026-11-20T10:15:30.000")
        .globalSecondaryIndexes(
            GlobalSecondaryIndexDescription.builder().indexName("ByCustomer").keySchema(hash("CustomerId"), range("SK"))
                .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("Total", "Currency"))
                .indexStatus("ACTIVE").build(),
            GlobalSecondaryIndexDescription.builder().indexName("ByStatus").keySchema(hash("Status"))
                .projection(p -> p.projectionType("KEYS_ONLY")).indexStatus("CREATING").backfilling(true).build())
        .localSecondaryIndexes(LocalSecondaryIndexDescription.builder().indexName("ByAmount")
            .keySchema(hash("PK"), range("Amount")).projection(p -> p.projectionType("ALL")).build())
        .replicas(
            ReplicaDescription.builder().regionName("eu-west-1").replicaStatus("ACTIVE")
                .globalTableSettingsReplicationMode("ENABLED_WITH_OVERRIDES").build(),
            ReplicaDescription.builder().regionName("ap-northeast-1").replicaStatus("CREATING")
                .replicaStatusDescription("Replica is being created").replicaStatusPercentProgress("45%").build())
        .globalTableVersion("2019.11.21")
        .globalTableSettingsReplicationMode("ENABLED_WITH_OVERRIDES")
        .deletionProtectionEnabled(true)
        .build();
  }

  @Test
  void mapsAGlobalTableInMotionFieldByField() {
    RegionalTable t = TableDescriptions.toRegionalTable("us-east-1", globalTableInMotion());

    RegionalTable expected = new RegionalTable("us-east-1", "Orders", ARN, "6f1c7e0a-0000-4000-8000-000000000001",
        "ACTIVE", new KeySchema(s("PK"), s("SK")),
        Map.of("PK", ScalarType.S, "SK", ScalarType.S, "CustomerId", ScalarType.S, "Amount", ScalarType.N,
            "Status", ScalarType.S),
        "PAY_PER_REQUEST", OnDemandLimits.NONE, "NEW_AND_OLD_IMAGES",
        List.of(
            new ObservedIndex(new IndexDefinition("ByCustomer", new KeySchema(s("CustomerId"), s("SK")),
                new Projection("INCLUDE", List.of("Total", "Currency"))), "ACTIVE", false),
            new ObservedIndex(new IndexDefinition("ByStatus", new KeySchema(s("Status"), null),
                new Projection("KEYS_ONLY", List.of())), "CREATING", true)),
        List.of(new IndexDefinition("ByAmount", new KeySchema(s("PK"), new KeyAttribute("Amount", ScalarType.N)),
            Projection.ALL)),
        List.of(new ObservedReplica("eu-west-1", "ACTIVE", null, null),
            new ObservedReplica("ap-northeast-1", "CREATING", "Replica is being created", 45)),
        true, CREATED, "2019.11.21");
    assertThat(t).isEqualTo(expected);
    // Order of INCLUDE attributes is AWS's, kept as given.
    assertThat(t.index("ByCustomer").orElseThrow().definition().projection().nonKeyAttributes())
        .containsExactly("Total", "Currency");
  }

  /** Absent SSEDescription and TableClassSummary are AWS's defaults (reference 2.1), not unknowns. */
  @Test
  void absentSseDescriptionIsTheAwsOwnedKeyAndAbsentTableClassIsStandard() {
    RegionalTable t = TableDescriptions.toRegionalTable("us-east-1", globalTableInMotion());

    assertThat(t.encryption()).isSameAs(ObservedEncryption.AWS_OWNED);
    assertThat(t.tableClass()).isEqualTo("STANDARD");
    assertThat(t.replicas()).extracting(ObservedReplica::tableClassOverride, ObservedReplica::kmsKeyId)
        .containsExactly(tuple(null, null), tuple(null, null));
  }

  @Test
  void mapsSseTableClassAndEachReplicasClassOverrideAndKey() {
    String homeKey = "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-0000-4000-8000-000000000001";
    String euKey = "arn:aws:kms:eu-west-1:111122223333:key/2222bbbb-0000-4000-8000-000000000002";
    TableDescription d = globalTableInMotion().toBuilder()
        .sseDescription(SSEDescription.builder().status("UPDATING").sseType("KMS").kmsMasterKeyArn(homeKey).build())
        .tableClassSummary(TableClassSummary.builder().tableClass("STANDARD_INFREQUENT_ACCESS")
            .lastUpdateDateTime(DECREASED).build())
        .replicas(
            ReplicaDescription.builder().regionName("eu-west-1").replicaStatus("ACTIVE").kmsMasterKeyId(euKey)
                .replicaTableClassSummary(TableClassSummary.builder().tableClass("STANDARD").build()).build(),
            ReplicaDescription.builder().regionName("ap-northeast-1").replicaStatus("CREATING").build())
        .build();

    RegionalTable t = TableDescriptions.toRegionalTable("us-east-1", d);

    assertThat(t.encryption()).isEqualTo(new ObservedEncryption("UPDATING", "KMS", homeKey));
    assertThat(t.tableClass()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
    assertThat(t.replicas()).containsExactly(
        new ObservedReplica("eu-west-1", "ACTIVE", null, null, ReplicaOverrides.NONE, "STANDARD", euKey),
        new ObservedReplica("ap-northeast-1", "CREATING", null, null, ReplicaOverrides.NONE, null, null));
  }

  @Test
  void aDisabledSseDescriptionIsKeptVerbatim() {
    TableDescription d = globalTableInMotion().toBuilder()
        .sseDescription(SSEDescription.builder().status("DISABLED").build()).build();

    RegionalTable t = TableDescriptions.toRegionalTable("us-east-1", d);

    assertThat(t.encryption()).isEqualTo(new ObservedEncryption("DISABLED", null, null));
    assertThat(t.encryption().kms()).isFalse();
  }

  @Test
  void absentBillingModeSummaryMeansProvisionedAndAbsentOptionalsAreEmpty() {
    TableDescription d = TableDescription.builder()
        .tableName("Legacy").tableArn("arn:aws:dynamodb:eu-west-1:111122223333:table/Legacy").tableId("id-2")
        .tableStatus("CREATING").creationDateTime(CREATED)
        .attributeDefinitions(def("Id", "B"))
        .keySchema(hash("Id"))
        .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(5L).writeCapacityUnits(5L)
            .build())
        .build();

    RegionalTable t = TableDescriptions.toRegionalTable("eu-west-1", d);

    assertThat(t).isEqualTo(new RegionalTable("eu-west-1", "Legacy",
        "arn:aws:dynamodb:eu-west-1:111122223333:table/Legacy", "id-2", "CREATING",
        new KeySchema(new KeyAttribute("Id", ScalarType.B), null), Map.of("Id", ScalarType.B), "PROVISIONED",
        OnDemandLimits.NONE, null, List.of(), List.of(), List.of(), false, CREATED, null,
        new ObservedCapacity(5, 5, 0, null)));
  }

  /** A PROVISIONED global table with two GSIs, seen from us-east-1, whose replicas carry read overrides. */
  static TableDescription provisionedWithOverrides() {
    return globalTableInMotion().toBuilder()
        .billingModeSummary((BillingModeSummary) null)
        .onDemandThroughput((OnDemandThroughput) null)
        .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(20L).writeCapacityUnits(10L)
            .numberOfDecreasesToday(3L).lastDecreaseDateTime(DECREASED).lastIncreaseDateTime(CREATED).build())
        .globalSecondaryIndexes(
            GlobalSecondaryIndexDescription.builder().indexName("ByCustomer").keySchema(hash("CustomerId"), range("SK"))
                .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("Total", "Currency"))
                .indexStatus("ACTIVE")
                .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(7L)
                    .writeCapacityUnits(4L).numberOfDecreasesToday(1L).lastDecreaseDateTime(DECREASED).build())
                .build(),
            GlobalSecondaryIndexDescription.builder().indexName("ByStatus").keySchema(hash("Status"))
                .projection(p -> p.projectionType("KEYS_ONLY")).indexStatus("ACTIVE")
                .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(2L)
                    .writeCapacityUnits(3L).numberOfDecreasesToday(0L).build())
                .build())
        .replicas(
            ReplicaDescription.builder().regionName("eu-west-1").replicaStatus("ACTIVE")
                .provisionedThroughputOverride(o -> o.readCapacityUnits(50L))
                .globalSecondaryIndexes(
                    ReplicaGlobalSecondaryIndexDescription.builder().indexName("ByCustomer")
                        .provisionedThroughputOverride(o -> o.readCapacityUnits(9L)).build(),
                    // Listed without an override: inherits, so it is not in the map.
                    ReplicaGlobalSecondaryIndexDescription.builder().indexName("ByStatus").build())
                .build(),
            ReplicaDescription.builder().regionName("ap-northeast-1").replicaStatus("ACTIVE")
                .globalSecondaryIndexes(ReplicaGlobalSecondaryIndexDescription.builder().indexName("ByCustomer").build(),
                    ReplicaGlobalSecondaryIndexDescription.builder().indexName("ByStatus").build())
                .build())
        .build();
  }

  @Test
  void mapsProvisionedCapacityOfTheTableAndEachIndexWithTheDecreaseBudget() {
    RegionalTable t = TableDescriptions.toRegionalTable("us-east-1", provisionedWithOverrides());

    assertThat(t.billingMode()).isEqualTo("PROVISIONED");
    assertThat(t.capacity()).isEqualTo(new ObservedCapacity(20, 10, 3, DECREASED));
    assertThat(t.onDemand()).isEqualTo(OnDemandLimits.NONE);
    assertThat(t.index("ByCustomer").orElseThrow().capacity()).isEqualTo(new ObservedCapacity(7, 4, 1, DECREASED));
    assertThat(t.index("ByStatus").orElseThrow().capacity()).isEqualTo(new ObservedCapacity(2, 3, 0, null));
    assertThat(t.index("ByStatus").orElseThrow().onDemand()).isEqualTo(OnDemandLimits.NONE);
  }

  @Test
  void replicaOverridesAreMappedAsListedAndAnEntryWithoutOverridesInheritsEverything() {
    RegionalTable t = TableDescriptions.toRegionalTable("us-east-1", provisionedWithOverrides());

    assertThat(t.replica("eu-west-1").orElseThrow().overrides())
        .isEqualTo(new ReplicaOverrides(50L, null, Map.of("ByCustomer", 9L), Map.of()));
    assertThat(t.replica("ap-northeast-1").orElseThrow().overrides()).isSameAs(ReplicaOverrides.NONE);
  }

  @Test
  void onDemandOverridesAndIndexLimitsAreMappedAndAnUnlimitedOverrideIsKept() {
    TableDescription d = globalTableInMotion().toBuilder()
        .globalSecondaryIndexes(
            GlobalSecondaryIndexDescription.builder().indexName("ByCustomer").keySchema(hash("CustomerId"), range("SK"))
                .projection(p -> p.projectionType("ALL")).indexStatus("ACTIVE")
                .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(0L)
                    .writeCapacityUnits(0L).numberOfDecreasesToday(0L).build())
                .onDemandThroughput(o -> o.maxReadRequestUnits(800L).maxWriteRequestUnits(-1L)).build(),
            GlobalSecondaryIndexDescription.builder().indexName("ByStatus").keySchema(hash("Status"))
                .projection(p -> p.projectionType("ALL")).indexStatus("ACTIVE")
                .onDemandThroughput(o -> o.maxReadRequestUnits(-1L).maxWriteRequestUnits(-1L)).build())
        .replicas(ReplicaDescription.builder().regionName("eu-west-1").replicaStatus("ACTIVE")
            .onDemandThroughputOverride(o -> o.maxReadRequestUnits(1200L))
            .globalSecondaryIndexes(
                ReplicaGlobalSecondaryIndexDescription.builder().indexName("ByCustomer")
                    .onDemandThroughputOverride(o -> o.maxReadRequestUnits(-1L)).build(),
                ReplicaGlobalSecondaryIndexDescription.builder().indexName("ByStatus")
                    .onDemandThroughputOverride(o -> o.maxReadRequestUnits(300L)).build())
            .build())
        .build();

    RegionalTable t = TableDescriptions.toRegionalTable("us-east-1", d);

    assertThat(t.index("ByCustomer").orElseThrow().onDemand()).isEqualTo(new OnDemandLimits(800L, null));
    assertThat(t.index("ByCustomer").orElseThrow().capacity()).isEqualTo(ObservedCapacity.NONE);
    assertThat(t.index("ByStatus").orElseThrow().onDemand()).isEqualTo(OnDemandLimits.NONE);
    assertThat(t.index("ByStatus").orElseThrow().capacity()).as("absent ProvisionedThroughput")
        .isEqualTo(ObservedCapacity.NONE);
    assertThat(t.capacity()).isEqualTo(ObservedCapacity.NONE);
    assertThat(t.replica("eu-west-1").orElseThrow().overrides())
        .isEqualTo(new ReplicaOverrides(null, 1200L, Map.of(), Map.of("ByCustomer", -1L, "ByStatus", 300L)));
  }

  @Test
  void absentThroughputFieldsReadAsZero() {
    TableDescription d = globalTableInMotion().toBuilder()
        .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(5L).build()).build();
    assertThat(TableDescriptions.toRegionalTable("us-east-1", d).capacity()).isEqualTo(new ObservedCapacity(5, 0, 0,
        null));
    assertThat(TableDescriptions.toRegionalTable("us-east-1",
        d.toBuilder().provisionedThroughput((ProvisionedThroughputDescription) null).build()).capacity())
        .isEqualTo(ObservedCapacity.NONE);
  }

  @Test
  void aDisabledStreamHasNoViewTypeEvenWhenAwsEchoesOne() {
    TableDescription d = globalTableInMotion().toBuilder()
        .streamSpecification(StreamSpecification.builder().streamEnabled(false).streamViewType("KEYS_ONLY").build())
        .build();

    assertThat(TableDescriptions.toRegionalTable("us-east-1", d).streamViewType()).isNull();
    assertThat(TableDescriptions.toRegionalTable("us-east-1", d.toBuilder().streamSpecification((StreamSpecification) null)
        .build()).streamViewType()).isNull();
  }

  @Test
  void onDemandLimitsAreNormalizedPerDimension() {
    TableDescription d = globalTableInMotion().toBuilder()
        .onDemandThroughput(OnDemandThroughput.builder().maxReadRequestUnits(4000L).maxWriteRequestUnits(-1L).build())
        .build();
    assertThat(TableDescriptions.toRegionalTable("us-east-1", d).onDemand())
        .isEqualTo(new OnDemandLimits(4000L, null));

    TableDescription writeOnly = globalTableInMotion().toBuilder()
        .onDemandThroughput(OnDemandThroughput.builder().maxWriteRequestUnits(2000L).build()).build();
    assertThat(TableDescriptions.toRegionalTable("us-east-1", writeOnly).onDemand())
        .isEqualTo(new OnDemandLimits(null, 2000L));
  }

  @Test
  void billingModeSummaryWithoutModeMeansProvisioned() {
    TableDescription d = globalTableInMotion().toBuilder().billingModeSummary(BillingModeSummary.builder().build())
        .build();
    assertThat(TableDescriptions.toRegionalTable("us-east-1", d).billingMode()).isEqualTo("PROVISIONED");
  }

  @Test
  void aMissingProjectionIsAll() {
    TableDescription d = globalTableInMotion().toBuilder()
        .globalSecondaryIndexes(GlobalSecondaryIndexDescription.builder().indexName("NoProjection")
            .keySchema(hash("Status")).indexStatus("ACTIVE").build())
        .build();
    assertThat(TableDescriptions.toRegionalTable("us-east-1", d).globalSecondaryIndexes().get(0).definition()
        .projection()).isEqualTo(Projection.ALL);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(nullValues = "null", value = {
      "45%, 45",
      "0%, 0",
      "100%, 100",
      "' 7 % ', 7",
      "12.5%, 12",
      "45, 45",
      "'', null",
      "%, null",
      "n/a, null",
      "null, null"})
  void replicaProgressIsParsedToWholePercent(String wire, Integer expected) {
    assertThat(TableDescriptions.percent(wire)).isEqualTo(expected);
  }

  @Test
  void aKeyWithoutAttributeDefinitionIsAMalformedDescription() {
    TableDescription d = globalTableInMotion().toBuilder().attributeDefinitions(def("PK", "S")).build();

    assertThatThrownBy(() -> TableDescriptions.toRegionalTable("us-east-1", d))
        .isInstanceOf(TableDescriptions.MalformedDescriptionException.class)
        .hasMessage("key attribute SK of Orders is missing from AttributeDefinitions");
  }

  @Test
  void aDeletingIndexWhoseAttributeDefinitionIsAlreadyGoneIsKept() {
    // As DynamoDB Local 2.6.1 answers right after UpdateTable(GSI Delete): Status no longer defined, index DELETING.
    TableDescription d = globalTableInMotion().toBuilder()
        .attributeDefinitions(def("PK", "S"), def("SK", "S"), def("CustomerId", "S"), def("Amount", "N"))
        .globalSecondaryIndexes(GlobalSecondaryIndexDescription.builder().indexName("ByStatus")
            .keySchema(hash("Status")).projection(p -> p.projectionType("KEYS_ONLY")).indexStatus("DELETING").build())
        .build();

    RegionalTable t = TableDescriptions.toRegionalTable("us-east-1", d);

    assertThat(t.globalSecondaryIndexes()).containsExactly(new ObservedIndex(new IndexDefinition("ByStatus",
        new KeySchema(new KeyAttribute("Status", TableDescriptions.TYPE_UNKNOWN_WHILE_DELETING), null),
        new Projection("KEYS_ONLY", List.of())), "DELETING", false));
    assertThat(t.attributeDefinitions()).doesNotContainKey("Status");
  }

  @Test
  void anActiveIndexWithoutAttributeDefinitionIsAMalformedDescription() {
    TableDescription d = globalTableInMotion().toBuilder()
        .attributeDefinitions(def("PK", "S"), def("SK", "S"), def("CustomerId", "S"), def("Amount", "N"))
        .build();

    assertThatThrownBy(() -> TableDescriptions.toRegionalTable("us-east-1", d))
        .isInstanceOf(TableDescriptions.MalformedDescriptionException.class)
        .hasMessage("key attribute Status of ByStatus is missing from AttributeDefinitions");
  }

  @Test
  void anUnknownAttributeTypeIsAMalformedDescription() {
    TableDescription d = globalTableInMotion().toBuilder()
        .attributeDefinitions(def("PK", "SS"), def("SK", "S")).build();

    assertThatThrownBy(() -> TableDescriptions.toRegionalTable("us-east-1", d))
        .isInstanceOf(TableDescriptions.MalformedDescriptionException.class)
        .hasMessage("attribute PK has unknown AttributeType SS");
  }
}
