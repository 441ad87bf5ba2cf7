package dev.globaltable.operator.reconcile;

/** Condition reasons (CamelCase, as Kubernetes expects). The Ready condition carries the most specific one. */
public enum Reason {
  Ready,
  TableCreating,
  TableUpdating,
  TableDeleting,
  ReplicaCreating,
  ReplicaDeleting,
  IndexCreating,
  IndexDeleting,
  Tagging,
  /** A billing-mode switch, a provisioned-throughput change or a replica's read overrides are being applied. */
  CapacityUpdating,
  /** Application Auto Scaling targets or policies are being registered, updated or removed. */
  AutoScalingUpdating,
  /** A capacity decrease waits for AWS's daily decrease budget (4 per UTC day, then one per hour). */
  WaitingForDecreaseBudget,
  /**
   * A per-region setting (point-in-time recovery, time to live, encryption, table class, deletion protection,
   * Contributor Insights, Kinesis streaming) is being applied, or AWS is still moving it.
   */
  SettingsUpdating,
  /** A step waits for an AWS cooldown no Describe call shows (e.g. one time-to-live change per hour). */
  WaitingForCooldown,
  /** Event reason: a per-region setting or tag differed from the spec after convergence and was put back. */
  DriftCorrected,
  /** Event reason: a per-region setting or tag differs from the spec while suspend is true (reported, not corrected). */
  DriftDetected,
  /**
   * Ready, and an alarm the operator owns is in ALARM (Ready stays True: the table is as specified; the message names
   * what is alarming, in which region).
   */
  Alarming,
  /** CloudWatch alarms or the dashboard are being created, updated or deleted. */
  AlarmsUpdating,
  /** AWS is busy with this table (ResourceInUse and friends); the step is retried on the next pass. */
  WaitingForAws,
  /** Per-region state is being read before acting. */
  Observing,
  /** Transient AWS failure (throttling, 5xx, I/O); retried with backoff. */
  AwsUnavailable,
  /** An unexpected failure inside the operator (a bug); retried with backoff and logged. */
  OperatorError,
  /** suspend: true; observing and reporting only. */
  Suspended,
  /** deletionPolicy Delete in progress. */
  Deleting,
  InvalidSpec,
  TableOwnedElsewhere,
  ImmutableFieldMismatch,
  /** The spec asks for something AWS does not allow in the table's current state. */
  NotAllowed,
  /** AWS rejected a request as invalid; a person must change the spec or the account. */
  AwsRejected,
  DeletionProtected,
  /** A replica failed to be created (CREATION_FAILED) or is in another state that waiting does not fix. */
  ReplicaUnhealthy,
  /** The table is INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING, ARCHIVED or REPLICATION_NOT_AUTHORIZED. */
  TableUnhealthy
}
