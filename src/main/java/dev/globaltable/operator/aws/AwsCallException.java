package dev.globaltable.operator.aws;

/** A failed AWS call, classified. Message keeps AWS's own text. */
public class AwsCallException extends RuntimeException {
  private final ErrorKind kind;
  private final String service;
  private final String operation;
  private final String region;
  private final String errorCode;
  private final java.time.Instant notBefore;
  private final String cooldownReason;

  public AwsCallException(ErrorKind kind, String service, String operation, String region, String errorCode,
      String message, Throwable cause) {
    this(kind, service, operation, region, errorCode, message, cause, null, null);
  }

  /**
   * With the instant an AWS budget refusal names or implies ({@code notBefore}, e.g. "Next changes can be made at
   * &lt;ts&gt;") and the budget in plain words ({@code cooldownReason}); the reconciler holds the step until then.
   */
  public AwsCallException(ErrorKind kind, String service, String operation, String region, String errorCode,
      String message, Throwable cause, java.time.Instant notBefore, String cooldownReason) {
    super(message, cause);
    this.kind = kind;
    this.service = service;
    this.operation = operation;
    this.region = region;
    this.errorCode = errorCode;
    this.notBefore = notBefore;
    this.cooldownReason = cooldownReason;
  }

  /** For a budget refusal: the earliest instant the same step can succeed; else null. */
  public java.time.Instant notBefore() {
    return notBefore;
  }

  /** For a budget refusal: the budget in plain words; else null. */
  public String cooldownReason() {
    return cooldownReason;
  }

  public ErrorKind kind() {
    return kind;
  }

  public String service() {
    return service;
  }

  public String operation() {
    return operation;
  }

  public String region() {
    return region;
  }

  /** AWS error code (e.g. ValidationException), or the exception class for client-side failures. */
  public String errorCode() {
    return errorCode;
  }

  /** "operation in region: code: message" for conditions and events. */
  public String describe() {
    return operation + " in " + region + " failed: " + errorCode + ": " + getMessage();
  }
}
