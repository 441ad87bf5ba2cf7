package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * Desired state of a DynamoDB global table. Field rules are documented on each field and enforced twice: by the CRD
 * (OpenAPI schema and the CEL rules below, at admission) and by {@code SpecValidator} (in the operator, which also
 * catches what bypassed admission).
 *
 * <p>CEL cost: every list has maxItems, every string maxLength and the tags map maxProperties, so the API server's
 * static cost estimate of each rule stays far below its per-rule limit. The costliest capacity rule (per-replica index
 * overrides must name an index) compares at most 30 replicas x 20 overrides x 20 indexes = 12,000 names of at most 255
 * characters, a few hundred thousand cost units against the per-rule limit of ten million. The merged-tags rule looks
 * up at most 30 replicas x 49 table tags in a replica's tags of at most 49, and the ARN rules on {@link ReplicaSpec}
 * match ARNs of at most 256 characters against a pattern with the replica's region (at most 32 characters) spliced
 * in: both far below the limit. The alarm actions rule matches at most 5 actions of at most 1,024 characters and
 * looks each up against at most 30 regions: small too.
 *
 * <p>Capacity rules that relate fields in different objects (billing mode vs. index and replica throughput, region
 * count vs. write autoscaling, replica index overrides vs. the indexes) live here, because a CEL rule only sees its
 * own object and what is below it; {@link BillingSpec}, {@link CapacitySpec} and {@link AutoScalingSpec} carry the
 * rules local to them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Desired state of the DynamoDB global table: keys, indexes, regions, billing, per-region "
    + "settings, tags, CloudWatch alarms and dashboard, and what deleting this resource does.")
@ValidationRule(value = "has(self.tableName) == has(oldSelf.tableName)",
    message = "spec.tableName cannot be added or removed after creation: the table name is immutable",
    reason = "FieldValueForbidden")
@ValidationRule(value = "!has(self.homeRegion) || !has(self.replicas) || "
    + "self.replicas.exists(r, r.region == self.homeRegion)",
    message = "spec.homeRegion must be one of spec.replicas[].region",
    fieldPath = ".homeRegion")
@ValidationRule(value = "!has(self.globalSecondaryIndexes) || !has(self.localSecondaryIndexes) || "
    + "self.globalSecondaryIndexes.all(g, self.localSecondaryIndexes.all(l, l.name != g.name))",
    message = "spec.globalSecondaryIndexes[].name must not repeat a spec.localSecondaryIndexes[].name: index names "
        + "are unique per table",
    reason = "FieldValueDuplicate",
    fieldPath = ".globalSecondaryIndexes")
@ValidationRule(value = "!has(self.localSecondaryIndexes) || size(self.localSecondaryIndexes) == 0 || "
    + "!has(self.keySchema) || has(self.keySchema.sortKey)",
    message = "spec.localSecondaryIndexes need spec.keySchema.sortKey: a local index keeps the table's partition key "
        + "and only works on a table with a sort key",
    fieldPath = ".localSecondaryIndexes")
@ValidationRule(value = "(has(self.localSecondaryIndexes) && size(self.localSecondaryIndexes) > 0) == "
    + "(has(oldSelf.localSecondaryIndexes) && size(oldSelf.localSecondaryIndexes) > 0)",
    message = "spec.localSecondaryIndexes cannot be added or removed after creation: AWS creates local indexes only "
        + "with the table",
    reason = "FieldValueForbidden")
@ValidationRule(value = "!has(self.keySchema) || (" + GlobalTableSpec.CEL_KEY_DECLARATIONS + ").all(a, ("
    + GlobalTableSpec.CEL_KEY_DECLARATIONS + ").all(b, a.substring(2) != b.substring(2) || a == b))",
    message = "spec.keySchema, spec.globalSecondaryIndexes and spec.localSecondaryIndexes must not declare one "
        + "attribute name with two types; one attribute has one type")
@ValidationRule(value = "!" + GlobalTableSpec.CEL_PROVISIONED + " || !has(self.globalSecondaryIndexes) || "
    + "self.globalSecondaryIndexes.all(g, has(g.readCapacity))",
    message = "spec.globalSecondaryIndexes[].readCapacity is required when spec.billing.mode is Provisioned",
    reason = "FieldValueRequired", fieldPath = ".globalSecondaryIndexes")
@ValidationRule(value = "!" + GlobalTableSpec.CEL_PROVISIONED + " || !has(self.globalSecondaryIndexes) || "
    + "self.globalSecondaryIndexes.all(g, has(g.writeCapacity))",
    message = "spec.globalSecondaryIndexes[].writeCapacity is required when spec.billing.mode is Provisioned",
    reason = "FieldValueRequired", fieldPath = ".globalSecondaryIndexes")
@ValidationRule(value = GlobalTableSpec.CEL_PROVISIONED + " || !has(self.globalSecondaryIndexes) || "
    + "self.globalSecondaryIndexes.all(g, !has(g.readCapacity) && !has(g.writeCapacity))",
    message = "spec.globalSecondaryIndexes[].readCapacity and writeCapacity are only allowed when "
        + "spec.billing.mode is Provisioned",
    reason = "FieldValueForbidden", fieldPath = ".globalSecondaryIndexes")
@ValidationRule(value = "!" + GlobalTableSpec.CEL_PROVISIONED + " || !has(self.globalSecondaryIndexes) || "
    + "self.globalSecondaryIndexes.all(g, !has(g.maxReadRequestUnits) && !has(g.maxWriteRequestUnits))",
    message = "spec.globalSecondaryIndexes[].maxReadRequestUnits and maxWriteRequestUnits are only allowed when "
        + "spec.billing.mode is PayPerRequest",
    reason = "FieldValueForbidden", fieldPath = ".globalSecondaryIndexes")
@ValidationRule(value = "!" + GlobalTableSpec.CEL_PROVISIONED + " || !has(self.replicas) || size(self.replicas) <= 1 "
    + "|| !has(self.billing.writeCapacity) || has(self.billing.writeCapacity.autoscaling)",
    message = "spec.billing.writeCapacity must be autoscaling when spec.replicas has more than one region (AWS: "
        + "Table write capacity should either be Pay-Per-Request or AutoScaled)",
    fieldPath = ".billing.writeCapacity")
@ValidationRule(value = "!" + GlobalTableSpec.CEL_PROVISIONED + " || !has(self.replicas) || size(self.replicas) <= 1 "
    + "|| !has(self.globalSecondaryIndexes) || "
    + "self.globalSecondaryIndexes.all(g, !has(g.writeCapacity) || has(g.writeCapacity.autoscaling))",
    message = "spec.globalSecondaryIndexes[].writeCapacity must be autoscaling when spec.replicas has more than one "
        + "region (AWS: GSI write capacity should either be Pay-Per-Request or AutoScaled)",
    fieldPath = ".globalSecondaryIndexes")
@ValidationRule(value = GlobalTableSpec.CEL_PROVISIONED + " || !has(self.replicas) || self.replicas.all(r, "
    + "!has(r.readCapacity) && (!has(r.globalSecondaryIndexes) || r.globalSecondaryIndexes.all(i, "
    + "!has(i.readCapacity))))",
    message = "spec.replicas[].readCapacity and spec.replicas[].globalSecondaryIndexes[].readCapacity are only "
        + "allowed when spec.billing.mode is Provisioned",
    reason = "FieldValueForbidden", fieldPath = ".replicas")
@ValidationRule(value = "!" + GlobalTableSpec.CEL_PROVISIONED + " || !has(self.replicas) || self.replicas.all(r, "
    + "!has(r.maxReadRequestUnits) && (!has(r.globalSecondaryIndexes) || r.globalSecondaryIndexes.all(i, "
    + "!has(i.maxReadRequestUnits))))",
    message = "spec.replicas[].maxReadRequestUnits and spec.replicas[].globalSecondaryIndexes[].maxReadRequestUnits "
        + "are only allowed when spec.billing.mode is PayPerRequest",
    reason = "FieldValueForbidden", fieldPath = ".replicas")
@ValidationRule(value = "!has(self.replicas) || self.replicas.all(r, !has(r.globalSecondaryIndexes) || "
    + "r.globalSecondaryIndexes.all(i, has(self.globalSecondaryIndexes) && "
    + "self.globalSecondaryIndexes.exists(g, g.name == i.name)))",
    message = "spec.replicas[].globalSecondaryIndexes[].name must name an index of spec.globalSecondaryIndexes",
    reason = "FieldValueInvalid", fieldPath = ".replicas")
@ValidationRule(value = "!has(self.encryption) || self.encryption.type != 'CustomerManaged' || !has(self.replicas) "
    + "|| self.replicas.all(r, has(r.kmsKeyId))",
    message = "spec.replicas[].kmsKeyId is required on every replica, the home region's included, when "
        + "spec.encryption.type is CustomerManaged (AWS: KMSMasterKeyId must be specified for each replica.)",
    reason = "FieldValueRequired", fieldPath = ".replicas")
@ValidationRule(value = "(has(self.encryption) && self.encryption.type == 'CustomerManaged') || !has(self.replicas) "
    + "|| self.replicas.all(r, !has(r.kmsKeyId))",
    message = "spec.replicas[].kmsKeyId is only allowed when spec.encryption.type is CustomerManaged",
    reason = "FieldValueForbidden", fieldPath = ".replicas")
@ValidationRule(value = "!has(self.tags) || !has(self.replicas) || self.replicas.all(r, !has(r.tags) || "
    + "size(r.tags) + size(self.tags.filter(k, !(k in r.tags))) <= " + ValidationPatterns.MAX_SPEC_TAGS + ")",
    message = "spec.tags merged with spec.replicas[].tags must be at most 49 tags in every region: the operator adds "
        + "globaltable.dev/owner and AWS allows 50 per table",
    fieldPath = ".replicas")
@ValidationRule(value = "!has(self.alarms) || !has(self.alarms.actions) || !has(self.replicas) || "
    + "self.alarms.actions.all(a, !a.matches('" + ValidationPatterns.SNS_TOPIC_ARN + "') || "
    + "a.contains(':sns:${region}:') || self.replicas.all(r, a.contains(':sns:' + r.region + ':')))",
    message = "spec.alarms.actions[] must use ${region} in place of a fixed region unless every replica is in that "
        + "region: an alarm is created in each replica region and CloudWatch only notifies an SNS topic in the "
        + "alarm's own region",
    fieldPath = ".alarms.actions")
public class GlobalTableSpec {
  /**
   * CEL condition "the billing mode is Provisioned". An absent billing or mode is PayPerRequest (the schema default
   * fills the mode in only when billing is present).
   */
  static final String CEL_PROVISIONED =
      "(has(self.billing) && has(self.billing.mode) && self.billing.mode == 'Provisioned')";

  /**
   * CEL list of every key declaration as "type:name" (table keys, GSI keys, LSI sort keys). Strings rather than the
   * key objects because the API server types each schema node separately, so lists of different nodes' objects cannot
   * be concatenated. The rule spells the list twice (outer and inner loop) because cel.bind is not available on every
   * supported API server; with at most 47 declarations the estimated cost stays small.
   */
  static final String CEL_KEY_DECLARATIONS =
      "[self.keySchema.partitionKey.type + ':' + self.keySchema.partitionKey.name]"
          + " + (has(self.keySchema.sortKey) ? [self.keySchema.sortKey.type + ':' + self.keySchema.sortKey.name] : [])"
          + " + (has(self.globalSecondaryIndexes) ? self.globalSecondaryIndexes.map(g, g.partitionKey.type + ':' + "
          + "g.partitionKey.name) : [])"
          + " + (has(self.globalSecondaryIndexes) ? self.globalSecondaryIndexes.filter(g, has(g.sortKey)).map(g, "
          + "g.sortKey.type + ':' + g.sortKey.name) : [])"
          + " + (has(self.localSecondaryIndexes) ? self.localSecondaryIndexes.map(l, l.sortKey.type + ':' + "
          + "l.sortKey.name) : [])";

  @JsonPropertyDescription("Name of the DynamoDB table in every region. Defaults to metadata.name. Immutable, and "
      + "cannot be added or removed after creation. 3-255 characters of [A-Za-z0-9_.-].")
  @Size(min = ValidationPatterns.NAME_MIN, max = ValidationPatterns.NAME_MAX)
  @Pattern(ValidationPatterns.NAME)
  @ValidationRule(value = "self == oldSelf", message = "spec.tableName is immutable")
  public String tableName;

  @JsonPropertyDescription("Region where the table is created (CreateTable) and where group-wide changes are sent. "
      + "Must also be listed in replicas. Immutable.")
  @Required
  @Size(max = ValidationPatterns.REGION_MAX)
  @Pattern(ValidationPatterns.REGION)
  @ValidationRule(value = "self == oldSelf", message = "spec.homeRegion is immutable")
  public String homeRegion;

  @JsonPropertyDescription("Primary key of the table. Immutable.")
  @Required
  @ValidationRule(value = "self == oldSelf", message = "spec.keySchema is immutable")
  public KeySchemaSpec keySchema;

  @JsonPropertyDescription("Billing mode with on-demand throughput limits or provisioned capacity. Defaults to "
      + "PayPerRequest without limits.")
  public BillingSpec billing;

  @JsonPropertyDescription("Global secondary indexes. Created and deleted one at a time, in every region. At most 20; "
      + "names unique among all indexes.")
  @Size(max = ValidationPatterns.MAX_GLOBAL_INDEXES)
  @ValidationRule(value = "self.all(g, self.exists_one(o, o.name == g.name))",
      message = "spec.globalSecondaryIndexes[].name must be unique", reason = "FieldValueDuplicate")
  public List<GlobalSecondaryIndexSpec> globalSecondaryIndexes;

  @JsonPropertyDescription("Local secondary indexes; need a table sort key. Immutable, and cannot be added or removed "
      + "after creation (AWS only creates them with the table). At most 5; names unique among all indexes.")
  @Size(max = ValidationPatterns.MAX_LOCAL_INDEXES)
  @ValidationRule(value = "self.all(l, self.exists_one(o, o.name == l.name))",
      message = "spec.localSecondaryIndexes[].name must be unique", reason = "FieldValueDuplicate")
  @ValidationRule(value = "self == oldSelf", message = "spec.localSecondaryIndexes is immutable")
  public List<LocalSecondaryIndexSpec> localSecondaryIndexes;

  @JsonPropertyDescription("DynamoDB Streams view type. AWS enables NEW_AND_OLD_IMAGES itself when the first replica "
      + "is added; the stream can only be changed while the table has a single region. Absent: left as it is.")
  public StreamSpec stream;

  @JsonPropertyDescription("Time to live, group-wide (AWS applies it in every region). Absent: not managed, TTL is "
      + "left as it is in AWS (absent never turns it off; enabled: false does).")
  public TimeToLiveSpec timeToLive;

  @JsonPropertyDescription("Point-in-time recovery, the default of every replica (replicas[].pointInTimeRecovery "
      + "overrides it per region). Absent: not managed, left as it is in AWS in every region without an override "
      + "(absent never turns it off; enabled: false does).")
  public PointInTimeRecoverySpec pointInTimeRecovery;

  @JsonPropertyDescription("Server-side encryption type, group-wide. With CustomerManaged every replica sets its own "
      + "kmsKeyId. Absent: not managed, the encryption is left as it is in AWS.")
  public EncryptionSpec encryption;

  @JsonPropertyDescription("Table class, the default of every replica: Standard or StandardInfrequentAccess "
      + "(replicas[].tableClass overrides it per region). Absent: not managed, left as it is in AWS in every region "
      + "without an override.")
  public TableClass tableClass;

  @JsonPropertyDescription("Deletion protection, the default of every replica (replicas[].deletionProtection "
      + "overrides it per region). Absent: not managed, left as it is in AWS in every region without an override "
      + "(absent never turns it off; false does).")
  public Boolean deletionProtection;

  @JsonPropertyDescription("Contributor Insights on the table and every global secondary index, the default of "
      + "every replica (replicas[].contributorInsights overrides it per region). Absent: not managed, left as it is "
      + "in AWS in every region without an override (absent never turns it off; false does).")
  public Boolean contributorInsights;

  @JsonPropertyDescription("Tags applied to the table in every region, merged with replicas[].tags; at most 49, "
      + "because the operator adds globaltable.dev/owner=<namespace>/<name> and AWS allows 50 per table. Keys 1-128 "
      + "characters, values at most 256; globaltable.dev/owner is reserved, and keys starting with 'aws:' are "
      + "reserved by AWS.")
  @Size(max = ValidationPatterns.MAX_SPEC_TAGS)
  @ValidationRule(value = "self.all(k, !k.startsWith('aws:'))",
      message = "spec.tags keys must not start with 'aws:' (reserved by AWS)")
  @ValidationRule(value = "!('globaltable.dev/owner' in self)",
      message = "spec.tags must not set globaltable.dev/owner: the operator sets it to <namespace>/<name>",
      reason = "FieldValueForbidden")
  @ValidationRule(value = "self.all(k, size(k) >= 1 && size(k) <= 128)",
      message = "spec.tags keys must be 1-128 characters")
  public Map<String, @Size(max = ValidationPatterns.TAG_VALUE_MAX) String> tags;

  @JsonPropertyDescription("Regions the table lives in, home region included; at least one, at most 30, each once. "
      + "Removing a region deletes that replica and its data; adding one creates a replica.")
  @Required
  @Size(min = 1, max = ValidationPatterns.MAX_REPLICAS)
  @ValidationRule(value = "self.all(r, self.exists_one(o, o.region == r.region))",
      message = "spec.replicas[].region must be unique", reason = "FieldValueDuplicate")
  public List<ReplicaSpec> replicas;

  @JsonPropertyDescription("CloudWatch alarms the operator owns, each created in the region that emits its metric. "
      + "Present, even {}: every kind (replicationLatency, throttling, systemErrors, maxThroughputThrottling) is on "
      + "with its defaults unless it says enabled: false. Absent: the operator owns no alarms and deletes the ones it "
      + "created.")
  public AlarmsSpec alarms;

  @JsonPropertyDescription("CloudWatch dashboard of the table. Absent or enabled: false: no dashboard (the one the "
      + "operator created is deleted).")
  public DashboardSpec dashboard;

  @JsonPropertyDescription("What happens in AWS when this resource is deleted: Retain (default) leaves the table "
      + "in every region; Delete removes replicas newest first, then the home table.")
  @Default("Retain")
  public DeletionPolicy deletionPolicy;

  @JsonPropertyDescription("true: observe and report only, never change anything in AWS. Default false.")
  @Default("false")
  public Boolean suspend;
}
