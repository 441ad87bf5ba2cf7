package dev.globaltable.operator.reconcile;

/** The kstatus summary of one pass. */
public enum Phase {
  /** Converged: Ready=True. */
  READY,
  /** Working or waiting for AWS: Reconciling=True. */
  PROGRESSING,
  /** A person must act: Stalled=True. */
  STALLED,
  /** suspend: true; no mutation. */
  SUSPENDED
}
