package dev.globaltable.operator.sim;

import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * Builds exceptions shaped like the ones the real SDK unmarshals: the exception class the SDK maps the error code to,
 * {@code awsErrorDetails()} with error code, bare message, service name and HTTP status, and a request id, so that
 * {@code getMessage()} reads "&lt;message&gt; (Service: DynamoDb, Status Code: 400, Request ID: ...)".
 */
final class SimErrors {
  static final String SERVICE = "DynamoDb";
  private static final AtomicLong REQUEST_IDS = new AtomicLong();

  private SimErrors() {}

  /** ValidationException is not a modelled DynamoDB shape: the SDK surfaces it as the base DynamoDbException. */
  static DynamoDbException validation(String message) {
    return fill(DynamoDbException.builder(), "ValidationException", message, 400);
  }

  static ResourceInUseException inUse(String message) {
    return fill(ResourceInUseException.builder(), "ResourceInUseException", message, 400);
  }

  static ResourceNotFoundException notFound(String message) {
    return fill(ResourceNotFoundException.builder(), "ResourceNotFoundException", message, 400);
  }

  static LimitExceededException limitExceeded(String message) {
    return fill(LimitExceededException.builder(), "LimitExceededException", message, 400);
  }

  static InternalServerErrorException internalError() {
    return fill(InternalServerErrorException.builder(), "InternalServerError", "Internal server error", 500);
  }

  /**
   * SDK 2.46.7 models ThrottlingException for DynamoDB, so the real client unmarshals error code
   * "ThrottlingException" into this subclass of DynamoDbException.
   */
  static ThrottlingException throttling() {
    return fill(ThrottlingException.builder(), "ThrottlingException", "Rate exceeded", 400);
  }

  /** A ThrottlingException with a specific message (e.g. the deletion-protection toggle cooldown). */
  static ThrottlingException throttling(String message) {
    return fill(ThrottlingException.builder(), "ThrottlingException", message, 400);
  }

  /** UpdateContinuousBackups / DescribeContinuousBackups on a missing table (not ResourceNotFound). */
  static TableNotFoundException tableNotFound(String message) {
    return fill(TableNotFoundException.builder(), "TableNotFoundException", message, 400);
  }

  static ContinuousBackupsUnavailableException continuousBackupsUnavailable(String message) {
    return fill(ContinuousBackupsUnavailableException.builder(), "ContinuousBackupsUnavailableException", message,
        400);
  }

  static GlobalTableNotFoundException globalTableNotFound(String message) {
    return fill(GlobalTableNotFoundException.builder(), "GlobalTableNotFoundException", message, 400);
  }

  static DynamoDbException accessDenied(String message) {
    return fill(DynamoDbException.builder(), "AccessDeniedException", message, 400);
  }

  /** What the SDK throws when the regional endpoint does not resolve. */
  static SdkClientException unknownHost(String region) {
    String host = "dynamodb." + region + ".amazonaws.com";
    return SdkClientException.builder()
        .message("Received an UnknownHostException when attempting to interact with a service. See cause for the "
            + "exact endpoint that is failing to resolve. If this is happening on an endpoint that previously worked, "
            + "there may be a network connectivity issue or your DNS cache could be storing endpoints for too long.")
        .cause(new UnknownHostException(host + ": Name or service not known"))
        .build();
  }

  /** The bare AWS message of a service exception (without the SDK's suffix). */
  static String bareMessage(AwsServiceException e) {
    AwsErrorDetails d = e.awsErrorDetails();
    return d != null && d.errorMessage() != null ? d.errorMessage() : e.getMessage();
  }

  static String errorCode(AwsServiceException e) {
    AwsErrorDetails d = e.awsErrorDetails();
    return d != null && d.errorCode() != null ? d.errorCode() : e.getClass().getSimpleName();
  }

  private static <T extends DynamoDbException> T fill(DynamoDbException.Builder b, String code, String message,
      int status) {
    return SimServiceErrors.build(b, SERVICE, code, message, status, nextRequestId());
  }

  /** 52 upper-case alphanumerics, like DynamoDB's x-amzn-RequestId. */
  private static String nextRequestId() {
    String n = Long.toString(REQUEST_IDS.incrementAndGet(), 36).toUpperCase();
    return "SIM" + "0".repeat(49 - n.length()) + n;
  }
}
