package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What AWS reports for one region of the global table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaStatus {
  @JsonPropertyDescription("AWS region.")
  public String region;

  @JsonPropertyDescription("true for the home region (the table created with CreateTable).")
  public Boolean home;

  @JsonPropertyDescription("ReplicaStatus (TableStatus for the home region) verbatim from AWS; NOT_FOUND when absent.")
  public String status;

  @JsonPropertyDescription("ReplicaStatusPercentProgress while AWS creates, updates or deletes the replica.")
  public Integer progressPercent;

  @JsonPropertyDescription("ReplicaStatusDescription from AWS, or the operator's own words.")
  public String message;

  @JsonPropertyDescription("Provisioned read capacity of the table in this region (its per-replica override when it has "
      + "one) and the autoscaling bounds there; only when the table is PROVISIONED.")
  public CapacityStatus readCapacity;

  @JsonPropertyDescription("Provisioned write capacity of the table in this region (the same in every region) and the "
      + "autoscaling bounds there; only when the table is PROVISIONED.")
  public CapacityStatus writeCapacity;

  @JsonPropertyDescription("Provisioned capacity of each global secondary index in this region, by index name; only "
      + "when the table is PROVISIONED.")
  public List<ReplicaIndexStatus> indexes;
}
