package dev.globaltable.operator.model;

/**
 * Time to live of the global table (group-wide: one UpdateTimeToLive from the home region fans out; reference 3, 7.1).
 *
 * @param enabled whether items expire by {@code attributeName}
 * @param attributeName the attribute holding the expiry epoch seconds; required when enabled, and when disabling it
 *     must name the attribute AWS has (the gateway fills it from the observation)
 */
public record TimeToLive(boolean enabled, String attributeName) {
  @Override
  public String toString() {
    return enabled ? "enabled on " + attributeName : "disabled";
  }
}
