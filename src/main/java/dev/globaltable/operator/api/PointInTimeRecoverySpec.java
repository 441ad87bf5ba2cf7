package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Point-in-time recovery (continuous backups) of the table in a region; per region, never synchronized by AWS. Used as
 * the table default (spec.pointInTimeRecovery) and as a per-replica override (spec.replicas[].pointInTimeRecovery),
 * which replaces the default as a whole. The rule message names the object, not the path: the API server prefixes it
 * with the path of the offending object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.enabled || !has(self.recoveryPeriodInDays)",
    message = "pointInTimeRecovery.recoveryPeriodInDays is only allowed when pointInTimeRecovery.enabled is "
        + "true (AWS: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.)",
    reason = "FieldValueForbidden", fieldPath = ".recoveryPeriodInDays")
public class PointInTimeRecoverySpec {
  @JsonPropertyDescription("true: point-in-time recovery is enabled; false: it is disabled.")
  @Required
  public Boolean enabled;

  @JsonPropertyDescription("How many days back the table can be restored, 1-35. Only allowed when enabled is true. "
      + "Absent: AWS's default, 35 days.")
  @Min(ValidationPatterns.PITR_DAYS_MIN)
  @Max(ValidationPatterns.PITR_DAYS_MAX)
  public Integer recoveryPeriodInDays;

  public PointInTimeRecoverySpec() {}

  public PointInTimeRecoverySpec(Boolean enabled, Integer recoveryPeriodInDays) {
    this.enabled = enabled;
    this.recoveryPeriodInDays = recoveryPeriodInDays;
  }
}
