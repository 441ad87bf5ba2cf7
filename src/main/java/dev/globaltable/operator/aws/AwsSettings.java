package dev.globaltable.operator.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the operator builds its real AWS SDK clients.
 *
 * <p>Build instances with {@link #defaults()} and the {@code with...} methods rather than the canonical constructor:
 * endpoint overrides for CloudWatch and Application Auto Scaling will be added as further {@code Optional<URI>}
 * components, and callers that use the factories keep compiling when they are.
 *
 * @param dynamoDbEndpoint endpoint override for DynamoDB in every region (DynamoDB Local, a VPC endpoint, a proxy);
 *     empty means the SDK's regional endpoint
 * @param apiCallTimeout upper bound for one SDK call including its retries, so that a reconcile never hangs on AWS
 * @param apiCallAttemptTimeout upper bound for one HTTP attempt
 */
public record AwsSettings(Optional<URI> dynamoDbEndpoint, Duration apiCallTimeout, Duration apiCallAttemptTimeout) {

  /** Default bound for one SDK call, retries included. */
  public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(60);
  /** Default bound for one HTTP attempt. */
  public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

  public AwsSettings {
    dynamoDbEndpoint = dynamoDbEndpoint == null ? Optional.empty() : dynamoDbEndpoint;
    apiCallTimeout = Objects.requireNonNullElse(apiCallTimeout, DEFAULT_API_CALL_TIMEOUT);
    apiCallAttemptTimeout = Objects.requireNonNullElse(apiCallAttemptTimeout, DEFAULT_API_CALL_ATTEMPT_TIMEOUT);
    if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
      throw new IllegalArgumentException("apiCallTimeout must be positive: " + apiCallTimeout);
    }
    if (apiCallAttemptTimeout.isNegative() || apiCallAttemptTimeout.isZero()) {
      throw new IllegalArgumentException("apiCallAttemptTimeout must be positive: " + apiCallAttemptTimeout);
    }
  }

  /** Real regional endpoints, default timeouts. */
  public static AwsSettings defaults() {
    return new AwsSettings(Optional.empty(), DEFAULT_API_CALL_TIMEOUT, DEFAULT_API_CALL_ATTEMPT_TIMEOUT);
  }

  /** A copy that sends every DynamoDB call to {@code endpoint} (for example {@code http://localhost:8000}). */
  public AwsSettings withDynamoDbEndpoint(URI endpoint) {
    return new AwsSettings(Optional.of(Objects.requireNonNull(endpoint, "endpoint")), apiCallTimeout,
        apiCallAttemptTimeout);
  }

  /** A copy with other SDK call timeouts. */
  public AwsSettings withTimeouts(Duration callTimeout, Duration attemptTimeout) {
    return new AwsSettings(dynamoDbEndpoint, callTimeout, attemptTimeout);
  }
}
