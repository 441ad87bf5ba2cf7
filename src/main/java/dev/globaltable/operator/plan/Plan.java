package dev.globaltable.operator.plan;

import java.util.List;
import java.util.Optional;

/**
 * The remaining steps, in order, and what holds them back. A plan with no steps and no blocker means converged.
 *
 * @param steps remaining steps in order; each with its own blocker
 * @param blocker a problem with the whole resource (STALLED kinds), or the wait that holds the first table step; null
 *     when nothing holds the plan
 */
public record Plan(List<PlannedStep> steps, Blocker blocker) {
  public Plan {
    steps = List.copyOf(steps);
  }

  public static Plan converged() {
    return new Plan(List.of(), null);
  }

  public boolean isConverged() {
    return steps.isEmpty() && blocker == null;
  }

  public boolean isStalled() {
    return blocker != null && !blocker.isWait();
  }

  /** The step to run in this pass: the first runnable one, unless the whole plan is stalled. */
  public Optional<Step> next() {
    if (isStalled()) {
      return Optional.empty();
    }
    return steps.stream().filter(PlannedStep::runnable).map(PlannedStep::step).findFirst();
  }

  /**
   * Problems a person must fix that hold back single steps without stopping the rest of the plan (for example a stream
   * change AWS forbids while replicas exist): the non-wait blockers of individual steps, in step order, without
   * duplicates. When nothing else is left to do, the first of them is also the plan's {@link #blocker()}.
   */
  public List<Blocker> problems() {
    return steps.stream().map(PlannedStep::blockedBy)
        .filter(b -> b != null && !b.isWait())
        .distinct()
        .toList();
  }

  /** status.pending: every remaining step in plain words. */
  public List<String> describe() {
    return steps.stream().map(PlannedStep::describe).toList();
  }

  /** The earliest instant a wait with a known end lets a step run, or null when no step waits for one. */
  public java.time.Instant earliestNotBefore() {
    java.time.Instant first = blocker != null ? blocker.notBefore() : null;
    for (PlannedStep s : steps) {
      java.time.Instant t = s.blockedBy() == null ? null : s.blockedBy().notBefore();
      if (t != null && (first == null || t.isBefore(first))) {
        first = t;
      }
    }
    return first;
  }
}
