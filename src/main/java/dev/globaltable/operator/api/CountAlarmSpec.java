package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How the alarms of one event-counting kind fire: spec.alarms.throttling, spec.alarms.systemErrors and
 * spec.alarms.maxThroughputThrottling share this shape and these defaults. The metric's Sum over a period is compared
 * with {@code threshold}. Every field is optional: absent fields take the defaults below, chosen so that a page means
 * the events persisted for five minutes, not that one burst was absorbed by the SDKs' retries.
 *
 * <p>The rule messages name the object as {@code alarms.<kind>}: the API server prefixes them with the full path
 * ({@code spec.alarms.throttling} and so on). As on {@link ReplicationLatencyAlarmSpec}, the CEL rules spell the
 * defaults out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = CountAlarmSpec.CEL_PERIOD + " * " + CountAlarmSpec.CEL_EVALUATION + " <= ("
    + CountAlarmSpec.CEL_PERIOD + " < " + ValidationPatterns.ALARM_LONG_PERIOD + " ? "
    + ValidationPatterns.ALARM_SHORT_WINDOW_MAX + " : " + ValidationPatterns.ALARM_LONG_WINDOW_MAX + ")",
    message = "alarms.<kind>: periodSeconds x evaluationPeriods must be at most 86400 seconds (one day) when "
        + "periodSeconds is under 3600, at most 604800 (seven days) otherwise (CloudWatch's limit; periodSeconds "
        + "defaults to 60, evaluationPeriods to 5)")
@ValidationRule(value = "!has(self.datapointsToAlarm) || self.datapointsToAlarm <= " + CountAlarmSpec.CEL_EVALUATION,
    message = "alarms.<kind>.datapointsToAlarm must be at most evaluationPeriods (default 5): the alarm fires when "
        + "M of the last N periods breach",
    fieldPath = ".datapointsToAlarm")
public class CountAlarmSpec {
  /** Default threshold: one event in a period. */
  public static final long DEFAULT_THRESHOLD = 1;
  /** Default period: one minute. */
  public static final int DEFAULT_PERIOD_SECONDS = 60;
  /** Default evaluation periods (and datapoints to alarm): 5 of 5. */
  public static final int DEFAULT_EVALUATION_PERIODS = 5;

  static final String CEL_PERIOD = "(has(self.periodSeconds) ? self.periodSeconds : " + DEFAULT_PERIOD_SECONDS + ")";
  static final String CEL_EVALUATION =
      "(has(self.evaluationPeriods) ? self.evaluationPeriods : " + DEFAULT_EVALUATION_PERIODS + ")";

  @JsonPropertyDescription("false: no alarms of this kind (those the operator created are deleted). Default true.")
  public Boolean enabled;

  @JsonPropertyDescription("Alarm when at least this many events are counted in a period (Sum, >= 0). Default 1: "
      + "any event counts, because the persistence rule (every one of 5 minutes) already filters out noise.")
  @Min(0)
  public Long threshold;

  @JsonPropertyDescription("Length of one period in seconds: 10, 20, 30 or a multiple of 60 (CloudWatch's rule). "
      + "Default 60: one minute, the finest granularity DynamoDB publishes these metrics at.")
  @Min(ValidationPatterns.ALARM_PERIOD_MIN)
  @Max(ValidationPatterns.ALARM_LONG_WINDOW_MAX)
  @ValidationRule(value = ValidationPatterns.CEL_ALARM_PERIOD,
      message = "alarms.<kind>.periodSeconds must be 10, 20, 30 or a multiple of 60 (CloudWatch's rule)")
  public Integer periodSeconds;

  @JsonPropertyDescription("N of 'M out of N': how many of the latest periods are evaluated (>= 1). "
      + "periodSeconds x evaluationPeriods must be at most 86400 (one day) for periods under an hour and 604800 "
      + "(seven days) otherwise (CloudWatch's limit). Default 5: five minutes, long enough for SDK retries to "
      + "absorb a burst, short enough to page before a sustained problem hurts for long.")
  @Min(1)
  @Max(ValidationPatterns.ALARM_EVALUATION_PERIODS_MAX)
  public Integer evaluationPeriods;

  @JsonPropertyDescription("M of 'M out of N': how many of the evaluated periods must breach to alarm, "
      + "1..evaluationPeriods. Default evaluationPeriods (5 of 5): the events must persist in every minute, so an "
      + "intermittent burst does not page.")
  @Min(1)
  public Integer datapointsToAlarm;

  public CountAlarmSpec() {}

  public CountAlarmSpec(Long threshold, Integer periodSeconds, Integer evaluationPeriods, Integer datapointsToAlarm) {
    this.threshold = threshold;
    this.periodSeconds = periodSeconds;
    this.evaluationPeriods = evaluationPeriods;
    this.datapointsToAlarm = datapointsToAlarm;
  }
}
