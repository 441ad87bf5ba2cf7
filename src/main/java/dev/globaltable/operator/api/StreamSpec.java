package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** DynamoDB Streams settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamSpec {
  @JsonPropertyDescription("What each stream record holds: NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY.")
  @Required
  public StreamViewType viewType;
}
