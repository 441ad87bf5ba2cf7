package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Index projection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.type) || self.type != 'Include' || (has(self.nonKeyAttributes) && "
    + "size(self.nonKeyAttributes) > 0)",
    message = "projection.nonKeyAttributes is required when projection.type is Include",
    reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.type) || self.type == 'Include' || !has(self.nonKeyAttributes)",
    message = "projection.nonKeyAttributes is only allowed when projection.type is Include",
    reason = "FieldValueForbidden")
public class ProjectionSpec {
  @JsonPropertyDescription("All, KeysOnly or Include (then nonKeyAttributes lists the extra attributes).")
  @Required
  public ProjectionType type;

  @JsonPropertyDescription("Non-key attributes projected into the index; only with type Include (1-20 names, each "
      + "1-255 characters).")
  @Size(max = ValidationPatterns.MAX_NON_KEY_ATTRIBUTES)
  public List<@Size(min = 1, max = ValidationPatterns.ATTRIBUTE_NAME_MAX) String> nonKeyAttributes;
}
