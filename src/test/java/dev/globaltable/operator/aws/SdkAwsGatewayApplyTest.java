package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.globaltable.operator.model.AutoScaling;
import dev.globaltable.operator.model.CapacityDimension;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.ProvisionedUnits;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Step;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ConcurrentUpdateException;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsAction;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsMode;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoverySpecification;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/** apply(): exactly one SDK call per step, with the exact request shape, sent to the step's region. */
class SdkAwsGatewayApplyTest {

  private static final String HOME = "us-east-1";
  private static final String ARN_EU = "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders";
  private static final String KEY_HOME = "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-0000-4000-8000-000000000001";
  private static final String KEY_EU = "arn:aws:kms:eu-west-1:111122223333:key/2222bbbb-0000-4000-8000-000000000002";
  private static final String STREAM_EU = "arn:aws:kinesis:eu-west-1:111122223333:stream/orders-changes";

  private final RecordingDynamoDb aws = new RecordingDynamoDb();
  private final SdkAwsGateway gateway = new SdkAwsGateway(aws);

  private static KeyAttribute s(String name) {
    return new KeyAttribute(name, ScalarType.S);
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType("HASH").build();
  }

  private static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType("RANGE").build();
  }

  private static AttributeDefinition def(String name, String type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static Map<String, ScalarType> orderedDefs() {
    Map<String, ScalarType> defs = new LinkedHashMap<>();
    defs.put("PK", ScalarType.S);
    defs.put("SK", ScalarType.S);
    defs.put("Amount", ScalarType.N);
    defs.put("CustomerId", ScalarType.S);
    defs.put("Blob", ScalarType.B);
    return defs;
  }

  private static Step.CreateTable createTableStep(OnDemandLimits onDemand, String stream, Map<String, String> tags) {
    return new Step.CreateTable(HOME, "Orders", new KeySchema(s("PK"), s("SK")), orderedDefs(), "PAY_PER_REQUEST",
        onDemand,
        List.of(
            new IndexDefinition("ByCustomer", new KeySchema(s("CustomerId"), new KeyAttribute("Amount", ScalarType.N)),
                new Projection("INCLUDE", List.of("Total", "Status"))),
            new IndexDefinition("ByBlob", new KeySchema(new KeyAttribute("Blob", ScalarType.B), null),
                new Projection("KEYS_ONLY", List.of()))),
        List.of(new IndexDefinition("ByAmount", new KeySchema(s("PK"), new KeyAttribute("Amount", ScalarType.N)),
            Projection.ALL)),
        stream, tags);
  }

  private RecordingDynamoDb.Call onlyCall() {
    assertThat(aws.journal).hasSize(1);
    return aws.journal.get(0);
  }

  @Test
  void createTableSendsTheWholeDefinitionInOneCall() {
    gateway.apply(createTableStep(new OnDemandLimits(4000L, null), "NEW_AND_OLD_IMAGES",
        Map.of("team", "payments", "globaltable.dev/owner", "prod/orders")));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(HOME);
    assertThat(call.operation()).isEqualTo("CreateTable");
    CreateTableRequest expected = CreateTableRequest.builder()
        .tableName("Orders")
        .attributeDefinitions(def("PK", "S"), def("SK", "S"), def("Amount", "N"), def("CustomerId", "S"),
            def("Blob", "B"))
        .keySchema(hash("PK"), range("SK"))
        .billingMode("PAY_PER_REQUEST")
        .globalSecondaryIndexes(
            GlobalSecondaryIndex.builder().indexName("ByCustomer").keySchema(hash("CustomerId"), range("Amount"))
                .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("Total", "Status")).build(),
            GlobalSecondaryIndex.builder().indexName("ByBlob").keySchema(hash("Blob"))
                .projection(p -> p.projectionType("KEYS_ONLY")).build())
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("ByAmount").keySchema(hash("PK"), range("Amount"))
            .projection(p -> p.projectionType("ALL")).build())
        .onDemandThroughput(OnDemandThroughput.builder().maxReadRequestUnits(4000L).maxWriteRequestUnits(-1L).build())
        .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")
            .build())
        .tags(Tag.builder().key("globaltable.dev/owner").value("prod/orders").build(),
            Tag.builder().key("team").value("payments").build())
        .build();
    assertThat(call.request()).isEqualTo(expected);
    CreateTableRequest sent = (CreateTableRequest) call.request();
    assertThat(sent.globalSecondaryIndexes().get(1).projection().hasNonKeyAttributes())
        .as("KEYS_ONLY must not carry NonKeyAttributes, not even []").isFalse();
    assertThat(sent.provisionedThroughput()).isNull();
  }

  @Test
  void createTableOmitsOnDemandStreamAndTagsWhenNotWanted() {
    gateway.apply(createTableStep(OnDemandLimits.NONE, null, Map.of()));

    CreateTableRequest sent = (CreateTableRequest) onlyCall().request();
    assertThat(sent.onDemandThroughput()).isNull();
    assertThat(sent.streamSpecification()).isNull();
    assertThat(sent.hasTags()).isFalse();
    assertThat(sent.billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
  }

  @Test
  void addReplicaIsOnlyOneReplicaCreateSentToTheHomeRegion() {
    gateway.apply(new Step.AddReplica(HOME, "Orders", "eu-west-1"));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(HOME);
    assertThat(call.operation()).isEqualTo("UpdateTable");
    UpdateTableRequest expected = UpdateTableRequest.builder().tableName("Orders")
        .replicaUpdates(ReplicationGroupUpdate.builder()
            .create(CreateReplicationGroupMemberAction.builder().regionName("eu-west-1").build()).build())
        .build();
    assertThat(call.request()).isEqualTo(expected);
    UpdateTableRequest sent = (UpdateTableRequest) call.request();
    // "Replica modification must be the only operation in the request" (reference 1.2).
    assertThat(sent.hasAttributeDefinitions()).isFalse();
    assertThat(sent.hasGlobalSecondaryIndexUpdates()).isFalse();
    assertThat(sent.billingMode()).isNull();
    assertThat(sent.streamSpecification()).isNull();
    assertThat(sent.onDemandThroughput()).isNull();
    assertThat(sent.replicaUpdates()).hasSize(1);
    assertThat(sent.replicaUpdates().get(0).update()).isNull();
    assertThat(sent.replicaUpdates().get(0).delete()).isNull();
  }

  @Test
  void removeReplicaIsOnlyOneReplicaDeleteSentToTheHomeRegion() {
    gateway.apply(new Step.RemoveReplica(HOME, "Orders", "ap-northeast-1"));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(HOME);
    assertThat(call.request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .replicaUpdates(ReplicationGroupUpdate.builder()
            .delete(DeleteReplicationGroupMemberAction.builder().regionName("ap-northeast-1").build()).build())
        .build());
  }

  @Test
  void createIndexSendsAttributeDefinitionsAndOneCreateWithoutThroughput() {
    Map<String, ScalarType> defs = new LinkedHashMap<>();
    defs.put("PK", ScalarType.S);
    defs.put("SK", ScalarType.S);
    defs.put("Status", ScalarType.S);
    gateway.apply(new Step.CreateIndex(HOME, "Orders",
        new IndexDefinition("ByStatus", new KeySchema(s("Status"), s("SK")), new Projection("INCLUDE", List.of("Total"))),
        defs));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(HOME);
    assertThat(call.request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .attributeDefinitions(def("PK", "S"), def("SK", "S"), def("Status", "S"))
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .create(CreateGlobalSecondaryIndexAction.builder().indexName("ByStatus").keySchema(hash("Status"), range("SK"))
                .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("Total")).build())
            .build())
        .build());
    UpdateTableRequest sent = (UpdateTableRequest) call.request();
    assertThat(sent.globalSecondaryIndexUpdates().get(0).create().provisionedThroughput()).isNull();
    assertThat(sent.globalSecondaryIndexUpdates().get(0).create().onDemandThroughput()).isNull();
  }

  @Test
  void deleteIndexSendsOneDelete() {
    gateway.apply(new Step.DeleteIndex(HOME, "Orders", "ByStatus"));

    assertThat(onlyCall().request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .delete(DeleteGlobalSecondaryIndexAction.builder().indexName("ByStatus").build()).build())
        .build());
  }

  @Test
  void onDemandLimitsAreSentWithMinusOneForNoLimit() {
    gateway.apply(new Step.UpdateOnDemandThroughput(HOME, "Orders", new OnDemandLimits(null, 2000L)));
    gateway.apply(new Step.UpdateOnDemandThroughput(HOME, "Orders", OnDemandLimits.NONE));

    assertThat(aws.journal).hasSize(2);
    assertThat(aws.journal.get(0).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .onDemandThroughput(OnDemandThroughput.builder().maxReadRequestUnits(-1L).maxWriteRequestUnits(2000L).build())
        .build());
    assertThat(aws.journal.get(1).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .onDemandThroughput(OnDemandThroughput.builder().maxReadRequestUnits(-1L).maxWriteRequestUnits(-1L).build())
        .build());
  }

  @Test
  void streamIsEnabledWithItsViewTypeAndDisabledWithoutOne() {
    gateway.apply(new Step.UpdateStream(HOME, "Orders", "KEYS_ONLY"));
    gateway.apply(new Step.UpdateStream(HOME, "Orders", null));

    assertThat(aws.journal.get(0).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType("KEYS_ONLY").build())
        .build());
    assertThat(aws.journal.get(1).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .streamSpecification(StreamSpecification.builder().streamEnabled(false).build())
        .build());
    assertThat(((UpdateTableRequest) aws.journal.get(1).request()).streamSpecification().streamViewType()).isNull();
  }

  @Test
  void tagsGoToTheRegionOwningTheArnAsOneFullSet() {
    gateway.apply(new Step.TagTable("eu-west-1", ARN_EU, Map.of("team", "payments", "residency", "eu")));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo("eu-west-1");
    assertThat(call.operation()).isEqualTo("TagResource");
    assertThat(call.request()).isEqualTo(TagResourceRequest.builder().resourceArn(ARN_EU)
        .tags(Tag.builder().key("residency").value("eu").build(), Tag.builder().key("team").value("payments").build())
        .build());
  }

  @Test
  void untagSendsTheKeysSorted() {
    gateway.apply(new Step.UntagTable("eu-west-1", ARN_EU, Set.of("zeta", "alpha", "mid")));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo("eu-west-1");
    assertThat(call.request()).isEqualTo(UntagResourceRequest.builder().resourceArn(ARN_EU)
        .tagKeys("alpha", "mid", "zeta").build());
  }

  @Test
  void deleteTableGoesToTheStepRegion() {
    gateway.apply(new Step.DeleteTable(HOME, "Orders"));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(HOME);
    assertThat(call.request()).isEqualTo(DeleteTableRequest.builder().tableName("Orders").build());
  }

  @Test
  void everyStepTypeIsExactlyOneCallToAnAllowedOperation() {
    Map<Class<?>, Step> samples = everyStepSample();
    assertThat(samples.keySet()).as("a sample for every permitted Step type")
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(Step.class.getPermittedSubclasses()));

    for (Step step : samples.values()) {
      aws.journal.clear();
      gateway.apply(step);
      assertThat(aws.journal).as(step.describe()).hasSize(1);
      assertThat(aws.journal.get(0).region()).as(step.describe()).isEqualTo(step.region());
      // Never CreateGlobalTable, UpdateGlobalTable, UpdateGlobalTableSettings or DescribeGlobalTable*.
      assertThat(aws.journal.get(0).operation()).as(step.describe())
          .isIn("CreateTable", "UpdateTable", "DeleteTable", "TagResource", "UntagResource", "RegisterScalableTarget",
              "PutScalingPolicy", "DeregisterScalableTarget", "UpdateTimeToLive", "UpdateContinuousBackups",
              "UpdateContributorInsights", "EnableKinesisStreamingDestination", "DisableKinesisStreamingDestination",
              "PutMetricAlarm", "DeleteAlarms", "PutDashboard", "DeleteDashboards");
    }
  }

  /**
   * One sample of every permitted {@link Step} type, by type (also used by {@code IamPolicyTest} to find every action
   * a step can call).
   */
  static Map<Class<?>, Step> everyStepSample() {
    Map<Class<?>, Step> samples = new LinkedHashMap<>();
    samples.put(Step.CreateTable.class, createTableStep(OnDemandLimits.NONE, null, Map.of()));
    samples.put(Step.AddReplica.class, new Step.AddReplica(HOME, "Orders", "eu-west-1"));
    samples.put(Step.RemoveReplica.class, new Step.RemoveReplica(HOME, "Orders", "eu-west-1"));
    samples.put(Step.CreateIndex.class, new Step.CreateIndex(HOME, "Orders",
        new IndexDefinition("I", new KeySchema(s("X"), null), Projection.ALL), Map.of("PK", ScalarType.S)));
    samples.put(Step.DeleteIndex.class, new Step.DeleteIndex(HOME, "Orders", "I"));
    samples.put(Step.UpdateOnDemandThroughput.class,
        new Step.UpdateOnDemandThroughput(HOME, "Orders", OnDemandLimits.NONE));
    samples.put(Step.UpdateStream.class, new Step.UpdateStream(HOME, "Orders", null));
    samples.put(Step.TagTable.class, new Step.TagTable("eu-west-1", ARN_EU, Map.of("a", "b")));
    samples.put(Step.UntagTable.class, new Step.UntagTable("eu-west-1", ARN_EU, Set.of("a")));
    samples.put(Step.DeleteTable.class, new Step.DeleteTable(HOME, "Orders"));
    samples.put(Step.SwitchBillingMode.class, new Step.SwitchBillingMode(HOME, "Orders", "PAY_PER_REQUEST", null,
        null, null));
    samples.put(Step.UpdateProvisionedThroughput.class, new Step.UpdateProvisionedThroughput(HOME, "Orders", null,
        new ProvisionedUnits(5, 5), false));
    samples.put(Step.UpdateReplicaThroughput.class, new Step.UpdateReplicaThroughput(HOME, "Orders", "eu-west-1",
        new ReplicaOverrides(5L, null, null, null)));
    samples.put(Step.RegisterScalableTarget.class, new Step.RegisterScalableTarget("eu-west-1", "Orders", null,
        CapacityDimension.TABLE_READ, 5, 50));
    samples.put(Step.PutScalingPolicy.class, new Step.PutScalingPolicy("eu-west-1", "Orders", null,
        CapacityDimension.TABLE_READ, AUTO));
    samples.put(Step.DeregisterScalableTarget.class, new Step.DeregisterScalableTarget("eu-west-1", "Orders", null,
        CapacityDimension.TABLE_READ));
    samples.put(Step.UpdateTimeToLive.class, new Step.UpdateTimeToLive(HOME, "Orders", true, "expiresAt", "DISABLED"));
    samples.put(Step.UpdateEncryption.class, new Step.UpdateEncryption("eu-west-1", "Orders",
        EncryptionType.CUSTOMER_MANAGED, KEY_EU, "AWS owned key"));
    samples.put(Step.UpdateTableClass.class, new Step.UpdateTableClass(HOME, "Orders", "STANDARD", "IA"));
    samples.put(Step.UpdateReplicaTableClass.class, new Step.UpdateReplicaTableClass(HOME, "Orders", "eu-west-1",
        "STANDARD", "IA"));
    samples.put(Step.UpdateDeletionProtection.class, new Step.UpdateDeletionProtection("eu-west-1", "Orders", true));
    samples.put(Step.UpdatePointInTimeRecovery.class, new Step.UpdatePointInTimeRecovery("eu-west-1", "Orders",
        PointInTimeRecovery.desired(true, 7), "disabled"));
    samples.put(Step.UpdateContributorInsights.class, new Step.UpdateContributorInsights("eu-west-1", "Orders", null,
        true, "DISABLED"));
    samples.put(Step.EnableKinesisStreaming.class, new Step.EnableKinesisStreaming("eu-west-1", "Orders", STREAM_EU,
        "none"));
    samples.put(Step.DisableKinesisStreaming.class, new Step.DisableKinesisStreaming("eu-west-1", "Orders",
        STREAM_EU));
    samples.put(Step.PutMetricAlarm.class, new Step.PutMetricAlarm("eu-west-1",
        SdkAwsGatewayCloudWatchTest.systemErrorsAlarm("eu-west-1"), Map.of(), true));
    samples.put(Step.DeleteAlarms.class, new Step.DeleteAlarms("eu-west-1", List.of("globaltable/Orders/SystemErrors")));
    samples.put(Step.PutDashboard.class, new Step.PutDashboard(HOME, "globaltable-Orders", "{\"widgets\":[]}", true));
    samples.put(Step.DeleteDashboard.class, new Step.DeleteDashboard(HOME, "globaltable-Orders"));
    return samples;
  }

  // ----------------------------------------------------------------------------------------------- capacity

  private static final AutoScaling AUTO = new AutoScaling(5, 500, 70.0, 60, 30, false);

  private static ProvisionedThroughput pt(long read, long write) {
    return ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
  }

  private static Step.CreateTable provisionedCreateTable(Map<String, ProvisionedUnits> indexUnits) {
    Step.CreateTable onDemand = createTableStep(OnDemandLimits.NONE, null, Map.of());
    return new Step.CreateTable(HOME, "Orders", onDemand.keySchema(), onDemand.attributeDefinitions(), "PROVISIONED",
        null, onDemand.globalSecondaryIndexes(), onDemand.localSecondaryIndexes(), null, Map.of(),
        new ProvisionedUnits(10, 5), indexUnits, null);
  }

  @Test
  void aProvisionedCreateTableCarriesTheTableAndEveryIndexThroughput() {
    gateway.apply(provisionedCreateTable(Map.of("ByCustomer", new ProvisionedUnits(4, 3),
        "ByBlob", new ProvisionedUnits(2, 1))));

    CreateTableRequest sent = (CreateTableRequest) onlyCall().request();
    assertThat(sent.billingModeAsString()).isEqualTo("PROVISIONED");
    assertThat(sent.provisionedThroughput()).isEqualTo(pt(10, 5));
    assertThat(sent.globalSecondaryIndexes()).containsExactly(
        GlobalSecondaryIndex.builder().indexName("ByCustomer").keySchema(hash("CustomerId"), range("Amount"))
            .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("Total", "Status"))
            .provisionedThroughput(pt(4, 3)).build(),
        GlobalSecondaryIndex.builder().indexName("ByBlob").keySchema(hash("Blob"))
            .projection(p -> p.projectionType("KEYS_ONLY")).provisionedThroughput(pt(2, 1)).build());
    assertThat(sent.onDemandThroughput()).isNull();
    assertThat(sent.localSecondaryIndexes().get(0).projection().projectionTypeAsString()).isEqualTo("ALL");
  }

  @Test
  void anOnDemandCreateTableCarriesIndexLimitsOnlyWhereGiven() {
    Step.CreateTable base = createTableStep(new OnDemandLimits(4000L, 2000L), null, Map.of());
    gateway.apply(new Step.CreateTable(HOME, "Orders", base.keySchema(), base.attributeDefinitions(),
        "PAY_PER_REQUEST", base.onDemand(), base.globalSecondaryIndexes(), base.localSecondaryIndexes(), null,
        Map.of(), null, null, Map.of("ByCustomer", new OnDemandLimits(null, 300L), "ByBlob", OnDemandLimits.NONE)));

    CreateTableRequest sent = (CreateTableRequest) onlyCall().request();
    assertThat(sent.provisionedThroughput()).isNull();
    assertThat(sent.onDemandThroughput())
        .isEqualTo(OnDemandThroughput.builder().maxReadRequestUnits(4000L).maxWriteRequestUnits(2000L).build());
    assertThat(sent.globalSecondaryIndexes().get(0).onDemandThroughput())
        .isEqualTo(OnDemandThroughput.builder().maxReadRequestUnits(-1L).maxWriteRequestUnits(300L).build());
    assertThat(sent.globalSecondaryIndexes().get(0).provisionedThroughput()).isNull();
    assertThat(sent.globalSecondaryIndexes().get(1).onDemandThroughput()).as("no limits: nothing to send").isNull();
  }

  @Test
  void aReplicaIsCreatedWithOnlyTheOverridesThatAreSet() {
    gateway.apply(new Step.AddReplica(HOME, "Orders", "eu-west-1",
        new ReplicaOverrides(50L, null, Map.of("ByStatus", 8L, "ByCustomer", 9L), Map.of())));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(HOME);
    assertThat(call.request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .replicaUpdates(ReplicationGroupUpdate.builder().create(CreateReplicationGroupMemberAction.builder()
            .regionName("eu-west-1")
            .provisionedThroughputOverride(o -> o.readCapacityUnits(50L))
            .globalSecondaryIndexes(
                ReplicaGlobalSecondaryIndex.builder().indexName("ByCustomer")
                    .provisionedThroughputOverride(o -> o.readCapacityUnits(9L)).build(),
                ReplicaGlobalSecondaryIndex.builder().indexName("ByStatus")
                    .provisionedThroughputOverride(o -> o.readCapacityUnits(8L)).build())
            .build()).build())
        .build());
    CreateReplicationGroupMemberAction create = ((UpdateTableRequest) call.request()).replicaUpdates().get(0).create();
    assertThat(create.onDemandThroughputOverride()).isNull();
    assertThat(create.globalSecondaryIndexes().get(0).onDemandThroughputOverride()).isNull();
  }

  @Test
  void anUnlimitedMaxReadOverrideIsSentAsMinusOne() {
    gateway.apply(new Step.AddReplica(HOME, "Orders", "ap-northeast-1",
        new ReplicaOverrides(null, -5L, Map.of(), Map.of("ByCustomer", 700L, "ByBlob", -1L))));

    assertThat(onlyCall().request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .replicaUpdates(ReplicationGroupUpdate.builder().create(CreateReplicationGroupMemberAction.builder()
            .regionName("ap-northeast-1")
            .onDemandThroughputOverride(o -> o.maxReadRequestUnits(-1L))
            .globalSecondaryIndexes(
                ReplicaGlobalSecondaryIndex.builder().indexName("ByBlob")
                    .onDemandThroughputOverride(o -> o.maxReadRequestUnits(-1L)).build(),
                ReplicaGlobalSecondaryIndex.builder().indexName("ByCustomer")
                    .onDemandThroughputOverride(o -> o.maxReadRequestUnits(700L)).build())
            .build()).build())
        .build());
  }

  @Test
  void replicaOverridesAreUpdatedAloneInTheirRequest() {
    gateway.apply(new Step.UpdateReplicaThroughput(HOME, "Orders", "eu-west-1",
        new ReplicaOverrides(40L, null, Map.of("ByCustomer", 6L), Map.of())));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(HOME);
    assertThat(call.operation()).isEqualTo("UpdateTable");
    assertThat(call.request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .replicaUpdates(ReplicationGroupUpdate.builder().update(UpdateReplicationGroupMemberAction.builder()
            .regionName("eu-west-1")
            .provisionedThroughputOverride(o -> o.readCapacityUnits(40L))
            .globalSecondaryIndexes(ReplicaGlobalSecondaryIndex.builder().indexName("ByCustomer")
                .provisionedThroughputOverride(o -> o.readCapacityUnits(6L)).build())
            .build()).build())
        .build());
    UpdateTableRequest sent = (UpdateTableRequest) call.request();
    // "Replica modification must be the only operation in the request" (reference 1.2).
    assertThat(sent.provisionedThroughput()).isNull();
    assertThat(sent.billingMode()).isNull();
    assertThat(sent.hasGlobalSecondaryIndexUpdates()).isFalse();
    assertThat(sent.replicaUpdates().get(0).update().onDemandThroughputOverride()).isNull();
  }

  @Test
  void aProvisionedIndexIsCreatedWithItsThroughputAndAnOnDemandOneWithItsLimits() {
    IndexDefinition byStatus = new IndexDefinition("ByStatus", new KeySchema(s("Status"), null), Projection.ALL);
    Map<String, ScalarType> defs = new LinkedHashMap<>();
    defs.put("PK", ScalarType.S);
    defs.put("Status", ScalarType.S);
    gateway.apply(new Step.CreateIndex(HOME, "Orders", byStatus, defs, new ProvisionedUnits(6, 2), null));
    gateway.apply(new Step.CreateIndex(HOME, "Orders", byStatus, defs, null, new OnDemandLimits(900L, null)));

    assertThat(aws.journal).hasSize(2);
    assertThat(aws.journal.get(0).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .attributeDefinitions(def("PK", "S"), def("Status", "S"))
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .create(CreateGlobalSecondaryIndexAction.builder().indexName("ByStatus").keySchema(hash("Status"))
                .projection(p -> p.projectionType("ALL")).provisionedThroughput(pt(6, 2)).build())
            .build())
        .build());
    assertThat(aws.journal.get(1).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .attributeDefinitions(def("PK", "S"), def("Status", "S"))
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .create(CreateGlobalSecondaryIndexAction.builder().indexName("ByStatus").keySchema(hash("Status"))
                .projection(p -> p.projectionType("ALL"))
                .onDemandThroughput(o -> o.maxReadRequestUnits(900L).maxWriteRequestUnits(-1L)).build())
            .build())
        .build());
  }

  @Test
  void indexOnDemandLimitsAreAnIndexUpdate() {
    gateway.apply(new Step.UpdateOnDemandThroughput(HOME, "Orders", new OnDemandLimits(500L, null), "ByCustomer"));

    UpdateTableRequest sent = (UpdateTableRequest) onlyCall().request();
    assertThat(sent).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .update(UpdateGlobalSecondaryIndexAction.builder().indexName("ByCustomer")
                .onDemandThroughput(o -> o.maxReadRequestUnits(500L).maxWriteRequestUnits(-1L)).build())
            .build())
        .build());
    assertThat(sent.onDemandThroughput()).as("the table's own limits are not touched").isNull();
  }

  @Test
  void switchingToProvisionedSeedsTheTableAndEveryIndexInOneCall() {
    gateway.apply(new Step.SwitchBillingMode(HOME, "Orders", "PROVISIONED", new ProvisionedUnits(10, 5),
        Map.of("ByStatus", new ProvisionedUnits(2, 2), "ByCustomer", new ProvisionedUnits(4, 5)), null));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(HOME);
    assertThat(call.request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .billingMode("PROVISIONED")
        .provisionedThroughput(pt(10, 5))
        .globalSecondaryIndexUpdates(
            GlobalSecondaryIndexUpdate.builder().update(u -> u.indexName("ByCustomer").provisionedThroughput(pt(4, 5)))
                .build(),
            GlobalSecondaryIndexUpdate.builder().update(u -> u.indexName("ByStatus").provisionedThroughput(pt(2, 2)))
                .build())
        .build());
    assertThat(((UpdateTableRequest) call.request()).onDemandThroughput()).isNull();
  }

  @Test
  void switchingToPayPerRequestCarriesTheTableLimitsOnlyWhenThereAreAny() {
    gateway.apply(new Step.SwitchBillingMode(HOME, "Orders", "PAY_PER_REQUEST", null, null,
        new OnDemandLimits(4000L, null)));
    gateway.apply(new Step.SwitchBillingMode(HOME, "Orders", "PAY_PER_REQUEST", null, null, OnDemandLimits.NONE));

    assertThat(aws.journal).hasSize(2);
    assertThat(aws.journal.get(0).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .billingMode("PAY_PER_REQUEST")
        .onDemandThroughput(o -> o.maxReadRequestUnits(4000L).maxWriteRequestUnits(-1L))
        .build());
    assertThat(aws.journal.get(1).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .billingMode("PAY_PER_REQUEST").build());
  }

  @Test
  void provisionedThroughputOfTheTableOrOfOneIndex() {
    gateway.apply(new Step.UpdateProvisionedThroughput(HOME, "Orders", null, new ProvisionedUnits(20, 5), false));
    gateway.apply(new Step.UpdateProvisionedThroughput(HOME, "Orders", "ByCustomer", new ProvisionedUnits(3, 5),
        true));

    assertThat(aws.journal).hasSize(2);
    assertThat(aws.journal).allSatisfy(c -> assertThat(c.region()).isEqualTo(HOME));
    assertThat(aws.journal.get(0).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .provisionedThroughput(pt(20, 5)).build());
    assertThat(aws.journal.get(1).request()).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .update(u -> u.indexName("ByCustomer").provisionedThroughput(pt(3, 5))).build())
        .build());
  }

  // ----------------------------------------------------------------------------------------------- autoscaling

  @Test
  void aScalableTargetIsRegisteredInTheStepsRegionWithoutARole() {
    gateway.apply(new Step.RegisterScalableTarget("eu-west-1", "Orders", "ByCustomer", CapacityDimension.INDEX_READ,
        5, 400));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo("eu-west-1");
    assertThat(call.operation()).isEqualTo("RegisterScalableTarget");
    assertThat(call.request()).isEqualTo(RegisterScalableTargetRequest.builder()
        .serviceNamespace("dynamodb")
        .resourceId("table/Orders/index/ByCustomer")
        .scalableDimension("dynamodb:index:ReadCapacityUnits")
        .minCapacity(5)
        .maxCapacity(400)
        .build());
  }

  @Test
  void aScalingPolicyIsTargetTrackingUnderTheOperatorsNameWithEverySettingSent() {
    gateway.apply(new Step.PutScalingPolicy("ap-northeast-1", "Orders", null, CapacityDimension.TABLE_WRITE,
        new AutoScaling(5, 500, 62.5, 0, 0, false)));
    gateway.apply(new Step.PutScalingPolicy("us-east-1", "Orders", "ByStatus", CapacityDimension.INDEX_READ, AUTO));

    assertThat(aws.operations()).containsExactly("ap-northeast-1 PutScalingPolicy", "us-east-1 PutScalingPolicy");
    assertThat(aws.journal.get(0).request()).isEqualTo(PutScalingPolicyRequest.builder()
        .policyName("DynamoDBWriteCapacityUtilization:table/Orders")
        .serviceNamespace("dynamodb")
        .resourceId("table/Orders")
        .scalableDimension("dynamodb:table:WriteCapacityUnits")
        .policyType("TargetTrackingScaling")
        .targetTrackingScalingPolicyConfiguration(c -> c
            .predefinedMetricSpecification(m -> m.predefinedMetricType("DynamoDBWriteCapacityUtilization"))
            .targetValue(62.5).scaleInCooldown(0).scaleOutCooldown(0).disableScaleIn(false))
        .build());
    assertThat(aws.journal.get(1).request()).isEqualTo(PutScalingPolicyRequest.builder()
        .policyName("DynamoDBReadCapacityUtilization:table/Orders/index/ByStatus")
        .serviceNamespace("dynamodb")
        .resourceId("table/Orders/index/ByStatus")
        .scalableDimension("dynamodb:index:ReadCapacityUnits")
        .policyType("TargetTrackingScaling")
        .targetTrackingScalingPolicyConfiguration(c -> c
            .predefinedMetricSpecification(m -> m.predefinedMetricType("DynamoDBReadCapacityUtilization"))
            .targetValue(70.0).scaleInCooldown(60).scaleOutCooldown(30).disableScaleIn(false))
        .build());
  }

  @Test
  void aScalableTargetIsDeregisteredInTheStepsRegion() {
    gateway.apply(new Step.DeregisterScalableTarget("ap-northeast-1", "Orders", "ByStatus",
        CapacityDimension.INDEX_WRITE));

    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo("ap-northeast-1");
    assertThat(call.request()).isEqualTo(DeregisterScalableTargetRequest.builder()
        .serviceNamespace("dynamodb")
        .resourceId("table/Orders/index/ByStatus")
        .scalableDimension("dynamodb:index:WriteCapacityUnits")
        .build());
  }

  @Test
  void mutationsGoThroughTheMutationClientsOfEachService() {
    RecordingDynamoDb writes = new RecordingDynamoDb();
    RegionalClients split = new RegionalClients() {
      @Override
      public DynamoDbClient dynamoDb(String region) {
        throw new AssertionError("reads client used for a mutation");
      }

      @Override
      public DynamoDbClient dynamoDbForMutations(String region) {
        return writes.dynamoDb(region);
      }

      @Override
      public ApplicationAutoScalingClient applicationAutoScaling(String region) {
        throw new AssertionError("reads client used for a mutation");
      }

      @Override
      public ApplicationAutoScalingClient applicationAutoScalingForMutations(String region) {
        return writes.applicationAutoScaling(region);
      }

      @Override
      public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch(String region) {
        throw new AssertionError("reads client used for a mutation");
      }

      @Override
      public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatchForMutations(String region) {
        return writes.cloudWatch(region);
      }
    };
    SdkAwsGateway g = new SdkAwsGateway(split);
    g.apply(new Step.UpdateProvisionedThroughput(HOME, "Orders", null, new ProvisionedUnits(2, 2), false));
    g.apply(new Step.RegisterScalableTarget(HOME, "Orders", null, CapacityDimension.TABLE_WRITE, 1, 10));
    g.apply(new Step.DeleteAlarms(HOME, List.of("globaltable/Orders/SystemErrors")));
    g.apply(new Step.DeleteDashboard(HOME, "globaltable-Orders"));

    assertThat(writes.operations()).containsExactly("us-east-1 UpdateTable", "us-east-1 RegisterScalableTarget",
        "us-east-1 DeleteAlarms", "us-east-1 DeleteDashboards");
  }

  private static <T extends AwsServiceException> T aas(AwsServiceException.Builder b, String code, String message,
      int status) {
    @SuppressWarnings("unchecked")
    T e = (T) b.message(message).statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
        .errorMessage(message).serviceName("ApplicationAutoScaling").build()).build();
    return e;
  }

  @Test
  void aPendingAutoScalingUpdateIsAWait() {
    String text = "You already have a pending update to an Application Auto Scaling resource.";
    aws.fail("eu-west-1", "PutScalingPolicy", aas(ConcurrentUpdateException.builder(), "ConcurrentUpdateException",
        text, 400));

    assertThatThrownBy(() -> gateway.apply(new Step.PutScalingPolicy("eu-west-1", "Orders", null,
        CapacityDimension.TABLE_READ, AUTO)))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
          assertThat(e.service()).isEqualTo("application-autoscaling");
          assertThat(e.operation()).isEqualTo("PutScalingPolicy");
          assertThat(e.region()).isEqualTo("eu-west-1");
          assertThat(e.errorCode()).isEqualTo("ConcurrentUpdateException");
          assertThat(e.getMessage()).isEqualTo(text);
          assertThat(e.getCause()).isInstanceOf(ConcurrentUpdateException.class);
        });
  }

  @Test
  void aTargetNotFoundIsAWaitForDeregisterAndForAPolicyPutRightAfterItsRegister() {
    String text = "No scalable target registered for service namespace: dynamodb, resource ID: table/Orders, "
        + "scalable dimension: dynamodb:table:ReadCapacityUnits";
    aws.fail(HOME, "DeregisterScalableTarget", aas(ObjectNotFoundException.builder(), "ObjectNotFoundException",
        text, 400));
    aws.fail(HOME, "PutScalingPolicy", aas(ObjectNotFoundException.builder(), "ObjectNotFoundException", text, 400));

    assertThatThrownBy(() -> gateway.apply(new Step.DeregisterScalableTarget(HOME, "Orders", null,
        CapacityDimension.TABLE_READ)))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
          assertThat(e.service()).isEqualTo("application-autoscaling");
          assertThat(e.errorCode()).isEqualTo("ObjectNotFoundException");
        });
    assertThatThrownBy(() -> gateway.apply(new Step.PutScalingPolicy(HOME, "Orders", null,
        CapacityDimension.TABLE_READ, AUTO)))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          // AAS is briefly eventually consistent after a register (reference 4.2): the next pass decides again.
          assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
          assertThat(e.describe()).isEqualTo("PutScalingPolicy in us-east-1 failed: ObjectNotFoundException: " + text);
        });
  }

  @Test
  void aCapacityBeyondApplicationAutoScalingsIntegerIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> gateway.apply(new Step.RegisterScalableTarget(HOME, "Orders", null,
        CapacityDimension.TABLE_READ, 1, 3_000_000_000L)))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.service()).isEqualTo("application-autoscaling");
          assertThat(e.operation()).isEqualTo("RegisterScalableTarget");
          assertThat(e.getMessage()).isEqualTo("MaxCapacity 3000000000 is out of range for Application Auto Scaling");
        });
    assertThat(aws.journal).isEmpty();
  }

  @Test
  void aBusyTableBecomesAWaitWithAwsOwnText() {
    aws.fail(HOME, "UpdateTable", (ResourceInUseException) ResourceInUseException.builder()
        .message("The resource which you are attempting to change is in use. (Service: DynamoDb, Status Code: 400)")
        .statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceInUseException")
            .errorMessage("The resource which you are attempting to change is in use.").build())
        .build());

    assertThatThrownBy(() -> gateway.apply(new Step.AddReplica(HOME, "Orders", "eu-west-1")))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
          assertThat(e.service()).isEqualTo("dynamodb");
          assertThat(e.operation()).isEqualTo("UpdateTable");
          assertThat(e.region()).isEqualTo(HOME);
          assertThat(e.errorCode()).isEqualTo("ResourceInUseException");
          assertThat(e.getMessage()).isEqualTo("The resource which you are attempting to change is in use.");
          assertThat(e.getCause()).isInstanceOf(ResourceInUseException.class);
        });
    assertThat(aws.journal).hasSize(1);
  }

  @Test
  void aValidationErrorIsTerminal() {
    String text = "One or more parameter values were invalid: Replica modification must be the only operation in the "
        + "request";
    aws.fail(HOME, "UpdateTable", (DynamoDbException) DynamoDbException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage(text).build())
        .build());

    assertThatThrownBy(() -> gateway.apply(new Step.RemoveReplica(HOME, "Orders", "eu-west-1")))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.errorCode()).isEqualTo("ValidationException");
          assertThat(e.getMessage()).isEqualTo(text);
          assertThat(e.describe()).isEqualTo("UpdateTable in us-east-1 failed: ValidationException: " + text);
        });
  }

  @Test
  void tableNameIsReadFromTheArnForLogs() {
    assertThat(SdkAwsGateway.tableNameOf(ARN_EU)).isEqualTo("Orders");
    assertThat(SdkAwsGateway.tableNameOf("arn:aws:dynamodb:ddblocal:000000000000:table/My.Table-1/index/I"))
        .isEqualTo("My.Table-1");
    assertThat(SdkAwsGateway.tableNameOf("Orders")).isEqualTo("Orders");
  }

  // ------------------------------------------------------------------------------------ per-region settings

  /** The only call, after asserting it went to {@code region} as {@code operation}. */
  private SdkRequest onlyCall(String region, String operation) {
    RecordingDynamoDb.Call call = onlyCall();
    assertThat(call.region()).isEqualTo(region);
    assertThat(call.operation()).isEqualTo(operation);
    return call.request();
  }

  @Test
  void timeToLiveIsEnabledAndDisabledWithItsAttributeInTheStepsRegion() {
    gateway.apply(new Step.UpdateTimeToLive(HOME, "Orders", true, "expiresAt", "DISABLED"));
    assertThat(onlyCall(HOME, "UpdateTimeToLive")).isEqualTo(UpdateTimeToLiveRequest.builder().tableName("Orders")
        .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(true).attributeName("expiresAt").build())
        .build());

    aws.journal.clear();
    gateway.apply(new Step.UpdateTimeToLive(HOME, "Orders", false, "expiresAt", "ENABLED on expiresAt"));
    assertThat(onlyCall(HOME, "UpdateTimeToLive")).isEqualTo(UpdateTimeToLiveRequest.builder().tableName("Orders")
        .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(false).attributeName("expiresAt").build())
        .build());
  }

  @Test
  void encryptionIsTheOnlyChangeInItsUpdateTableOneShapePerType() {
    gateway.apply(new Step.UpdateEncryption(HOME, "Orders", EncryptionType.AWS_OWNED, null, "KMS"));
    assertThat(onlyCall(HOME, "UpdateTable")).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .sseSpecification(SSESpecification.builder().enabled(false).build()).build());

    aws.journal.clear();
    gateway.apply(new Step.UpdateEncryption(HOME, "Orders", EncryptionType.AWS_MANAGED, null, "AWS owned key"));
    assertThat(onlyCall(HOME, "UpdateTable")).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .sseSpecification(SSESpecification.builder().enabled(true).sseType(SSEType.KMS).build()).build());

    // A replica's own key is set in the replica's region (reference 3), never through ReplicaUpdates.
    aws.journal.clear();
    gateway.apply(new Step.UpdateEncryption("eu-west-1", "Orders", EncryptionType.CUSTOMER_MANAGED, KEY_EU,
        "AWS managed key"));
    assertThat(onlyCall("eu-west-1", "UpdateTable")).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .sseSpecification(SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(KEY_EU).build())
        .build());
  }

  @Test
  void theBaseTableClassIsAnUpdateTableAndAReplicasIsAReplicaUpdateSentHome() {
    gateway.apply(new Step.UpdateTableClass(HOME, "Orders", "STANDARD_INFREQUENT_ACCESS", "STANDARD"));
    assertThat(onlyCall(HOME, "UpdateTable")).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .tableClass("STANDARD_INFREQUENT_ACCESS").build());

    aws.journal.clear();
    gateway.apply(new Step.UpdateReplicaTableClass(HOME, "Orders", "eu-west-1", "STANDARD",
        "STANDARD_INFREQUENT_ACCESS"));
    assertThat(onlyCall(HOME, "UpdateTable")).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .replicaUpdates(ReplicationGroupUpdate.builder().update(UpdateReplicationGroupMemberAction.builder()
            .regionName("eu-west-1").tableClassOverride("STANDARD").build()).build())
        .build());
  }

  @Test
  void deletionProtectionIsSetInTheStepsOwnRegion() {
    gateway.apply(new Step.UpdateDeletionProtection("eu-west-1", "Orders", true));
    assertThat(onlyCall("eu-west-1", "UpdateTable")).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .deletionProtectionEnabled(true).build());

    aws.journal.clear();
    gateway.apply(new Step.UpdateDeletionProtection(HOME, "Orders", false));
    assertThat(onlyCall(HOME, "UpdateTable")).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .deletionProtectionEnabled(false).build());
  }

  @Test
  void pointInTimeRecoveryUsesTheTableNameAndSendsThePeriodWhenEnabling() {
    gateway.apply(new Step.UpdatePointInTimeRecovery("eu-west-1", "Orders", PointInTimeRecovery.desired(true, 7),
        "disabled"));
    assertThat(onlyCall("eu-west-1", "UpdateContinuousBackups")).isEqualTo(UpdateContinuousBackupsRequest.builder()
        .tableName("Orders").pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7).build())
        .build());

    aws.journal.clear();
    // No period in the spec: AWS's default, sent explicitly so that a table kept at another period converges.
    gateway.apply(new Step.UpdatePointInTimeRecovery("eu-west-1", "Orders", PointInTimeRecovery.desired(true, null),
        "enabled (7 days)"));
    assertThat(onlyCall("eu-west-1", "UpdateContinuousBackups")).isEqualTo(UpdateContinuousBackupsRequest.builder()
        .tableName("Orders").pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(35).build())
        .build());

    // "Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery" (reference 7.2), even if a caller
    // built the value with a period.
    aws.journal.clear();
    gateway.apply(new Step.UpdatePointInTimeRecovery(HOME, "Orders", new PointInTimeRecovery(false, 7, null),
        "enabled (7 days)"));
    assertThat(onlyCall(HOME, "UpdateContinuousBackups")).isEqualTo(UpdateContinuousBackupsRequest.builder()
        .tableName("Orders").pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(false).build())
        .build());
  }

  @Test
  void contributorInsightsOfTheTableOrOneIndexEnableWithTheirModeAndDisableWithout() {
    gateway.apply(new Step.UpdateContributorInsights("eu-west-1", "Orders", null, true, "DISABLED"));
    assertThat(onlyCall("eu-west-1", "UpdateContributorInsights")).isEqualTo(UpdateContributorInsightsRequest
        .builder().tableName("Orders").contributorInsightsAction(ContributorInsightsAction.ENABLE)
        .contributorInsightsMode(ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS).build());

    aws.journal.clear();
    gateway.apply(new Step.UpdateContributorInsights(HOME, "Orders", "ByCustomer", false, "ENABLED"));
    assertThat(onlyCall(HOME, "UpdateContributorInsights")).isEqualTo(UpdateContributorInsightsRequest.builder()
        .tableName("Orders").indexName("ByCustomer").contributorInsightsAction(ContributorInsightsAction.DISABLE)
        .build());
  }

  @Test
  void kinesisStreamingIsEnabledAndDisabledInTheStepsRegionByTableNameAndStreamArn() {
    gateway.apply(new Step.EnableKinesisStreaming("eu-west-1", "Orders", STREAM_EU, "none"));
    assertThat(onlyCall("eu-west-1", "EnableKinesisStreamingDestination")).isEqualTo(
        EnableKinesisStreamingDestinationRequest.builder().tableName("Orders").streamArn(STREAM_EU).build());

    aws.journal.clear();
    gateway.apply(new Step.DisableKinesisStreaming("eu-west-1", "Orders", STREAM_EU));
    assertThat(onlyCall("eu-west-1", "DisableKinesisStreamingDestination")).isEqualTo(
        DisableKinesisStreamingDestinationRequest.builder().tableName("Orders").streamArn(STREAM_EU).build());
  }

  @Test
  void createTableCarriesTableClassDeletionProtectionAndEncryptionWhenSet() {
    Step.CreateTable base = createTableStep(OnDemandLimits.NONE, null, Map.of());
    Step.CreateTable withOptions = new Step.CreateTable(HOME, "Orders", base.keySchema(), base.attributeDefinitions(),
        "PAY_PER_REQUEST", null, base.globalSecondaryIndexes(), base.localSecondaryIndexes(), null, Map.of(), null,
        null, null, new Step.CreateOptions("STANDARD_INFREQUENT_ACCESS", true, EncryptionType.CUSTOMER_MANAGED,
            KEY_HOME));

    gateway.apply(withOptions);

    CreateTableRequest sent = (CreateTableRequest) onlyCall(HOME, "CreateTable");
    gateway.apply(base);
    CreateTableRequest plain = (CreateTableRequest) aws.journal.get(1).request();
    assertThat(sent).isEqualTo(plain.toBuilder().tableClass("STANDARD_INFREQUENT_ACCESS").deletionProtectionEnabled(true)
        .sseSpecification(SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(KEY_HOME)
            .build())
        .build());
    // Unset options are not sent at all: AWS's defaults.
    assertThat(plain.tableClass()).isNull();
    assertThat(plain.deletionProtectionEnabled()).isNull();
    assertThat(plain.sseSpecification()).isNull();
  }

  @Test
  void createTableSendsOnlyTheOptionsThatAreSet() {
    Step.CreateTable base = createTableStep(OnDemandLimits.NONE, null, Map.of());
    gateway.apply(new Step.CreateTable(HOME, "Orders", base.keySchema(), base.attributeDefinitions(),
        "PAY_PER_REQUEST", null, base.globalSecondaryIndexes(), base.localSecondaryIndexes(), null, Map.of(), null,
        null, null, new Step.CreateOptions(null, false, EncryptionType.AWS_MANAGED, null)));

    CreateTableRequest sent = (CreateTableRequest) onlyCall(HOME, "CreateTable");
    assertThat(sent.tableClass()).isNull();
    assertThat(sent.deletionProtectionEnabled()).isFalse();
    assertThat(sent.sseSpecification()).isEqualTo(SSESpecification.builder().enabled(true).sseType(SSEType.KMS)
        .build());
  }

  @Test
  void aReplicaIsCreatedWithItsTableClassAndKeyWhenSet() {
    gateway.apply(new Step.AddReplica(HOME, "Orders", "eu-west-1", ReplicaOverrides.NONE,
        "STANDARD_INFREQUENT_ACCESS", KEY_EU));

    assertThat(onlyCall(HOME, "UpdateTable")).isEqualTo(UpdateTableRequest.builder().tableName("Orders")
        .replicaUpdates(ReplicationGroupUpdate.builder().create(CreateReplicationGroupMemberAction.builder()
            .regionName("eu-west-1").tableClassOverride("STANDARD_INFREQUENT_ACCESS").kmsMasterKeyId(KEY_EU).build())
            .build())
        .build());
  }

  @Test
  void aBudgetRefusalCarriesTheHoldPlacedWithTheGatewaysClock() {
    Instant now = Instant.parse("2026-12-02T15:00:00Z");
    SdkAwsGateway clocked = new SdkAwsGateway(aws, Clock.fixed(now, ZoneOffset.UTC));
    String text = "Time to live has been modified multiple times within a fixed interval";
    aws.fail(HOME, "UpdateTimeToLive", (DynamoDbException) DynamoDbException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage(text).build())
        .build());

    assertThatThrownBy(() -> clocked.apply(new Step.UpdateTimeToLive(HOME, "Orders", true, "expiresAt", "DISABLED")))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
          assertThat(e.operation()).isEqualTo("UpdateTimeToLive");
          assertThat(e.notBefore()).isEqualTo(Instant.parse("2026-12-02T15:30:00Z"));
          assertThat(e.cooldownReason()).isEqualTo("AWS allows one time-to-live change per table per hour");
        });
  }
}
