package dev.globaltable.operator.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
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
 * A scripted, recording stand-in for several regional {@link DynamoDbClient}s. Every call is journaled with its region,
 * operation and request. Only the operations the gateway may use are implemented; every other method keeps the
 * interface's default (UnsupportedOperationException), so a call to a legacy global-table API cannot go unnoticed.
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
  /** Failures to throw, by "region/operation". */
  final Map<String, RuntimeException> failures = new HashMap<>();
  private final Map<String, DynamoDbClient> clients = new HashMap<>();

  @Override
  public DynamoDbClient dynamoDb(String region) {
    return clients.computeIfAbsent(region, Regional::new);
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

  private final class Regional implements DynamoDbClient {
    private final String region;

    Regional(String region) {
      this.region = region;
    }

    private void record(String operation, SdkRequest request) {
      journal.add(new Call(region, operation, request));
      RuntimeException failure = failures.get(region + "/" + operation);
      if (failure != null) {
        throw failure;
      }
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
