package dev.globaltable.operator.plan;

import java.util.Objects;

/**
 * Why a plan (or one step) cannot run now, in words a person can act on.
 *
 * @param notBefore for a wait with a known end (an AWS budget), the earliest instant the step can run; else null
 */
public record Blocker(BlockReason reason, String message, java.time.Instant notBefore) {
  public Blocker {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public Blocker(BlockReason reason, String message) {
    this(reason, message, null);
  }

  public boolean isWait() {
    return reason.isWait();
  }
}
