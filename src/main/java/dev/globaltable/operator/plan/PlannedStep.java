package dev.globaltable.operator.plan;

/** A step and what blocks it now (null when it may run in this pass). */
public record PlannedStep(Step step, Blocker blockedBy) {
  public boolean runnable() {
    return blockedBy == null;
  }
}
