package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * One region the table lives in, with its read overrides (only read throughput is overridable per region; write
 * throughput is group-wide). Rules that relate these fields to the billing mode and the table's indexes are on
 * {@link GlobalTableSpec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaSpec {
  @JsonPropertyDescription("AWS region, e.g. eu-west-1. Unique among the replicas.")
  @Required
  @Size(max = ValidationPatterns.REGION_MAX)
  @Pattern(ValidationPatterns.REGION)
  public String region;

  @JsonPropertyDescription("Read capacity of the table in this region (Provisioned only). Absent: "
      + "spec.billing.readCapacity.")
  public CapacitySpec readCapacity;

  @JsonPropertyDescription("On-demand maximum read request units per second of the table in this region "
      + "(PayPerRequest only, >= 1). Absent: spec.billing.maxReadRequestUnits.")
  @Min(1)
  public Long maxReadRequestUnits;

  @JsonPropertyDescription("Read overrides of global secondary indexes in this region; each names an index of "
      + "spec.globalSecondaryIndexes, at most once. At most 20.")
  @Size(max = ValidationPatterns.MAX_GLOBAL_INDEXES)
  @ValidationRule(value = "self.all(i, self.exists_one(o, o.name == i.name))",
      message = "spec.replicas[].globalSecondaryIndexes[].name must be unique within a replica",
      reason = "FieldValueDuplicate")
  public List<ReplicaIndexSpec> globalSecondaryIndexes;

  public ReplicaSpec() {}

  public ReplicaSpec(String region) {
    this.region = region;
  }
}
