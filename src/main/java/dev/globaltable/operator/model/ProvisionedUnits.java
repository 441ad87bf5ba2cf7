package dev.globaltable.operator.model;

/** A ProvisionedThroughput value: read and write capacity units (each >= 1). */
public record ProvisionedUnits(long read, long write) {
  @Override
  public String toString() {
    return "read " + read + ", write " + write;
  }
}
