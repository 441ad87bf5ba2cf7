package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A global secondary index, present in every region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GlobalSecondaryIndexSpec {
  @JsonPropertyDescription("Index name, 3-255 characters of [A-Za-z0-9_.-], unique among all indexes (global and "
      + "local) of the table.")
  @Required
  @Size(min = ValidationPatterns.NAME_MIN, max = ValidationPatterns.NAME_MAX)
  @Pattern(ValidationPatterns.NAME)
  public String name;

  @JsonPropertyDescription("Partition key of the index. Its attribute name must not be declared with another type "
      + "elsewhere in the spec.")
  @Required
  public KeyAttributeSpec partitionKey;

  @JsonPropertyDescription("Sort key of the index. Optional.")
  public KeyAttributeSpec sortKey;

  @JsonPropertyDescription("Projected attributes. Defaults to All.")
  public ProjectionSpec projection;

  @JsonPropertyDescription("Provisioned read capacity of the index: fixed units or autoscaling; the default of every "
      + "replica (replicas[].globalSecondaryIndexes[].readCapacity overrides it per region). Required when "
      + "spec.billing.mode is Provisioned, forbidden otherwise.")
  public CapacitySpec readCapacity;

  @JsonPropertyDescription("Provisioned write capacity of the index, group-wide: fixed units or autoscaling. Must be "
      + "autoscaling when the table has more than one region. Required when spec.billing.mode is Provisioned, "
      + "forbidden otherwise.")
  public CapacitySpec writeCapacity;

  @JsonPropertyDescription("On-demand maximum read request units per second of the index (>= 1), the default of every "
      + "replica. PayPerRequest only. Absent: no limit.")
  @Min(1)
  public Long maxReadRequestUnits;

  @JsonPropertyDescription("On-demand maximum write request units per second of the index, group-wide (>= 1). "
      + "PayPerRequest only. Absent: no limit.")
  @Min(1)
  public Long maxWriteRequestUnits;
}
