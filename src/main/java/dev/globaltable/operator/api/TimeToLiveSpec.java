package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Time to live of the table, group-wide (one UpdateTimeToLive fans out to every replica; AWS accepts one change per
 * table about every hour).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TimeToLiveSpec {
  @JsonPropertyDescription("Attribute holding each item's expiry time in epoch seconds, 1-255 characters. Renaming "
      + "it means disabling TTL and enabling it again, which AWS spaces about an hour apart.")
  @Required
  @Size(min = 1, max = ValidationPatterns.ATTRIBUTE_NAME_MAX)
  public String attributeName;

  @JsonPropertyDescription("true (default): items expire by attributeName; false: TTL is disabled.")
  @Default("true")
  public Boolean enabled;

  public TimeToLiveSpec() {}

  public TimeToLiveSpec(String attributeName, Boolean enabled) {
    this.attributeName = attributeName;
    this.enabled = enabled;
  }
}
