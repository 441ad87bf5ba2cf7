package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Index projection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProjectionSpec {
  @JsonPropertyDescription("All, KeysOnly or Include (then nonKeyAttributes lists the extra attributes).")
  @Required
  public ProjectionType type;

  @JsonPropertyDescription("Non-key attributes projected into the index; only with type Include (1-20 names).")
  public List<String> nonKeyAttributes;
}
