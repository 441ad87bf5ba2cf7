package dev.globaltable.operator.aws;

/** How the reconciler treats a failed AWS call. */
public enum ErrorKind {
  /** AWS is busy with this table (ResourceInUse, replica being added, one index at a time): reschedule, no error. */
  WAIT,
  /** Transient (throttling, 5xx, I/O, transient limits): let the framework retry with backoff. */
  RETRY,
  /** AWS rejected the request as invalid or forbidden: Stalled until the spec changes. */
  TERMINAL
}
