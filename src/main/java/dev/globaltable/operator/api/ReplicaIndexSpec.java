package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Read overrides of one global secondary index in one region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaIndexSpec {
  @JsonPropertyDescription("Name of an index in spec.globalSecondaryIndexes; each index at most once per replica.")
  @Required
  @Size(min = ValidationPatterns.NAME_MIN, max = ValidationPatterns.NAME_MAX)
  @Pattern(ValidationPatterns.NAME)
  public String name;

  @JsonPropertyDescription("Read capacity of the index in this region (Provisioned only). Absent: the index's "
      + "readCapacity.")
  public CapacitySpec readCapacity;

  @JsonPropertyDescription("On-demand maximum read request units per second of the index in this region "
      + "(PayPerRequest only, >= 1). Absent: the index's maxReadRequestUnits.")
  @Min(1)
  public Long maxReadRequestUnits;

  public ReplicaIndexSpec() {}

  public ReplicaIndexSpec(String name) {
    this.name = name;
  }
}
