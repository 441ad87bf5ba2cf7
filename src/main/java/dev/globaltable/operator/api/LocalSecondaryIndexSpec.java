package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A local secondary index: same partition key as the table, another sort key. Created with the table only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LocalSecondaryIndexSpec {
  @JsonPropertyDescription("Index name, 3-255 characters of [A-Za-z0-9_.-], unique among all indexes.")
  @Required
  public String name;

  @JsonPropertyDescription("Sort key of the index.")
  @Required
  public KeyAttributeSpec sortKey;

  @JsonPropertyDescription("Projected attributes. Defaults to All.")
  public ProjectionSpec projection;
}
