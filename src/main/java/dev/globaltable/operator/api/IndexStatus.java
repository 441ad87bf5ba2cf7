package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A global secondary index as seen across every region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IndexStatus {
  @JsonPropertyDescription("Index name.")
  public String name;

  @JsonPropertyDescription("IndexStatus verbatim from AWS; the least settled status over all regions observed.")
  public String status;

  @JsonPropertyDescription("true while AWS backfills the index in any region.")
  public Boolean backfilling;

  @JsonPropertyDescription("Which regions are not ACTIVE yet, when any.")
  public String message;
}
