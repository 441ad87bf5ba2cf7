package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Target tracking for one capacity dimension: the operator registers a scalable target (min/max) and one
 * target-tracking policy with Application Auto Scaling in every region where the capacity applies. Absent optional
 * fields get AWS's defaults for DynamoDB (target 70 %, cooldowns 0, scale-in enabled).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.min) || !has(self.max) || self.min <= self.max",
    message = "autoscaling.max must be at least autoscaling.min", fieldPath = ".max")
public class AutoScalingSpec {
  @JsonPropertyDescription("Minimum capacity units (>= 1); autoscaling never goes below it.")
  @Required
  @Min(1)
  public Long min;

  @JsonPropertyDescription("Maximum capacity units (>= min); autoscaling never goes above it.")
  @Required
  @Min(1)
  public Long max;

  @JsonPropertyDescription("Target consumed/provisioned capacity ratio in percent, 20-90. Default 70.")
  @Min(ValidationPatterns.TARGET_UTILIZATION_MIN)
  @Max(ValidationPatterns.TARGET_UTILIZATION_MAX)
  public Double targetUtilization;

  @JsonPropertyDescription("Seconds after a scale-in before the next scale-in may start (>= 0). Default 0.")
  @Min(0)
  public Integer scaleInCooldownSeconds;

  @JsonPropertyDescription("Seconds after a scale-out before the next scale-out may start (>= 0). Default 0.")
  @Min(0)
  public Integer scaleOutCooldownSeconds;

  @JsonPropertyDescription("true: autoscaling only scales out, never in. Default false.")
  public Boolean disableScaleIn;

  public AutoScalingSpec() {}

  public AutoScalingSpec(Long min, Long max, Double targetUtilization) {
    this.min = min;
    this.max = max;
    this.targetUtilization = targetUtilization;
  }
}
