package dev.globaltable.operator.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * A scripted, recording stand-in for several regional {@link DynamoDbClient}s, {@link ApplicationAutoScalingClient}s
 * and (through {@link #cloudWatch}, a {@link RecordingCloudWatch}) {@link CloudWatchClient}s. Every call is journaled
 * with its region, operation and request, in one journal for all services. Only the
 * operations the gateway may use are implemented; every other method keeps the interface's default
 * (UnsupportedOperationException), so a call to a legacy global-table API cannot go unnoticed.
 */
final class RecordingDynamoDb implements RegionalClients {

  /** One journaled call. */
  record Call(String region, String operation, SdkRequest request) {
  }

  final List<Call> journal = new ArrayList<>();
  /** DescribeTable answers by region; a region without an entry answers ResourceNotFound. */
  final Map<String, TableDescription> tables = new HashMap<>();
  /** ListTagsOfResource pages by ARN, served in order of NextToken ("" = first page). */
  final Map<String, Map<String, ListTagsOfResourceResponse>> tagPages = new HashMap<>();
  /** DescribeScalableTargets pages by region, served in order of NextToken ("" = first page); none = no targets. */
  final Map<String, Map<String, DescribeScalableTargetsResponse>> targetPages = new HashMap<>();
  /** DescribeScalingPolicies pages by "region resourceId", by NextToken ("" = first page); none = no policies. */
  final Map<String, Map<String, DescribeScalingPoliciesResponse>> policyPages = new HashMap<>();
  /** DescribeContinuousBackups answers by region; none = PITR DISABLED (a fresh table). */
  final Map<String, DescribeContinuousBackupsResponse> continuousBackups = new HashMap<>();
  /** DescribeTimeToLive answers by region; none = DISABLED. */
  final Map<String, DescribeTimeToLiveResponse> timeToLive = new HashMap<>();
  /** DescribeContributorInsights answers by "region" (table) or "region index" (GSI); none = DISABLED. */
  final Map<String, DescribeContributorInsightsResponse> contributorInsights = new HashMap<>();
  /** DescribeKinesisStreamingDestination answers by region; none = no destination. */
  final Map<String, DescribeKinesisStreamingDestinationResponse> kinesis = new HashMap<>();
  /** Failures to throw, by "region/operation". */
  final Map<String, RuntimeException> failures = new HashMap<>();
  /** The CloudWatch side: scripted alarms, metric data and dashboards; its calls go to {@link #journal}. */
  final RecordingCloudWatch cloudWatch = new RecordingCloudWatch(this::record);
  private final Map<String, DynamoDbClient> clients = new HashMap<>();
  private final Map<String, ApplicationAutoScalingClient> autoScalingClients = new HashMap<>();

  @Override
  public DynamoDbClient dynamoDb(String region) {
    return clients.computeIfAbsent(region, Regional::new);
  }

  @Override
  public ApplicationAutoScalingClient applicationAutoScaling(String region) {
    return autoScalingClients.computeIfAbsent(region, RegionalAutoScaling::new);
  }

  @Override
  public CloudWatchClient cloudWatch(String region) {
    return cloudWatch.client(region);
  }

  void fail(String region, String operation, RuntimeException e) {
    failures.put(region + "/" + operation, e);
  }

  List<String> operations() {
    return journal.stream().map(c -> c.region() + " " + c.operation()).toList();
  }

  static ResourceNotFoundException notFound(String message) {
    return (ResourceNotFoundException) ResourceNotFoundException.builder().message(message).statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").errorMessage(message)
            .serviceName("DynamoDb").build())
        .build();
  }

  private void record(String region, String operation, SdkRequest request) {
    journal.add(new Call(region, operation, request));
    RuntimeException failure = failures.get(region + "/" + operation);
    if (failure != null) {
      throw failure;
    }
  }

  /** A failure for one index only: by "region/operation index". */
  void failIndex(String region, String operation, String index, RuntimeException e) {
    failures.put(region + "/" + operation + " " + index, e);
  }

  private static <T> T page(Map<String, T> pages, String token, T none) {
    if (pages == null) {
      return none;
    }
    T page = pages.get(token == null ? "" : token);
    if (page == null) {
      throw new IllegalStateException("no page for token " + token);
    }
    return page;
  }

  private final class RegionalAutoScaling implements ApplicationAutoScalingClient {
    private final String region;

    RegionalAutoScaling(String region) {
      this.region = region;
    }

    @Override
    public DescribeScalableTargetsResponse describeScalableTargets(DescribeScalableTargetsRequest request) {
      record(region, "DescribeScalableTargets", request);
      return page(targetPages.get(region), request.nextToken(), DescribeScalableTargetsResponse.builder().build());
    }

    @Override
    public DescribeScalingPoliciesResponse describeScalingPolicies(DescribeScalingPoliciesRequest request) {
      record(region, "DescribeScalingPolicies", request);
      return page(policyPages.get(region + " " + request.resourceId()), request.nextToken(),
          DescribeScalingPoliciesResponse.builder().build());
    }

    @Override
    public RegisterScalableTargetResponse registerScalableTarget(RegisterScalableTargetRequest request) {
      record(region, "RegisterScalableTarget", request);
      return RegisterScalableTargetResponse.builder().build();
    }

    @Override
    public PutScalingPolicyResponse putScalingPolicy(PutScalingPolicyRequest request) {
      record(region, "PutScalingPolicy", request);
      return PutScalingPolicyResponse.builder().build();
    }

    @Override
    public DeregisterScalableTargetResponse deregisterScalableTarget(DeregisterScalableTargetRequest request) {
      record(region, "DeregisterScalableTarget", request);
      return DeregisterScalableTargetResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
  }

  private final class Regional implements DynamoDbClient {
    private final String region;

    Regional(String region) {
      this.region = region;
    }

    private void record(String operation, SdkRequest request) {
      RecordingDynamoDb.this.record(region, operation, request);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
      record("DescribeTable", request);
      TableDescription t = tables.get(region);
      if (t == null || !t.tableName().equals(request.tableName())) {
        throw notFound("Requested resource not found: Table: " + request.tableName() + " not found");
      }
      return DescribeTableResponse.builder().table(t).build();
    }

    @Override
    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
      record("ListTagsOfResource", request);
      Map<String, ListTagsOfResourceResponse> pages = tagPages.get(request.resourceArn());
      if (pages == null) {
        throw notFound("Requested resource not found: ResourcArn: " + request.resourceArn() + " not found");
      }
      ListTagsOfResourceResponse page = pages.get(request.nextToken() == null ? "" : request.nextToken());
      if (page == null) {
        throw new IllegalStateException("no tag page for token " + request.nextToken());
      }
      return page;
    }

    @Override
    public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
      record("DescribeContinuousBackups", request);
      return continuousBackups.getOrDefault(region, DescribeContinuousBackupsResponse.builder()
          .continuousBackupsDescription(d -> d.continuousBackupsStatus("ENABLED")
              .pointInTimeRecoveryDescription(p -> p.pointInTimeRecoveryStatus("DISABLED")))
          .build());
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
      record("DescribeTimeToLive", request);
      return timeToLive.getOrDefault(region, DescribeTimeToLiveResponse.builder()
          .timeToLiveDescription(d -> d.timeToLiveStatus("DISABLED")).build());
    }

    @Override
    public DescribeContributorInsightsResponse describeContributorInsights(DescribeContributorInsightsRequest request) {
      record("DescribeContributorInsights", request);
      String key = request.indexName() == null ? region : region + " " + request.indexName();
      if (request.indexName() != null) {
        RuntimeException failure = failures.get(region + "/DescribeContributorInsights " + request.indexName());
        if (failure != null) {
          throw failure;
        }
      }
      return contributorInsights.getOrDefault(key, DescribeContributorInsightsResponse.builder()
          .tableName(request.tableName()).indexName(request.indexName()).contributorInsightsStatus("DISABLED")
          .build());
    }

    @Override
    public DescribeKinesisStreamingDestinationResponse describeKinesisStreamingDestination(
        DescribeKinesisStreamingDestinationRequest request) {
      record("DescribeKinesisStreamingDestination", request);
      return kinesis.getOrDefault(region, DescribeKinesisStreamingDestinationResponse.builder()
          .tableName(request.tableName()).build());
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
      record("UpdateTimeToLive", request);
      return UpdateTimeToLiveResponse.builder().build();
    }

    @Override
    public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
      record("UpdateContinuousBackups", request);
      return UpdateContinuousBackupsResponse.builder().build();
    }

    @Override
    public UpdateContributorInsightsResponse updateContributorInsights(UpdateContributorInsightsRequest request) {
      record("UpdateContributorInsights", request);
      return UpdateContributorInsightsResponse.builder().build();
    }

    @Override
    public EnableKinesisStreamingDestinationResponse enableKinesisStreamingDestination(
        EnableKinesisStreamingDestinationRequest request) {
      record("EnableKinesisStreamingDestination", request);
      return EnableKinesisStreamingDestinationResponse.builder().build();
    }

    @Override
    public DisableKinesisStreamingDestinationResponse disableKinesisStreamingDestination(
        DisableKinesisStreamingDestinationRequest request) {
      record("DisableKinesisStreamingDestination", request);
      return DisableKinesisStreamingDestinationResponse.builder().build();
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
      record("CreateTable", request);
      return CreateTableResponse.builder().build();
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
      record("UpdateTable", request);
      return UpdateTableResponse.builder().build();
    }

    @Override
    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
      record("DeleteTable", request);
      return DeleteTableResponse.builder().build();
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
      record("TagResource", request);
      return TagResourceResponse.builder().build();
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
      record("UntagResource", request);
      return UntagResourceResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
  }
}
