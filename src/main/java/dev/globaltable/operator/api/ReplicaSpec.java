package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One region the table lives in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaSpec {
  @JsonPropertyDescription("AWS region, e.g. eu-west-1.")
  @Required
  public String region;

  public ReplicaSpec() {}

  public ReplicaSpec(String region) {
    this.region = region;
  }
}
