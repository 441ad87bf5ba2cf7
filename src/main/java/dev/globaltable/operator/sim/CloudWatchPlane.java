package dev.globaltable.operator.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * Regional CloudWatch metric alarms (aws-semantics 6.2): names unique per region, listed in name order; create sets
 * INSUFFICIENT_DATA, an update overwrites the configuration and keeps the state; tags per alarm (create-only on
 * PutMetricAlarm); an optional PutMetricAlarm rate of 3 calls per simulated second per region and an optional alarm
 * quota; alarm evaluation against the series of {@link MetricStore}. Not thread-safe on its own: callers hold the
 * simulator's lock.
 *
 * <p>Evaluation: an alarm is evaluated at every boundary of its period (epoch-aligned multiples of Period) after its
 * creation, lazily, whenever any CloudWatch call runs; a state change is stamped with the boundary's instant. At a
 * boundary t the window is the EvaluationPeriods periods ending at t. ALARM when at least DatapointsToAlarm of them
 * breach; OK when fewer breach and at least one non-breaching datapoint exists; otherwise the state is kept, except
 * that with TreatMissingData "missing" (the default) an all-missing window means INSUFFICIENT_DATA. "breaching" and
 * "notBreaching" count missing periods as breaching / not breaching. Alarms on AWS/DynamoDB metrics always ignore
 * missing data (aws-semantics 6.2).
 */
final class CloudWatchPlane {
  static final int MAX_PAGE = 100;
  private static final String NAME_TOKEN_PREFIX = "sim-cw:";
  private static final int MAX_EVALUATIONS_PER_CALL = 10_000;
  private static final Pattern METRIC_ID = Pattern.compile("^[a-z][A-Za-z0-9_]*$");
  private static final Pattern SUM_EXPRESSION = Pattern.compile("^\\s*SUM\\(\\s*\\[([^\\]]*)\\]\\s*\\)\\s*$");
  private static final DateTimeFormatter REASON_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

  /** An alarm and what the simulator keeps beside it. */
  private static final class Entry {
    MetricAlarm alarm;
    Instant lastEvaluated;
    final LinkedHashMap<String, String> tags = new LinkedHashMap<>();

    Entry(MetricAlarm alarm, Instant lastEvaluated) {
      this.alarm = alarm;
      this.lastEvaluated = lastEvaluated;
    }
  }

  private final Clock clock;
  private final String account;
  private final MetricStore metrics;
  private final Map<String, TreeMap<String, Entry>> alarms = new HashMap<>();
  private final Map<String, long[]> putRate = new HashMap<>(); // region -> {epoch second, calls in it}
  private final Map<String, Integer> alarmQuota = new HashMap<>();
  private boolean rateLimited;

  CloudWatchPlane(Clock clock, String account, Collection<String> regions, MetricStore metrics) {
    this.clock = clock;
    this.account = account;
    this.metrics = metrics;
    for (String r : regions) {
      alarms.put(r, new TreeMap<>());
    }
  }

  /** One page of alarms and the token of the next, or null. */
  record Page(List<MetricAlarm> alarms, String nextToken) {}

  String alarmArn(String region, String name) {
    return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
  }

  void rateLimited(boolean on) {
    rateLimited = on;
  }

  void alarmQuota(String region, int quota) {
    alarmQuota.put(region, quota);
  }

  /**
   * Counts one PutMetricAlarm call against the region's rate (3 per simulated second, aws-semantics 6.2/8) when the
   * limit is on; the 4th call within one second is throttled and not counted.
   */
  void checkPutRate(String region) {
    if (!rateLimited) {
      return;
    }
    long second = clock.instant().getEpochSecond();
    long[] w = putRate.computeIfAbsent(region, r -> new long[] {second, 0});
    if (w[0] != second) {
      w[0] = second;
      w[1] = 0;
    }
    if (w[1] >= 3) {
      throw SimServiceErrors.cwThrottling();
    }
    w[1]++;
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
    if (r.datapointsToAlarm() != null && r.datapointsToAlarm() < 1) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + r.datapointsToAlarm() + "' at "
          + "'datapointsToAlarm' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }
    boolean singleMetric = r.metricName() != null;
    boolean math = r.hasMetrics() && !r.metrics().isEmpty();
    if (singleMetric && math) {
      throw SimServiceErrors.cwInvalidCombination(
          "MetricName and Metrics cannot be specified in the same request.");
    }
    if (math && (r.namespace() != null || r.statistic() != null || r.extendedStatistic() != null
        || r.period() != null || r.hasDimensions() && !r.dimensions().isEmpty() || r.unit() != null)) {
      throw SimServiceErrors.cwInvalidCombination("Namespace, Statistic, ExtendedStatistic, Dimensions, Period and "
          + "Unit cannot be specified together with Metrics.");
    }
    if (!singleMetric && !math) {
      throw SimServiceErrors.cwInvalidCombination("Exactly one of MetricName or Metrics must be specified.");
    }
    if (r.evaluationPeriods() == null) {
      throw SimServiceErrors.cwMissingParameter("The parameter EvaluationPeriods is required.");
    }
    if (r.comparisonOperator() == null) {
      throw SimServiceErrors.cwMissingParameter("The parameter ComparisonOperator is required.");
    }
    if (r.threshold() == null && r.thresholdMetricId() == null) {
      throw SimServiceErrors.cwMissingParameter("The parameter Threshold is required.");
    }
    Integer period = r.period();
    if (singleMetric) {
      if (r.namespace() == null) {
        throw SimServiceErrors.cwInvalidParameter("Namespace must be specified when MetricName is specified.");
      }
      if (r.period() == null) {
        throw SimServiceErrors.cwInvalidParameter("Period must be specified when MetricName is specified.");
      }
      if (r.statistic() == null == (r.extendedStatistic() == null)) {
        throw SimServiceErrors.cwInvalidParameter(
            "Exactly one of Statistic or ExtendedStatistic must be specified when MetricName is specified.");
      }
      checkPeriod(r.period(), "The parameter Period must be 10, 20, 30 or a multiple of 60.");
    } else {
      period = checkMetrics(r.metrics());
    }
    long total = (long) period * r.evaluationPeriods();
    long cap = period < 3600 ? 86_400 : 604_800;
    if (total > cap) {
      throw SimServiceErrors.cwInvalidParameter("The evaluation period of the alarm, Period * EvaluationPeriods, "
          + "must not exceed " + cap + " seconds" + (period < 3600 ? " for a Period of less than one hour." : "."));
    }
    if (r.datapointsToAlarm() != null && r.datapointsToAlarm() > r.evaluationPeriods()) {
      throw SimServiceErrors.cwInvalidParameter(
          "DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
    }
    Entry old = alarms.get(region).get(name);
    if (old == null) {
      if (r.hasTags() && r.tags().size() > 50) {
        throw SimServiceErrors.cwInvalidParameter("The collection Tags must not have a size greater than 50.");
      }
      Integer quota = alarmQuota.get(region);
      if (quota != null && alarms.get(region).size() >= quota) {
        throw SimServiceErrors.cwAlarmQuota();
      }
    }
    store(region, r);
    if (old == null && r.hasTags()) {
      // Tags apply on create only; an update ignores them (aws-semantics 6.2: use TagResource).
      Entry e = alarms.get(region).get(name);
      r.tags().forEach(t -> e.tags.put(t.key(), t.value()));
    }
  }

  private static void checkPeriod(int p, String message) {
    if (!(p == 10 || p == 20 || p == 30 || (p > 0 && p % 60 == 0))) {
      throw SimServiceErrors.cwInvalidParameter(message);
    }
  }

  /** Validates a metric-math alarm's Metrics array; returns the period the alarm evaluates with. */
  private static Integer checkMetrics(List<MetricDataQuery> queries) {
    if (queries.size() > 20) {
      throw SimServiceErrors.cwInvalidParameter("The collection Metrics must not have a size greater than 20.");
    }
    int stats = 0;
    int returning = 0;
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < queries.size(); i++) {
      MetricDataQuery q = queries.get(i);
      String path = "Metrics.member." + (i + 1);
      checkQueryId(q.id(), path);
      if (!ids.add(q.id())) {
        throw SimServiceErrors.cwInvalidParameter("The value " + q.id() + " for parameter " + path
            + ".Id is duplicated.");
      }
      if (q.metricStat() == null == (q.expression() == null)) {
        throw SimServiceErrors.cwInvalidParameter("Exactly one of MetricStat or Expression must be specified in "
            + path + ".");
      }
      if (q.metricStat() != null) {
        stats++;
        checkMetricStat(q.metricStat(), path + ".MetricStat");
        checkPeriod(q.metricStat().period(), "The parameter " + path
            + ".MetricStat.Period must be 10, 20, 30 or a multiple of 60.");
      }
      if (q.returnData() == null || q.returnData()) {
        returning++;
      }
    }
    if (stats > 10) {
      throw SimServiceErrors.cwInvalidParameter("Metrics may contain at most 10 MetricStat entries.");
    }
    if (returning != 1) {
      throw SimServiceErrors.cwInvalidParameter("Exactly one element of the Metrics list must have ReturnData set "
          + "to true.");
    }
    return mathPeriod(queries);
  }

  private static void checkQueryId(String id, String path) {
    if (id == null) {
      throw SimServiceErrors.cwMissingParameter("The parameter " + path + ".Id is required.");
    }
    if (!METRIC_ID.matcher(id).matches()) {
      throw SimServiceErrors.cwInvalidParameter("The value " + id + " for parameter " + path + ".Id is invalid: "
          + "it must start with a lowercase letter and contain only letters, numbers and underscores.");
    }
  }

  private static void checkMetricStat(MetricStat s, String path) {
    if (s.metric() == null || s.metric().namespace() == null || s.metric().metricName() == null) {
      throw SimServiceErrors.cwMissingParameter("The parameter " + path + ".Metric with Namespace and MetricName "
          + "is required.");
    }
    if (s.period() == null) {
      throw SimServiceErrors.cwMissingParameter("The parameter " + path + ".Period is required.");
    }
    if (s.stat() == null) {
      throw SimServiceErrors.cwMissingParameter("The parameter " + path + ".Stat is required.");
    }
  }

  /** The period of the returned series: its MetricStat's, else its own Period, else the first MetricStat's. */
  private static Integer mathPeriod(List<MetricDataQuery> queries) {
    MetricDataQuery ret = returning(queries);
    if (ret.metricStat() != null) {
      return ret.metricStat().period();
    }
    if (ret.period() != null) {
      return ret.period();
    }
    return queries.stream().filter(q -> q.metricStat() != null).map(q -> q.metricStat().period()).findFirst()
        .orElse(60);
  }

  private static MetricDataQuery returning(List<MetricDataQuery> queries) {
    return queries.stream().filter(q -> q.returnData() == null || q.returnData()).findFirst().orElseThrow();
  }

  /** Stores {@code r} without validation (used for the alarms Application Auto Scaling makes). */
  void store(String region, PutMetricAlarmRequest r) {
    Instant now = clock.instant();
    TreeMap<String, Entry> m = alarms.get(region);
    Entry old = m.get(r.alarmName());
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
      m.put(r.alarmName(), new Entry(b.build(), now));
    } else {
      // An update overwrites the configuration and keeps the state (aws-semantics 6.2).
      b.stateValue(old.alarm.stateValue()).stateReason(old.alarm.stateReason())
          .stateUpdatedTimestamp(old.alarm.stateUpdatedTimestamp());
      old.alarm = b.build();
    }
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

  Page describe(String region, List<String> names, String prefix, StateValue state, String actionPrefix,
      Integer maxRecords, String nextToken) {
    if (names != null && !names.isEmpty() && prefix != null) {
      throw SimServiceErrors.cwInvalidCombination(
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
    evaluate();
    List<MetricAlarm> matching = new ArrayList<>();
    for (Entry e : alarms.get(region).values()) {
      MetricAlarm a = e.alarm;
      if (names != null && !names.isEmpty() && !names.contains(a.alarmName())) {
        continue;
      }
      if (prefix != null && !a.alarmName().startsWith(prefix)) {
        continue;
      }
      if (state != null && a.stateValue() != state) {
        continue;
      }
      if (actionPrefix != null && !hasActionWithPrefix(a, actionPrefix)) {
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

  private static boolean hasActionWithPrefix(MetricAlarm a, String prefix) {
    for (List<String> l : List.of(a.alarmActions(), a.okActions(), a.insufficientDataActions())) {
      if (l.stream().anyMatch(s -> s.startsWith(prefix))) {
        return true;
      }
    }
    return false;
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
    Entry e = alarms.get(region).get(name);
    return e == null ? null : e.alarm;
  }

  // ---------------------------------------------------------------------------------------------- Tags

  /** The tags of the alarm with this ARN in {@code region}, or null when there is no such alarm. */
  Map<String, String> alarmTags(String region, String arn) {
    String prefix = "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:";
    if (!arn.startsWith(prefix)) {
      return null;
    }
    Entry e = alarms.get(region).get(arn.substring(prefix.length()));
    return e == null ? null : e.tags;
  }

  // ---------------------------------------------------------------------------------------------- Evaluation

  /** Evaluates every alarm of every region at each of its period boundaries up to now. */
  void evaluate() {
    Instant now = clock.instant();
    alarms.forEach((region, m) -> m.values().forEach(e -> evaluate(region, e, now)));
  }

  private void evaluate(String region, Entry e, Instant now) {
    MetricAlarm a = e.alarm;
    Integer period = a.period() != null ? a.period() : a.hasMetrics() && !a.metrics().isEmpty()
        ? mathPeriod(a.metrics()) : null;
    if (period == null || period <= 0 || a.threshold() == null || a.comparisonOperator() == null
        || a.evaluationPeriods() == null) {
      e.lastEvaluated = now;
      return;
    }
    long p = period;
    long first = Math.floorDiv(e.lastEvaluated.getEpochSecond(), p) * p + p;
    long last = Math.floorDiv(now.getEpochSecond(), p) * p;
    first = Math.max(first, last - (MAX_EVALUATIONS_PER_CALL - 1) * p);
    for (long t = first; t <= last; t += p) {
      evaluateAt(region, e, Instant.ofEpochSecond(t), period);
    }
    e.lastEvaluated = now;
  }

  private void evaluateAt(String region, Entry e, Instant t, int period) {
    MetricAlarm a = e.alarm;
    int n = a.evaluationPeriods();
    int m = a.datapointsToAlarm() != null ? a.datapointsToAlarm() : n;
    List<Instant> starts = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant s = t.minusSeconds((long) (i + 1) * period);
      starts.add(s);
      values.add(value(region, a, s, period, t));
    }
    String treat = ignoresMissingData(a) ? "ignore" : a.treatMissingData() == null ? "missing" : a.treatMissingData();
    int missing = 0;
    List<String> breaching = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Double v = values.get(i);
      if (v == null) {
        missing++;
      } else if (breaches(a.comparisonOperator(), v, a.threshold())) {
        breaching.add(v + " (" + REASON_TIME.format(starts.get(i)) + ")");
      } else {
        fine.add(v + " (" + REASON_TIME.format(starts.get(i)) + ")");
      }
    }
    int breachCount = breaching.size() + ("breaching".equals(treat) ? missing : 0);
    int fineCount = fine.size() + ("notBreaching".equals(treat) ? missing : 0);
    StateValue from = a.stateValue();
    StateValue to;
    String reason;
    String op = phrase(a.comparisonOperator());
    if (breachCount >= m) {
      to = StateValue.ALARM;
      reason = crossed(n, breachCount, breaching, "", op, a.threshold(), m, from);
    } else if (fineCount > 0) {
      to = StateValue.OK;
      reason = crossed(n, fineCount, fine, "not ", op, a.threshold(), 1, from);
    } else if (missing == n && "missing".equals(treat)) {
      to = StateValue.INSUFFICIENT_DATA;
      reason = "Insufficient Data: " + (n == 1 ? "1 datapoint was unknown." : n + " datapoints were unknown.");
    } else {
      return;
    }
    if (to != from) {
      e.alarm = a.toBuilder().stateValue(to).stateReason(reason).stateUpdatedTimestamp(t).build();
    }
  }

  /**
   * CloudWatch's wording, e.g. "Threshold Crossed: 2 out of the last 2 datapoints [15000.0 (23/11/26 10:01:00),
   * 15000.0 (23/11/26 10:00:00)] were greater than or equal to the threshold (10000.0) (minimum 2 datapoints for
   * INSUFFICIENT_DATA -&gt; ALARM transition)."; a one-period alarm reads "Threshold Crossed: 1 datapoint [...] was
   * ..."; when only missing datapoints count, "Threshold Crossed: no datapoints were received for 1 period and 1
   * missing datapoint was treated as [Breaching].".
   */
  private static String crossed(int n, int count, List<String> listed, String not, String op, double threshold,
      int minimum, StateValue from) {
    if (listed.isEmpty()) {
      // Every counted datapoint is a missing one, treated as breaching / not breaching.
      return "Threshold Crossed: no datapoints were received for " + count + (count == 1 ? " period" : " periods")
          + " and " + count + (count == 1 ? " missing datapoint was" : " missing datapoints were") + " treated as ["
          + (not.isEmpty() ? "Breaching" : "NonBreaching") + "].";
    }
    String list = "[" + String.join(", ", listed) + "]";
    if (n == 1) {
      return "Threshold Crossed: 1 datapoint " + list + " was " + not + op + " the threshold (" + threshold + ").";
    }
    StateValue to = not.isEmpty() ? StateValue.ALARM : StateValue.OK;
    return "Threshold Crossed: " + count + " out of the last " + n + " datapoints " + list + " "
        + (count == 1 ? "was " : "were ") + not + op + " the threshold (" + threshold + ") (minimum " + minimum
        + (minimum == 1 ? " datapoint" : " datapoints") + " for " + from + " -> " + to + " transition).";
  }

  private static String phrase(ComparisonOperator op) {
    return switch (op) {
      case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> "greater than or equal to";
      case GREATER_THAN_THRESHOLD -> "greater than";
      case LESS_THAN_THRESHOLD -> "less than";
      case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> "less than or equal to";
      default -> op.toString();
    };
  }

  private static boolean breaches(ComparisonOperator op, double v, double threshold) {
    return switch (op) {
      case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> v >= threshold;
      case GREATER_THAN_THRESHOLD -> v > threshold;
      case LESS_THAN_THRESHOLD -> v < threshold;
      case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> v <= threshold;
      default -> false; // anomaly-band operators are not modelled
    };
  }

  private static boolean ignoresMissingData(MetricAlarm a) {
    if ("AWS/DynamoDB".equals(a.namespace())) {
      return true;
    }
    return a.hasMetrics() && a.metrics().stream().anyMatch(q -> q.metricStat() != null
        && q.metricStat().metric() != null && "AWS/DynamoDB".equals(q.metricStat().metric().namespace()));
  }

  /** The alarm's value for the period starting at {@code start}, or null when it has no data then. */
  private Double value(String region, MetricAlarm a, Instant start, int period, Instant now) {
    Instant end = start.plusSeconds(period);
    if (a.metricName() != null) {
      if (a.statistic() == null) {
        return null; // extended statistics (percentiles) are not modelled
      }
      List<Double> samples = metrics.samples(region, MetricStore.Key.of(a.namespace(), a.metricName(),
          a.dimensions()), start, end, now);
      return MetricStore.statistic(a.statisticAsString(), samples);
    }
    Map<String, MetricDataQuery> byId = new LinkedHashMap<>();
    a.metrics().forEach(q -> byId.put(q.id(), q));
    return queryValue(region, byId, returning(a.metrics()), start, end, now);
  }

  /**
   * The value of one query over [start, end): a MetricStat's statistic, or an expression that is either a query id or
   * SUM([id, ...]) (the sum of the referenced values present; null when none is). Other expressions yield no data.
   */
  Double queryValue(String region, Map<String, MetricDataQuery> byId, MetricDataQuery q, Instant start, Instant end,
      Instant now) {
    if (q.metricStat() != null) {
      MetricStat s = q.metricStat();
      List<Double> samples = metrics.samples(region, MetricStore.Key.of(s.metric().namespace(),
          s.metric().metricName(), s.metric().dimensions()), start, end, now);
      return MetricStore.statistic(s.stat(), samples);
    }
    String expr = q.expression() == null ? "" : q.expression().trim();
    List<String> ids;
    Matcher sum = SUM_EXPRESSION.matcher(expr);
    if (sum.matches()) {
      ids = List.of(sum.group(1).split(","));
    } else if (byId.containsKey(expr)) {
      ids = List.of(expr);
    } else {
      return null;
    }
    Double total = null;
    for (String id : ids) {
      MetricDataQuery ref = byId.get(id.trim());
      if (ref == null || ref == q) {
        return null;
      }
      Double v = queryValue(region, byId, ref, start, end, now);
      if (v != null) {
        total = total == null ? v : total + v;
      }
    }
    return total;
  }

  // ---------------------------------------------------------------------------------------------- GetMetricData

  private static final java.util.Set<String> STATS = java.util.Set.of("Average", "Sum", "Minimum", "Maximum",
      "SampleCount");

  /**
   * GetMetricData over the region's series (aws-semantics 6.3): periods start at StartTime rounded down to a multiple
   * of the period (epoch-aligned) and end before EndTime; periods without data are omitted; newest first unless
   * ScanBy is TimestampAscending; queries with ReturnData=false are computed but not returned.
   */
  List<software.amazon.awssdk.services.cloudwatch.model.MetricDataResult> getMetricData(String region,
      software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest r) {
    if (!r.hasMetricDataQueries() || r.metricDataQueries().isEmpty()) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value null at 'metricDataQueries' failed "
          + "to satisfy constraint: Member must not be null");
    }
    if (r.startTime() == null) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value null at 'startTime' failed to "
          + "satisfy constraint: Member must not be null");
    }
    if (r.endTime() == null) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value null at 'endTime' failed to satisfy "
          + "constraint: Member must not be null");
    }
    if (r.nextToken() != null) {
      throw SimServiceErrors.cwInvalidToken(); // the simulator never hands out a GetMetricData token
    }
    List<MetricDataQuery> queries = r.metricDataQueries();
    if (queries.size() > 500) {
      throw SimServiceErrors.cwInvalidParameter(
          "The collection MetricDataQueries must not have a size greater than 500.");
    }
    if (!r.startTime().isBefore(r.endTime())) {
      throw SimServiceErrors.cwInvalidParameter("The parameter StartTime must be less than the parameter EndTime.");
    }
    Map<String, MetricDataQuery> byId = new LinkedHashMap<>();
    for (int i = 0; i < queries.size(); i++) {
      MetricDataQuery q = queries.get(i);
      String path = "MetricDataQueries.member." + (i + 1);
      checkQueryId(q.id(), path);
      if (byId.put(q.id(), q) != null) {
        throw SimServiceErrors.cwInvalidParameter("The value " + q.id() + " for parameter " + path
            + ".Id is duplicated.");
      }
      if (q.metricStat() == null == (q.expression() == null)) {
        throw SimServiceErrors.cwInvalidParameter("Exactly one of MetricStat or Expression must be specified in "
            + path + ".");
      }
      if (q.metricStat() != null) {
        checkMetricStat(q.metricStat(), path + ".MetricStat");
        if (q.metricStat().period() <= 0 || q.metricStat().period() % 60 != 0) {
          throw SimServiceErrors.cwInvalidParameter("The parameter " + path
              + ".MetricStat.Period must be a multiple of 60.");
        }
        if (!STATS.contains(q.metricStat().stat())) {
          throw SimServiceErrors.cwInvalidParameter("The value " + q.metricStat().stat() + " for parameter " + path
              + ".MetricStat.Stat is not supported: use Average, Sum, Minimum, Maximum or SampleCount.");
        }
      } else if (q.period() != null && (q.period() <= 0 || q.period() % 60 != 0)) {
        throw SimServiceErrors.cwInvalidParameter("The parameter " + path + ".Period must be a multiple of 60.");
      }
    }
    Instant now = clock.instant();
    boolean ascending = r.scanBy() == software.amazon.awssdk.services.cloudwatch.model.ScanBy.TIMESTAMP_ASCENDING;
    List<software.amazon.awssdk.services.cloudwatch.model.MetricDataResult> out = new ArrayList<>();
    for (MetricDataQuery q : queries) {
      if (q.returnData() != null && !q.returnData()) {
        continue;
      }
      int period = q.metricStat() != null ? q.metricStat().period() : q.period() != null ? q.period()
          : queries.stream().filter(x -> x.metricStat() != null).map(x -> x.metricStat().period()).findFirst()
              .orElse(60);
      long first = Math.floorDiv(r.startTime().getEpochSecond(), period) * period;
      List<Instant> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (long t = first; Instant.ofEpochSecond(t).isBefore(r.endTime()); t += period) {
        Instant s = Instant.ofEpochSecond(t);
        Instant e = s.plusSeconds(period).isAfter(r.endTime()) ? r.endTime() : s.plusSeconds(period);
        Double v = queryValue(region, byId, q, s, e, now);
        if (v != null) {
          times.add(s);
          values.add(v);
        }
      }
      if (!ascending) {
        java.util.Collections.reverse(times);
        java.util.Collections.reverse(values);
      }
      String label = q.label() != null ? q.label() : q.metricStat() != null ? q.metricStat().metric().metricName()
          : q.id();
      out.add(software.amazon.awssdk.services.cloudwatch.model.MetricDataResult.builder().id(q.id()).label(label)
          .timestamps(times).values(values)
          .statusCode(software.amazon.awssdk.services.cloudwatch.model.StatusCode.COMPLETE).build());
    }
    return out;
  }

  /** Dimensions as CloudWatch lists them. */
  static List<Dimension> dimensions(Map<String, String> dims) {
    return new TreeMap<>(dims).entrySet().stream()
        .map(en -> Dimension.builder().name(en.getKey()).value(en.getValue()).build()).toList();
  }

  static List<Tag> tagList(Map<String, String> tags) {
    return tags.entrySet().stream().map(en -> Tag.builder().key(en.getKey()).value(en.getValue()).build()).toList();
  }
}
