package dev.globaltable.operator.model;

import java.time.Instant;

/**
 * ProvisionedThroughput as DescribeTable reports it for a table or an index in one region (0/0 on PAY_PER_REQUEST).
 *
 * @param read ReadCapacityUnits (the region's effective value: its override when it has one)
 * @param write WriteCapacityUnits
 * @param decreasesToday NumberOfDecreasesToday (0 when absent)
 * @param lastDecrease LastDecreaseDateTime, or null
 */
public record ObservedCapacity(long read, long write, int decreasesToday, Instant lastDecrease) {
  public static final ObservedCapacity NONE = new ObservedCapacity(0, 0, 0, null);

  public ProvisionedUnits units() {
    return new ProvisionedUnits(read, write);
  }
}
