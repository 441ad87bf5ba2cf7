package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.ConcurrentUpdateException;
import software.amazon.awssdk.services.applicationautoscaling.model.FailedResourceAccessException;
import software.amazon.awssdk.services.applicationautoscaling.model.InternalServiceException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * Classification table with the exact texts of reference/aws-semantics.md (sections cited per row). Each row is a real
 * SDK exception built the way the SDK builds it (error details with code and bare message, HTTP status), so the
 * extraction of code, message and status is exercised too.
 */
class ErrorClassifierTest {

  private static AwsServiceException aws(Class<? extends AwsServiceException> type, String code, String message,
      int status) {
    AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb")
        .build();
    AwsServiceException.Builder b;
    if (type == ResourceInUseException.class) {
      b = ResourceInUseException.builder();
    } else if (type == LimitExceededException.class) {
      b = LimitExceededException.builder();
    } else if (type == ResourceNotFoundException.class) {
      b = ResourceNotFoundException.builder();
    } else if (type == ThrottlingException.class) {
      b = ThrottlingException.builder();
    } else if (type == ProvisionedThroughputExceededException.class) {
      b = ProvisionedThroughputExceededException.builder();
    } else if (type == RequestLimitExceededException.class) {
      b = RequestLimitExceededException.builder();
    } else if (type == InternalServerErrorException.class) {
      b = InternalServerErrorException.builder();
    } else if (type == ContinuousBackupsUnavailableException.class) {
      b = ContinuousBackupsUnavailableException.builder();
    } else {
      b = DynamoDbException.builder();
    }
    return (AwsServiceException) b.message(message + " (Service: DynamoDb, Status Code: " + status + ")")
        .statusCode(status).awsErrorDetails(details).build();
  }

  private static Arguments row(String operation, Throwable error, ErrorKind kind, Duration wait) {
    return Arguments.of(operation, error, kind, wait);
  }

  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final Duration FIVE_S = Duration.ofSeconds(5);
  private static final Duration TEN_MIN = Duration.ofMinutes(10);
  private static final Duration ONE_MIN = Duration.ofMinutes(1);
  /** Reference 1.5, with the elided parts filled in the way the decrease budget's text reads. */
  static final String ENCRYPTION_LIMIT = "Subscriber limit exceeded: Encryption mode changes are limited in the 24h "
      + "window ending at Wednesday, December 2, 2026 at 3:00:00 PM Coordinated Universal Time. After the first 4 "
      + "change, each subsequent change in the same window can be performed at most once every 21600 seconds. Next "
      + "changes can be made at Wednesday, December 2, 2026 at 9:00:00 PM Coordinated Universal Time.";
  /** Reference 7.6 quotes only the tail; the head is illustrative. */
  static final String DELETION_PROTECTION_THROTTLE = "Deletion protection was modified too recently. Please try again "
      + "after 2026-12-02T15:00:15Z";

  static Stream<Arguments> cases() {
    Class<DynamoDbException> generic = DynamoDbException.class;
    return Stream.of(
        // --- WAIT: AWS is busy with this table (1.4, 1.5, 7.3, 7.6) ---
        row("UpdateTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "The resource which you are attempting to change is in use.", 400), ErrorKind.WAIT, TEN_S),
        row("UpdateTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "Attempt to change a resource which is still in use: Table is being created: Orders", 400),
            ErrorKind.WAIT, TEN_S),
        row("DeleteTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "Attempt to change a resource which is still in use: Cannot delete table while indexes are being "
                + "created, updated, or deleted.", 400), ErrorKind.WAIT, TEN_S),
        row("UpdateTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "Attempt to change a resource which is still in use: Table IOPS are currently being updated. Table: Orders",
            400), ErrorKind.WAIT, TEN_S),
        row("DeleteTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "Attempt to change a resource which is still in use: Table tags are being updated: Orders", 400),
            ErrorKind.WAIT, FIVE_S),
        row("UpdateTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "Table needs to be in ACTIVE status to modify deletion protection setting.", 400), ErrorKind.WAIT, TEN_S),
        row("UpdateTable", aws(generic, "ValidationException",
            "Create/Update/Delete of replica is not allowed while the replica is being added to table with name: "
                + "'Orders' in region: 'eu-west-1'.", 400), ErrorKind.WAIT, TEN_S),
        row("UpdateTimeToLive", aws(generic, "ValidationException",
            "Create/Update/Delete of replica is not allowed while the replica is being added to table with name: "
                + "'Orders' in region: 'ap-northeast-1'.", 400), ErrorKind.WAIT, TEN_S),
        row("DeleteTable", aws(generic, "ValidationException",
            "Replica cannot be deleted because it has acted as a source region for new replica(s) being added to the "
                + "table in the last 24 hours.", 400), ErrorKind.WAIT, TEN_MIN),
        row("UpdateTable", aws(generic, "ValidationException",
            "Replica cannot be deleted because it has acted as a source region for new replica(s) being added to the "
                + "table in the last 24 hours.", 400), ErrorKind.WAIT, TEN_MIN),
        row("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
            "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table", 400),
            ErrorKind.WAIT, TEN_S),
        row("TagResource", aws(LimitExceededException.class, "LimitExceededException",
            "Subscriber limit exceeded: Table tags are being updated: Orders", 400), ErrorKind.WAIT, FIVE_S),
        // The reference quotes only the fragments TF matches on; the sentence around them is illustrative.
        row("CreateTable", aws(LimitExceededException.class, "LimitExceededException",
            "Subscriber limit exceeded: Only 500 tables can be created, updated, or deleted simultaneously", 400),
            ErrorKind.WAIT, TEN_S),
        row("CreateTable", aws(LimitExceededException.class, "LimitExceededException",
            "Subscriber limit exceeded: There is a limit of 250 indexed tables that can be created simultaneously",
            400), ErrorKind.WAIT, TEN_S),
        row("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
            "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. After "
                + "the first 4 decreases, each subsequent decrease in the same UTC day can be performed at most once "
                + "every 3600 seconds. Number of decreases today: 6. Last decrease at Monday, November 23, 2026 "
                + "7:00:00 PM UTC", 400), ErrorKind.WAIT, Duration.ofMinutes(15)),
        // Per-region settings (7.1-7.6): AWS is busy, or the plan was made from a stale observation.
        row("UpdateContinuousBackups", aws(ContinuousBackupsUnavailableException.class,
            "ContinuousBackupsUnavailableException",
            "Backups are being enabled for the table: Orders. Please retry later", 400), ErrorKind.WAIT, FIVE_S),
        row("UpdateTimeToLive", aws(generic, "ValidationException", "TimeToLive is already enabled", 400),
            ErrorKind.WAIT, TEN_S),
        row("UpdateTimeToLive", aws(generic, "ValidationException", "TimeToLive is already disabled", 400),
            ErrorKind.WAIT, TEN_S),
        row("UpdateTimeToLive", aws(generic, "ValidationException",
            "TimeToLive is active on a different AttributeName: current AttributeName is expiresAt", 400),
            ErrorKind.WAIT, TEN_S),
        row("UpdateTable", aws(generic, "ValidationException",
            "Table needs to be in ACTIVE status to modify deletion protection setting.", 400), ErrorKind.WAIT, TEN_S),
        row("UpdateContributorInsights", aws(generic, "ValidationException",
            "Table or Index is not in a valid state to update Key Access Insights: TableStatus must be ACTIVE to "
                + "enable ContributorInsights.", 400), ErrorKind.WAIT, TEN_S),
        row("EnableKinesisStreamingDestination", aws(generic, "ValidationException",
            "Table is not in a valid state to enable Kinesis Streaming Destination: Kinesis streaming destination "
                + "is ENABLING", 400), ErrorKind.WAIT, TEN_S),
        // Budget refusals: a WAIT with a notBefore; the cooldown holds the step, the requeue is a minute.
        row("UpdateTimeToLive", aws(generic, "ValidationException",
            "Time to live has been modified multiple times within a fixed interval", 400), ErrorKind.WAIT, ONE_MIN),
        row("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
            "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s).", 400),
            ErrorKind.WAIT, ONE_MIN),
        row("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
            "Limit exceeded for replica in eu-west-1. Updates to TableClass are limited to 2 times in 30 day(s)", 400),
            ErrorKind.WAIT, ONE_MIN),
        row("UpdateTable", aws(LimitExceededException.class, "LimitExceededException", ENCRYPTION_LIMIT, 400),
            ErrorKind.WAIT, ONE_MIN),
        row("UpdateTable", aws(ThrottlingException.class, "ThrottlingException", DELETION_PROTECTION_THROTTLE, 400),
            ErrorKind.WAIT, ONE_MIN),
        // ResourceNotFound that resolves by itself: tag APIs during CREATING (7.3), a table already deleted (7.6).
        row("TagResource", aws(ResourceNotFoundException.class, "ResourceNotFoundException",
            "Requested resource not found: ResourceArn: arn:aws:dynamodb:eu-west-1:111122223333:table/Orders not found",
            400), ErrorKind.WAIT, TEN_S),
        row("DeleteTable", aws(ResourceNotFoundException.class, "ResourceNotFoundException",
            "Requested resource not found: Table: Orders not found", 400), ErrorKind.WAIT, TEN_S),

        // --- RETRY: transient (8) ---
        row("UpdateTable", aws(ThrottlingException.class, "ThrottlingException", "Rate exceeded", 400),
            ErrorKind.RETRY, FIVE_S),
        row("DescribeTimeToLive", aws(generic, "LimitExceededException", "Rate exceeded", 400),
            ErrorKind.RETRY, FIVE_S),
        row("PutItem", aws(ProvisionedThroughputExceededException.class, "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded.", 400), ErrorKind.RETRY,
            FIVE_S),
        row("UpdateTable", aws(RequestLimitExceededException.class, "RequestLimitExceeded",
            "Throughput exceeds the current throughput limit for your account.", 400), ErrorKind.RETRY, FIVE_S),
        row("UpdateTable", aws(InternalServerErrorException.class, "InternalServerError",
            "Internal server error", 500), ErrorKind.RETRY, FIVE_S),
        row("DescribeTable", aws(generic, "ServiceUnavailable", "Service unavailable", 503), ErrorKind.RETRY, FIVE_S),
        row("DescribeTable", aws(generic, "BadGateway", "", 502), ErrorKind.RETRY, FIVE_S),
        row("UpdateContinuousBackups", aws(ContinuousBackupsUnavailableException.class,
            "ContinuousBackupsUnavailableException", "Backups are temporarily unavailable", 400), ErrorKind.RETRY,
            FIVE_S),
        row("DescribeTable", SdkClientException.create("Unable to execute HTTP request: Connect to "
            + "dynamodb.us-east-1.amazonaws.com:443 failed: connect timed out", new IOException("connect timed out")),
            ErrorKind.RETRY, FIVE_S),
        row("UpdateTable", ApiCallTimeoutException.create(60_000), ErrorKind.RETRY, FIVE_S),

        // --- TERMINAL: a person must act (1.2, 1.3, 1.5, 4.1, 7.3, 7.6, 9) ---
        row("UpdateTable", aws(generic, "ValidationException",
            "One or more parameter values were invalid: Replica modification must be the only operation in the "
                + "request", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(generic, "ValidationException",
            "Update table operation with more than one create or delete replica actions not allowed", 400),
            ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(generic, "ValidationException",
            "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or "
                + "UpdateTable as required.", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(generic, "ValidationException",
            "Table write capacity should either be Pay-Per-Request or AutoScaled.", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(generic, "ValidationException",
            "One or more parameter values were invalid: DynamoDB global tables version 2017.11.29 is not supported. "
                + "We recommend using DynamoDB global tables version 2019.11.21", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("DeleteTable", aws(generic, "ValidationException",
            "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection "
                + "first.", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("TagResource", aws(generic, "ValidationException",
            "Number of Tags exceed the current limit for the provided ResourceArn", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
            "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20", 400),
            ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(generic, "ValidationException", "KMSMasterKeyId must be specified for each replica.",
            400), ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
            "Failed to create replica: current TableMaxReadCapacityUnits value 40000 in region ap-southeast-2 "
                + "insufficient to match WarmThroughput ReadUnitsPerSecond of 400000 for table Orders in source "
                + "region eu-central-1", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("CreateTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "Table already exists: Orders", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "Global table with name: 'Orders' already exists with replicas in regions: eu-west-1, ap-northeast-1", 400),
            ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(generic, "AccessDeniedException",
            "User: arn:aws:sts::111122223333:assumed-role/globaltable-operator/pod is not authorized to perform: "
                + "dynamodb:UpdateTable on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Orders", 400),
            ErrorKind.TERMINAL, TEN_MIN),
        row("DescribeTable", aws(generic, "UnrecognizedClientException",
            "The security token included in the request is invalid.", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", aws(ResourceNotFoundException.class, "ResourceNotFoundException",
            "Requested resource not found: Table: Orders not found", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("UpdateTable", new UnsupportedOperationException(), ErrorKind.TERMINAL, TEN_MIN));
  }

  @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
  @MethodSource("cases")
  void classifiesByCodeMessageStatusAndType(String operation, Throwable error, ErrorKind expected, Duration wait) {
    assertThat(ErrorClassifier.classify(operation, error)).isEqualTo(expected);

    AwsCallException e = ErrorClassifier.toAwsCallException("dynamodb", operation, "us-east-1", error);
    assertThat(e.kind()).isEqualTo(expected);
    assertThat(e.operation()).isEqualTo(operation);
    assertThat(ErrorClassifier.suggestedWait(e)).isEqualTo(wait);
    if (error instanceof AwsServiceException ase) {
      // The bare AWS text, without the SDK's "(Service: ..., Status Code: ...)" suffix.
      assertThat(e.getMessage()).isEqualTo(ase.awsErrorDetails().errorMessage());
      assertThat(e.errorCode()).isEqualTo(ase.awsErrorDetails().errorCode());
    }
  }

  /** An Application Auto Scaling exception as the SDK builds it from a response. */
  private static AwsServiceException aas(AwsServiceException.Builder b, String code, String message, int status) {
    return (AwsServiceException) b.message(message + " (Service: ApplicationAutoScaling, Status Code: " + status + ")")
        .statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
            .serviceName("ApplicationAutoScaling").build())
        .build();
  }

  /** Application Auto Scaling (reference 4.2): every modeled error, by operation where that matters. */
  static Stream<Arguments> autoScalingCases() {
    String notRegistered = "No scalable target registered for service namespace: dynamodb, resource ID: table/Orders, "
        + "scalable dimension: dynamodb:table:WriteCapacityUnits";
    return Stream.of(
        // A pending update to the same target or policy: wait for it.
        row("PutScalingPolicy", aas(ConcurrentUpdateException.builder(), "ConcurrentUpdateException",
            "You already have a pending update to an Application Auto Scaling resource.", 400), ErrorKind.WAIT, TEN_S),
        row("RegisterScalableTarget", aas(ConcurrentUpdateException.builder(), "ConcurrentUpdateException",
            "You already have a pending update to an Application Auto Scaling resource.", 400), ErrorKind.WAIT, TEN_S),
        row("DeregisterScalableTarget", aas(ConcurrentUpdateException.builder(), "ConcurrentUpdateException",
            "You already have a pending update to an Application Auto Scaling resource.", 400), ErrorKind.WAIT, TEN_S),
        // Deregistering what is already gone: the next observation shows it gone.
        row("DeregisterScalableTarget", aas(ObjectNotFoundException.builder(), "ObjectNotFoundException",
            "No scalable target found for service namespace: dynamodb, resource ID: table/Orders, scalable dimension: "
                + "dynamodb:table:WriteCapacityUnits", 400), ErrorKind.WAIT, TEN_S),
        // A policy right after its target was registered: AAS is briefly eventually consistent (reference 4.2).
        row("PutScalingPolicy", aas(ObjectNotFoundException.builder(), "ObjectNotFoundException", notRegistered, 400),
            ErrorKind.WAIT, TEN_S),
        row("DeleteScalingPolicy", aas(ObjectNotFoundException.builder(), "ObjectNotFoundException",
            "No scaling policy found for service namespace: dynamodb, resource ID: table/Orders, scalable dimension: "
                + "dynamodb:table:WriteCapacityUnits, policy name: p", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("DescribeScalableTargets", aas(InternalServiceException.builder(), "InternalServiceException",
            "Internal service error", 500), ErrorKind.RETRY, FIVE_S),
        row("PutScalingPolicy", aas(ApplicationAutoScalingException.builder(), "ThrottlingException", "Rate exceeded",
            400), ErrorKind.RETRY, FIVE_S),
        row("PutScalingPolicy", aas(
            software.amazon.awssdk.services.applicationautoscaling.model.ValidationException.builder(),
            "ValidationException", "For predefined metric type DynamoDBReadCapacityUtilization, target value must be "
                + "between '10.0' and '90.0', but was '90.1'.", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("RegisterScalableTarget", aas(
            software.amazon.awssdk.services.applicationautoscaling.model.ValidationException.builder(),
            "ValidationException", "Maximum capacity cannot be less than minimum capacity", 400),
            ErrorKind.TERMINAL, TEN_MIN),
        row("RegisterScalableTarget", aas(
            software.amazon.awssdk.services.applicationautoscaling.model.LimitExceededException.builder(),
            "LimitExceededException", "You have reached the maximum number of scalable targets for this account.", 400),
            ErrorKind.TERMINAL, TEN_MIN),
        row("RegisterScalableTarget", aas(FailedResourceAccessException.builder(), "FailedResourceAccessException",
            "Unable to access the resource table/Orders: the service-linked role is not authorized to call "
                + "dynamodb:DescribeTable", 400), ErrorKind.TERMINAL, TEN_MIN));
  }

  @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
  @MethodSource("autoScalingCases")
  void classifiesApplicationAutoScalingErrors(String operation, Throwable error, ErrorKind expected, Duration wait) {
    assertThat(ErrorClassifier.classify(operation, error)).isEqualTo(expected);

    AwsCallException e = ErrorClassifier.toAwsCallException(ErrorClassifier.APPLICATION_AUTO_SCALING, operation,
        "eu-west-1", error);
    assertThat(e.kind()).isEqualTo(expected);
    assertThat(e.service()).isEqualTo("application-autoscaling");
    assertThat(ErrorClassifier.suggestedWait(e)).isEqualTo(wait);
    AwsServiceException ase = (AwsServiceException) error;
    assertThat(e.getMessage()).isEqualTo(ase.awsErrorDetails().errorMessage());
    assertThat(e.errorCode()).isEqualTo(ase.awsErrorDetails().errorCode());
  }

  @Test
  void applicationAutoScalingExceptionsWithoutErrorDetailsAreReadFromTheirType() {
    assertThat(ErrorClassifier.classify("PutScalingPolicy", ConcurrentUpdateException.builder().message("pending")
        .statusCode(400).build())).isEqualTo(ErrorKind.WAIT);
    assertThat(ErrorClassifier.classify("DeregisterScalableTarget", ObjectNotFoundException.builder()
        .message("gone").statusCode(400).build())).isEqualTo(ErrorKind.WAIT);
    assertThat(ErrorClassifier.classify("RegisterScalableTarget", ObjectNotFoundException.builder()
        .message("gone").statusCode(400).build())).isEqualTo(ErrorKind.TERMINAL);
    // Without a status code the modeled 5xx is still recognised by its type.
    var ise = InternalServiceException.builder().message("boom").build();
    assertThat(ErrorClassifier.errorCode(ise)).isEqualTo("InternalServiceException");
    assertThat(ErrorClassifier.classify("DescribeScalingPolicies", ise)).isEqualTo(ErrorKind.RETRY);
  }

  @Test
  void exceptionsWithoutErrorDetailsAreReadFromTheirType() {
    // How a simulator might build them: typed exception, plain message, no AwsErrorDetails.
    var inUse = ResourceInUseException.builder().message("The resource which you are attempting to change is in use.")
        .statusCode(400).build();
    AwsCallException e = ErrorClassifier.toAwsCallException("dynamodb", "UpdateTable", "eu-west-1", inUse);

    assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
    assertThat(e.errorCode()).isEqualTo("ResourceInUseException");
    assertThat(e.getMessage()).isEqualTo("The resource which you are attempting to change is in use.");
    assertThat(e.region()).isEqualTo("eu-west-1");
    assertThat(e.service()).isEqualTo("dynamodb");
    assertThat(e.getCause()).isSameAs(inUse);

    var ise = InternalServerErrorException.builder().message("boom").build();
    assertThat(ErrorClassifier.errorCode(ise)).isEqualTo("InternalServerError");
    assertThat(ErrorClassifier.classify("UpdateTable", ise)).isEqualTo(ErrorKind.RETRY);
    var rle = RequestLimitExceededException.builder().message("slow down").build();
    assertThat(ErrorClassifier.errorCode(rle)).isEqualTo("RequestLimitExceeded");
    assertThat(ErrorClassifier.classify("UpdateTable", rle)).isEqualTo(ErrorKind.RETRY);
  }

  @Test
  void clientSideFailuresCarryTheirClassNameAsCode() {
    AwsCallException e = ErrorClassifier.toAwsCallException("dynamodb", "DescribeTable", "us-east-1",
        SdkClientException.create("Unable to load credentials from any of the providers in the chain"));

    assertThat(e.kind()).isEqualTo(ErrorKind.RETRY);
    assertThat(e.errorCode()).isEqualTo("SdkClientException");
    assertThat(e.getMessage()).isEqualTo("Unable to load credentials from any of the providers in the chain");
  }

  @Test
  void anAlreadyClassifiedFailureIsNotWrappedTwice() {
    AwsCallException original = new AwsCallException(ErrorKind.WAIT, "dynamodb", "UpdateTable", "us-east-1",
        "ResourceInUseException", "busy", null);
    assertThat(ErrorClassifier.toAwsCallException("dynamodb", "Other", "eu-west-1", original)).isSameAs(original);
  }

  @Test
  void thePureFunctionNeedsNoException() {
    assertThat(ErrorClassifier.classify("UpdateTable", "ValidationException",
        "Create/Update/Delete of replica is not allowed while the replica is being added to table with name: "
            + "'Orders' in region: 'eu-west-1'.", 400, null)).isEqualTo(ErrorKind.WAIT);
    assertThat(ErrorClassifier.classify("UpdateTable", "ValidationException",
        "The replica Create/Update/Delete of replica is not allowed while the replica is being added", 400, null))
        .as("prefix match, not a substring anywhere").isEqualTo(ErrorKind.TERMINAL);
    assertThat(ErrorClassifier.classify("UpdateTable", null, null, 503, null)).isEqualTo(ErrorKind.RETRY);
    assertThat(ErrorClassifier.classify("UpdateTable", null, null, 400, null)).isEqualTo(ErrorKind.TERMINAL);
  }

  private static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

  private static AwsCallException at(String operation, Throwable error) {
    return ErrorClassifier.toAwsCallException("dynamodb", operation, "us-east-1", error, NOW);
  }

  @Test
  void aTimeToLiveRefusalHoldsHalfAnHourFromNowBecauseAwsDoesNotSayWhenTheLastChangeWas() {
    AwsCallException e = at("UpdateTimeToLive", aws(DynamoDbException.class, "ValidationException",
        "Time to live has been modified multiple times within a fixed interval", 400));

    assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
    assertThat(e.notBefore()).isEqualTo(Instant.parse("2026-12-02T15:30:00Z"));
    assertThat(e.cooldownReason()).isEqualTo("AWS allows one time-to-live change per table per hour");
  }

  @Test
  void anEncryptionRefusalHoldsUntilTheInstantAwsNames() {
    AwsCallException e = at("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
        ENCRYPTION_LIMIT, 400));

    assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
    // The "window ending at" instant earlier in the text is not the one that counts.
    assertThat(e.notBefore()).isEqualTo(Instant.parse("2026-12-02T21:00:00Z"));
    assertThat(e.cooldownReason())
        .isEqualTo("AWS allows 4 encryption changes per table per 24 hours, then one per 6 hours");
  }

  @Test
  void anEncryptionRefusalWhoseInstantCannotBeReadHoldsTheBudgetsSixHours() {
    AwsCallException e = at("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
        "Subscriber limit exceeded: Encryption mode changes are limited in the 24h window. Next changes can be "
            + "made at teatime.", 400));

    assertThat(e.notBefore()).isEqualTo(Instant.parse("2026-12-02T21:00:00Z"));
  }

  @Test
  void aTableClassRefusalHoldsADayBecauseTheWindowsEndIsNotGiven() {
    AwsCallException e = at("UpdateTable", aws(LimitExceededException.class, "LimitExceededException",
        "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s).", 400));

    assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
    assertThat(e.notBefore()).isEqualTo(Instant.parse("2026-12-03T15:00:00Z"));
    assertThat(e.cooldownReason()).isEqualTo("AWS allows 2 table class changes per 30 days");
  }

  @Test
  void aThrottledDeletionProtectionToggleHoldsUntilTheInstantAwsNames() {
    AwsCallException e = at("UpdateTable", aws(ThrottlingException.class, "ThrottlingException",
        DELETION_PROTECTION_THROTTLE, 400));

    assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
    assertThat(e.notBefore()).isEqualTo(Instant.parse("2026-12-02T15:00:15Z"));
    assertThat(e.cooldownReason()).isEqualTo("AWS throttled the change and named when it may be sent again");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "Wednesday, December 2, 2026 at 3:00:15 PM Coordinated Universal Time.|2026-12-02T15:00:15Z",
      "Wednesday, December 2, 2026 3:00:15 PM UTC|2026-12-02T15:00:15Z",
      "Wed Dec 02 15:00:15 UTC 2026|2026-12-02T15:00:15Z",
      "Wed, 2 Dec 2026 15:00:15 GMT|2026-12-02T15:00:15Z",
      "2026-12-02T15:00:15Z|2026-12-02T15:00:15Z",
      "2026-12-02T15:00:15.250Z.|2026-12-02T15:00:15.250Z",
      "2026-12-02 16:00:15+01:00|2026-12-02T15:00:15Z",
      "2026-12-02T16:00:15+0100|2026-12-02T15:00:15Z",
      "2026-12-02T15:00:15|2026-12-02T15:00:15Z",
      "1796223615|2026-12-02T15:00:15Z",
      "1796223615.5 (epoch)|2026-12-02T15:00:15.500Z"})
  void readsTheInstantsAwsWritesInMessages(String written, String expected) {
    assertThat(ErrorClassifier.instantAfter("Please try again after " + written, "Please try again after "))
        .isEqualTo(Instant.parse(expected));
  }

  @Test
  void anUnreadableOrMissingInstantIsNull() {
    assertThat(ErrorClassifier.instantAfter("Please try again after 2026-13-02T15:00:15Z", "Please try again after "))
        .isNull();
    assertThat(ErrorClassifier.instantAfter("Please try again after a while", "Please try again after ")).isNull();
    assertThat(ErrorClassifier.instantAfter("Please try again later", "Please try again after ")).isNull();
  }

  @Test
  void aThrottledToggleWithoutAReadableInstantHoldsFifteenSeconds() {
    AwsCallException e = at("UpdateTable", aws(ThrottlingException.class, "ThrottlingException",
        "Please try again after a while", 400));

    assertThat(e.notBefore()).isEqualTo(Instant.parse("2026-12-02T15:00:15Z"));
  }

  @Test
  void waitsThatAreNotBudgetsAndOtherKindsCarryNoCooldown() {
    for (AwsCallException e : java.util.List.of(
        at("UpdateTimeToLive", aws(DynamoDbException.class, "ValidationException", "TimeToLive is already enabled",
            400)),
        at("UpdateTable", aws(ResourceInUseException.class, "ResourceInUseException",
            "The resource which you are attempting to change is in use.", 400)),
        at("UpdateTable", aws(ThrottlingException.class, "ThrottlingException", "Rate exceeded", 400)),
        at("UpdateTable", aws(DynamoDbException.class, "ValidationException",
            "KMSMasterKeyId must be specified for each replica.", 400)))) {
      assertThat(e.notBefore()).as(e.getMessage()).isNull();
      assertThat(e.cooldownReason()).as(e.getMessage()).isNull();
    }
  }

  // ----------------------------------------------------------------------------------------------- CloudWatch

  /** A CloudWatch exception of {@code builder}'s type with the code the SDK reports (query-compatible or modeled). */
  private static AwsServiceException cw(AwsServiceException.Builder builder, String code, String message, int status) {
    return (AwsServiceException) builder.message(message + " (Service: CloudWatch, Status Code: " + status + ")")
        .statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
            .serviceName("CloudWatch").build())
        .build();
  }

  private static AwsServiceException.Builder cwBase() {
    return software.amazon.awssdk.services.cloudwatch.model.CloudWatchException.builder();
  }

  /** Reference 6.2, 6.3: CloudWatch errors by code and text; both code spellings the SDK may report. */
  static Stream<Arguments> cloudWatchCases() {
    var limit = software.amazon.awssdk.services.cloudwatch.model.LimitExceededException.class;
    String quota = "The quota for alarms for this customer has already been reached";
    return Stream.of(
        row("PutMetricAlarm", cw(cwBase(), "Throttling", "Rate exceeded", 400), ErrorKind.RETRY, FIVE_S),
        row("DescribeAlarms", cw(cwBase(), "ThrottlingException", "Rate exceeded", 400), ErrorKind.RETRY, FIVE_S),
        row("GetMetricData", cw(cwBase(), "LimitExceeded", "Too many requests", 400), ErrorKind.RETRY, FIVE_S),
        row("PutMetricAlarm", cw(software.amazon.awssdk.services.cloudwatch.model.LimitExceededException.builder(),
            "LimitExceeded", quota, 400), ErrorKind.TERMINAL, TEN_MIN),
        row("PutMetricAlarm", cw(software.amazon.awssdk.services.cloudwatch.model.LimitExceededException.builder(),
            "LimitExceededFault", quota, 400), ErrorKind.TERMINAL, TEN_MIN),
        row("PutMetricAlarm", cw(cwBase(), "InvalidParameterValue",
            "The parameter Period must be 10, 20, 30 or a multiple of 60.", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("PutMetricAlarm", cw(software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException
            .builder(), "InvalidParameterValueException", "DatapointsToAlarm must be less than or equal to "
            + "EvaluationPeriods.", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("PutMetricAlarm", cw(cwBase(), "InvalidParameterCombination",
            "Exactly one of Statistic or ExtendedStatistic must be specified when MetricName is specified.", 400),
            ErrorKind.TERMINAL, TEN_MIN),
        row("PutMetricAlarm", cw(cwBase(), "ValidationError", "1 validation error detected: Value null at "
            + "'alarmName' failed to satisfy constraint: Member must not be null", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("PutDashboard", cw(cwBase(), "InvalidParameterInput",
            "The field DashboardBody must be a valid JSON object", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("PutDashboard", cw(cwBase(), "DashboardInvalidInputError",
            "The field DashboardBody must be a valid JSON object", 400), ErrorKind.TERMINAL, TEN_MIN),
        row("DeleteDashboards", cw(cwBase(), "ResourceNotFound", "The specified dashboard does not exist.", 404),
            ErrorKind.WAIT, TEN_S),
        row("DeleteDashboards", cw(cwBase(), "DashboardNotFoundError", "The specified dashboard does not exist.",
            404), ErrorKind.WAIT, TEN_S),
        row("PutDashboard", cw(cwBase(), "ResourceNotFound", "Not found", 404), ErrorKind.TERMINAL, TEN_MIN),
        row("PutMetricAlarm", cw(cwBase(), "InternalServiceError", "Internal service error", 500), ErrorKind.RETRY,
            FIVE_S),
        row("DeleteAlarms", cw(cwBase(), "InternalServiceFault", "Internal service error", 500), ErrorKind.RETRY,
            FIVE_S),
        row("DescribeAlarms", cw(cwBase(), "InvalidNextToken", "The service cannot process the token", 400),
            ErrorKind.RETRY, FIVE_S),
        row("PutDashboard", cw(cwBase(), "ConflictException", "Concurrent modification", 409), ErrorKind.WAIT, TEN_S),
        row("PutMetricAlarm", cw(cwBase(), "AccessDenied", "User is not authorized", 403), ErrorKind.TERMINAL,
            TEN_MIN),
        // A DynamoDB text that would be a WAIT elsewhere is not one for CloudWatch.
        row("PutMetricAlarm", cw(cwBase(), "ValidationError", "Table tags are being updated", 400),
            ErrorKind.TERMINAL, TEN_MIN));
  }

  @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
  @MethodSource("cloudWatchCases")
  void classifiesCloudWatchErrors(String operation, Throwable error, ErrorKind expected, Duration wait) {
    assertThat(ErrorClassifier.classify(operation, error)).isEqualTo(expected);

    AwsCallException e = ErrorClassifier.toAwsCallException(ErrorClassifier.CLOUDWATCH, operation, "eu-west-1",
        error);
    assertThat(e.kind()).isEqualTo(expected);
    assertThat(e.service()).isEqualTo("cloudwatch");
    assertThat(ErrorClassifier.suggestedWait(e)).isEqualTo(wait);
    AwsServiceException ase = (AwsServiceException) error;
    assertThat(e.getMessage()).isEqualTo(ase.awsErrorDetails().errorMessage());
    assertThat(e.errorCode()).isEqualTo(ase.awsErrorDetails().errorCode());
  }

  @org.junit.jupiter.api.Test
  void cloudWatchExceptionsWithoutErrorDetailsAreNamedByTheirModeledCode() {
    var notFound = software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException.builder()
        .message("gone").statusCode(404).build();
    var quota = software.amazon.awssdk.services.cloudwatch.model.LimitExceededException.builder()
        .message("The quota for alarms for this customer has already been reached").statusCode(400).build();
    var internal = software.amazon.awssdk.services.cloudwatch.model.InternalServiceException.builder()
        .message("oops").statusCode(500).build();

    assertThat(ErrorClassifier.errorCode(notFound)).isEqualTo("DashboardNotFoundError");
    assertThat(ErrorClassifier.classify("DeleteDashboards", notFound)).isEqualTo(ErrorKind.WAIT);
    assertThat(ErrorClassifier.errorCode(quota)).isEqualTo("LimitExceededFault");
    assertThat(ErrorClassifier.classify("PutMetricAlarm", quota)).isEqualTo(ErrorKind.TERMINAL);
    assertThat(ErrorClassifier.errorCode(internal)).isEqualTo("InternalServiceFault");
    assertThat(ErrorClassifier.classify("PutMetricAlarm", internal)).isEqualTo(ErrorKind.RETRY);
  }
}
