package dev.globaltable.operator.sim;

import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.ConcurrentUpdateException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardValidationMessage;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;

/**
 * Exceptions of the simulated Application Auto Scaling and CloudWatch services, shaped like {@link SimErrors} shapes
 * DynamoDB's: the SDK's exception class for the error code, {@code awsErrorDetails()} with code, bare message, service
 * name and HTTP status, and a request id.
 */
final class SimServiceErrors {
  static final String AAS_SERVICE = "ApplicationAutoScaling";
  static final String CW_SERVICE = "CloudWatch";
  private static final AtomicLong REQUEST_IDS = new AtomicLong();

  private SimServiceErrors() {}

  // ------------------------------------------------------------------------------------- Application Auto Scaling

  static ValidationException aasValidation(String message) {
    return fill(ValidationException.builder(), AAS_SERVICE, "ValidationException", message, 400);
  }

  static ObjectNotFoundException aasNotFound(String message) {
    return fill(ObjectNotFoundException.builder(), AAS_SERVICE, "ObjectNotFoundException", message, 400);
  }

  /** The text is the simulator's choice (aws-semantics gives none): the AAS API reference's wording of the case. */
  static ConcurrentUpdateException aasConcurrentUpdate() {
    return fill(ConcurrentUpdateException.builder(), AAS_SERVICE, "ConcurrentUpdateException",
        "You already have a pending update to an Application Auto Scaling resource.", 400);
  }

  static software.amazon.awssdk.services.applicationautoscaling.model.InvalidNextTokenException aasInvalidToken() {
    return fill(software.amazon.awssdk.services.applicationautoscaling.model.InvalidNextTokenException.builder(),
        AAS_SERVICE, "InvalidNextTokenException", "Invalid token", 400);
  }

  static AwsServiceException aasInjected(Faults.Injected f) {
    return f == Faults.Injected.THROTTLE
        // Application Auto Scaling models no throttling shape: the SDK surfaces it as the service's base exception.
        ? fill(ApplicationAutoScalingException.builder(), AAS_SERVICE, "ThrottlingException", "Rate exceeded", 400)
        : fill(software.amazon.awssdk.services.applicationautoscaling.model.InternalServiceException.builder(),
            AAS_SERVICE, "InternalServiceException", "Internal service error", 500);
  }

  // ------------------------------------------------------------------------------------- CloudWatch

  // CloudWatch speaks the awsQueryCompatible protocol: the SDK picks the exception class by the shape name on the wire
  // and reports the query-era code (x-amzn-query-error) in awsErrorDetails().errorCode(), e.g. class
  // InvalidParameterValueException with code "InvalidParameterValue".

  /** A request-shape constraint violation (length, count, null): code ValidationError, no modelled shape. */
  static CloudWatchException cwValidation(String message) {
    return fill(CloudWatchException.builder(), CW_SERVICE, "ValidationError", message, 400);
  }

  static InvalidParameterValueException cwInvalidParameter(String message) {
    return fill(InvalidParameterValueException.builder(), CW_SERVICE, "InvalidParameterValue", message, 400);
  }

  static InvalidParameterCombinationException cwInvalidCombination(String message) {
    return fill(InvalidParameterCombinationException.builder(), CW_SERVICE, "InvalidParameterCombination", message,
        400);
  }

  static MissingRequiredParameterException cwMissingParameter(String message) {
    return fill(MissingRequiredParameterException.builder(), CW_SERVICE, "MissingParameter", message, 400);
  }

  /** LimitExceededFault: the alarm quota of the region is used up (aws-semantics 6.2 gives the text). */
  static software.amazon.awssdk.services.cloudwatch.model.LimitExceededException cwAlarmQuota() {
    return fill(software.amazon.awssdk.services.cloudwatch.model.LimitExceededException.builder(), CW_SERVICE,
        "LimitExceeded", "The quota for alarms for this customer has already been reached", 400);
  }

  /** CloudWatch's throttling error: no modelled shape, so the SDK surfaces the base exception. */
  static CloudWatchException cwThrottling() {
    return fill(CloudWatchException.builder(), CW_SERVICE, "Throttling", "Rate exceeded", 400);
  }

  static software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException cwInvalidToken() {
    return fill(software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException.builder(), CW_SERVICE,
        "InvalidNextToken", "The service returned an invalid next token.", 400);
  }

  /** DashboardNotFoundError (code ResourceNotFound, HTTP 404). */
  static DashboardNotFoundErrorException cwDashboardNotFound(String message) {
    return fill(DashboardNotFoundErrorException.builder(), CW_SERVICE, "ResourceNotFound", message, 404);
  }

  /** DashboardInvalidInputError (code InvalidParameterInput) with its validation messages. */
  static DashboardInvalidInputErrorException cwDashboardInvalid(String message,
      List<DashboardValidationMessage> messages) {
    return fill(DashboardInvalidInputErrorException.builder().dashboardValidationMessages(messages), CW_SERVICE,
        "InvalidParameterInput", message, 400);
  }

  /** ResourceNotFoundException of the tagging APIs (HTTP 404). */
  static software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException cwResourceNotFound(
      String resourceType, String resourceId, String message) {
    return fill(software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException.builder()
        .resourceType(resourceType).resourceId(resourceId), CW_SERVICE, "ResourceNotFoundException", message, 404);
  }

  static AwsServiceException cwInjected(Faults.Injected f) {
    return f == Faults.Injected.THROTTLE
        ? cwThrottling()
        : fill(software.amazon.awssdk.services.cloudwatch.model.InternalServiceException.builder(), CW_SERVICE,
            "InternalServiceError", "Internal service error", 500);
  }

  // ------------------------------------------------------------------------------------- shared

  /** What the SDK throws when the regional endpoint {@code <endpointPrefix>.<region>.amazonaws.com} does not resolve. */
  static SdkClientException unknownHost(String endpointPrefix, String region) {
    String host = endpointPrefix + "." + region + ".amazonaws.com";
    return SdkClientException.builder()
        .message("Received an UnknownHostException when attempting to interact with a service. See cause for the "
            + "exact endpoint that is failing to resolve. If this is happening on an endpoint that previously worked, "
            + "there may be a network connectivity issue or your DNS cache could be storing endpoints for too long.")
        .cause(new UnknownHostException(host + ": Name or service not known"))
        .build();
  }

  private static <T extends AwsServiceException> T fill(AwsServiceException.Builder b, String service, String code,
      String message, int status) {
    return build(b, service, code, message, status, nextRequestId());
  }

  /**
   * An AWS service exception as the SDK builds one from a response: error code, bare message, service name and HTTP
   * status in {@code awsErrorDetails}, the request id on the exception. Shared by every simulated service.
   */
  @SuppressWarnings("unchecked")
  static <T extends AwsServiceException> T build(AwsServiceException.Builder b, String service, String code,
      String message, int status, String requestId) {
    AwsErrorDetails details = AwsErrorDetails.builder()
        .errorCode(code)
        .errorMessage(message)
        .serviceName(service)
        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
        .build();
    return (T) b.message(message).statusCode(status).requestId(requestId).awsErrorDetails(details).build();
  }

  /** A UUID-shaped request id, like the x-amzn-RequestId of both services. */
  private static String nextRequestId() {
    return String.format("00000000-0000-4000-8000-%012x", REQUEST_IDS.incrementAndGet());
  }
}
