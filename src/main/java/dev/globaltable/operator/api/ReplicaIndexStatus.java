package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The provisioned capacity of one global secondary index in one region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaIndexStatus {
  @JsonPropertyDescription("Index name.")
  public String name;

  @JsonPropertyDescription("Read capacity of the index in this region (its per-replica override when it has one).")
  public CapacityStatus readCapacity;

  @JsonPropertyDescription("Write capacity of the index in this region (the same in every region).")
  public CapacityStatus writeCapacity;
}
