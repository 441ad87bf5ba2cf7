package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
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
}
