package dev.globaltable.operator.plan;

/**
 * What a settings step corrects, for the drift Event and the per-replica driftCorrections counter: a setting that AWS
 * reports differently from the spec after the table had converged.
 *
 * @param field spec field in the spec's words, e.g. "pointInTimeRecovery", "tags", "timeToLive"
 * @param region region whose value differs
 * @param expected the spec's value, in plain words
 * @param found what AWS reported, in plain words
 */
public record Drift(String field, String region, String expected, String found) {
  /** "pointInTimeRecovery in eu-west-1: expected enabled (35 days), found disabled". */
  public String describe() {
    return field + " in " + region + ": expected " + expected + ", found " + found;
  }
}
