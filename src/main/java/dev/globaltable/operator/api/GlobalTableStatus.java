package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator last saw in AWS and what it is doing. Written only by the StatusWriter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("What the operator last saw in AWS, per region and per index, and what it will do next.")
public class GlobalTableStatus {
  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("DynamoDB table name in every region.")
  public String tableName;

  @JsonPropertyDescription("ARN of the table in the home region.")
  public String tableArn;

  @JsonPropertyDescription("TableStatus of the home-region table, verbatim from AWS (NOT_FOUND before creation).")
  public String tableStatus;

  @JsonPropertyDescription("Billing mode observed in AWS.")
  public String billingMode;

  @JsonPropertyDescription("Regions whose table serves data (ACTIVE or UPDATING) / regions desired.")
  public String regions;

  @JsonPropertyDescription("One entry per region (home included): what AWS reports there.")
  public List<ReplicaStatus> replicas = new ArrayList<>();

  @JsonPropertyDescription("One entry per global secondary index, aggregated over every region.")
  public List<IndexStatus> indexes = new ArrayList<>();

  @JsonPropertyDescription("The remaining plan: steps the operator will take, in order, in plain words.")
  public List<String> pending = new ArrayList<>();

  @JsonPropertyDescription("kstatus conditions: Ready, Reconciling, Stalled.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Immutable identity the operator created or adopted (guards immutability across restarts).")
  public TableIdentity identity;

  @JsonPropertyDescription("Replica regions this resource manages; only these are ever removed when dropped from spec.")
  public List<String> managedReplicas = new ArrayList<>();

  @JsonPropertyDescription("Global secondary indexes this resource manages; only these are ever deleted when dropped "
      + "from spec.")
  public List<String> managedIndexes = new ArrayList<>();

  @JsonPropertyDescription("Tag keys this resource has declared; only these are ever removed from AWS when dropped "
      + "from spec.tags (tags other tools add are left alone).")
  public List<String> managedTagKeys = new ArrayList<>();

  @JsonPropertyDescription("Application Auto Scaling targets this resource manages, as \"region resourceId dimension\"; "
      + "only these are ever deregistered (autoscaling other tools set up is left alone).")
  public List<String> managedScalableTargets = new ArrayList<>();

  @JsonPropertyDescription("Kinesis streaming destinations this resource manages, as \"region streamArn\"; only these "
      + "are ever disabled when dropped from spec.")
  public List<String> managedKinesisDestinations = new ArrayList<>();

  @JsonPropertyDescription("Customer managed KMS key ARNs the spec has declared; a region still on one of them is "
      + "moved when the spec asks for AwsManaged encryption.")
  public List<String> managedKmsKeys = new ArrayList<>();

  @JsonPropertyDescription("AWS budgets and cooldowns holding a step until an instant (time to live: one change per "
      + "hour; encryption: 4 per 24 h; table class: 2 per 30 days; deletion protection: 15 s between toggles).")
  public List<CooldownStatus> cooldowns = new ArrayList<>();

  @JsonPropertyDescription("Name of the CloudWatch dashboard the operator owns for this table (dashboards are "
      + "global), when spec.dashboard.enabled.")
  public String dashboard;
}
