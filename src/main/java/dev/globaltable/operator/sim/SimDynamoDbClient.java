package dev.globaltable.operator.sim;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.KinesisDataStreamDestination;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableReplicaAutoScalingResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TableAutoScalingDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * The {@link DynamoDbClient} of one simulated region. Every call runs under the control plane's lock: settle due
 * transitions, decide injected faults (before any state change), run the operation, journal the outcome. Operations
 * that are not modelled keep the interface's default (UnsupportedOperationException).
 */
final class SimDynamoDbClient implements DynamoDbClient {
  private static final String LEGACY = "One or more parameter values were invalid: DynamoDB global tables version "
      + "2017.11.29 is not supported. We recommend using DynamoDB global tables version 2019.11.21, instead of "
      + "version 2017.11.29 (Legacy).";

  private final DynamoDbControlPlane plane;
  private final String region;
  private final Faults faults;
  private final Journal journal;

  SimDynamoDbClient(DynamoDbControlPlane plane, String region, Faults faults, Journal journal) {
    this.plane = plane;
    this.region = region;
    this.faults = faults;
    this.journal = journal;
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    // Nothing to release: the simulated region outlives its clients.
  }

  // ---------------------------------------------------------------------------------------------- modelled calls

  @Override
  public CreateTableResponse createTable(CreateTableRequest request) {
    return call("CreateTable", true, () -> CreateTableResponse.builder()
        .tableDescription(plane.createTable(region, request)).build(), r -> status(r.tableDescription()));
  }

  @Override
  public DescribeTableResponse describeTable(DescribeTableRequest request) {
    return call("DescribeTable", false, () -> DescribeTableResponse.builder()
        .table(plane.describeTable(region, request.tableName())).build(), r -> status(r.table()));
  }

  @Override
  public UpdateTableResponse updateTable(UpdateTableRequest request) {
    return call("UpdateTable", true, () -> UpdateTableResponse.builder()
        .tableDescription(plane.updateTable(region, request)).build(), r -> status(r.tableDescription()));
  }

  @Override
  public DeleteTableResponse deleteTable(DeleteTableRequest request) {
    return call("DeleteTable", true, () -> DeleteTableResponse.builder()
        .tableDescription(plane.deleteTable(region, request.tableName())).build(), r -> status(r.tableDescription()));
  }

  @Override
  public TagResourceResponse tagResource(TagResourceRequest request) {
    return call("TagResource", true, () -> {
      plane.tagResource(region, request.resourceArn(), request.hasTags() ? request.tags() : List.of());
      return TagResourceResponse.builder().build();
    }, r -> "");
  }

  @Override
  public UntagResourceResponse untagResource(UntagResourceRequest request) {
    return call("UntagResource", true, () -> {
      plane.untagResource(region, request.resourceArn(), request.hasTagKeys() ? request.tagKeys() : List.of());
      return UntagResourceResponse.builder().build();
    }, r -> "");
  }

  @Override
  public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
    return call("ListTagsOfResource", false, () -> {
      DynamoDbControlPlane.TagPage page = plane.listTags(region, request.resourceArn(), request.nextToken());
      return ListTagsOfResourceResponse.builder().tags(page.tags()).nextToken(page.nextToken()).build();
    }, r -> r.tags().size() + " tags" + (r.nextToken() != null ? ", more" : ""));
  }

  @Override
  public DescribeTableReplicaAutoScalingResponse describeTableReplicaAutoScaling(
      DescribeTableReplicaAutoScalingRequest request) {
    return call("DescribeTableReplicaAutoScaling", false, () -> DescribeTableReplicaAutoScalingResponse.builder()
        .tableAutoScalingDescription(plane.describeTableReplicaAutoScaling(region, request.tableName())).build(),
        r -> autoScalingStatus(r.tableAutoScalingDescription()));
  }

  @Override
  public UpdateTableReplicaAutoScalingResponse updateTableReplicaAutoScaling(
      UpdateTableReplicaAutoScalingRequest request) {
    return call("UpdateTableReplicaAutoScaling", true, () -> UpdateTableReplicaAutoScalingResponse.builder()
        .tableAutoScalingDescription(plane.updateTableReplicaAutoScaling(region, request)).build(),
        r -> autoScalingStatus(r.tableAutoScalingDescription()));
  }

  @Override
  public ListTablesResponse listTables(ListTablesRequest request) {
    return call("ListTables", false, () -> {
      int limit = request.limit() == null ? 100 : request.limit();
      if (limit < 1 || limit > 100) {
        throw SimErrors.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to "
            + "satisfy constraint: Member must have value " + (limit < 1 ? "greater than or equal to 1"
            : "less than or equal to 100"));
      }
      List<String> names = plane.tableNames(region).stream()
          .filter(n -> request.exclusiveStartTableName() == null || n.compareTo(request.exclusiveStartTableName()) > 0)
          .toList();
      List<String> page = names.subList(0, Math.min(limit, names.size()));
      ListTablesResponse.Builder b = ListTablesResponse.builder().tableNames(page);
      if (names.size() > limit) {
        b.lastEvaluatedTableName(page.get(page.size() - 1));
      }
      return b.build();
    }, r -> r.tableNames().size() + " tables");
  }

  // ---------------------------------------------------------------------------------------------- per-table settings

  @Override
  public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
    return call("UpdateContinuousBackups", true, () -> UpdateContinuousBackupsResponse.builder()
        .continuousBackupsDescription(plane.settings.updateContinuousBackups(region, request.tableName(),
            request.pointInTimeRecoverySpecification())).build(),
        r -> r.continuousBackupsDescription().pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString());
  }

  @Override
  public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
    return call("DescribeContinuousBackups", false, () -> DescribeContinuousBackupsResponse.builder()
        .continuousBackupsDescription(plane.settings.describeContinuousBackups(region, request.tableName())).build(),
        r -> r.continuousBackupsDescription().pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString());
  }

  @Override
  public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
    return call("UpdateTimeToLive", true, () -> UpdateTimeToLiveResponse.builder()
        .timeToLiveSpecification(plane.settings.updateTimeToLive(region, request.tableName(),
            request.timeToLiveSpecification())).build(), r -> "");
  }

  @Override
  public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
    return call("DescribeTimeToLive", false, () -> DescribeTimeToLiveResponse.builder()
        .timeToLiveDescription(plane.settings.describeTimeToLive(region, request.tableName())).build(),
        r -> r.timeToLiveDescription().timeToLiveStatusAsString());
  }

  @Override
  public UpdateContributorInsightsResponse updateContributorInsights(UpdateContributorInsightsRequest request) {
    return call("UpdateContributorInsights", true, () -> plane.settings.updateContributorInsights(region,
        request.tableName(), request.indexName(), request.contributorInsightsAction(),
        request.contributorInsightsMode()), r -> "");
  }

  @Override
  public DescribeContributorInsightsResponse describeContributorInsights(
      DescribeContributorInsightsRequest request) {
    return call("DescribeContributorInsights", false, () -> plane.settings.describeContributorInsights(region,
        request.tableName(), request.indexName()), r -> r.contributorInsightsStatusAsString());
  }

  @Override
  public EnableKinesisStreamingDestinationResponse enableKinesisStreamingDestination(
      EnableKinesisStreamingDestinationRequest request) {
    return call("EnableKinesisStreamingDestination", true, () -> {
      String precision = request.enableKinesisStreamingConfiguration() == null ? null
          : request.enableKinesisStreamingConfiguration().approximateCreationDateTimePrecisionAsString();
      KinesisDataStreamDestination d = plane.settings.enableKinesis(region, request.tableName(),
          request.streamArn(), precision);
      return EnableKinesisStreamingDestinationResponse.builder().tableName(request.tableName())
          .streamArn(d.streamArn()).destinationStatus(d.destinationStatus())
          .enableKinesisStreamingConfiguration(c -> c.approximateCreationDateTimePrecision(
              d.approximateCreationDateTimePrecisionAsString()))
          .build();
    }, r -> "");
  }

  @Override
  public DisableKinesisStreamingDestinationResponse disableKinesisStreamingDestination(
      DisableKinesisStreamingDestinationRequest request) {
    return call("DisableKinesisStreamingDestination", true, () -> {
      KinesisDataStreamDestination d = plane.settings.disableKinesis(region, request.tableName(),
          request.streamArn());
      return DisableKinesisStreamingDestinationResponse.builder().tableName(request.tableName())
          .streamArn(d.streamArn()).destinationStatus(d.destinationStatus()).build();
    }, r -> "");
  }

  @Override
  public DescribeKinesisStreamingDestinationResponse describeKinesisStreamingDestination(
      DescribeKinesisStreamingDestinationRequest request) {
    return call("DescribeKinesisStreamingDestination", false, () -> DescribeKinesisStreamingDestinationResponse
        .builder().tableName(request.tableName())
        .kinesisDataStreamDestinations(plane.settings.describeKinesis(region, request.tableName())).build(),
        r -> r.kinesisDataStreamDestinations().size() + " destinations");
  }

  // ---------------------------------------------------------------------------------------------- legacy 2017.11.29

  @Override
  public CreateGlobalTableResponse createGlobalTable(CreateGlobalTableRequest request) {
    return call("CreateGlobalTable", true, () -> {
      throw SimErrors.validation(LEGACY);
    }, r -> "");
  }

  @Override
  public UpdateGlobalTableResponse updateGlobalTable(UpdateGlobalTableRequest request) {
    return call("UpdateGlobalTable", true, () -> {
      if (!request.hasReplicaUpdates() || request.replicaUpdates().isEmpty()) {
        throw SimErrors.validation("One or more parameter values were invalid");
      }
      if (request.replicaUpdates().stream().anyMatch(u -> u.create() != null)) {
        throw SimErrors.validation(LEGACY);
      }
      throw SimErrors.globalTableNotFound("Global table with name: '" + request.globalTableName()
          + "' does not exist.");
    }, r -> "");
  }

  @Override
  public UpdateGlobalTableSettingsResponse updateGlobalTableSettings(UpdateGlobalTableSettingsRequest request) {
    return call("UpdateGlobalTableSettings", true, () -> {
      throw SimErrors.globalTableNotFound("Global table with name: '" + request.globalTableName()
          + "' does not exist.");
    }, r -> "");
  }

  @Override
  public DescribeGlobalTableResponse describeGlobalTable(DescribeGlobalTableRequest request) {
    return call("DescribeGlobalTable", false, () -> {
      throw SimErrors.globalTableNotFound("Global table not found: Global table with name: '"
          + request.globalTableName() + "' does not exist.");
    }, r -> "");
  }

  @Override
  public DescribeGlobalTableSettingsResponse describeGlobalTableSettings(
      DescribeGlobalTableSettingsRequest request) {
    return call("DescribeGlobalTableSettings", false, () -> {
      throw SimErrors.globalTableNotFound("Global table with name: '" + request.globalTableName()
          + "' does not exist.");
    }, r -> "");
  }

  @Override
  public ListGlobalTablesResponse listGlobalTables(ListGlobalTablesRequest request) {
    return call("ListGlobalTables", false, () -> {
      if (request.regionName() != null && !plane.knownRegion(request.regionName())) {
        throw SimErrors.internalError(); // a bogus RegionName is an HTTP 500 (aws-semantics 9.9 / LAB)
      }
      return ListGlobalTablesResponse.builder().globalTables(List.of()).build();
    }, r -> "0 global tables");
  }

  // ---------------------------------------------------------------------------------------------- plumbing

  private static String status(TableDescription d) {
    return d == null ? "" : d.tableName() + " " + d.tableStatusAsString();
  }

  private static String autoScalingStatus(TableAutoScalingDescription d) {
    return d.tableName() + " " + d.tableStatusAsString() + ", " + d.replicas().size() + " regions";
  }

  private static boolean mutatingName(String operation) {
    return operation.startsWith("Create") || operation.startsWith("Update") || operation.startsWith("Delete")
        || operation.startsWith("Tag") || operation.startsWith("Untag") || operation.startsWith("Enable")
        || operation.startsWith("Disable");
  }

  private <T> T call(String operation, boolean mutating, Supplier<T> body, Function<T, String> summary) {
    assert mutating == mutatingName(operation) : operation;
    synchronized (plane) {
      plane.settle();
      String latency = latencyNote();
      if (!plane.knownRegion(region)) {
        SdkClientException e = SimErrors.unknownHost(region);
        journal.record("dynamodb", operation, region, mutating, "SdkClientException", e.getMessage() + latency);
        throw e;
      }
      AwsServiceException injected = switch (faults.decide(operation)) {
        case THROTTLE -> SimErrors.throttling();
        case INTERNAL_ERROR -> SimErrors.internalError();
        case NONE -> null;
      };
      if (injected != null) {
        journal.record("dynamodb", operation, region, mutating, SimErrors.errorCode(injected),
            SimErrors.bareMessage(injected) + " (injected)" + latency);
        throw injected;
      }
      try {
        T result = body.get();
        String s = plane.takeSummary();
        journal.record("dynamodb", operation, region, mutating, "OK",
            (s.isEmpty() ? summary.apply(result) : s) + latency);
        return result;
      } catch (AwsServiceException e) {
        plane.takeSummary();
        journal.record("dynamodb", operation, region, mutating, SimErrors.errorCode(e), SimErrors.bareMessage(e)
            + latency);
        throw e;
      } catch (UnsupportedOperationException e) {
        plane.takeSummary();
        journal.record("dynamodb", operation, region, mutating, "UnsupportedOperation", e.getMessage() + latency);
        throw e;
      }
    }
  }

  private String latencyNote() {
    Duration d = faults.latency();
    return d.isZero() ? "" : " (latency " + d.toMillis() + " ms)";
  }
}
