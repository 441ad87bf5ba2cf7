package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Point-in-time recovery as DescribeContinuousBackups reports it in one region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PointInTimeRecoveryStatus {
  @JsonPropertyDescription("PointInTimeRecoveryStatus verbatim: ENABLED, ENABLING or DISABLED.")
  public String status;

  @JsonPropertyDescription("RecoveryPeriodInDays, when enabled.")
  public Integer recoveryPeriodInDays;
}
