package dev.globaltable.operator.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS budgets and cooldowns the operator knows about but AWS does not show in any Describe call: one time-to-live
 * change per hour, 4 encryption changes per 24 h (then one per 6 h), 2 table class changes per 30 days, a 15 s pause
 * between deletion-protection toggles. Each entry holds the steps with that {@link Step#cooldownKey()} until its instant.
 * The reconciler records entries after its own successful calls ({@link Step#cooldownAfter()}) and from AWS's budget
 * refusals (which name the instant, or imply one); status keeps them across restarts.
 *
 * @param until by cooldown key, the instant before which the step must not be sent, and why
 */
public record Cooldowns(Map<String, Hold> until) {
  /** No cooldown known. */
  public static final Cooldowns NONE = new Cooldowns(Map.of());

  public Cooldowns {
    until = Collections.unmodifiableMap(new TreeMap<>(until == null ? Map.of() : until));
  }

  /**
   * One cooldown.
   *
   * @param notBefore the earliest instant the step may be sent
   * @param reason why, in AWS's terms (e.g. "AWS allows one time-to-live change per table per hour")
   */
  public record Hold(Instant notBefore, String reason) {}

  /** The hold on {@code key} that is still running at {@code now}, or null. */
  public Hold active(String key, Instant now) {
    Hold h = key == null ? null : until.get(key);
    return h == null || now == null || !h.notBefore().isAfter(now) ? null : h;
  }

  /** With {@code key} held until {@code notBefore} (a later hold already recorded wins). */
  public Cooldowns with(String key, Instant notBefore, String reason) {
    Map<String, Hold> next = new TreeMap<>(until);
    Hold old = next.get(key);
    if (old == null || old.notBefore().isBefore(notBefore)) {
      next.put(key, new Hold(notBefore, reason));
    }
    return new Cooldowns(next);
  }

  /** Without the holds that have ended by {@code now}. */
  public Cooldowns prune(Instant now) {
    Map<String, Hold> next = new TreeMap<>(until);
    next.values().removeIf(h -> !h.notBefore().isAfter(now));
    return new Cooldowns(next);
  }
}
