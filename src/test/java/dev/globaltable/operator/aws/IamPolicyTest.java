package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.globaltable.operator.aws.AwsGateway.ObserveOptions;
import dev.globaltable.operator.model.AlarmNames;
import dev.globaltable.operator.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * {@code config/iam/policy.json} grants exactly what the operator needs: every action the gateway can call (found by
 * running it, against the recording doubles, through one sample of every {@link Step} type and a deep observation with
 * every option on) is in the policy, and every action in the policy is either called or listed in
 * {@link #REQUIRED_BY_AWS_NOT_CALLED} with the reason AWS checks it.
 */
class IamPolicyTest {

  private static final Path POLICY = Path.of("config", "iam", "policy.json");
  private static final String HOME = "us-east-1";
  private static final String EU = "eu-west-1";

  /**
   * Actions AWS authorizes on the operator's behalf although the operator never calls them as API operations, with the
   * reason. Keep in step with the "required by AWS" statements of the policy and config/iam/README.md.
   */
  static final Map<String, String> REQUIRED_BY_AWS_NOT_CALLED = new TreeMap<>(Map.ofEntries(
      // UpdateTable ReplicaUpdates[Create|Delete] is authorized as these in the replica's region (AWS global tables
      // IAM guide; CDK issue aws-cdk#22069: replica delete fails with AccessDenied without DeleteTableReplica).
      Map.entry("dynamodb:CreateTableReplica", "UpdateTable ReplicaUpdates Create"),
      Map.entry("dynamodb:DeleteTableReplica", "UpdateTable ReplicaUpdates Delete"),
      // Creating a replica copies the existing items: AWS checks the data-plane actions of the caller
      // (reference 4.4 CloudFormation handler permissions, 9 item 13).
      Map.entry("dynamodb:Scan", "replica creation (initial copy)"),
      Map.entry("dynamodb:Query", "replica creation (initial copy)"),
      Map.entry("dynamodb:GetItem", "replica creation (initial copy)"),
      Map.entry("dynamodb:PutItem", "replica creation (initial copy)"),
      Map.entry("dynamodb:UpdateItem", "replica creation (initial copy)"),
      Map.entry("dynamodb:DeleteItem", "replica creation (initial copy)"),
      Map.entry("dynamodb:BatchWriteItem", "replica creation (initial copy)"),
      // Service-linked roles AWS creates on first use: DynamoDB replication (first replica), Application Auto Scaling
      // for DynamoDB (first RegisterScalableTarget), DynamoDB Kinesis replication (first streaming destination).
      Map.entry("iam:CreateServiceLinkedRole", "service-linked roles created on first use"),
      // Customer managed keys (CreateTable / UpdateTable SSESpecification, replicas in other regions): DynamoDB
      // describes the key and grants itself use of it, with the caller's permissions, through kms:ViaService.
      Map.entry("kms:DescribeKey", "customer managed key of CreateTable/UpdateTable SSESpecification"),
      Map.entry("kms:CreateGrant", "customer managed key of CreateTable/UpdateTable SSESpecification"),
      Map.entry("kms:RevokeGrant", "customer managed key when the table or replica leaves it"),
      // EnableKinesisStreamingDestination / DescribeKinesisStreamingDestination check the caller's Kinesis
      // permissions on the stream (DynamoDB developer guide, "IAM policies for Kinesis Data Streams").
      Map.entry("kinesis:DescribeStream", "Enable/DescribeKinesisStreamingDestination"),
      Map.entry("kinesis:DescribeStreamSummary", "DescribeKinesisStreamingDestination"),
      Map.entry("kinesis:PutRecords", "EnableKinesisStreamingDestination"),
      Map.entry("kinesis:ListStreams", "EnableKinesisStreamingDestination"),
      // PutMetricAlarm with Tags (the owner tag on a new alarm) also needs cloudwatch:TagResource on the alarm.
      Map.entry("cloudwatch:TagResource", "PutMetricAlarm with Tags")));

  private final RecordingDynamoDb aws = new RecordingDynamoDb();
  private final SdkAwsGateway gateway = new SdkAwsGateway(aws,
      Clock.fixed(Instant.parse("2026-11-23T10:07:42Z"), ZoneOffset.UTC));

  @Test
  void everyCalledActionIsInThePolicyAndEveryPolicyActionIsCalledOrRequiredByAws() throws IOException {
    Set<String> called = calledActions();
    Set<String> granted = policyActions();

    Set<String> notGranted = new TreeSet<>(called);
    notGranted.removeAll(granted);
    Set<String> unexplained = new TreeSet<>(granted);
    unexplained.removeAll(called);
    unexplained.removeAll(REQUIRED_BY_AWS_NOT_CALLED.keySet());
    Set<String> listedButCalledOrNotGranted = new TreeSet<>(REQUIRED_BY_AWS_NOT_CALLED.keySet());
    listedButCalledOrNotGranted.retainAll(called);
    Set<String> listedNotGranted = new TreeSet<>(REQUIRED_BY_AWS_NOT_CALLED.keySet());
    listedNotGranted.removeAll(granted);
    listedButCalledOrNotGranted.addAll(listedNotGranted);

    String report = "\ncalled by the operator but not in " + POLICY + ": " + notGranted
        + "\nin " + POLICY + " but neither called nor listed in REQUIRED_BY_AWS_NOT_CALLED: " + unexplained
        + "\nlisted in REQUIRED_BY_AWS_NOT_CALLED but called, or not in the policy: " + listedButCalledOrNotGranted
        + "\n(called: " + called + ")";
    assertThat(notGranted.isEmpty() && unexplained.isEmpty() && listedButCalledOrNotGranted.isEmpty())
        .as(report).isTrue();
  }

  @Test
  void thePolicyIsAnAllowOnlyDocumentWithNamedStatementsAndNoWildcardActions() throws IOException {
    JsonNode policy = new ObjectMapper().readTree(Files.readString(POLICY));
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    List<String> sids = new ArrayList<>();
    for (JsonNode statement : policy.path("Statement")) {
      String sid = statement.path("Sid").asText();
      assertThat(sid).as("Sid of %s", statement).matches("[A-Za-z0-9]+");
      sids.add(sid);
      assertThat(statement.path("Effect").asText()).as(sid).isEqualTo("Allow");
      assertThat(statement.has("Resource")).as(sid).isTrue();
      for (String action : strings(statement.path("Action"))) {
        assertThat(action).as(sid).doesNotContain("*").matches("[a-z-]+:[A-Za-z]+");
      }
    }
    assertThat(sids).doesNotHaveDuplicates().isNotEmpty();
  }

  @Test
  void theTrustPoliciesAreJsonPolicyDocumentsThatOnlyLetTheirPrincipalAssumeTheRole() throws IOException {
    for (String name : List.of("trust-irsa.json", "trust-pod-identity.json")) {
      JsonNode trust = new ObjectMapper().readTree(Files.readString(POLICY.resolveSibling(name)));
      assertThat(trust.path("Version").asText()).as(name).isEqualTo("2012-10-17");
      for (JsonNode statement : trust.path("Statement")) {
        assertThat(statement.has("Principal")).as(name).isTrue();
        assertThat(statement.has("Condition")).as(name + ": scoped by a condition").isTrue();
        assertThat(strings(statement.path("Action"))).as(name).allMatch(a -> a.startsWith("sts:"));
      }
    }
  }

  @Test
  void theSamplesCoverEveryStepType() {
    assertThat(SdkAwsGatewayApplyTest.everyStepSample().keySet())
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(Step.class.getPermittedSubclasses()));
  }

  /** "service:Operation" of every call the gateway makes for every Step type and for a deep pass asking everything. */
  private Set<String> calledActions() {
    Map<Class<?>, Step> samples = SdkAwsGatewayApplyTest.everyStepSample();
    assertThat(samples.keySet()).as("a sample for every permitted Step type")
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(Step.class.getPermittedSubclasses()));
    for (Step step : samples.values()) {
      gateway.apply(step);
    }

    // A deep pass over a provisioned table in two regions, every index, an autoscaling target in each region (so its
    // policies are read too), alarms, replication latency and the dashboard.
    for (String region : List.of(HOME, EU)) {
      String arn = "arn:aws:dynamodb:" + region + ":111122223333:table/Orders";
      TableDescription table = TableDescriptionsTest.globalTableInMotion().toBuilder().tableArn(arn)
          .tableId("id-" + region).billingModeSummary(b -> b.billingMode(BillingMode.PROVISIONED)).build();
      aws.tables.put(region, table);
      aws.tagPages.put(arn, Map.of("", ListTagsOfResourceResponse.builder().build()));
      aws.targetPages.put(region, Map.of("", DescribeScalableTargetsResponse.builder()
          .scalableTargets(ScalableTarget.builder().serviceNamespace("dynamodb").resourceId("table/Orders")
              .scalableDimension("dynamodb:table:WriteCapacityUnits").minCapacity(5).maxCapacity(50).build())
          .build()));
    }
    String dashboard = AlarmNames.dashboard("Orders");
    aws.cloudWatch.dashboards.put(dashboard, "{\"widgets\":[]}");
    ObserveOptions everything = ObserveOptions.scaling(Set.of(HOME, EU)).withMonitoring(true)
        .withDashboard(dashboard);
    gateway.observe("Orders", HOME, List.of(HOME, EU), true, everything);

    Set<String> out = new TreeSet<>();
    for (RecordingDynamoDb.Call call : aws.journal) {
      out.add(servicePrefix(call.request()) + ":" + call.operation());
    }
    // Every read the deep pass is documented to make was made (guards the fixture, not the gateway).
    assertThat(out).contains("dynamodb:DescribeTable", "dynamodb:ListTagsOfResource",
        "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:DescribeContributorInsights",
        "dynamodb:DescribeKinesisStreamingDestination", "application-autoscaling:DescribeScalableTargets",
        "application-autoscaling:DescribeScalingPolicies", "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData",
        "cloudwatch:GetDashboard");
    return out;
  }

  /** The IAM service prefix of the SDK request's service, from its model package. */
  private static String servicePrefix(SdkRequest request) {
    String pkg = request.getClass().getPackageName();
    if (pkg.startsWith("software.amazon.awssdk.services.dynamodb.")) {
      return "dynamodb";
    }
    if (pkg.startsWith("software.amazon.awssdk.services.applicationautoscaling.")) {
      return "application-autoscaling";
    }
    if (pkg.startsWith("software.amazon.awssdk.services.cloudwatch.")) {
      return "cloudwatch";
    }
    throw new AssertionError("a call to a service the policy does not know: " + request.getClass().getName());
  }

  private static Set<String> policyActions() throws IOException {
    JsonNode policy = new ObjectMapper().readTree(Files.readString(POLICY));
    Set<String> out = new TreeSet<>();
    for (JsonNode statement : policy.path("Statement")) {
      if ("Allow".equals(statement.path("Effect").asText())) {
        out.addAll(strings(statement.path("Action")));
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
