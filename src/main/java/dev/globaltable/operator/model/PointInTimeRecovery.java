package dev.globaltable.operator.model;

/**
 * Point-in-time recovery of the table in one region (per region, never synchronized; reference 3 and 7.2). As desired
 * state: what to enforce. As observed state: DescribeContinuousBackups' PointInTimeRecoveryDescription.
 *
 * @param enabled PointInTimeRecoveryStatus ENABLED (observed ENABLING counts as enabled too, see {@link #status})
 * @param recoveryPeriodInDays 1-35; only meaningful when enabled; null = AWS's default (35) when desired, unknown when
 *     observed
 * @param status observed PointInTimeRecoveryStatus verbatim (ENABLED, ENABLING, DISABLED); null on desired values
 */
public record PointInTimeRecovery(boolean enabled, Integer recoveryPeriodInDays, String status) {
  /** AWS's recovery period when none is given (and after every re-enable). */
  public static final int DEFAULT_RECOVERY_PERIOD_DAYS = 35;

  /** A desired value. */
  public static PointInTimeRecovery desired(boolean enabled, Integer recoveryPeriodInDays) {
    return new PointInTimeRecovery(enabled, enabled ? recoveryPeriodInDays : null, null);
  }

  /** The recovery period AWS applies: the given one, else 35; null when disabled. */
  public Integer effectivePeriod() {
    return !enabled ? null : recoveryPeriodInDays == null ? DEFAULT_RECOVERY_PERIOD_DAYS : recoveryPeriodInDays;
  }

  /** Whether an observed value satisfies this desired one (enabled flag, and the period when enabled). */
  public boolean satisfiedBy(PointInTimeRecovery observed) {
    return observed != null && observed.enabled() == enabled
        && (!enabled || java.util.Objects.equals(effectivePeriod(), observed.effectivePeriod()));
  }

  @Override
  public String toString() {
    return enabled ? "enabled (" + effectivePeriod() + " days)" : "disabled";
  }
}
