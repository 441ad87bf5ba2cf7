package dev.globaltable.operator.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One CloudWatch metric alarm, as the operator wants it (built by the planner) or as DescribeAlarms reports it (mapped
 * by the gateway). Either a single metric ({@code metricName} and {@code dimensions}, with {@code statistic}) or metric
 * math ({@code metrics}, one entry with returnData); all in namespace AWS/DynamoDB.
 *
 * @param region the region the alarm lives in (alarms are regional)
 * @param name AlarmName
 * @param description AlarmDescription; operator-owned alarms start with {@link #ownerMarker}
 * @param metricName MetricName of a single-metric alarm, else null
 * @param dimensions its Dimensions by name (empty for metric math)
 * @param statistic its Statistic (Average, Sum, ...), else null
 * @param metrics the Metrics array of a metric-math alarm (empty for a single-metric alarm)
 * @param periodSeconds Period (for metric math: the period of every MetricStat)
 * @param evaluationPeriods EvaluationPeriods
 * @param datapointsToAlarm DatapointsToAlarm
 * @param threshold Threshold
 * @param comparisonOperator ComparisonOperator wire name, e.g. GreaterThanOrEqualToThreshold
 * @param treatMissingData TreatMissingData wire name (notBreaching)
 * @param actions AlarmActions and OKActions (the same list), in order
 */
public record AlarmDefinition(
    String region,
    String name,
    String description,
    String metricName,
    Map<String, String> dimensions,
    String statistic,
    List<MetricQuery> metrics,
    int periodSeconds,
    int evaluationPeriods,
    int datapointsToAlarm,
    double threshold,
    String comparisonOperator,
    String treatMissingData,
    List<String> actions) {

  /** CloudWatch namespace of every metric the operator alarms on. */
  public static final String NAMESPACE = "AWS/DynamoDB";

  public AlarmDefinition {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(name, "name");
    dimensions = Map.copyOf(dimensions == null ? Map.of() : dimensions);
    metrics = List.copyOf(metrics == null ? List.of() : metrics);
    actions = List.copyOf(actions == null ? List.of() : actions);
  }

  /** The start of the description of every alarm owned by {@code owner} ("namespace/name"). */
  public static String ownerMarker(String owner) {
    return "Managed by globaltable-operator for " + owner + ".";
  }

  /**
   * Whether this (observed) alarm carries {@code owner}'s marker: the description is the marker, or the marker followed
   * by a space (Kubernetes names may contain dots, so "default/ledger." must not claim "default/ledger.v2."'s alarms).
   */
  public boolean ownedBy(String owner) {
    String m = ownerMarker(owner);
    return description != null && (description.equals(m) || description.startsWith(m + " "));
  }

  /** The same alarm with other actions. */
  public AlarmDefinition withActions(List<String> newActions) {
    return new AlarmDefinition(region, name, description, metricName, dimensions, statistic, metrics, periodSeconds,
        evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData, newActions);
  }

  /** CloudWatch's limit on AlarmDescription. */
  public static final int MAX_DESCRIPTION = 1024;

  /**
   * Whether {@code other} has the same configuration (every field but the region; the order of dimensions and of
   * actions is irrelevant (CloudWatch does not promise to keep the latter), the order of metrics is kept as sent).
   */
  public boolean sameConfigurationAs(AlarmDefinition other) {
    return other != null && name.equals(other.name) && Objects.equals(description, other.description)
        && Objects.equals(metricName, other.metricName) && dimensions.equals(other.dimensions)
        && Objects.equals(statistic, other.statistic) && metrics.equals(other.metrics)
        && periodSeconds == other.periodSeconds && evaluationPeriods == other.evaluationPeriods
        && datapointsToAlarm == other.datapointsToAlarm && Double.compare(threshold, other.threshold) == 0
        && Objects.equals(comparisonOperator, other.comparisonOperator)
        && Objects.equals(treatMissingData, other.treatMissingData)
        && new java.util.TreeSet<>(actions).equals(new java.util.TreeSet<>(other.actions));
  }

  /**
   * One entry of a metric-math alarm's Metrics array: either a MetricStat ({@code metricName}, {@code dimensions},
   * {@code statistic}, {@code periodSeconds}) or an {@code expression} over the other ids.
   *
   * @param id Id (^[a-z][A-Za-z0-9_]*$)
   * @param expression Expression, or null for a MetricStat
   * @param metricName MetricStat.Metric.MetricName, or null for an expression
   * @param dimensions MetricStat.Metric.Dimensions
   * @param statistic MetricStat.Stat
   * @param periodSeconds MetricStat.Period (0 for an expression)
   * @param returnData ReturnData: true for exactly one entry (the alarm's series)
   */
  public record MetricQuery(String id, String expression, String metricName, Map<String, String> dimensions,
      String statistic, int periodSeconds, boolean returnData) {
    public MetricQuery {
      dimensions = Map.copyOf(dimensions == null ? Map.of() : dimensions);
    }
  }
}
