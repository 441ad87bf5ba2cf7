package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Billing mode and on-demand throughput limits (group-wide). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BillingSpec {
  @JsonPropertyDescription("Billing mode. PayPerRequest (default).")
  @Default("PayPerRequest")
  public BillingMode mode;

  @JsonPropertyDescription("On-demand maximum read request units per second for the table (>= 1). Absent: no limit.")
  @Min(1)
  public Long maxReadRequestUnits;

  @JsonPropertyDescription("On-demand maximum write request units per second for the table, group-wide (>= 1). "
      + "Absent: no limit.")
  @Min(1)
  public Long maxWriteRequestUnits;
}
