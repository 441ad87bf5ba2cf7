package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.globaltable.operator.model.AutoScaling;
import dev.globaltable.operator.model.CapacityDimension;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedScaling;
import dev.globaltable.operator.model.ObservedSettings;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.ProvisionedUnits;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Step;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.KinesisDataStreamDestination;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * observe(): which calls go where (DynamoDB and Application Auto Scaling), and how their answers (and absences) become
 * an {@link Observed}: call shapes against a recording fake, capacity, overrides and autoscaling end to end against the
 * simulator.
 */
class SdkAwsGatewayObserveTest {

  private static final String HOME = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String AP = "ap-northeast-1";

  private final RecordingDynamoDb aws = new RecordingDynamoDb();
  private final SdkAwsGateway gateway = new SdkAwsGateway(aws);

  /** The settings reads of a deep pass in {@code region} for globalTableInMotion (GSIs ByCustomer and ByStatus). */
  private static List<String> settingsCalls(String region) {
    return List.of(region + " DescribeContinuousBackups", region + " DescribeTimeToLive",
        region + " DescribeContributorInsights", region + " DescribeContributorInsights",
        region + " DescribeContributorInsights", region + " DescribeKinesisStreamingDestination");
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }

  private static String arn(String region) {
    return "arn:aws:dynamodb:" + region + ":111122223333:table/Orders";
  }

  /** A provisioned table (autoscaling is only read where the table is provisioned or the caller asks for it). */
  private static TableDescription table(String region, String status) {
    return TableDescriptionsTest.globalTableInMotion().toBuilder().tableArn(arn(region))
        .tableId("id-" + region).tableStatus(status)
        .billingModeSummary(b -> b.billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PROVISIONED))
        .build();
  }

  /** An on-demand table costs no autoscaling call unless the resource manages a target in that region. */
  @Test
  void anOnDemandTableReadsAutoscalingOnlyWhereTheResourceManagesATarget() {
    TableDescription onDemand = TableDescriptionsTest.globalTableInMotion().toBuilder()
        .billingModeSummary(b -> b.billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST))
        .build();
    aws.tables.put(HOME, onDemand.toBuilder().tableArn(arn(HOME)).tableId("id-" + HOME).build());
    aws.tables.put(EU, onDemand.toBuilder().tableArn(arn(EU)).tableId("id-" + EU).build());

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU), true, java.util.Set.of(EU));

    assertThat(aws.operations()).containsExactlyElementsOf(concat(
        List.of("us-east-1 DescribeTable", "us-east-1 ListTagsOfResource"), settingsCalls(HOME),
        List.of("eu-west-1 DescribeTable", "eu-west-1 ListTagsOfResource"), settingsCalls(EU),
        List.of("eu-west-1 DescribeScalableTargets")));
    assertThat(o.home().scaling()).isEmpty();
    assertThat(o.region(EU).orElseThrow().scaling()).isEmpty();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private void tagPages(String region, ListTagsOfResourceResponse... pages) {
    Map<String, ListTagsOfResourceResponse> byToken = new java.util.HashMap<>();
    String token = "";
    for (ListTagsOfResourceResponse page : pages) {
      byToken.put(token, page);
      token = page.nextToken();
    }
    aws.tagPages.put(arn(region), byToken);
  }

  @Test
  void aShallowPassDescribesTheHomeRegionOnly() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU, AP), false);

    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable");
    assertThat(aws.journal.get(0).request()).isEqualTo(DescribeTableRequest.builder().tableName("Orders").build());
    assertThat(o.deep()).isFalse();
    assertThat(o.regions().keySet()).containsExactly(HOME);
    assertThat(o.homeTable().tableId()).isEqualTo("id-us-east-1");
    assertThat(o.homeTable().region()).isEqualTo(HOME);
    assertThat(o.home().tags()).isNull();
  }

  @Test
  void aMissingHomeTableIsAnObservationNotAnError() {
    Observed o = gateway.observe("Orders", HOME, List.of(HOME), false);

    assertThat(o.home()).isEqualTo(new RegionObservation(HOME, null, null));
    assertThat(o.homeTable()).isNull();
  }

  @Test
  void aDeepPassDescribesEveryRegionHomeFirstAndReadsEveryTagPageWithTheRegionsOwnArn() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tables.put(EU, table(EU, "ACTIVE"));
    aws.tables.put(AP, table(AP, "CREATING"));
    tagPages(HOME,
        ListTagsOfResourceResponse.builder().tags(tag("team", "payments")).nextToken("page-2").build(),
        ListTagsOfResourceResponse.builder().tags(tag("globaltable.dev/owner", "prod/orders")).nextToken("page-3")
            .build(),
        ListTagsOfResourceResponse.builder().tags(tag("cost-center", "42")).build());
    tagPages(EU, ListTagsOfResourceResponse.builder().build());

    // Home region listed last and twice: still described once, first.
    Observed o = gateway.observe("Orders", HOME, List.of(EU, AP, HOME, EU), true);

    assertThat(aws.operations()).containsExactlyElementsOf(concat(
        List.of("us-east-1 DescribeTable",
            "us-east-1 ListTagsOfResource", "us-east-1 ListTagsOfResource", "us-east-1 ListTagsOfResource"),
        settingsCalls(HOME),
        List.of("us-east-1 DescribeScalableTargets",
            "eu-west-1 DescribeTable", "eu-west-1 ListTagsOfResource"),
        settingsCalls(EU),
        List.of("eu-west-1 DescribeScalableTargets",
            // CREATING: the tag APIs 404, so they (and settings and autoscaling) are not asked.
            "ap-northeast-1 DescribeTable")));
    assertThat(aws.journal.get(1).request()).isEqualTo(ListTagsOfResourceRequest.builder().resourceArn(arn(HOME))
        .build());
    assertThat(aws.journal.get(2).request()).isEqualTo(ListTagsOfResourceRequest.builder().resourceArn(arn(HOME))
        .nextToken("page-2").build());
    assertThat(aws.journal.get(3).request()).isEqualTo(ListTagsOfResourceRequest.builder().resourceArn(arn(HOME))
        .nextToken("page-3").build());
    assertThat(aws.journal.get(12).request()).isEqualTo(ListTagsOfResourceRequest.builder().resourceArn(arn(EU))
        .build());

    assertThat(o.deep()).isTrue();
    assertThat(o.regions().keySet()).containsExactly(HOME, EU, AP);
    assertThat(o.home().tags()).isEqualTo(Map.of("team", "payments", "globaltable.dev/owner", "prod/orders",
        "cost-center", "42"));
    assertThat(o.region(EU).orElseThrow().tags()).isEqualTo(Map.of());
    assertThat(o.region(EU).orElseThrow().table().tableId()).isEqualTo("id-eu-west-1");
    assertThat(o.region(EU).orElseThrow().table().region()).isEqualTo(EU);
    assertThat(o.region(AP).orElseThrow().table().status()).isEqualTo("CREATING");
    assertThat(o.region(AP).orElseThrow().tags()).isNull();
    assertThat(o.home().scaling()).as("read, nothing registered").isEmpty();
    assertThat(o.region(AP).orElseThrow().scaling()).as("not read").isNull();
  }

  @Test
  void aDeepPassRecordsAbsentRegionsAndDoesNotReadTagsOfDeletingTables() {
    aws.tables.put(HOME, table(HOME, "DELETING"));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU), true);

    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable", "eu-west-1 DescribeTable");
    assertThat(o.home().tags()).isNull();
    assertThat(o.home().scaling()).isNull();
    assertThat(o.region(EU).orElseThrow()).isEqualTo(new RegionObservation(EU, null, null));
  }

  @Test
  void tagsNotFoundWhileTheTableSettlesMeanTagsNotReadableYet() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    // No tag pages scripted: ListTagsOfResource answers ResourceNotFound.

    Observed o = gateway.observe("Orders", HOME, List.of(HOME), true);

    assertThat(aws.operations()).containsExactlyElementsOf(concat(
        List.of("us-east-1 DescribeTable", "us-east-1 ListTagsOfResource"), settingsCalls(HOME),
        List.of("us-east-1 DescribeScalableTargets")));
    assertThat(o.home().table()).isNotNull();
    assertThat(o.home().tags()).isNull();
    assertThat(o.home().scaling()).isEmpty();
  }

  @Test
  void aDescribeFailureInAnyRegionIsAClassifiedError() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    String text = "User: arn:aws:sts::111122223333:assumed-role/globaltable-operator/pod is not authorized to "
        + "perform: dynamodb:DescribeTable on resource: " + arn(EU);
    aws.fail(EU, "DescribeTable", (DynamoDbException) DynamoDbException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage(text).build())
        .build());

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME, EU), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.service()).isEqualTo("dynamodb");
          assertThat(e.operation()).isEqualTo("DescribeTable");
          assertThat(e.region()).isEqualTo(EU);
          assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
          assertThat(e.getMessage()).isEqualTo(text);
        });
  }

  @Test
  void aThrottledTagReadIsRetried() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.fail(HOME, "ListTagsOfResource", (DynamoDbException) DynamoDbException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded")
            .build())
        .build());

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RETRY);
          assertThat(e.operation()).isEqualTo("ListTagsOfResource");
          assertThat(e.region()).isEqualTo(HOME);
          assertThat(e.errorCode()).isEqualTo("ThrottlingException");
          assertThat(e.getMessage()).isEqualTo("Rate exceeded");
        });
  }

  @Test
  void aMalformedDescriptionIsTerminal() {
    aws.tables.put(HOME, table(HOME, "ACTIVE").toBuilder()
        .attributeDefinitions(TableDescriptionsTest.def("PK", "S")).build());

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), false))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.operation()).isEqualTo("DescribeTable");
          assertThat(e.errorCode()).isEqualTo("MalformedDescriptionException");
          assertThat(e.getMessage()).isEqualTo("key attribute SK of Orders is missing from AttributeDefinitions");
        });
  }

  @Test
  void aRepeatedNextTokenStopsInsteadOfLoopingForever() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tagPages.put(arn(HOME), Map.of(
        "", ListTagsOfResourceResponse.builder().tags(tag("a", "1")).nextToken("again").build(),
        "again", ListTagsOfResourceResponse.builder().tags(tag("b", "2")).nextToken("again").build()));

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.operation()).isEqualTo("ListTagsOfResource");
          assertThat(e.getMessage()).isEqualTo("ListTagsOfResource returned NextToken again twice for " + arn(HOME));
        });
    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable", "us-east-1 ListTagsOfResource",
        "us-east-1 ListTagsOfResource");
  }

  // ----------------------------------------------------------------------------------------------- autoscaling (recorded)

  private static ScalableTarget target(String resourceId, String dimension, int min, int max) {
    return ScalableTarget.builder().serviceNamespace("dynamodb").resourceId(resourceId).scalableDimension(dimension)
        .minCapacity(min).maxCapacity(max).build();
  }

  private static ScalingPolicy policy(String name, String resourceId, String dimension, double target) {
    return ScalingPolicy.builder().policyName(name).serviceNamespace("dynamodb").resourceId(resourceId)
        .scalableDimension(dimension).policyType("TargetTrackingScaling")
        .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(target)
            .predefinedMetricSpecification(m -> m.predefinedMetricType(dimension.contains("Read")
                ? "DynamoDBReadCapacityUtilization" : "DynamoDBWriteCapacityUtilization")))
        .build();
  }

  private static final String TABLE_WRITE = "dynamodb:table:WriteCapacityUnits";
  private static final String TABLE_READ = "dynamodb:table:ReadCapacityUnits";
  private static final String INDEX_WRITE = "dynamodb:index:WriteCapacityUnits";

  @Test
  void aDeepPassReadsTargetsOfTheTableAndEveryIndexThenPoliciesOnlyOfResourcesWithTargets() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    // Two pages of targets, in an order that is not the model's; ByStatus has none.
    aws.targetPages.put(HOME, Map.of(
        "", DescribeScalableTargetsResponse.builder()
            .scalableTargets(target("table/Orders/index/ByCustomer", INDEX_WRITE, 2, 20),
                target("table/Orders", TABLE_WRITE, 5, 50))
            .nextToken("t2").build(),
        "t2", DescribeScalableTargetsResponse.builder()
            .scalableTargets(target("table/Orders", TABLE_READ, 10, 100)).build()));
    aws.policyPages.put(HOME + " table/Orders", Map.of(
        "", DescribeScalingPoliciesResponse.builder()
            .scalingPolicies(policy("DynamoDBWriteCapacityUtilization:table/Orders", "table/Orders", TABLE_WRITE, 70))
            .nextToken("p2").build(),
        "p2", DescribeScalingPoliciesResponse.builder()
            .scalingPolicies(policy("team-write-policy", "table/Orders", TABLE_WRITE, 55.5),
                ScalingPolicy.builder().policyName("DynamoDBReadCapacityUtilization:table/Orders")
                    .serviceNamespace("dynamodb").resourceId("table/Orders").scalableDimension(TABLE_READ)
                    .policyType("TargetTrackingScaling")
                    .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(65.0).scaleInCooldown(120)
                        .scaleOutCooldown(30).disableScaleIn(true))
                    .build())
            .build()));
    // ByCustomer's write target has no policy: a bare target.

    Observed o = gateway.observe("Orders", HOME, List.of(HOME), true);

    assertThat(aws.operations()).containsExactlyElementsOf(concat(
        List.of("us-east-1 DescribeTable", "us-east-1 ListTagsOfResource"), settingsCalls(HOME),
        List.of("us-east-1 DescribeScalableTargets", "us-east-1 DescribeScalableTargets",
            "us-east-1 DescribeScalingPolicies", "us-east-1 DescribeScalingPolicies",
            "us-east-1 DescribeScalingPolicies")));
    List<String> resourceIds = List.of("table/Orders", "table/Orders/index/ByCustomer", "table/Orders/index/ByStatus");
    assertThat(aws.journal.get(8).request()).isEqualTo(DescribeScalableTargetsRequest.builder()
        .serviceNamespace("dynamodb").resourceIds(resourceIds).build());
    assertThat(aws.journal.get(9).request()).isEqualTo(DescribeScalableTargetsRequest.builder()
        .serviceNamespace("dynamodb").resourceIds(resourceIds).nextToken("t2").build());
    assertThat(aws.journal.get(10).request()).isEqualTo(DescribeScalingPoliciesRequest.builder()
        .serviceNamespace("dynamodb").resourceId("table/Orders").build());
    assertThat(aws.journal.get(11).request()).isEqualTo(DescribeScalingPoliciesRequest.builder()
        .serviceNamespace("dynamodb").resourceId("table/Orders").nextToken("p2").build());
    assertThat(aws.journal.get(12).request()).isEqualTo(DescribeScalingPoliciesRequest.builder()
        .serviceNamespace("dynamodb").resourceId("table/Orders/index/ByCustomer").build());

    assertThat(o.home().scaling()).containsExactly(
        new ObservedScaling(null, CapacityDimension.TABLE_READ, 10, 100, List.of(
            new ObservedScaling.Policy("DynamoDBReadCapacityUtilization:table/Orders", 65.0, 120, 30, true))),
        new ObservedScaling(null, CapacityDimension.TABLE_WRITE, 5, 50, List.of(
            new ObservedScaling.Policy("DynamoDBWriteCapacityUtilization:table/Orders", 70.0, 0, 0, false),
            new ObservedScaling.Policy("team-write-policy", 55.5, 0, 0, false))),
        new ObservedScaling("ByCustomer", CapacityDimension.INDEX_WRITE, 2, 20, List.of()));
  }

  @Test
  void aPolicyWithoutTargetTrackingMatchesNothing() {
    ObservedScaling.Policy p = SdkAwsGateway.policy(ScalingPolicy.builder().policyName("step")
        .policyType("StepScaling").build());

    assertThat(p).isEqualTo(new ObservedScaling.Policy("step", Double.NaN, 0, 0, false));
    assertThat(p.matches(new AutoScaling(1, 10, 70.0, 0, 0, false))).isFalse();
  }

  @Test
  void anAutoScalingReadFailureIsAClassifiedApplicationAutoScalingError() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    aws.fail(HOME, "DescribeScalableTargets", (ApplicationAutoScalingException) ApplicationAutoScalingException
        .builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
            .errorMessage("Rate exceeded").build())
        .build());

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RETRY);
          assertThat(e.service()).isEqualTo("application-autoscaling");
          assertThat(e.operation()).isEqualTo("DescribeScalableTargets");
          assertThat(e.region()).isEqualTo(HOME);
          assertThat(e.errorCode()).isEqualTo("ThrottlingException");
        });
  }

  @Test
  void aRepeatedTargetsTokenStopsInsteadOfLoopingForever() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    aws.targetPages.put(HOME, Map.of(
        "", DescribeScalableTargetsResponse.builder().nextToken("again").build(),
        "again", DescribeScalableTargetsResponse.builder().nextToken("again").build()));

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.operation()).isEqualTo("DescribeScalableTargets");
          assertThat(e.getMessage()).isEqualTo("DescribeScalableTargets returned NextToken again twice for "
              + "table/Orders");
        });
  }

  @Test
  void anEngineWithoutAutoScalingFailsTheDeepPassLoudlyButNotTheShallowOne() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    SdkAwsGateway noAas = new SdkAwsGateway(aws.withoutApplicationAutoScaling("the engine has none"));

    assertThat(noAas.observe("Orders", HOME, List.of(HOME), false).homeTable()).isNotNull();
    assertThatThrownBy(() -> noAas.observe("Orders", HOME, List.of(HOME), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.service()).isEqualTo("application-autoscaling");
          assertThat(e.operation()).isEqualTo("DescribeScalableTargets");
          assertThat(e.errorCode()).isEqualTo("UnsupportedOperationException");
          assertThat(e.getMessage()).isEqualTo("Application Auto Scaling DescribeScalableTargets in us-east-1 is not "
              + "available: the engine has none");
        });
  }

  @Test
  void theObservationIsStampedByTheInjectedClockBeforeTheFirstCall() {
    Instant t = Instant.parse("2026-11-23T18:30:00Z");
    SdkAwsGateway stamped = new SdkAwsGateway(aws, Clock.fixed(t, ZoneOffset.UTC));

    assertThat(stamped.observe("Orders", HOME, List.of(HOME), false).observedAt()).isEqualTo(t);
    assertThat(stamped.observe("Orders", HOME, List.of(HOME, EU), true).observedAt()).isEqualTo(t);
    Instant before = Instant.now();
    assertThat(gateway.observe("Orders", HOME, List.of(HOME), false).observedAt()).as("system clock by default")
        .isBetween(before, Instant.now());
  }

  // ----------------------------------------------------------------------------------------------- against the simulator

  /**
   * A PROVISIONED table with GSI ByCustomer built in the simulator through this gateway (write autoscaling registered
   * first, as AWS requires before a replica), a replica in eu-west-1 with read overrides, then two out-of-band changes
   * as a person might make them: a bare read target in eu-west-1 and a second, foreign-named policy in us-east-1.
   */
  @Test
  void capacityOverridesAndAutoScalingAreObservedFromTheSimulator() {
    SimClock clock = SimClock.manual(Instant.parse("2026-11-23T10:00:00Z"));
    SimulatedAws sim = new SimulatedAws(clock, "111122223333", List.of(HOME, EU, AP));
    SdkAwsGateway g = new SdkAwsGateway(RegionalClients.of(sim::dynamoDb, sim::applicationAutoScaling, sim::cloudWatch), clock);
    KeyAttribute pk = new KeyAttribute("PK", ScalarType.S);
    KeyAttribute customer = new KeyAttribute("CustomerId", ScalarType.S);
    IndexDefinition byCustomer = new IndexDefinition("ByCustomer", new KeySchema(customer, null), Projection.ALL);
    AutoScaling writes = new AutoScaling(5, 50, 70.0, 0, 0, false);

    g.apply(new Step.CreateTable(HOME, "Orders", new KeySchema(pk, null), Map.of("PK", ScalarType.S,
        "CustomerId", ScalarType.S), "PROVISIONED", null, List.of(byCustomer), List.of(), null, Map.of(),
        new ProvisionedUnits(10, 5), Map.of("ByCustomer", new ProvisionedUnits(4, 5)), null));
    clock.advance(Duration.ofSeconds(10));
    g.apply(new Step.RegisterScalableTarget(HOME, "Orders", null, CapacityDimension.TABLE_WRITE, 5, 50));
    g.apply(new Step.PutScalingPolicy(HOME, "Orders", null, CapacityDimension.TABLE_WRITE, writes));
    g.apply(new Step.RegisterScalableTarget(HOME, "Orders", "ByCustomer", CapacityDimension.INDEX_WRITE, 5, 50));
    g.apply(new Step.PutScalingPolicy(HOME, "Orders", "ByCustomer", CapacityDimension.INDEX_WRITE, writes));
    g.apply(new Step.AddReplica(HOME, "Orders", EU, new ReplicaOverrides(20L, null, Map.of("ByCustomer", 3L),
        Map.of())));
    for (int i = 0; i < 120 && !replicaActive(g.observe("Orders", HOME, List.of(HOME), false), EU); i++) {
      // Why: simulated time, advanced by the test until AWS's replica creation is done.
      clock.advance(Duration.ofSeconds(5));
    }
    sim.applicationAutoScaling(EU).registerScalableTarget(r -> r.serviceNamespace("dynamodb")
        .resourceId("table/Orders").scalableDimension(TABLE_READ).minCapacity(20).maxCapacity(200));
    sim.applicationAutoScaling(HOME).putScalingPolicy(r -> r.policyName("team-write-policy")
        .serviceNamespace("dynamodb").resourceId("table/Orders").scalableDimension(TABLE_WRITE)
        .policyType("TargetTrackingScaling").targetTrackingScalingPolicyConfiguration(c -> c.targetValue(40.0)
            .predefinedMetricSpecification(m -> m.predefinedMetricType("DynamoDBWriteCapacityUtilization"))));

    Observed o = g.observe("Orders", HOME, List.of(HOME, EU, AP), true);

    assertThat(o.observedAt()).isEqualTo(clock.instant());
    RegionalTable home = o.homeTable();
    assertThat(home.billingMode()).isEqualTo("PROVISIONED");
    assertThat(home.capacity().units()).isEqualTo(new ProvisionedUnits(10, 5));
    assertThat(home.capacity().decreasesToday()).isZero();
    assertThat(home.index("ByCustomer").orElseThrow().capacity().units()).isEqualTo(new ProvisionedUnits(4, 5));
    assertThat(home.replica(EU).orElseThrow().overrides())
        .isEqualTo(new ReplicaOverrides(20L, null, Map.of("ByCustomer", 3L), Map.of()));
    RegionalTable eu = o.region(EU).orElseThrow().table();
    assertThat(eu.capacity().units()).as("the replica's effective read capacity is its override")
        .isEqualTo(new ProvisionedUnits(20, 5));
    assertThat(eu.index("ByCustomer").orElseThrow().capacity().units()).isEqualTo(new ProvisionedUnits(3, 5));
    assertThat(eu.replica(HOME).orElseThrow().overrides()).isEqualTo(ReplicaOverrides.NONE);

    ObservedScaling.Policy tableWrite = new ObservedScaling.Policy("DynamoDBWriteCapacityUtilization:table/Orders",
        70.0, 0, 0, false);
    ObservedScaling.Policy indexWrite = new ObservedScaling.Policy(
        "DynamoDBWriteCapacityUtilization:table/Orders/index/ByCustomer", 70.0, 0, 0, false);
    assertThat(o.home().scaling()).containsExactly(
        new ObservedScaling(null, CapacityDimension.TABLE_WRITE, 5, 50,
            List.of(tableWrite, new ObservedScaling.Policy("team-write-policy", 40.0, 0, 0, false))),
        new ObservedScaling("ByCustomer", CapacityDimension.INDEX_WRITE, 5, 50, List.of(indexWrite)));
    // eu-west-1: the write targets AWS mirrored when the replica became ACTIVE, and the bare read target.
    assertThat(o.region(EU).orElseThrow().scaling()).containsExactly(
        new ObservedScaling(null, CapacityDimension.TABLE_READ, 20, 200, List.of()),
        new ObservedScaling(null, CapacityDimension.TABLE_WRITE, 5, 50, List.of(tableWrite)),
        new ObservedScaling("ByCustomer", CapacityDimension.INDEX_WRITE, 5, 50, List.of(indexWrite)));
    assertThat(o.region(EU).orElseThrow().scaling(CapacityDimension.TABLE_READ, null)).hasValueSatisfying(
        s -> assertThat(s.policies()).isEmpty());
    // No table in ap-northeast-1: nothing read there but DescribeTable.
    assertThat(o.region(AP).orElseThrow()).isEqualTo(new RegionObservation(AP, null, null, null));
    assertThat(sim.journal().mutations()).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("OK"));
  }

  private static boolean replicaActive(Observed o, String region) {
    RegionalTable home = o.homeTable();
    return home != null && home.replica(region).map(r -> r.isActive()).orElse(false);
  }

  // ------------------------------------------------------------------------------------ per-region settings

  private static DynamoDbException awsError(String code, String message) {
    return (DynamoDbException) DynamoDbException.builder().message(message).statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb")
            .build())
        .build();
  }

  private static final String STREAM = "arn:aws:kinesis:eu-west-1:111122223333:stream/orders-changes";
  private static final String OLD_STREAM = "arn:aws:kinesis:eu-west-1:111122223333:stream/old";

  @Test
  void aDeepPassReadsEachRegionsSettingsByTableNameThroughThatRegionsClient() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tables.put(EU, table(EU, "UPDATING"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    tagPages(EU, ListTagsOfResourceResponse.builder().build());
    aws.continuousBackups.put(EU, DescribeContinuousBackupsResponse.builder()
        .continuousBackupsDescription(d -> d.continuousBackupsStatus("ENABLED")
            .pointInTimeRecoveryDescription(p -> p.pointInTimeRecoveryStatus("ENABLING").recoveryPeriodInDays(7)))
        .build());
    aws.timeToLive.put(EU, DescribeTimeToLiveResponse.builder()
        .timeToLiveDescription(d -> d.timeToLiveStatus("ENABLED").attributeName("expiresAt")).build());
    aws.contributorInsights.put(EU, DescribeContributorInsightsResponse.builder().tableName("Orders")
        .contributorInsightsStatus("ENABLED").build());
    aws.contributorInsights.put(EU + " ByCustomer", DescribeContributorInsightsResponse.builder().tableName("Orders")
        .indexName("ByCustomer").contributorInsightsStatus("FAILED")
        .failureException(f -> f.exceptionName("LimitExceededException")
            .exceptionDescription("Contributor Insights rule limit reached"))
        .build());
    aws.kinesis.put(EU, DescribeKinesisStreamingDestinationResponse.builder().tableName("Orders")
        .kinesisDataStreamDestinations(
            KinesisDataStreamDestination.builder().streamArn(OLD_STREAM).destinationStatus("DISABLED").build(),
            KinesisDataStreamDestination.builder().streamArn(STREAM).destinationStatus("ACTIVE")
                .destinationStatusDescription("Kinesis streaming is enabled for this table").build())
        .build());

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU), true);

    // Every settings request names the table (never an ARN) and goes to the region being read.
    List<RecordingDynamoDb.Call> euSettings = aws.journal.stream()
        .filter(c -> c.region().equals(EU) && !c.operation().equals("DescribeTable")
            && !c.operation().equals("ListTagsOfResource") && !c.operation().startsWith("DescribeScal"))
        .toList();
    assertThat(euSettings).extracting(RecordingDynamoDb.Call::request).containsExactly(
        DescribeContinuousBackupsRequest.builder().tableName("Orders").build(),
        DescribeTimeToLiveRequest.builder().tableName("Orders").build(),
        DescribeContributorInsightsRequest.builder().tableName("Orders").build(),
        DescribeContributorInsightsRequest.builder().tableName("Orders").indexName("ByCustomer").build(),
        DescribeContributorInsightsRequest.builder().tableName("Orders").indexName("ByStatus").build(),
        DescribeKinesisStreamingDestinationRequest.builder().tableName("Orders").build());

    assertThat(o.region(EU).orElseThrow().settings()).isEqualTo(new ObservedSettings(
        new PointInTimeRecovery(true, 7, "ENABLING"),
        new ObservedSettings.TimeToLiveState("ENABLED", "expiresAt"),
        new ObservedSettings.ContributorInsightsState("ENABLED", null),
        Map.of("ByCustomer", new ObservedSettings.ContributorInsightsState("FAILED",
                "LimitExceededException: Contributor Insights rule limit reached"),
            "ByStatus", ObservedSettings.ContributorInsightsState.DISABLED),
        List.of(new ObservedSettings.KinesisDestination(OLD_STREAM, "DISABLED", null),
            new ObservedSettings.KinesisDestination(STREAM, "ACTIVE", "Kinesis streaming is enabled for this table"))));
    // The home region's own answers (RecordingDynamoDb's defaults: a fresh table).
    assertThat(o.home().settings()).isEqualTo(new ObservedSettings(
        new PointInTimeRecovery(false, null, "DISABLED"),
        new ObservedSettings.TimeToLiveState("DISABLED", null),
        ObservedSettings.ContributorInsightsState.DISABLED,
        Map.of("ByCustomer", ObservedSettings.ContributorInsightsState.DISABLED,
            "ByStatus", ObservedSettings.ContributorInsightsState.DISABLED),
        List.of()));
  }

  @Test
  void aShallowPassAndATableThatCannotAnswerReadNoSettings() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    assertThat(gateway.observe("Orders", HOME, List.of(HOME), false).home().settings()).isNull();

    // Tags are read where the table is not CREATING/DELETING, settings only where it is ACTIVE or UPDATING.
    aws.journal.clear();
    aws.tables.put(HOME, table(HOME, "INACCESSIBLE_ENCRYPTION_CREDENTIALS"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    Observed o = gateway.observe("Orders", HOME, List.of(HOME), true);
    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable", "us-east-1 ListTagsOfResource",
        "us-east-1 DescribeScalableTargets");
    assertThat(o.home().tags()).isEmpty();
    assertThat(o.home().settings()).isNull();
  }

  @Test
  void contributorInsightsAreNotReadForAnIndexBeingDeleted() {
    TableDescription t = table(HOME, "ACTIVE");
    aws.tables.put(HOME, t.toBuilder().globalSecondaryIndexes(t.globalSecondaryIndexes().get(0),
        t.globalSecondaryIndexes().get(1).toBuilder().indexStatus("DELETING").backfilling(null).build()).build());
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());

    Observed o = gateway.observe("Orders", HOME, List.of(HOME), true);

    assertThat(aws.journal).filteredOn(c -> c.operation().equals("DescribeContributorInsights"))
        .extracting(RecordingDynamoDb.Call::request).containsExactly(
            DescribeContributorInsightsRequest.builder().tableName("Orders").build(),
            DescribeContributorInsightsRequest.builder().tableName("Orders").indexName("ByCustomer").build());
    assertThat(o.home().settings().indexContributorInsights()).containsOnlyKeys("ByCustomer");
  }

  @Test
  void aSettingsReadThatCannotAnswerForAClearReasonLeavesOnlyItsFieldNull() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    // The table went away between DescribeTable and this read (PITR's own not-found code, reference 7.2).
    aws.fail(HOME, "DescribeContinuousBackups", awsError("TableNotFoundException", "Table not found: Orders"));
    // The table is transitioning.
    aws.fail(HOME, "DescribeTimeToLive", awsError("ValidationException",
        "Cannot describe time to live while table is in DELETING state: Current table state is DELETING"));
    // An index that is not there any more.
    aws.failIndex(HOME, "DescribeContributorInsights", "ByStatus",
        RecordingDynamoDb.notFound("Requested resource not found: Index: ByStatus not found"));
    // An engine that does not model the API.
    aws.fail(HOME, "DescribeKinesisStreamingDestination", new UnsupportedOperationException());

    ObservedSettings settings = gateway.observe("Orders", HOME, List.of(HOME), true).home().settings();

    assertThat(settings).isEqualTo(new ObservedSettings(null, null, ObservedSettings.ContributorInsightsState.DISABLED,
        Map.of("ByCustomer", ObservedSettings.ContributorInsightsState.DISABLED), null));
  }

  @Test
  void aContributorInsightsReadOfATransitioningTableIsNotReadYetAndItsIndexesAreNotAsked() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    aws.fail(HOME, "DescribeContributorInsights", awsError("ValidationException",
        "Table or Index is not in a valid state to update Key Access Insights: TableStatus must be ACTIVE"));

    ObservedSettings settings = gateway.observe("Orders", HOME, List.of(HOME), true).home().settings();

    assertThat(aws.operations()).containsOnlyOnce("us-east-1 DescribeContributorInsights");
    assertThat(settings.contributorInsights()).isNull();
    assertThat(settings.indexContributorInsights()).isNull();
    assertThat(settings.pointInTimeRecovery()).isNotNull();
  }

  @Test
  void aMissingPermissionForASettingsReadFailsTheObservationWithTheOperationAndRegion() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tables.put(EU, table(EU, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    tagPages(EU, ListTagsOfResourceResponse.builder().build());
    String text = "User: arn:aws:sts::111122223333:assumed-role/globaltable-operator/pod is not authorized to "
        + "perform: dynamodb:DescribeTimeToLive on resource: " + arn(EU);
    aws.fail(EU, "DescribeTimeToLive", awsError("AccessDeniedException", text));

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME, EU), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.operation()).isEqualTo("DescribeTimeToLive");
          assertThat(e.region()).isEqualTo(EU);
          assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
          assertThat(e.getMessage()).isEqualTo(text);
        });
  }

  @Test
  void aThrottledSettingsReadLeavesThatSettingUnknownWithoutFailingThePass() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    // Per-connection "Rate exceeded" buckets on Describe* (reference 8): one of 6 + G reads per region.
    aws.fail(HOME, "DescribeTimeToLive", awsError("LimitExceededException", "Rate exceeded"));

    var observed = gateway.observe("Orders", HOME, List.of(HOME), true);

    var settings = observed.home().settings();
    assertThat(settings.timeToLive()).as("not read this pass").isNull();
    assertThat(settings.pointInTimeRecovery()).as("the other reads still answer").isNotNull();
    assertThat(settings.kinesisDestinations()).isNotNull();
    assertThat(observed.home().table()).isNotNull();
  }

  @Test
  void pitrAndTimeToLiveMapVerbatimIncludingAbsentDescriptions() {
    assertThat(SdkAwsGateway.pointInTimeRecovery(null)).isEqualTo(new PointInTimeRecovery(false, null, null));
    assertThat(SdkAwsGateway.pointInTimeRecovery(ContinuousBackupsDescription.builder()
        .continuousBackupsStatus("ENABLED").build())).isEqualTo(new PointInTimeRecovery(false, null, null));
    assertThat(SdkAwsGateway.pointInTimeRecovery(ContinuousBackupsDescription.builder()
        .pointInTimeRecoveryDescription(p -> p.pointInTimeRecoveryStatus("ENABLED").recoveryPeriodInDays(35)).build()))
        .isEqualTo(new PointInTimeRecovery(true, 35, "ENABLED"));
    assertThat(SdkAwsGateway.timeToLive(null)).isEqualTo(new ObservedSettings.TimeToLiveState(null, null));
    assertThat(SdkAwsGateway.timeToLive(TimeToLiveDescription.builder().timeToLiveStatus("DISABLING")
        .attributeName("expiresAt").build()))
        .isEqualTo(new ObservedSettings.TimeToLiveState("DISABLING", "expiresAt"));
    // FAILED without a FailureException: the status alone.
    assertThat(SdkAwsGateway.contributorInsights(DescribeContributorInsightsResponse.builder()
        .contributorInsightsStatus("FAILED").build()))
        .isEqualTo(new ObservedSettings.ContributorInsightsState("FAILED", null));
    // A failure text lingering on a non-FAILED status is not reported.
    assertThat(SdkAwsGateway.contributorInsights(DescribeContributorInsightsResponse.builder()
        .contributorInsightsStatus("ENABLING").failureException(f -> f.exceptionName("X").exceptionDescription("y"))
        .build()))
        .isEqualTo(new ObservedSettings.ContributorInsightsState("ENABLING", null));
  }
}
