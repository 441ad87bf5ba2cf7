package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Provisioned capacity of one dimension (read or write) of a table or index in one region: what is provisioned now and,
 * when Application Auto Scaling manages it there, the bounds it scales within.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CapacityStatus {
  @JsonPropertyDescription("Capacity units provisioned in this region now (ProvisionedThroughput; autoscaling moves it).")
  public Long current;

  @JsonPropertyDescription("MinCapacity of the autoscaling target in this region; absent when not autoscaled there.")
  public Long min;

  @JsonPropertyDescription("MaxCapacity of the autoscaling target in this region; absent when not autoscaled there.")
  public Long max;

  /** Empty, for deserialization. */
  public CapacityStatus() {}

  /** All three values; min and max null when no autoscaling target exists. */
  public CapacityStatus(Long current, Long min, Long max) {
    this.current = current;
    this.min = min;
    this.max = max;
  }
}
