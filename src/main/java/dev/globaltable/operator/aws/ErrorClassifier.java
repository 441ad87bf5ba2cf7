package dev.globaltable.operator.aws;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * Decides how the reconciler treats a failed AWS call ({@link ErrorKind}), from the AWS error code AND the message text,
 * the HTTP status and the exception type. Pure: no I/O, no state. Texts and their meaning come from
 * {@code reference/aws-semantics.md} sections 1.4, 1.5, 4.2, 7.3, 7.6, 8 and 9. DynamoDB and Application Auto Scaling
 * share it: their error codes do not collide, and the operation name tells them apart where it matters.
 *
 * <p>How the inputs are read from an exception (so that the simulator can produce exceptions that classify exactly as
 * real AWS ones do): error code = {@code awsErrorDetails().errorCode()}, else derived from the exception class
 * ({@code ResourceInUseException}, {@code InternalServerError}, ...); message = {@code awsErrorDetails().errorMessage()},
 * else {@code getMessage()}; HTTP status = {@code statusCode()}.
 */
public final class ErrorClassifier {

  /** Service name recorded in every DynamoDB {@link AwsCallException}. */
  public static final String DYNAMODB = "dynamodb";
  /** Service name recorded in every Application Auto Scaling {@link AwsCallException}. */
  public static final String APPLICATION_AUTO_SCALING = "application-autoscaling";

  // ResourceInUse texts that will never resolve by waiting (reference 1.4): the table/group already exists.
  private static final String TABLE_ALREADY_EXISTS = "Table already exists: ";
  private static final String GLOBAL_TABLE_PREFIX = "Global table with name: ";
  private static final String GLOBAL_TABLE_EXISTS = "already exists with replicas in regions";

  /** ValidationException prefix while a replica of a non-empty table is being added (reference 1.4). */
  static final String REPLICA_BEING_ADDED = "Create/Update/Delete of replica is not allowed while the replica is being added";
  /** The 24-hour source-region rule (reference 7.6). */
  static final String SOURCE_REGION_24H = "Replica cannot be deleted because it has acted as a source region";
  /** One GSI create/delete at a time (reference 1.2, 1.5). */
  static final String ONE_INDEX_AT_A_TIME = "Only 1 online index can be created or deleted simultaneously";
  /** Tag write lock, ~2 s after any effective tag write (reference 1.5, 7.3). */
  static final String TAGS_BEING_UPDATED = "Table tags are being updated";
  /** Account-wide concurrent control-plane operations (reference 1.5, TF). */
  static final String CONCURRENT_OPERATIONS = "can be created, updated, or deleted simultaneously";
  /** Account-wide concurrent creates of indexed tables (reference 1.5, TF). */
  static final String CONCURRENT_INDEXED_CREATES = "indexed tables that can be created simultaneously";
  /** Provisioned-throughput decrease budget: resolves within the hour (reference 1.5). */
  static final String DECREASE_BUDGET = "Provisioned throughput decreases are limited within a given UTC day";

  /** ValidationException texts often carry this prefix before the specific sentence. */
  private static final String INVALID_PARAMETERS_PREFIX = "One or more parameter values were invalid: ";
  /** LimitExceededException texts carry this prefix. */
  private static final String SUBSCRIBER_LIMIT_PREFIX = "Subscriber limit exceeded: ";

  private static final List<String> WAIT_PREFIXES = List.of(REPLICA_BEING_ADDED, SOURCE_REGION_24H);
  private static final List<String> WAIT_FRAGMENTS = List.of(ONE_INDEX_AT_A_TIME, TAGS_BEING_UPDATED,
      CONCURRENT_OPERATIONS, CONCURRENT_INDEXED_CREATES, DECREASE_BUDGET);

  private static final Set<String> THROTTLING_CODES = Set.of("ThrottlingException", "Throttling",
      "ProvisionedThroughputExceededException", "RequestLimitExceeded", "TooManyRequestsException");
  private static final Set<String> SERVER_CODES = Set.of("InternalServerError", "InternalFailure",
      "ServiceUnavailable", "ServiceUnavailableException",
      // PITR not ready in the first seconds after ACTIVE ("Backups are being enabled for the table").
      "ContinuousBackupsUnavailableException",
      // The SDK refreshes credentials; a fresh token is one retry away.
      "ExpiredTokenException",
      // Application Auto Scaling's modeled 5xx (reference 4.2).
      "InternalServiceException");
  private static final Set<String> NOT_FOUND_CODES = Set.of("ResourceNotFoundException", "TableNotFoundException");
  /**
   * Mutations whose ResourceNotFound resolves by itself: tag APIs 404 during most of CREATING (reference 7.3), and a
   * DeleteTable that finds nothing is already where it wanted to be (the next observation shows the table gone).
   */
  private static final Set<String> NOT_FOUND_WAIT_OPERATIONS = Set.of("TagResource", "UntagResource", "DeleteTable");

  /**
   * Application Auto Scaling: a pending update to the same target or policy (reference 4.2); it clears by itself.
   */
  private static final String AAS_CONCURRENT_UPDATE = "ConcurrentUpdateException";
  /** Application Auto Scaling: the target (or policy) is not registered (reference 4.2). */
  private static final String AAS_OBJECT_NOT_FOUND = "ObjectNotFoundException";
  /**
   * Where ObjectNotFound resolves by itself: deregistering a target that is gone (the next observation shows it gone),
   * and a policy put right after its target was registered (AAS is briefly eventually consistent after a register,
   * reference 4.2; the next observation re-plans the register if the target really is missing). Anywhere else the plan
   * was wrong.
   */
  private static final Set<String> AAS_NOT_FOUND_WAIT_OPERATIONS = Set.of("DeregisterScalableTarget",
      "PutScalingPolicy");

  private ErrorClassifier() {
  }

  /**
   * Classifies a failed call.
   *
   * @param operation AWS operation name (e.g. UpdateTable); decides what ResourceNotFound means
   * @param errorCode AWS error code (e.g. ValidationException), or the exception class name for client-side failures
   * @param message AWS's message text (may be null)
   * @param httpStatus HTTP status, 0 when there was no response
   * @param type exception type (client-side failures have no error code worth reading)
   */
  public static ErrorKind classify(String operation, String errorCode, String message, int httpStatus,
      Class<? extends Throwable> type) {
    String code = errorCode == null ? "" : errorCode;
    String text = stripPrefixes(message == null ? "" : message);

    if (type != null && SdkClientException.class.isAssignableFrom(type)) {
      // No usable response: I/O error, timeout, connection refused, credentials not (yet) available.
      return ErrorKind.RETRY;
    }
    if (type != null && !SdkServiceException.class.isAssignableFrom(type)) {
      // Not an AWS response at all (a bug, or an operation the engine does not implement): retrying cannot help.
      return ErrorKind.TERMINAL;
    }
    if ("ResourceInUseException".equals(code)) {
      return permanentInUse(text) ? ErrorKind.TERMINAL : ErrorKind.WAIT;
    }
    if (AAS_CONCURRENT_UPDATE.equals(code)) {
      return ErrorKind.WAIT;
    }
    if (AAS_OBJECT_NOT_FOUND.equals(code)) {
      return AAS_NOT_FOUND_WAIT_OPERATIONS.contains(operation) ? ErrorKind.WAIT : ErrorKind.TERMINAL;
    }
    if (WAIT_PREFIXES.stream().anyMatch(text::startsWith) || WAIT_FRAGMENTS.stream().anyMatch(text::contains)) {
      return ErrorKind.WAIT;
    }
    if (THROTTLING_CODES.contains(code) || text.contains("Rate exceeded")) {
      return ErrorKind.RETRY;
    }
    if (httpStatus >= 500 || SERVER_CODES.contains(code)) {
      return ErrorKind.RETRY;
    }
    if (NOT_FOUND_CODES.contains(code)) {
      return NOT_FOUND_WAIT_OPERATIONS.contains(operation) ? ErrorKind.WAIT : ErrorKind.TERMINAL;
    }
    // ValidationException, AccessDenied*, UnrecognizedClient, quota LimitExceeded, anything unknown: a person must act.
    // Application Auto Scaling's ValidationException, LimitExceededException and FailedResourceAccessException (the
    // service cannot reach the table, usually its service-linked role) land here too.
    return ErrorKind.TERMINAL;
  }

  /** Classifies {@code error} thrown by {@code operation}. */
  public static ErrorKind classify(String operation, Throwable error) {
    return classify(operation, errorCode(error), message(error), httpStatus(error), error.getClass());
  }

  /**
   * Wraps a failure of {@code operation} in {@code region} as a classified {@link AwsCallException} whose message is
   * AWS's bare text (no SDK "(Service: ..., Request ID: ...)" suffix).
   */
  public static AwsCallException toAwsCallException(String service, String operation, String region, Throwable error) {
    if (error instanceof AwsCallException already) {
      return already;
    }
    return new AwsCallException(classify(operation, error), service, operation, region, errorCode(error),
        message(error), error);
  }

  /**
   * How long to wait before looking again. WAIT: 10 minutes for the 24-hour source-region rule, 15 minutes for the
   * throughput-decrease budget, 5 seconds for the tag lock (about 2 s), 10 seconds otherwise (AWS's own transitions,
   * polled no faster than reference section 8 advises). RETRY: 5 seconds (the framework's backoff may stretch it).
   * TERMINAL: 10 minutes (nothing changes until the spec does, which triggers a reconcile anyway).
   */
  public static Duration suggestedWait(AwsCallException e) {
    String text = stripPrefixes(e.getMessage() == null ? "" : e.getMessage());
    return switch (e.kind()) {
      case WAIT -> {
        if (text.startsWith(SOURCE_REGION_24H)) {
          yield Duration.ofMinutes(10);
        }
        if (text.contains(DECREASE_BUDGET)) {
          yield Duration.ofMinutes(15);
        }
        if (text.contains(TAGS_BEING_UPDATED)) {
          yield Duration.ofSeconds(5);
        }
        yield Duration.ofSeconds(10);
      }
      case RETRY -> Duration.ofSeconds(5);
      case TERMINAL -> Duration.ofMinutes(10);
    };
  }

  /** AWS error code, or a code derived from the exception type when the response carried none. */
  static String errorCode(Throwable error) {
    if (error instanceof AwsServiceException ase) {
      AwsErrorDetails details = ase.awsErrorDetails();
      if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
        return details.errorCode();
      }
      // Exceptions built without error details (a simulator, a test): the modeled class names the code.
      if (error instanceof InternalServerErrorException) {
        return "InternalServerError";
      }
      if (error instanceof RequestLimitExceededException) {
        return "RequestLimitExceeded";
      }
    }
    return error.getClass().getSimpleName();
  }

  /** AWS's bare message text when there is one, else the exception's message. */
  static String message(Throwable error) {
    if (error instanceof AwsServiceException ase) {
      AwsErrorDetails details = ase.awsErrorDetails();
      if (details != null && details.errorMessage() != null) {
        return details.errorMessage();
      }
    }
    return error.getMessage();
  }

  static int httpStatus(Throwable error) {
    return error instanceof SdkServiceException sse ? sse.statusCode() : 0;
  }

  private static boolean permanentInUse(String text) {
    return text.startsWith(TABLE_ALREADY_EXISTS)
        || (text.startsWith(GLOBAL_TABLE_PREFIX) && text.contains(GLOBAL_TABLE_EXISTS));
  }

  private static String stripPrefixes(String text) {
    String t = text;
    if (t.startsWith(INVALID_PARAMETERS_PREFIX)) {
      t = t.substring(INVALID_PARAMETERS_PREFIX.length());
    }
    if (t.startsWith(SUBSCRIBER_LIMIT_PREFIX)) {
      t = t.substring(SUBSCRIBER_LIMIT_PREFIX.length());
    }
    return t;
  }
}
