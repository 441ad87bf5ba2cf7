package dev.globaltable.operator.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Regional CloudWatch metric alarms (aws-semantics 6.2): names unique per region, listed in name order; create sets
 * INSUFFICIENT_DATA, an update overwrites the configuration and keeps the state. Not thread-safe on its own: callers hold
 * the simulator's lock.
 */
final class CloudWatchPlane {
  static final int MAX_PAGE = 100;
  private static final String NAME_TOKEN_PREFIX = "sim-cw:";

  private final Clock clock;
  private final String account;
  private final Map<String, TreeMap<String, MetricAlarm>> alarms = new HashMap<>();

  CloudWatchPlane(Clock clock, String account, Collection<String> regions) {
    this.clock = clock;
    this.account = account;
    for (String r : regions) {
      alarms.put(r, new TreeMap<>());
    }
  }

  /** One page of alarms and the token of the next, or null. */
  record Page(List<MetricAlarm> alarms, String nextToken) {}

  String alarmArn(String region, String name) {
    return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
  }

  // ---------------------------------------------------------------------------------------------- PutMetricAlarm

  void putMetricAlarm(String region, PutMetricAlarmRequest r) {
    String name = r.alarmName();
    if (name == null) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value null at 'alarmName' failed to satisfy "
          + "constraint: Member must not be null");
    }
    checkLength(name, "alarmName", 1, 255);
    if (r.alarmDescription() != null) {
      checkLength(r.alarmDescription(), "alarmDescription", 0, 1024);
    }
    checkActions(r.okActions(), "oKActions");
    checkActions(r.alarmActions(), "alarmActions");
    checkActions(r.insufficientDataActions(), "insufficientDataActions");
    if (r.hasDimensions() && r.dimensions().size() > 30) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + r.dimensions() + "' at "
          + "'dimensions' failed to satisfy constraint: Member must have length less than or equal to 30");
    }
    if (r.evaluationPeriods() != null && r.evaluationPeriods() < 1) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + r.evaluationPeriods() + "' at "
          + "'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }
    boolean singleMetric = r.metricName() != null;
    if (singleMetric) {
      if (r.period() == null) {
        throw SimServiceErrors.cwInvalidParameter("Period must be specified when MetricName is specified.");
      }
      if (r.statistic() == null == (r.extendedStatistic() == null)) {
        throw SimServiceErrors.cwInvalidParameter(
            "Exactly one of Statistic or ExtendedStatistic must be specified when MetricName is specified.");
      }
    }
    if (r.period() != null) {
      int p = r.period();
      if (!(p == 10 || p == 20 || p == 30 || (p > 0 && p % 60 == 0))) {
        throw SimServiceErrors.cwInvalidParameter("The parameter Period must be 10, 20, 30 or a multiple of 60.");
      }
      if (r.evaluationPeriods() != null) {
        long total = (long) p * r.evaluationPeriods();
        long cap = p < 3600 ? 86_400 : 604_800;
        if (total > cap) {
          throw SimServiceErrors.cwInvalidParameter("The evaluation period of the alarm, Period * EvaluationPeriods, "
              + "must not exceed " + cap + " seconds" + (p < 3600 ? " for a Period of less than one hour." : "."));
        }
      }
    }
    if (r.datapointsToAlarm() != null && r.evaluationPeriods() != null
        && r.datapointsToAlarm() > r.evaluationPeriods()) {
      throw SimServiceErrors.cwInvalidParameter(
          "DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
    }
    store(region, r);
  }

  /** Stores {@code r} without validation (used for the alarms Application Auto Scaling makes). */
  void store(String region, PutMetricAlarmRequest r) {
    Instant now = clock.instant();
    TreeMap<String, MetricAlarm> m = alarms.get(region);
    MetricAlarm old = m.get(r.alarmName());
    MetricAlarm.Builder b = MetricAlarm.builder()
        .alarmName(r.alarmName())
        .alarmArn(alarmArn(region, r.alarmName()))
        .alarmDescription(r.alarmDescription())
        .actionsEnabled(r.actionsEnabled() == null || r.actionsEnabled())
        .okActions(r.okActions())
        .alarmActions(r.alarmActions())
        .insufficientDataActions(r.insufficientDataActions())
        .metricName(r.metricName())
        .namespace(r.namespace())
        .statistic(r.statistic())
        .extendedStatistic(r.extendedStatistic())
        .dimensions(r.dimensions())
        .period(r.period())
        .unit(r.unit())
        .evaluationPeriods(r.evaluationPeriods())
        .datapointsToAlarm(r.datapointsToAlarm())
        .threshold(r.threshold())
        .comparisonOperator(r.comparisonOperator())
        .treatMissingData(r.treatMissingData())
        .evaluateLowSampleCountPercentile(r.evaluateLowSampleCountPercentile())
        .metrics(r.metrics())
        .thresholdMetricId(r.thresholdMetricId())
        .alarmConfigurationUpdatedTimestamp(now);
    if (old == null) {
      b.stateValue(StateValue.INSUFFICIENT_DATA).stateReason("Unchecked: Initial alarm creation")
          .stateUpdatedTimestamp(now);
    } else {
      // An update overwrites the configuration and keeps the state (aws-semantics 6.2).
      b.stateValue(old.stateValue()).stateReason(old.stateReason())
          .stateUpdatedTimestamp(old.stateUpdatedTimestamp());
    }
    m.put(r.alarmName(), b.build());
  }

  private static void checkLength(String value, String field, int min, int max) {
    if (value.length() < min) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + value + "' at '" + field
          + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
    }
    if (value.length() > max) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + value + "' at '" + field
          + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
    }
  }

  private static void checkActions(List<String> actions, String field) {
    if (actions != null && actions.size() > 5) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + actions + "' at '" + field
          + "' failed to satisfy constraint: Member must have length less than or equal to 5");
    }
  }

  // ---------------------------------------------------------------------------------------------- Describe / Delete

  Page describe(String region, List<String> names, String prefix, Integer maxRecords, String nextToken) {
    if (names != null && !names.isEmpty() && prefix != null) {
      throw SimServiceErrors.cwInvalidParameter(
          "AlarmNames and AlarmNamePrefix cannot be specified in the same request.");
    }
    if (names != null && names.size() > 100) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + names + "' at 'alarmNames' "
          + "failed to satisfy constraint: Member must have length less than or equal to 100");
    }
    int max = maxRecords == null ? 50 : maxRecords;
    if (max < 1 || max > MAX_PAGE) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + max + "' at 'maxRecords' failed "
          + "to satisfy constraint: Member must have value " + (max < 1 ? "greater than or equal to 1"
          : "less than or equal to 100"));
    }
    List<MetricAlarm> matching = new ArrayList<>();
    for (MetricAlarm a : alarms.get(region).values()) {
      if (names != null && !names.isEmpty() && !names.contains(a.alarmName())) {
        continue;
      }
      if (prefix != null && !a.alarmName().startsWith(prefix)) {
        continue;
      }
      matching.add(a);
    }
    // The token names the last alarm returned, so deletions between pages neither repeat nor skip survivors.
    int from = 0;
    if (nextToken != null) {
      if (!nextToken.startsWith(NAME_TOKEN_PREFIX)) {
        throw SimServiceErrors.cwInvalidToken();
      }
      String after = nextToken.substring(NAME_TOKEN_PREFIX.length());
      while (from < matching.size() && matching.get(from).alarmName().compareTo(after) <= 0) {
        from++;
      }
    }
    int to = Math.min(matching.size(), from + max);
    List<MetricAlarm> page = List.copyOf(matching.subList(from, to));
    String token = to < matching.size() ? NAME_TOKEN_PREFIX + page.get(page.size() - 1).alarmName() : null;
    return new Page(page, token);
  }

  /** Deletes the named alarms; unknown names are ignored (aws-semantics 6.2). Returns how many existed. */
  int delete(String region, List<String> names) {
    if (names.size() > 100) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + names + "' at 'alarmNames' "
          + "failed to satisfy constraint: Member must have length less than or equal to 100");
    }
    int n = 0;
    for (String name : names) {
      if (alarms.get(region).remove(name) != null) {
        n++;
      }
    }
    return n;
  }

  /** The alarm, or null (inspection; never faulted or journalled). */
  MetricAlarm get(String region, String name) {
    return alarms.get(region).get(name);
  }
}
