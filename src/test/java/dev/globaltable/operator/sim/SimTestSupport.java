package dev.globaltable.operator.sim;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/** Shared fixture: three regions on a manual clock, request builders and exact-error assertions. */
abstract class SimTestSupport {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final String ACCOUNT = "111122223333";
  static final String US = "us-east-1";
  static final String EU = "eu-west-1";
  static final String AP = "ap-northeast-1";
  static final String T = "Orders";

  final SimClock clock = SimClock.manual(T0);
  final SimulatedAws aws = new SimulatedAws(clock, ACCOUNT, List.of(US, EU, AP));
  final DynamoDbClient us = aws.dynamoDb(US);
  final DynamoDbClient eu = aws.dynamoDb(EU);
  final DynamoDbClient ap = aws.dynamoDb(AP);

  void advance(long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
  }

  static String arn(String region, String table) {
    return "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + table;
  }

  static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }

  static AttributeDefinition attr(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  /** PK/SK (both S), PAY_PER_REQUEST. */
  static CreateTableRequest.Builder table(String name) {
    return CreateTableRequest.builder().tableName(name).keySchema(hash("PK"), range("SK"))
        .attributeDefinitions(attr("PK"), attr("SK")).billingMode(BillingMode.PAY_PER_REQUEST);
  }

  /** Creates {@link #T} in us-east-1 and waits until it is ACTIVE. */
  void createActive() {
    us.createTable(table(T).build());
    advance(6);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
  }

  TableDescription describe(DynamoDbClient c) {
    return c.describeTable(b -> b.tableName(T)).table();
  }

  UpdateTableResponse addReplica(DynamoDbClient c, String region) {
    return c.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .create(x -> x.regionName(region)).build()));
  }

  UpdateTableResponse removeReplica(DynamoDbClient c, String region) {
    return c.updateTable(b -> b.tableName(T).replicaUpdates(ReplicationGroupUpdate.builder()
        .delete(x -> x.regionName(region)).build()));
  }

  /** Creates {@link #T} in us-east-1 with an ACTIVE replica in eu-west-1. */
  void createGlobal() {
    createActive();
    addReplica(us, EU);
    advance(20);
    assertThat(describe(us).replicas().get(0).replicaStatusAsString()).isEqualTo("ACTIVE");
  }

  static GlobalSecondaryIndexUpdate gsiCreate(String name, String key) {
    return GlobalSecondaryIndexUpdate.builder().create(CreateGlobalSecondaryIndexAction.builder().indexName(name)
        .keySchema(hash(key)).projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
        .build();
  }

  static GlobalSecondaryIndexUpdate gsiDelete(String name) {
    return GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(name)).build();
  }

  // ------------------------------------------------------------------------------------------- exact errors

  static DynamoDbException awsError(Runnable call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).as("expected an AWS error").isInstanceOf(DynamoDbException.class);
    return (DynamoDbException) t;
  }

  /** ValidationException: the plain DynamoDbException class, code, bare message, HTTP 400. */
  static DynamoDbException assertValidation(Runnable call, String message) {
    DynamoDbException e = awsError(call);
    assertThat(e.getClass()).isEqualTo(DynamoDbException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    assertThat(e.statusCode()).isEqualTo(400);
    return e;
  }

  static void assertInUse(Runnable call, String message) {
    DynamoDbException e = awsError(call);
    assertThat(e).isInstanceOf(ResourceInUseException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceInUseException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    assertThat(e.statusCode()).isEqualTo(400);
  }

  static void assertNotFound(Runnable call, String message) {
    DynamoDbException e = awsError(call);
    assertThat(e).isInstanceOf(ResourceNotFoundException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    assertThat(e.statusCode()).isEqualTo(400);
  }

  static void assertLimitExceeded(Runnable call, String message) {
    DynamoDbException e = awsError(call);
    assertThat(e).isInstanceOf(LimitExceededException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    assertThat(e.statusCode()).isEqualTo(400);
  }

  static final String TERSE = "The resource which you are attempting to change is in use.";
  static final String FAILED_TO_CREATE = "Failed to create a the new replica of table with name: \u2018" + T
      + "\u2019 because one or more replicas already existed as tables.";

  /** RegisterScalableTarget in the dynamodb namespace; null min/max omit them (a re-register keeps the old ones). */
  static void register(ApplicationAutoScalingClient c, String resourceId, ScalableDimension d, Integer min,
      Integer max) {
    c.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(resourceId)
        .scalableDimension(d).minCapacity(min).maxCapacity(max));
  }

  /** A target-tracking PutScalingPolicy request on a DynamoDB predefined metric. */
  static PutScalingPolicyRequest policy(String name, String resourceId, ScalableDimension d, MetricType m,
      double target) {
    return PutScalingPolicyRequest.builder().policyName(name).serviceNamespace(ServiceNamespace.DYNAMODB)
        .resourceId(resourceId).scalableDimension(d).policyType(PolicyType.TARGET_TRACKING_SCALING)
        .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(target)
            .predefinedMetricSpecification(p -> p.predefinedMetricType(m)))
        .build();
  }
}
