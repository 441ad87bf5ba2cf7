package dev.globaltable.operator.reconcile;

/** Where this operator instance stands in leader election; shown by {@code /readyz} and used for readiness. */
public enum LeaderState {
  /** Leader election is off: this instance acts alone. */
  DISABLED,
  /** Trying to acquire the Lease; no holder seen yet. Not ready. */
  CANDIDATE,
  /** Holds the Lease and reconciles. */
  LEADING,
  /** Another instance holds the Lease; this one is ready to take over. */
  STANDING_BY,
  /** Held the Lease and lost it (the process exits unless told not to). Not ready. */
  LOST;

  /** Whether an instance in this state is ready: it acts, or stands by to act. */
  public boolean ready() {
    return this == DISABLED || this == LEADING || this == STANDING_BY;
  }
}
