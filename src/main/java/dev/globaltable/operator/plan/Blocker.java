package dev.globaltable.operator.plan;

import java.util.Objects;

/** Why a plan (or one step) cannot run now, in words a person can act on. */
public record Blocker(BlockReason reason, String message) {
  public Blocker {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public boolean isWait() {
    return reason.isWait();
  }
}
