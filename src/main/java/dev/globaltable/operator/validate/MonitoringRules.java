package dev.globaltable.operator.validate;

import static dev.globaltable.operator.validate.ValidationPatterns.ALARM_ACTION_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.ALARM_LONG_PERIOD;
import static dev.globaltable.operator.validate.ValidationPatterns.ALARM_LONG_WINDOW_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.ALARM_PERIOD_MIN;
import static dev.globaltable.operator.validate.ValidationPatterns.ALARM_SHORT_WINDOW_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_ALARM_ACTIONS;
import static dev.globaltable.operator.validate.ValidationPatterns.REGION_PLACEHOLDER;

import dev.globaltable.operator.api.AlarmsSpec;
import dev.globaltable.operator.api.CountAlarmSpec;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.ReplicaSpec;
import dev.globaltable.operator.api.ReplicationLatencyAlarmSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring rules of {@link SpecValidator}: the shape of every alarm kind (CloudWatch's rules for Period,
 * EvaluationPeriods and DatapointsToAlarm, a threshold of at least 0), the alarm actions (at most 5 SNS topic ARNs,
 * each in the alarm's region through {@code ${region}} unless every replica is in the one region it names) and the
 * dashboard switch. The same rules as the CEL rules on {@code ReplicationLatencyAlarmSpec}, {@code CountAlarmSpec}
 * and {@code GlobalTableSpec} and the schema of {@code AlarmsSpec} and {@code DashboardSpec}, with messages that name
 * the exact field and the value, defaults included where one took part.
 */
final class MonitoringRules {
  private static final Pattern SNS_TOPIC_ARN = Pattern.compile(ValidationPatterns.SNS_TOPIC_ARN);

  private MonitoringRules() {}

  /** spec.alarms and spec.dashboard. */
  static void check(GlobalTableSpec spec, List<Violation> out) {
    AlarmsSpec alarms = spec.alarms;
    if (alarms != null) {
      ReplicationLatencyAlarmSpec latency = alarms.replicationLatency;
      if (latency != null) {
        kind("spec.alarms.replicationLatency", "thresholdMillis", latency.thresholdMillis, " (milliseconds)",
            latency.periodSeconds, ReplicationLatencyAlarmSpec.DEFAULT_PERIOD_SECONDS, latency.evaluationPeriods,
            ReplicationLatencyAlarmSpec.DEFAULT_EVALUATION_PERIODS, latency.datapointsToAlarm, out);
      }
      count("spec.alarms.throttling", alarms.throttling, out);
      count("spec.alarms.systemErrors", alarms.systemErrors, out);
      count("spec.alarms.maxThroughputThrottling", alarms.maxThroughputThrottling, out);
      actions(alarms.actions, spec.replicas, out);
    }
    if (spec.dashboard != null && spec.dashboard.enabled == null) {
      out.add(Violation.of("spec.dashboard.enabled", "is required (true or false)"));
    }
  }

  private static void count(String path, CountAlarmSpec alarm, List<Violation> out) {
    if (alarm != null) {
      kind(path, "threshold", alarm.threshold, "", alarm.periodSeconds, CountAlarmSpec.DEFAULT_PERIOD_SECONDS,
          alarm.evaluationPeriods, CountAlarmSpec.DEFAULT_EVALUATION_PERIODS, alarm.datapointsToAlarm, out);
    }
  }

  /**
   * One alarm kind, in field order. The window (period x evaluation periods) and the datapoints are compared with the
   * effective values, defaults included, and only when those values are themselves valid, so one mistake is reported
   * once.
   */
  private static void kind(String path, String thresholdField, Long threshold, String unit, Integer period,
      int defaultPeriod, Integer evaluation, int defaultEvaluation, Integer datapoints, List<Violation> out) {
    if (threshold != null && threshold < 0) {
      out.add(Violation.of(path + "." + thresholdField, "must be at least 0" + unit + ", got " + threshold));
    }
    boolean periodOk = period == null || validPeriod(period);
    if (!periodOk) {
      out.add(Violation.of(path + ".periodSeconds", "must be 10, 20, 30 or a multiple of 60 (CloudWatch's rule), "
          + "got " + period));
    }
    boolean evaluationOk = evaluation == null || evaluation >= 1;
    if (!evaluationOk) {
      out.add(Violation.of(path + ".evaluationPeriods", "must be at least 1, got " + evaluation));
    }
    if (periodOk && evaluationOk) {
      long p = period == null ? defaultPeriod : period;
      long n = evaluation == null ? defaultEvaluation : evaluation;
      boolean longPeriod = p >= ALARM_LONG_PERIOD;
      long max = longPeriod ? ALARM_LONG_WINDOW_MAX : ALARM_SHORT_WINDOW_MAX;
      if (p * n > max) {
        out.add(Violation.of(path, "periodSeconds x evaluationPeriods must be at most " + max
            + (longPeriod ? " seconds (seven days) when periodSeconds is 3600 or more"
                : " seconds (one day) when periodSeconds is under 3600")
            + " (CloudWatch's limit), got " + p + (period == null ? " (the default)" : "") + " x " + n
            + (evaluation == null ? " (the default)" : "") + " = " + p * n));
      }
    }
    if (datapoints == null) {
      return;
    }
    if (datapoints < 1) {
      out.add(Violation.of(path + ".datapointsToAlarm", "must be at least 1, got " + datapoints));
    } else if (evaluationOk) {
      int n = evaluation == null ? defaultEvaluation : evaluation;
      if (datapoints > n) {
        out.add(Violation.of(path + ".datapointsToAlarm", "must be at most evaluationPeriods (" + n
            + (evaluation == null ? ", the default" : "") + "): the alarm fires when M of the last N periods "
            + "breach, got " + datapoints));
      }
    }
  }

  /** 10, 20, 30 or a positive multiple of 60 seconds. */
  private static boolean validPeriod(int seconds) {
    return seconds == ALARM_PERIOD_MIN || seconds == 20 || seconds == 30 || (seconds > 0 && seconds % 60 == 0);
  }

  private static void actions(List<String> actions, List<ReplicaSpec> replicas, List<Violation> out) {
    if (actions == null) {
      return;
    }
    if (actions.size() > MAX_ALARM_ACTIONS) {
      out.add(Violation.of("spec.alarms.actions", "at most " + MAX_ALARM_ACTIONS + " actions (CloudWatch's limit "
          + "per alarm), got " + actions.size()));
    }
    Set<String> regions = new LinkedHashSet<>();
    if (replicas != null) {
      replicas.stream().filter(Objects::nonNull).map(r -> r.region).filter(Objects::nonNull).forEach(regions::add);
    }
    for (int i = 0; i < actions.size(); i++) {
      String path = "spec.alarms.actions[" + i + "]";
      String action = actions.get(i);
      if (action == null) {
        out.add(Violation.of(path, "must not be null"));
        continue;
      }
      if (action.length() > ALARM_ACTION_MAX) {
        out.add(Violation.of(path, "must be at most " + ALARM_ACTION_MAX + " characters, got " + action.length()));
        continue;
      }
      Matcher arn = SNS_TOPIC_ARN.matcher(action);
      if (!arn.matches()) {
        out.add(Violation.of(path, "must be an SNS topic ARN, arn:<partition>:sns:" + REGION_PLACEHOLDER
            + ":<12-digit account>:<topic name of 1-256 [A-Za-z0-9_-]>, got \"" + action + "\""));
        continue;
      }
      String region = arn.group(1);
      if (region.equals(REGION_PLACEHOLDER) || regions.isEmpty()
          || regions.stream().allMatch(region::equals)) {
        continue;
      }
      String suggestion = action.substring(0, arn.start(1)) + REGION_PLACEHOLDER + action.substring(arn.end(1));
      out.add(Violation.of(path, "names the fixed region " + region + ", but an alarm is created in each replica "
          + "region (" + String.join(", ", regions) + ") and CloudWatch only notifies an SNS topic in the alarm's "
          + "own region: use " + REGION_PLACEHOLDER + " in its place, " + suggestion + ", and create the topic in "
          + "every region"));
    }
  }
}
