package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.KinesisDataStreamDestination;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.TableClass;

/** SSE, TableClass, Contributor Insights and Kinesis destinations (aws-semantics 1.2, 1.5, 2, 3, 7.4, 7.5). */
class EncryptionClassInsightsKinesisConformanceTest extends SimTestSupport {
  static final String KMS_EACH = "One or more parameter values were invalid: KMSMasterKeyId must be specified for "
      + "each replica.";
  static final String CMK_US = "arn:aws:kms:us-east-1:111122223333:key/cmk-us";
  static final String CMK_EU = "arn:aws:kms:eu-west-1:111122223333:key/cmk-eu";

  private SSEDescription sse(DynamoDbClient c) {
    return describe(c).sseDescription();
  }

  private void sseKms(DynamoDbClient c, String keyOrNull) {
    c.updateTable(b -> b.tableName(T).sseSpecification(s -> s.enabled(true).sseType("KMS").kmsMasterKeyId(keyOrNull)));
  }

  private void sseOff(DynamoDbClient c) {
    c.updateTable(b -> b.tableName(T).sseSpecification(s -> s.enabled(false)));
  }

  private ReplicaDescription entry(DynamoDbClient c, String region) {
    return describe(c).replicas().stream().filter(r -> r.regionName().equals(region)).findFirst().orElseThrow();
  }

  // ------------------------------------------------------------------------------------------------ SSE

  @Test
  void createTableWithKmsShowsTheKeyAndAwsOwnedShowsNothing() {
    us.createTable(table(T).sseSpecification(s -> s.enabled(true).sseType("KMS")).build());
    us.createTable(table("Plain").build());
    us.createTable(table("Cmk").sseSpecification(s -> s.enabled(true).kmsMasterKeyId("cmk-us")).build());
    advance(6);
    assertThat(sse(us).statusAsString()).isEqualTo("ENABLED");
    assertThat(sse(us).sseTypeAsString()).isEqualTo("KMS");
    assertThat(sse(us).kmsMasterKeyArn()).isEqualTo(aws.awsManagedKmsKey(US))
        .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/aws-managed-dynamodb");
    assertThat(us.describeTable(b -> b.tableName("Plain")).table().sseDescription()).isNull();
    assertThat(us.describeTable(b -> b.tableName("Cmk")).table().sseDescription().kmsMasterKeyArn())
        .isEqualTo(CMK_US); // a bare key id is reported as the full regional ARN
  }

  @Test
  void sseTypeFansOutWithEachRegionsAwsManagedKey() {
    createGlobal();
    sseKms(us, null);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(sse(us).statusAsString()).isEqualTo("UPDATING");
    assertThat(sse(eu).statusAsString()).isEqualTo("UPDATING");
    assertThat(sse(eu).kmsMasterKeyArn()).isEqualTo(aws.awsManagedKmsKey(EU));
    assertThat(entry(us, EU).kmsMasterKeyId()).isEqualTo(aws.awsManagedKmsKey(EU));
    assertInUse(() -> sseOff(us), TERSE);
    advance(21);
    assertThat(sse(us).statusAsString()).isEqualTo("UPDATING");
    advance(1);
    assertThat(sse(us).statusAsString()).isEqualTo("ENABLED");
    assertThat(sse(eu).statusAsString()).isEqualTo("ENABLED");
    sseOff(eu); // back to AWS owned, from the replica's region: the type fans out too
    advance(22);
    assertThat(sse(us)).isNull();
    assertThat(sse(eu)).isNull();
  }

  @Test
  void sseMustBeTheOnlyOperation() {
    createActive();
    assertValidation(() -> us.updateTable(b -> b.tableName(T).sseSpecification(s -> s.enabled(true))
            .deletionProtectionEnabled(true)),
        "One or more parameter values were invalid: Server-Side Encryption modification must be the only operation "
            + "in the request");
    assertValidation(() -> us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
            .deletionProtectionEnabled(true)),
        "One or more parameter values were invalid: TableClass modification must be the only operation in the "
            + "request");
    assertThat(sse(us)).isNull();
  }

  @Test
  void customerManagedKeysArePerRegion() {
    createGlobal();
    assertValidation(() -> sseKms(us, CMK_US), KMS_EACH); // the replicas would need keys of their own
    removeReplica(us, EU);
    advance(145);
    sseKms(us, CMK_US);
    advance(22);
    assertValidation(() -> addReplica(us, EU), KMS_EACH);
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
            .create(x -> x.regionName(EU).kmsMasterKeyId(CMK_US)).build())),
        "One or more parameter values were invalid: KMSMasterKeyId " + CMK_US + " is not in region eu-west-1 of "
            + "the table.");
    us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .create(x -> x.regionName(EU).kmsMasterKeyId(CMK_EU)).build()));
    advance(20);
    assertThat(sse(eu).kmsMasterKeyArn()).isEqualTo(CMK_EU);
    assertThat(entry(us, EU).kmsMasterKeyId()).isEqualTo(CMK_EU);
    assertValidation(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .update(x -> x.regionName(EU).kmsMasterKeyId(CMK_EU + "2")).build())), KMS_EACH);
    // Rotation: SSESpecification in the replica's own region changes that region only.
    sseKms(eu, CMK_EU + "2");
    assertThat(sse(eu).kmsMasterKeyArn()).isEqualTo(CMK_EU + "2");
    assertThat(sse(eu).statusAsString()).isEqualTo("UPDATING");
    assertThat(sse(us).kmsMasterKeyArn()).isEqualTo(CMK_US);
    assertThat(sse(us).statusAsString()).isEqualTo("ENABLED");
  }

  @Test
  void encryptionChangesAreFourPer24HoursThenOnePerSixHours() {
    createActive(); // 10:00:06
    for (int i = 0; i < 4; i++) {
      if (i % 2 == 0) {
        sseKms(us, null);
      } else {
        sseOff(us);
      }
      advance(22);
    }
    assertLimitExceeded(() -> sseKms(us, null), "Subscriber limit exceeded: Encryption mode changes are limited in "
        + "the 24h window ending at 2026-11-23T10:01:34Z. After the first 4 change, each subsequent change in the "
        + "same 24h window can be performed at most once every 21600 seconds. Next changes can be made at "
        + "2026-11-23T16:01:12Z.");
    clock.advance(Duration.parse("PT5H59M38S")); // 16:01:12
    sseKms(us, null);
    assertThat(sse(us).statusAsString()).isEqualTo("UPDATING");
  }

  // ------------------------------------------------------------------------------------------------ TableClass

  @Test
  void tableClassOnCreateAndAbsentMeansStandard() {
    us.createTable(table(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS).build());
    us.createTable(table("Plain").build());
    assertThat(describe(us).tableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
    assertThat(us.describeTable(b -> b.tableName("Plain")).table().tableClassSummary()).isNull();
    assertThat(aws.inspect().tableClass(US, "Plain")).contains("STANDARD");
  }

  @Test
  void tableClassOnTheBaseReachesEveryReplicaAndHoldsItUpdating() {
    createGlobal();
    us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .create(x -> x.regionName(AP).tableClassOverride(TableClass.STANDARD)).build()));
    advance(7); // AP entry CREATING
    assertInUse(() -> us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)), TERSE);
    advance(13);
    assertThat(entry(us, AP).replicaTableClassSummary().tableClassAsString()).isEqualTo("STANDARD");
    assertThat(entry(us, EU).replicaTableClassSummary()).isNull();
    us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    advance(34);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    advance(1);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(describe(eu).tableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
    // "Applied to every replica": the AP override is replaced by the base's class (and is no longer an override).
    assertThat(describe(ap).tableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
    assertThat(aws.inspect().tableClassOverride(AP, T)).isFalse();
    // Inherited classes are not listed as ReplicaTableClassSummary (aws-semantics 2.2: present once set explicitly).
    assertThat(entry(us, EU).replicaTableClassSummary()).isNull();
    assertThat(entry(us, AP).replicaTableClassSummary()).isNull();
  }

  @Test
  void sameValueTableClassOverrideIsARealUpdatingCycle() {
    createGlobal();
    us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .update(x -> x.regionName(EU).tableClassOverride(TableClass.STANDARD)).build()));
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    advance(35);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(entry(us, EU).replicaTableClassSummary().tableClassAsString()).isEqualTo("STANDARD");
    assertThat(aws.inspect().tableClassOverride(EU, T)).isTrue();
  }

  @Test
  void tableClassBudgetIsTwoChangesIn30Days() {
    createActive();
    us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
    advance(5);
    us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD));
    advance(5);
    assertLimitExceeded(() -> us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)),
        "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s).");
    clock.advance(Duration.ofDays(30));
    us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
    assertThat(aws.inspect().tableClass(US, T)).contains("STANDARD_INFREQUENT_ACCESS");
  }

  @Test
  void aBaseChangeFailsWhenAReplicaHasNoBudgetLeft() {
    createGlobal();
    us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
    advance(35);
    us.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD));
    advance(35);
    addReplica(us, AP);
    advance(20);
    assertLimitExceeded(() -> ap.updateTable(b -> b.tableName(T).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)),
        "Limit exceeded for replica in us-east-1. Updates to TableClass are limited to 2 times in 30 day(s)");
    assertThat(aws.inspect().tableClass(AP, T)).contains("STANDARD");
    assertLimitExceeded(() -> us.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
            .update(x -> x.regionName(EU).tableClassOverride(TableClass.STANDARD_INFREQUENT_ACCESS)).build())),
        "Limit exceeded for replica in eu-west-1. Updates to TableClass are limited to 2 times in 30 day(s)");
  }

  // ------------------------------------------------------------------------------------------------ Contributor Insights

  private DescribeContributorInsightsResponse cci(DynamoDbClient c, String index) {
    return c.describeContributorInsights(b -> b.tableName(T).indexName(index));
  }

  private void cciAction(DynamoDbClient c, String index, String action) {
    c.updateContributorInsights(b -> b.tableName(T).indexName(index).contributorInsightsAction(action));
  }

  @Test
  void contributorInsightsIsPerRegionAndPerIndex() {
    createGlobal();
    us.updateTable(b -> b.tableName(T).attributeDefinitions(attr("C")).globalSecondaryIndexUpdates(gsiCreate("ByC",
        "C")));
    advance(270);
    assertThat(us.updateContributorInsights(b -> b.tableName(T).contributorInsightsAction("ENABLE"))
        .contributorInsightsStatusAsString()).isEqualTo("ENABLING");
    advance(2);
    assertThat(cci(us, null).contributorInsightsStatusAsString()).isEqualTo("ENABLING");
    advance(1);
    assertThat(cci(us, null).contributorInsightsStatusAsString()).isEqualTo("ENABLED");
    assertThat(cci(us, null).contributorInsightsRuleList()).hasSize(4); // PK + SK
    assertThat(cci(us, "ByC").contributorInsightsStatusAsString()).isEqualTo("DISABLED");
    assertThat(cci(eu, null).contributorInsightsStatusAsString()).isEqualTo("DISABLED");
    cciAction(us, "ByC", "ENABLE");
    advance(3);
    assertThat(cci(us, "ByC").contributorInsightsStatusAsString()).isEqualTo("ENABLED");
    assertThat(cci(us, "ByC").contributorInsightsRuleList()).hasSize(2);
    cciAction(us, null, "DISABLE");
    assertThat(cci(us, null).contributorInsightsStatusAsString()).isEqualTo("DISABLING");
    advance(3);
    assertThat(cci(us, null).contributorInsightsStatusAsString()).isEqualTo("DISABLED");
    assertNotFound(() -> cci(us, "Nope"), "Requested resource not found: Index Nope for table Orders");
  }

  @Test
  void pastTheRuleQuotaEnablingEndsFailedUntilDisabled() {
    aws.contributorInsightsRuleQuota(US, 5);
    createActive();
    us.createTable(table("Other").build());
    advance(6);
    cciAction(us, null, "ENABLE"); // 4 rules
    us.updateContributorInsights(b -> b.tableName("Other").contributorInsightsAction("ENABLE")); // 4 more: over 5
    assertThat(us.describeContributorInsights(b -> b.tableName("Other")).contributorInsightsStatusAsString())
        .isEqualTo("ENABLING");
    advance(2);
    DescribeContributorInsightsResponse d = us.describeContributorInsights(b -> b.tableName("Other"));
    assertThat(d.contributorInsightsStatusAsString()).isEqualTo("FAILED");
    assertThat(d.failureException().exceptionName()).isEqualTo("LimitExceededException");
    assertThat(d.failureException().exceptionDescription())
        .isEqualTo("Contributor Insights rules limit exceeded: the account already uses 4 of 5 rules in us-east-1");
    assertThat(cci(us, null).contributorInsightsStatusAsString()).isEqualTo("ENABLING");
    advance(3600);
    us.updateContributorInsights(b -> b.tableName("Other").contributorInsightsAction("ENABLE"));
    assertThat(aws.inspect().contributorInsights(US, "Other", null)).contains("FAILED");
    us.updateContributorInsights(b -> b.tableName("Other").contributorInsightsAction("DISABLE"));
    assertThat(aws.inspect().contributorInsights(US, "Other", null)).contains("DISABLING");
    advance(3);
    assertThat(aws.inspect().contributorInsights(US, "Other", null)).contains("DISABLED");
  }

  @Test
  void contributorInsightsNeedsAnActiveTable() {
    us.createTable(table(T).build());
    assertValidation(() -> cciAction(us, null, "ENABLE"), "Table or Index is not in a valid state to update Key "
        + "Access Insights: TableStatus must be ACTIVE to enable ContributorInsights.");
  }

  // ------------------------------------------------------------------------------------------------ Kinesis

  private void enable(DynamoDbClient c, String stream) {
    c.enableKinesisStreamingDestination(b -> b.tableName(T).streamArn(stream));
  }

  private KinesisDataStreamDestination only(DynamoDbClient c) {
    var l = c.describeKinesisStreamingDestination(b -> b.tableName(T)).kinesisDataStreamDestinations();
    assertThat(l).hasSize(1);
    return l.get(0);
  }

  @Test
  void kinesisDestinationLifecycleInOneRegion() {
    createGlobal();
    String s1 = aws.createKinesisStream(US, "s1");
    String s2 = aws.createKinesisStream(US, "s2");
    assertThat(us.enableKinesisStreamingDestination(b -> b.tableName(T).streamArn(s1)).destinationStatusAsString())
        .isEqualTo("ENABLING");
    assertValidation(() -> enable(us, s2), "Table is not in a valid state to enable Kinesis Streaming Destination: "
        + "Kinesis Streaming Destination " + s1 + " is ENABLING; a table can stream to one destination at a time.");
    assertValidation(() -> us.disableKinesisStreamingDestination(b -> b.tableName(T).streamArn(s1)),
        "Table is not in a valid state to enable Kinesis Streaming Destination: Kinesis Streaming Destination " + s1
            + " is ENABLING for table Orders.");
    advance(5);
    assertThat(only(us).destinationStatusAsString()).isEqualTo("ACTIVE");
    assertThat(only(us).approximateCreationDateTimePrecisionAsString()).isEqualTo("MICROSECOND");
    assertThat(eu.describeKinesisStreamingDestination(b -> b.tableName(T)).kinesisDataStreamDestinations()).isEmpty();
    us.disableKinesisStreamingDestination(b -> b.tableName(T).streamArn(s1));
    assertThat(only(us).destinationStatusAsString()).isEqualTo("DISABLING");
    advance(5);
    assertThat(only(us).destinationStatusAsString()).isEqualTo("DISABLED");
    advance(170);
    assertThat(only(us).destinationStatusAsString()).isEqualTo("DISABLED");
    advance(1);
    assertThat(us.describeKinesisStreamingDestination(b -> b.tableName(T)).kinesisDataStreamDestinations()).isEmpty();
  }

  @Test
  void aStreamMissingInTheRegionEndsEnableFailed() {
    createActive();
    String elsewhere = aws.createKinesisStream(EU, "s1");
    enable(us, elsewhere);
    advance(5);
    assertThat(only(us).destinationStatusAsString()).isEqualTo("ENABLE_FAILED");
    assertThat(only(us).destinationStatusDescription())
        .isEqualTo("Kinesis stream " + elsewhere + " does not exist in us-east-1");
    String here = aws.createKinesisStream(US, "s1");
    enable(us, here); // a failed entry is not live
    advance(5);
    assertThat(us.describeKinesisStreamingDestination(b -> b.tableName(T)).kinesisDataStreamDestinations())
        .extracting(KinesisDataStreamDestination::destinationStatusAsString).containsExactly("ENABLE_FAILED", "ACTIVE");
  }

  @Test
  void kinesisNeedsAnActiveTable() {
    us.createTable(table(T).build());
    String s = aws.createKinesisStream(US, "s1");
    assertValidation(() -> enable(us, s), "Table is not in a valid state to enable Kinesis Streaming Destination: "
        + "Table Orders is in CREATING status.");
    assertNotFound(() -> enable(eu, s), "Requested resource not found: Table: Orders not found");
  }
}
