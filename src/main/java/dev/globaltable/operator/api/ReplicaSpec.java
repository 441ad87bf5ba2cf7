package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One region the table lives in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaSpec {
  @JsonPropertyDescription("AWS region, e.g. eu-west-1. Unique among the replicas.")
  @Required
  @Size(max = ValidationPatterns.REGION_MAX)
  @Pattern(ValidationPatterns.REGION)
  public String region;

  public ReplicaSpec() {}

  public ReplicaSpec(String region) {
    this.region = region;
  }
}
