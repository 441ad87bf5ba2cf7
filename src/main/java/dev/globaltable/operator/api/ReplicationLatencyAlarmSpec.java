package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * spec.alarms.replicationLatency: how the alarms on ReplicationLatency (Average, milliseconds) fire. One alarm per
 * ordered pair of regions, in the source region with the ReceivingRegion dimension; none with a single region. Every
 * field is optional: absent fields take the defaults below, chosen so that a page means replication has fallen
 * behind for a sustained time, not that one batch was slow.
 *
 * <p>The CEL rules spell the defaults out because an absent field is not defaulted by the schema:
 * {@code datapointsToAlarm} defaults to {@code evaluationPeriods}, which a schema default cannot express, and the
 * others follow the same rule so that the effective values live in one place (the constants below, used by
 * {@code DesiredMapper} and {@code SpecValidator}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ReplicationLatencyAlarmSpec.CEL_PERIOD + " * " + ReplicationLatencyAlarmSpec.CEL_EVALUATION
    + " <= (" + ReplicationLatencyAlarmSpec.CEL_PERIOD + " < " + ValidationPatterns.ALARM_LONG_PERIOD + " ? "
    + ValidationPatterns.ALARM_SHORT_WINDOW_MAX + " : " + ValidationPatterns.ALARM_LONG_WINDOW_MAX + ")",
    message = "alarms.replicationLatency: periodSeconds x evaluationPeriods must be at most 86400 seconds (one day) "
        + "when periodSeconds is under 3600, at most 604800 (seven days) otherwise (CloudWatch's limit; "
        + "periodSeconds defaults to 300, evaluationPeriods to 2)")
@ValidationRule(value = "!has(self.datapointsToAlarm) || self.datapointsToAlarm <= "
    + ReplicationLatencyAlarmSpec.CEL_EVALUATION,
    message = "alarms.replicationLatency.datapointsToAlarm must be at most evaluationPeriods (default 2): the alarm "
        + "fires when M of the last N periods breach",
    fieldPath = ".datapointsToAlarm")
public class ReplicationLatencyAlarmSpec {
  /** Default threshold: 10 seconds of average replication latency. */
  public static final long DEFAULT_THRESHOLD_MILLIS = 10_000;
  /** Default period: five minutes. */
  public static final int DEFAULT_PERIOD_SECONDS = 300;
  /** Default evaluation periods (and datapoints to alarm): 2 of 2. */
  public static final int DEFAULT_EVALUATION_PERIODS = 2;

  static final String CEL_PERIOD = "(has(self.periodSeconds) ? self.periodSeconds : " + DEFAULT_PERIOD_SECONDS + ")";
  static final String CEL_EVALUATION =
      "(has(self.evaluationPeriods) ? self.evaluationPeriods : " + DEFAULT_EVALUATION_PERIODS + ")";

  @JsonPropertyDescription("false: no replication latency alarms (those the operator created are deleted). "
      + "Default true.")
  public Boolean enabled;

  @JsonPropertyDescription("Alarm when the average replication latency of a period is at least this many "
      + "milliseconds (>= 0). Default 10000: replication normally takes about a second, so ten seconds is far "
      + "outside normal and means writes are reaching the other region late enough for readers there to notice.")
  @Min(0)
  public Long thresholdMillis;

  @JsonPropertyDescription("Length of one period in seconds: 10, 20, 30 or a multiple of 60 (CloudWatch's rule). "
      + "Default 300: five minutes average out a single slow batch, so a breach is a trend.")
  @Min(ValidationPatterns.ALARM_PERIOD_MIN)
  @Max(ValidationPatterns.ALARM_LONG_WINDOW_MAX)
  @ValidationRule(value = ValidationPatterns.CEL_ALARM_PERIOD,
      message = "alarms.replicationLatency.periodSeconds must be 10, 20, 30 or a multiple of 60 (CloudWatch's rule)")
  public Integer periodSeconds;

  @JsonPropertyDescription("N of 'M out of N': how many of the latest periods are evaluated (>= 1). "
      + "periodSeconds x evaluationPeriods must be at most 86400 (one day) for periods under an hour and 604800 "
      + "(seven days) otherwise (CloudWatch's limit). Default 2: ten minutes of lag before anyone is paged.")
  @Min(1)
  @Max(ValidationPatterns.ALARM_EVALUATION_PERIODS_MAX)
  public Integer evaluationPeriods;

  @JsonPropertyDescription("M of 'M out of N': how many of the evaluated periods must breach to alarm, "
      + "1..evaluationPeriods. Default evaluationPeriods (2 of 2): one slow period alone does not page.")
  @Min(1)
  public Integer datapointsToAlarm;

  public ReplicationLatencyAlarmSpec() {}

  public ReplicationLatencyAlarmSpec(Long thresholdMillis, Integer periodSeconds, Integer evaluationPeriods,
      Integer datapointsToAlarm) {
    this.thresholdMillis = thresholdMillis;
    this.periodSeconds = periodSeconds;
    this.evaluationPeriods = evaluationPeriods;
    this.datapointsToAlarm = datapointsToAlarm;
  }
}
