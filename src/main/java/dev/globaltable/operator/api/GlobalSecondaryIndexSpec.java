package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A global secondary index, present in every region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GlobalSecondaryIndexSpec {
  @JsonPropertyDescription("Index name, 3-255 characters of [A-Za-z0-9_.-], unique among all indexes.")
  @Required
  public String name;

  @JsonPropertyDescription("Partition key of the index.")
  @Required
  public KeyAttributeSpec partitionKey;

  @JsonPropertyDescription("Sort key of the index. Optional.")
  public KeyAttributeSpec sortKey;

  @JsonPropertyDescription("Projected attributes. Defaults to All.")
  public ProjectionSpec projection;
}
