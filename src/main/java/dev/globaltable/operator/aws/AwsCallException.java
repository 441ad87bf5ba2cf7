package dev.globaltable.operator.aws;

/** A failed AWS call, classified. Message keeps AWS's own text. */
public class AwsCallException extends RuntimeException {
  private final ErrorKind kind;
  private final String service;
  private final String operation;
  private final String region;
  private final String errorCode;

  public AwsCallException(ErrorKind kind, String service, String operation, String region, String errorCode,
      String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.service = service;
    this.operation = operation;
    this.region = region;
    this.errorCode = errorCode;
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
