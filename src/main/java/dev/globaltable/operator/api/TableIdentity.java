package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The immutable part of the spec as the operator first applied it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableIdentity {
  @JsonPropertyDescription("Table name.")
  public String tableName;

  @JsonPropertyDescription("Home region.")
  public String homeRegion;

  @JsonPropertyDescription("Key schema.")
  public KeySchemaSpec keySchema;

  @JsonPropertyDescription("Local secondary indexes.")
  @Size(max = 5)
  public List<LocalSecondaryIndexSpec> localSecondaryIndexes;
}
