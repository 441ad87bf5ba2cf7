package dev.globaltable.operator.api;

import static dev.globaltable.operator.validate.Specs.gsi;
import static dev.globaltable.operator.validate.Specs.key;
import static dev.globaltable.operator.validate.Specs.lsi;
import static dev.globaltable.operator.validate.Specs.projection;
import static dev.globaltable.operator.validate.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.DesiredMapper;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.ScalarType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DesiredMapper: api spec to the planner's Desired, and the identity recorded in status. */
class DesiredMapperTest {
  private static final KeyAttribute PK = new KeyAttribute("PK", ScalarType.S);
  private static final KeyAttribute SK = new KeyAttribute("SK", ScalarType.S);

  @Test
  void defaultsAreAppliedToAMinimalSpec() {
    Desired d = DesiredMapper.toDesired("payments", "orders", spec());

    assertThat(d).isEqualTo(new Desired("orders", "us-east-1", new KeySchema(PK, SK), "PAY_PER_REQUEST",
        OnDemandLimits.NONE, List.of(), List.of(), null, Map.of("globaltable.dev/owner", "payments/orders"),
        List.of("us-east-1"), dev.globaltable.operator.model.DeletionPolicy.RETAIN, false, "payments/orders"));
  }

  @Test
  void everyFieldIsMappedToAwsWireNames() {
    GlobalTableSpec spec = spec("eu-west-1", "us-east-1", "ap-northeast-1");
    spec.tableName = "Orders";
    spec.billing = new BillingSpec();
    spec.billing.mode = BillingMode.PayPerRequest;
    spec.billing.maxReadRequestUnits = 4000L;
    spec.billing.maxWriteRequestUnits = 2000L;
    spec.globalSecondaryIndexes = List.of(
        gsi("ByCustomer", key("CustomerId", AttributeType.S), key("CreatedAt", AttributeType.N),
            projection(ProjectionType.Include, "Total", "Status")),
        gsi("ByStatus", key("Status", AttributeType.S), null, projection(ProjectionType.KeysOnly)),
        gsi("ByAmount", key("Amount", AttributeType.N), null, null));
    spec.localSecondaryIndexes = List.of(lsi("ByDate", key("CreatedAt", AttributeType.N),
        projection(ProjectionType.All)));
    spec.stream = new StreamSpec();
    spec.stream.viewType = StreamViewType.NEW_AND_OLD_IMAGES;
    spec.tags = new LinkedHashMap<>(Map.of("team", "payments"));
    spec.deletionPolicy = DeletionPolicy.Delete;
    spec.suspend = true;

    Desired d = DesiredMapper.toDesired("payments", "orders", spec);

    assertThat(d.tableName()).isEqualTo("Orders");
    assertThat(d.homeRegion()).isEqualTo("eu-west-1");
    assertThat(d.regions()).containsExactly("eu-west-1", "us-east-1", "ap-northeast-1");
    assertThat(d.replicaRegions()).containsExactly("us-east-1", "ap-northeast-1");
    assertThat(d.billingMode()).isEqualTo("PAY_PER_REQUEST");
    assertThat(d.onDemand()).isEqualTo(new OnDemandLimits(4000L, 2000L));
    assertThat(d.globalSecondaryIndexes()).containsExactly(
        new IndexDefinition("ByCustomer", new KeySchema(new KeyAttribute("CustomerId", ScalarType.S),
            new KeyAttribute("CreatedAt", ScalarType.N)), new Projection("INCLUDE", List.of("Total", "Status"))),
        new IndexDefinition("ByStatus", new KeySchema(new KeyAttribute("Status", ScalarType.S), null),
            new Projection("KEYS_ONLY", List.of())),
        new IndexDefinition("ByAmount", new KeySchema(new KeyAttribute("Amount", ScalarType.N), null),
            Projection.ALL));
    assertThat(d.localSecondaryIndexes()).as("an LSI gets the table's partition key").containsExactly(
        new IndexDefinition("ByDate", new KeySchema(PK, new KeyAttribute("CreatedAt", ScalarType.N)),
            Projection.ALL));
    assertThat(d.streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(d.tags()).isEqualTo(Map.of("team", "payments", "globaltable.dev/owner", "payments/orders"));
    assertThat(d.deletionPolicy()).isEqualTo(dev.globaltable.operator.model.DeletionPolicy.DELETE);
    assertThat(d.suspend()).isTrue();
    assertThat(d.owner()).isEqualTo("payments/orders");
    assertThat(d.attributeDefinitions()).containsExactly(
        Map.entry("PK", ScalarType.S), Map.entry("SK", ScalarType.S), Map.entry("CreatedAt", ScalarType.N),
        Map.entry("CustomerId", ScalarType.S), Map.entry("Status", ScalarType.S), Map.entry("Amount", ScalarType.N));
  }

  @Test
  void theOwnerTagCannotBeOverriddenBySpecTags() {
    GlobalTableSpec spec = spec();
    spec.tags = Map.of("globaltable.dev/owner", "someone/else");

    assertThat(DesiredMapper.toDesired("ns", "t1", spec).tags()).containsEntry("globaltable.dev/owner", "ns/t1");
  }

  @Test
  void nonKeyAttributesAreDroppedUnlessTheProjectionIsInclude() {
    GlobalTableSpec spec = spec();
    spec.globalSecondaryIndexes = List.of(gsi("ByX", key("X", AttributeType.S), null,
        projection(ProjectionType.KeysOnly, "Ignored")));

    assertThat(DesiredMapper.toDesired("ns", "t1", spec).globalSecondaryIndexes().get(0).projection())
        .isEqualTo(new Projection("KEYS_ONLY", List.of()));
  }

  @Test
  void projectionWireNames() {
    assertThat(DesiredMapper.wireName(ProjectionType.All)).isEqualTo("ALL");
    assertThat(DesiredMapper.wireName(ProjectionType.KeysOnly)).isEqualTo("KEYS_ONLY");
    assertThat(DesiredMapper.wireName(ProjectionType.Include)).isEqualTo("INCLUDE");
  }

  @Test
  void identityHoldsTheEffectiveNameAndDeepCopies() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.localSecondaryIndexes = List.of(lsi("ByDate", key("CreatedAt", AttributeType.N),
        projection(ProjectionType.Include, "A")));

    TableIdentity identity = DesiredMapper.identityOf("orders", spec);
    spec.keySchema.partitionKey.name = "Changed";
    spec.localSecondaryIndexes.get(0).projection.nonKeyAttributes.add("B");

    assertThat(identity.tableName).isEqualTo("orders");
    assertThat(identity.homeRegion).isEqualTo("us-east-1");
    assertThat(identity.keySchema.partitionKey.name).isEqualTo("PK");
    assertThat(identity.keySchema.sortKey.name).isEqualTo("SK");
    assertThat(identity.localSecondaryIndexes).hasSize(1);
    assertThat(identity.localSecondaryIndexes.get(0).name).isEqualTo("ByDate");
    assertThat(identity.localSecondaryIndexes.get(0).projection.nonKeyAttributes).containsExactly("A");
  }

  @Test
  void identityPrefersTheExplicitTableName() {
    GlobalTableSpec spec = spec();
    spec.tableName = "Orders";

    assertThat(DesiredMapper.identityOf("orders", spec).tableName).isEqualTo("Orders");
    assertThat(DesiredMapper.identityOf("orders", spec).localSecondaryIndexes).isNull();
  }
}
