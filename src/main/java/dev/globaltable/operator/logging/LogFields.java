package dev.globaltable.operator.logging;

import java.util.List;

/**
 * The names of the structured fields the operator's log events carry. The resource keys are the ones the Java
 * Operator SDK itself puts in the MDC while it runs a reconcile or cleanup ({@code MDCUtils}); the operator reuses them
 * rather than adding its own copy.
 */
public final class LogFields {
  private LogFields() {}

  /** The resource's name (JOSDK's MDC key). */
  public static final String RESOURCE_NAME = "resource.name";
  /** The resource's namespace (JOSDK's MDC key). */
  public static final String RESOURCE_NAMESPACE = "resource.namespace";
  /** The DynamoDB table name the step is for. */
  public static final String TABLE = "table";
  /** The region the AWS call is sent to ({@code Step.region()}). */
  public static final String REGION = "region";
  /** What the step does, in words ({@code Step.describe()}). */
  public static final String STEP = "step";
  /** The AWS service the call goes to: dynamodb, application-autoscaling or cloudwatch. */
  public static final String SERVICE = "service";
  /** The AWS API operation, e.g. CreateTable. */
  public static final String OPERATION = "operation";

  /** Key-value of a refused call: the kind the error was classified as (WAIT, RETRY, TERMINAL). */
  public static final String KIND = "kind";
  /** Key-value of a refused call: AWS's error code, e.g. ThrottlingException. */
  public static final String ERROR_CODE = "errorCode";

  /** The MDC keys the text format shows, in this order (the resource as one namespace/name field). */
  static final List<String> STEP_KEYS = List.of(TABLE, REGION, STEP, SERVICE, OPERATION);
}
