package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.plan.Step;
import java.util.Objects;

/**
 * What one pass concluded: its phase, the reason and message shown on the conditions, and the step applied (if any).
 */
public record Outcome(Phase phase, Reason reason, String message, Step applied) {
  public Outcome {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public static Outcome ready(String message) {
    return new Outcome(Phase.READY, Reason.Ready, message, null);
  }

  public static Outcome progressing(Reason reason, String message) {
    return new Outcome(Phase.PROGRESSING, reason, message, null);
  }

  public static Outcome applied(Reason reason, Step step) {
    return new Outcome(Phase.PROGRESSING, reason, step.describe(), step);
  }

  public static Outcome stalled(Reason reason, String message) {
    return new Outcome(Phase.STALLED, reason, message, null);
  }

  public static Outcome suspended(String message) {
    return new Outcome(Phase.SUSPENDED, Reason.Suspended, message, null);
  }
}
