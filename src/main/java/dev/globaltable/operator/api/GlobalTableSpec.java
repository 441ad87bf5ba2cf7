package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/** Desired state of a DynamoDB global table. Field rules are documented on each field and enforced twice (CRD + SpecValidator). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GlobalTableSpec {
  @JsonPropertyDescription("Name of the DynamoDB table in every region. Defaults to metadata.name. Immutable. "
      + "3-255 characters of [A-Za-z0-9_.-].")
  public String tableName;

  @JsonPropertyDescription("Region where the table is created (CreateTable) and where group-wide changes are sent. "
      + "Must also be listed in replicas. Immutable.")
  @Required
  public String homeRegion;

  @JsonPropertyDescription("Primary key of the table. Immutable.")
  @Required
  public KeySchemaSpec keySchema;

  @JsonPropertyDescription("Billing mode and on-demand throughput limits. Defaults to PayPerRequest without limits.")
  public BillingSpec billing;

  @JsonPropertyDescription("Global secondary indexes. Created and deleted one at a time, in every region. At most 20.")
  public List<GlobalSecondaryIndexSpec> globalSecondaryIndexes;

  @JsonPropertyDescription("Local secondary indexes; need a table sort key. Immutable (AWS only creates them with the "
      + "table). At most 5.")
  public List<LocalSecondaryIndexSpec> localSecondaryIndexes;

  @JsonPropertyDescription("DynamoDB Streams view type. AWS enables NEW_AND_OLD_IMAGES itself when the first replica "
      + "is added; the stream can only be changed while the table has a single region. Absent: left as it is.")
  public StreamSpec stream;

  @JsonPropertyDescription("Tags applied to the table in every region. The operator adds "
      + "globaltable.dev/owner=<namespace>/<name>. Keys starting with 'aws:' are reserved.")
  public Map<String, String> tags;

  @JsonPropertyDescription("Regions the table lives in, home region included; at least one. Removing a region "
      + "deletes that replica and its data; adding one creates a replica.")
  @Required
  public List<ReplicaSpec> replicas;

  @JsonPropertyDescription("What happens in AWS when this resource is deleted: Retain (default) leaves the table "
      + "in every region; Delete removes replicas newest first, then the home table.")
  public DeletionPolicy deletionPolicy;

  @JsonPropertyDescription("true: observe and report only, never change anything in AWS.")
  public Boolean suspend;
}
