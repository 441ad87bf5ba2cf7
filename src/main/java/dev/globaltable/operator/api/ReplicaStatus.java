package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

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
}
