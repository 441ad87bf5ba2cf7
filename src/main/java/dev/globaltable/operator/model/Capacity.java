package dev.globaltable.operator.model;

/**
 * Provisioned capacity of one dimension (read or write, of the table or of an index): either fixed {@code units} or
 * {@code autoScaling}, never both. The operator writes ProvisionedThroughput only for fixed capacity; autoscaled capacity
 * belongs to Application Auto Scaling.
 */
public record Capacity(Long units, AutoScaling autoScaling) {
  public Capacity {
    if ((units == null) == (autoScaling == null)) {
      throw new IllegalArgumentException("capacity is either units or autoscaling: " + units + " / " + autoScaling);
    }
  }

  public static Capacity fixed(long units) {
    return new Capacity(units, null);
  }

  public static Capacity autoScaled(AutoScaling autoScaling) {
    return new Capacity(null, autoScaling);
  }

  public boolean isAutoScaled() {
    return autoScaling != null;
  }

  /**
   * Units to put where AWS needs a number before autoscaling exists (CreateTable, a switch to PROVISIONED, a new index):
   * the fixed units, or the autoscaling minimum.
   */
  public long seedUnits() {
    return units != null ? units : autoScaling.min();
  }

  @Override
  public String toString() {
    return units != null ? units + " units" : "autoscaling " + autoScaling;
  }
}
