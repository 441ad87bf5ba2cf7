package dev.globaltable.operator.plan;

/**
 * One table step before serialisation.
 *
 * @param forbidden a non-wait blocker AWS imposes on this step in the current state, or a wait with a known end that
 *     must not hold the steps behind it (an AWS budget); either way the step is skipped by serialisation
 * @param exemptFailedRegion replica region whose CREATION_FAILED state does not close the gate for this step
 * @param extra a step-specific wait checked after the common gate (only for the head step)
 */
record Candidate(Step step, Blocker forbidden, String exemptFailedRegion, Blocker extra) {
  static Candidate gated(Step step, String exemptFailedRegion, Blocker extra) {
    return new Candidate(step, null, exemptFailedRegion, extra);
  }

  static Candidate forbidden(Step step, Blocker why) {
    return new Candidate(step, why, null, null);
  }

  /** A step that waits for a known instant (e.g. the decrease budget) without holding the steps behind it. */
  static Candidate deferred(Step step, Blocker wait) {
    return new Candidate(step, wait, null, null);
  }

  /** The same candidate with {@code more} as its extra wait, unless it already has one. */
  Candidate orWaitFor(Blocker more) {
    return extra != null || more == null ? this : new Candidate(step, forbidden, exemptFailedRegion, more);
  }
}
