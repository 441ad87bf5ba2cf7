package dev.globaltable.operator.plan;

/** A step and what blocks it now (null when it may run in this pass). */
public record PlannedStep(Step step, Blocker blockedBy) {
  public boolean runnable() {
    return blockedBy == null;
  }

  /**
   * The step in plain words, plus when it can run if it waits for a known instant (an AWS budget), e.g. "lower
   * provisioned capacity of the table to read 5, write 5 (not before 2026-11-20T10:40:00Z: AWS allows 4 capacity
   * decreases per UTC day, then one per hour)".
   */
  public String describe() {
    if (blockedBy == null || blockedBy.notBefore() == null) {
      return step.describe();
    }
    String why = blockedBy.reason() == BlockReason.COOLDOWN ? blockedBy.message() : blockedBy.reason().describe();
    return step.describe() + " (not before " + blockedBy.notBefore() + ": " + why + ")";
  }
}
