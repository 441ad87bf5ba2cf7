package dev.globaltable.operator.model;

/**
 * On-demand throughput limits. A null field means "no limit"; AWS reports and accepts -1 for that, which
 * {@link #normalized} folds to null so that "absent" and "-1" compare equal.
 */
public record OnDemandLimits(Long maxReadRequestUnits, Long maxWriteRequestUnits) {
  public static final OnDemandLimits NONE = new OnDemandLimits(null, null);

  public static OnDemandLimits normalized(Long read, Long write) {
    return new OnDemandLimits(read == null || read <= 0 ? null : read, write == null || write <= 0 ? null : write);
  }

  public boolean isNone() {
    return maxReadRequestUnits == null && maxWriteRequestUnits == null;
  }

  @Override
  public String toString() {
    return "read " + (maxReadRequestUnits == null ? "unlimited" : maxReadRequestUnits) + ", write "
        + (maxWriteRequestUnits == null ? "unlimited" : maxWriteRequestUnits);
  }
}
