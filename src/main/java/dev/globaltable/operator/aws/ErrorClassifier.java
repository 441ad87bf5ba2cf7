package dev.globaltable.operator.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.InternalServiceException;
import software.amazon.awssdk.services.cloudwatch.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * Decides how the reconciler treats a failed AWS call ({@link ErrorKind}), from the AWS error code AND the message text,
 * the HTTP status and the exception type. Pure: no I/O, no state. Texts and their meaning come from
 * {@code reference/aws-semantics.md} sections 1.4, 1.5, 3, 4.2, 7.1-7.6, 8 and 9. Budget refusals (time to live, encryption,
 * table class, deletion protection) also yield a {@link Cooldown}. DynamoDB and Application Auto Scaling
 * share it: their error codes do not collide, and the operation name tells them apart where it matters. CloudWatch
 * errors (by operation name) have their own rules, {@link #classifyCloudWatch} (reference 6.2, 6.3).
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
  /** Service name recorded in every CloudWatch {@link AwsCallException}. */
  public static final String CLOUDWATCH = "cloudwatch";

  /**
   * The CloudWatch operations the gateway calls; their errors are read by {@link #classifyCloudWatch}. (CloudWatch
   * speaks JSON with query compatibility: the SDK reports the query-era code, e.g. ResourceNotFound or LimitExceeded,
   * when AWS sends it and the modeled shape name, e.g. DashboardNotFoundError or LimitExceededFault, otherwise; both
   * are accepted.)
   */
  static final Set<String> CLOUDWATCH_OPERATIONS = Set.of("DescribeAlarms", "GetMetricData", "GetDashboard",
      "PutMetricAlarm", "DeleteAlarms", "PutDashboard", "DeleteDashboards");
  /** PutMetricAlarm over the account's alarm quota (reference 6.2): a person must raise it or delete alarms. */
  static final String ALARM_QUOTA = "The quota for alarms for this customer has already been reached";
  private static final Set<String> CW_LIMIT_CODES = Set.of("LimitExceeded", "LimitExceededFault",
      "LimitExceededException");
  static final Set<String> CW_NOT_FOUND_CODES = Set.of("ResourceNotFound", "DashboardNotFoundError",
      "ResourceNotFoundException");
  private static final Set<String> CW_SERVER_CODES = Set.of("InternalServiceFault", "InternalServiceError",
      "InternalServiceException", "InternalFailure", "ServiceUnavailable");
  private static final Set<String> CW_CONCURRENT_CODES = Set.of("ConcurrentModificationException",
      "ConflictException");

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

  /** PITR not ready in the first seconds after ACTIVE (ContinuousBackupsUnavailableException, reference 7.2). */
  static final String BACKUPS_BEING_ENABLED = "Backups are being enabled for the table";
  /** UpdateTimeToLive within AWS's cooldown after the last change (reference 7.1). */
  static final String TTL_COOLDOWN = "Time to live has been modified multiple times within a fixed interval";
  /**
   * UpdateTimeToLive content checks (reference 7.1), run before the cooldown. They mean the observation the step was
   * planned from is stale (TTL is read on deep passes only and changes take effect group-wide), not that the spec is
   * wrong: neither success (nothing was changed) nor terminal. The next observation re-plans, and a rename is planned
   * as disable-then-enable.
   */
  static final List<String> TTL_STALE_PLAN = List.of("TimeToLive is already enabled", "TimeToLive is already disabled",
      "TimeToLive is active on a different AttributeName");
  /** SSE key-type switch budget: 4 per 24 h, then one per 6 h (reference 1.5). */
  static final String ENCRYPTION_BUDGET = "Encryption mode changes are limited";
  /** Where the SSE budget text names its end. */
  static final String ENCRYPTION_NEXT = "Next changes can be made at ";
  /** Table class budget: 2 changes per 30 days, for the base or any replica (reference 1.5). */
  static final String TABLE_CLASS_BUDGET = "Updates to TableClass are limited to 2 times in 30 day(s)";
  /** A throttled toggle that names its end (deletion protection: one toggle per ~15 s, reference 7.6). */
  static final String TRY_AGAIN_AFTER = "Please try again after ";
  /** Deletion protection changes need an ACTIVE table (reference 1.4, 7.6). */
  static final String DELETION_PROTECTION_NEEDS_ACTIVE =
      "Table needs to be in ACTIVE status to modify deletion protection setting";
  /** Contributor Insights changes need an ACTIVE table or index (reference 7.4). */
  static final String CONTRIBUTOR_INSIGHTS_NEEDS_ACTIVE =
      "Table or Index is not in a valid state to update Key Access Insights";
  /** Kinesis destination changes need an ACTIVE table and destination (reference 7.5). */
  static final String KINESIS_NEEDS_ACTIVE = "Table is not in a valid state to enable Kinesis Streaming Destination";

  /** Why a TTL refusal holds the step (AWS does not say when the last change was). */
  static final String TTL_COOLDOWN_REASON = dev.globaltable.operator.plan.Step.UpdateTimeToLive.COOLDOWN_REASON;
  /** Why an SSE refusal holds the step. */
  static final String ENCRYPTION_COOLDOWN_REASON =
      "AWS allows 4 encryption changes per table per 24 hours, then one per 6 hours";
  /** Why a table class refusal holds the step. */
  static final String TABLE_CLASS_COOLDOWN_REASON = "AWS allows 2 table class changes per 30 days";
  /** Why a throttled toggle holds the step. */
  static final String TRY_AGAIN_REASON = "AWS throttled the change and named when it may be sent again";
  /**
   * How long after a TTL refusal to try again. AWS documents one hour from the last change, observed ~31 min; the
   * refusal does not say when the last change was, so half of the documented hour is both safe and not wasteful.
   */
  static final Duration TTL_HOLD = Duration.ofMinutes(30);
  /** Table class refusal: the 30-day window's end is unknown, so look again once a day. */
  static final Duration TABLE_CLASS_HOLD = Duration.ofHours(24);
  /** SSE refusal whose "Next changes can be made at" cannot be read: the budget's own spacing. */
  static final Duration ENCRYPTION_FALLBACK_HOLD = Duration.ofSeconds(21600);
  /** Throttle whose "try again after" cannot be read: the deletion-protection spacing. */
  static final Duration TRY_AGAIN_FALLBACK_HOLD = Duration.ofSeconds(15);

  /** ValidationException texts often carry this prefix before the specific sentence. */
  private static final String INVALID_PARAMETERS_PREFIX = "One or more parameter values were invalid: ";
  /** LimitExceededException texts carry this prefix. */
  private static final String SUBSCRIBER_LIMIT_PREFIX = "Subscriber limit exceeded: ";

  private static final List<String> WAIT_PREFIXES = java.util.stream.Stream.concat(
      java.util.stream.Stream.of(REPLICA_BEING_ADDED, SOURCE_REGION_24H, BACKUPS_BEING_ENABLED, TTL_COOLDOWN,
          DELETION_PROTECTION_NEEDS_ACTIVE, CONTRIBUTOR_INSIGHTS_NEEDS_ACTIVE, KINESIS_NEEDS_ACTIVE),
      TTL_STALE_PLAN.stream()).toList();
  private static final List<String> WAIT_FRAGMENTS = List.of(ONE_INDEX_AT_A_TIME, TAGS_BEING_UPDATED,
      CONCURRENT_OPERATIONS, CONCURRENT_INDEXED_CREATES, DECREASE_BUDGET, ENCRYPTION_BUDGET, TABLE_CLASS_BUDGET,
      TRY_AGAIN_AFTER);

  private static final Set<String> THROTTLING_CODES = Set.of("ThrottlingException", "Throttling",
      "ProvisionedThroughputExceededException", "RequestLimitExceeded", "TooManyRequestsException");
  private static final Set<String> SERVER_CODES = Set.of("InternalServerError", "InternalFailure",
      "ServiceUnavailable", "ServiceUnavailableException",
      // PITR unavailable with a text other than "Backups are being enabled for the table" (that one is a WAIT).
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
    if (CLOUDWATCH_OPERATIONS.contains(operation)) {
      return classifyCloudWatch(operation, code, text, httpStatus);
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

  /**
   * CloudWatch (reference 6.2, 6.3): Throttling and "Rate exceeded" RETRY; LimitExceeded RETRY (a request rate)
   * except the alarm quota ("The quota for alarms for this customer has already been reached"), TERMINAL;
   * InternalServiceFault and any 5xx RETRY; InvalidNextToken RETRY (the next pass lists again from the start);
   * ConcurrentModification / Conflict (another writer on the same dashboard or alarm) WAIT; ResourceNotFound on
   * DeleteDashboards WAIT, because the dashboard the plan was made from is already gone (the next observation shows
   * it and plans nothing; reporting success would hide a stale plan, and it is not an error), anywhere else TERMINAL;
   * InvalidParameterValue, InvalidParameterCombination, MissingParameter, ValidationError, DashboardInvalidInputError
   * (InvalidParameterInput; its validation messages are in the text, see {@link #message}) and anything unknown
   * TERMINAL.
   */
  static ErrorKind classifyCloudWatch(String operation, String code, String text, int httpStatus) {
    if (THROTTLING_CODES.contains(code) || text.contains("Rate exceeded")) {
      return ErrorKind.RETRY;
    }
    if (CW_LIMIT_CODES.contains(code)) {
      return text.contains(ALARM_QUOTA) || text.toLowerCase(Locale.ROOT).contains("quota") ? ErrorKind.TERMINAL
          : ErrorKind.RETRY;
    }
    if (CW_SERVER_CODES.contains(code) || httpStatus >= 500 || "InvalidNextToken".equals(code)) {
      return ErrorKind.RETRY;
    }
    if (CW_CONCURRENT_CODES.contains(code)) {
      return ErrorKind.WAIT;
    }
    if (CW_NOT_FOUND_CODES.contains(code)) {
      return "DeleteDashboards".equals(operation) ? ErrorKind.WAIT : ErrorKind.TERMINAL;
    }
    // InvalidParameterValue, InvalidParameterCombination, MissingParameter, ValidationError, DashboardInvalidInputError,
    // AccessDenied, anything unknown: a person must act.
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
    return toAwsCallException(service, operation, region, error, Instant.now());
  }

  /**
   * As {@link #toAwsCallException(String, String, String, Throwable)}; a budget refusal also carries its
   * {@link AwsCallException#notBefore()} (read from the text, or {@code now} plus the hold the budget implies) and
   * {@link AwsCallException#cooldownReason()} (see {@link #cooldown}).
   */
  public static AwsCallException toAwsCallException(String service, String operation, String region, Throwable error,
      Instant now) {
    if (error instanceof AwsCallException already) {
      return already;
    }
    ErrorKind kind = classify(operation, error);
    String message = message(error);
    Cooldown hold = kind == ErrorKind.WAIT ? cooldown(message, now) : null;
    return new AwsCallException(kind, service, operation, region, errorCode(error), message, error,
        hold == null ? null : hold.notBefore(), hold == null ? null : hold.reason());
  }

  /**
   * The hold an AWS budget refusal implies: until when the same step cannot succeed, and why.
   *
   * @param notBefore the earliest instant worth sending the step again
   * @param reason the budget in plain words
   */
  public record Cooldown(Instant notBefore, String reason) {
  }

  /**
   * The cooldown a refusal text names or implies, or null when it is not a budget refusal:
   * <ul>
   *   <li>"Time to live has been modified multiple times within a fixed interval": {@code now} + 30 min (AWS does not
   *       say when the last change was; documented 1 h, observed ~31 min);</li>
   *   <li>"Encryption mode changes are limited ... Next changes can be made at &lt;ts&gt;": that instant ({@code now}
   *       + 6 h when it cannot be read);</li>
   *   <li>"Updates to TableClass are limited to 2 times in 30 day(s)": {@code now} + 24 h (the window's end is not
   *       given);</li>
   *   <li>"... Please try again after &lt;ts&gt;" (deletion protection toggled again within ~15 s): that instant
   *       ({@code now} + 15 s when it cannot be read).</li>
   * </ul>
   */
  public static Cooldown cooldown(String message, Instant now) {
    String text = stripPrefixes(message == null ? "" : message);
    if (now == null) {
      // Why: without a clock a relative hold cannot be placed; the caller gets a plain WAIT.
      return null;
    }
    if (text.startsWith(TTL_COOLDOWN)) {
      // The text names no instant and the last change is not observable: a fixed hold from now.
      return new Cooldown(now.plus(TTL_HOLD), TTL_COOLDOWN_REASON);
    }
    if (text.contains(ENCRYPTION_BUDGET)) {
      Instant named = instantAfter(text, ENCRYPTION_NEXT);
      return new Cooldown(named != null ? named : now.plus(ENCRYPTION_FALLBACK_HOLD), ENCRYPTION_COOLDOWN_REASON);
    }
    if (text.contains(TABLE_CLASS_BUDGET)) {
      // The 30-day window's start is not given: look again daily rather than guess its end.
      return new Cooldown(now.plus(TABLE_CLASS_HOLD), TABLE_CLASS_COOLDOWN_REASON);
    }
    if (text.contains(TRY_AGAIN_AFTER)) {
      Instant named = instantAfter(text, TRY_AGAIN_AFTER);
      return new Cooldown(named != null ? named : now.plus(TRY_AGAIN_FALLBACK_HOLD), TRY_AGAIN_REASON);
    }
    // Not a budget refusal: a plain WAIT whose requeue suggestedWait decides.
    return null;
  }

  /**
   * Formats AWS uses for instants inside messages. AWS does not document them; these are the ones seen in its texts
   * (the throughput-decrease budget uses the first) plus the usual machine formats.
   */
  private static final List<DateTimeFormatter> MESSAGE_TIME_FORMATS = List.of(
      DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy 'at' h:mm:ss a 'Coordinated Universal Time'", Locale.US)
          .withZone(ZoneOffset.UTC),
      DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy h:mm:ss a 'UTC'", Locale.US).withZone(ZoneOffset.UTC),
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US),
      DateTimeFormatter.RFC_1123_DATE_TIME);
  private static final Pattern ISO_INSTANT = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})?");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("^(\\d{10})(?:\\.(\\d{1,9}))?\\b");

  /**
   * The instant written after {@code marker} in {@code text}, or null when there is none or it is in no known format
   * (the caller then falls back to the hold the budget implies).
   */
  static Instant instantAfter(String text, String marker) {
    int at = text.indexOf(marker);
    if (at < 0) {
      // The text names no instant at all.
      return null;
    }
    String rest = text.substring(at + marker.length()).trim();
    while (rest.endsWith(".")) {
      rest = rest.substring(0, rest.length() - 1).trim();
    }
    for (DateTimeFormatter format : MESSAGE_TIME_FORMATS) {
      try {
        return ZonedDateTime.parse(rest, format).toInstant();
      } catch (DateTimeParseException e) {
        // not this format; try the next
      }
    }
    Matcher iso = ISO_INSTANT.matcher(rest);
    if (iso.lookingAt()) {
      // Without an offset the instant is read as UTC, as AWS writes every other instant.
      String value = iso.group().replace(' ', 'T');
      try {
        if (iso.group(1) == null) {
          return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
        String local = value.substring(0, value.length() - iso.group(1).length());
        String offset = iso.group(1).equals("Z") ? "Z"
            : iso.group(1).replaceAll("^([+-]\\d{2}):?(\\d{2})$", "$1:$2");
        return OffsetDateTime.parse(local + offset).toInstant();
      } catch (DateTimeParseException e) {
        // Why: digits in the right places but not a real date and time (month 13): no usable instant.
        return null;
      }
    }
    Matcher epoch = EPOCH_SECONDS.matcher(rest);
    if (epoch.find()) {
      long nanos = epoch.group(2) == null ? 0 : Long.parseLong((epoch.group(2) + "00000000").substring(0, 9));
      return Instant.ofEpochSecond(Long.parseLong(epoch.group(1)), nanos);
    }
    // In no format known here: the caller falls back to the budget's own hold.
    return null;
  }

  /**
   * How long to wait before looking again. WAIT: 10 minutes for the 24-hour source-region rule, 15 minutes for the
   * throughput-decrease budget, 1 minute for a refusal that carries a {@link AwsCallException#notBefore()} (the
   * cooldown holds that step; other steps may proceed meanwhile), 5 seconds for the tag lock (about 2 s) and for PITR
   * still being enabled (1.5-3 s), 10 seconds otherwise (AWS's own transitions, polled no faster than reference
   * section 8 advises). RETRY: 5 seconds (the framework's backoff may stretch it).
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
        if (e.notBefore() != null) {
          yield Duration.ofMinutes(1);
        }
        if (text.contains(TAGS_BEING_UPDATED) || text.startsWith(BACKUPS_BEING_ENABLED)) {
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
      // CloudWatch's modeled errors whose class name is not their code.
      if (error instanceof DashboardNotFoundErrorException) {
        return "DashboardNotFoundError";
      }
      if (error instanceof DashboardInvalidInputErrorException) {
        return "DashboardInvalidInputError";
      }
      if (error instanceof LimitExceededException) {
        return "LimitExceededFault";
      }
      if (error instanceof InternalServiceException) {
        return "InternalServiceFault";
      }
    }
    return error.getClass().getSimpleName();
  }

  /**
   * AWS's bare message text when there is one, else the exception's message. A CloudWatch DashboardInvalidInputError
   * also lists its validation messages: "&lt;text&gt; [&lt;DataPath&gt;: &lt;Message&gt;; ...]".
   */
  static String message(Throwable error) {
    String text = error.getMessage();
    if (error instanceof AwsServiceException ase) {
      AwsErrorDetails details = ase.awsErrorDetails();
      if (details != null && details.errorMessage() != null) {
        text = details.errorMessage();
      }
    }
    if (error instanceof DashboardInvalidInputErrorException invalid && invalid.hasDashboardValidationMessages()
        && !invalid.dashboardValidationMessages().isEmpty()) {
      text = (text == null ? "" : text + " ") + invalid.dashboardValidationMessages().stream()
          .map(m -> m.dataPath() == null ? m.message() : m.dataPath() + ": " + m.message())
          .collect(java.util.stream.Collectors.joining("; ", "[", "]"));
    }
    return text;
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
