package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key attribute: its name and scalar type. Attribute definitions are derived from these declarations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyAttributeSpec {
  @JsonPropertyDescription("Attribute name, 1-255 characters. One name has one type wherever it is declared "
      + "(table key, index keys).")
  @Required
  @Size(min = 1, max = ValidationPatterns.ATTRIBUTE_NAME_MAX)
  public String name;

  @JsonPropertyDescription("Attribute type: S (string), N (number) or B (binary).")
  @Required
  public AttributeType type;

  public KeyAttributeSpec() {}

  public KeyAttributeSpec(String name, AttributeType type) {
    this.name = name;
    this.type = type;
  }
}
