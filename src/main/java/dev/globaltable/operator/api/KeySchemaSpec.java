package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Partition key and optional sort key of a table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeySchemaSpec {
  @JsonPropertyDescription("Partition (hash) key attribute.")
  @Required
  public KeyAttributeSpec partitionKey;

  @JsonPropertyDescription("Sort (range) key attribute. Optional.")
  public KeyAttributeSpec sortKey;

  public KeySchemaSpec() {}

  public KeySchemaSpec(KeyAttributeSpec partitionKey, KeyAttributeSpec sortKey) {
    this.partitionKey = partitionKey;
    this.sortKey = sortKey;
  }
}
