package dev.globaltable.operator.model;

/**
 * Deterministic names of the CloudWatch alarms and dashboard the operator owns for a table. Every alarm name starts
 * with {@link #prefix}: "globaltable/" + table name + "/" (a table name has no '/', so the prefix of one table never
 * matches another's). The operator lists its alarms by this prefix and touches only those whose description also
 * carries its owner marker ({@link AlarmDefinition#ownerMarker}); alarms AWS creates (TargetTracking-*) never match.
 */
public final class AlarmNames {
  private AlarmNames() {}

  /** Metric names of the throttling kinds. */
  public static final String READ_THROTTLE = "ReadThrottleEvents";
  public static final String WRITE_THROTTLE = "WriteThrottleEvents";
  public static final String READ_MAX_ON_DEMAND_THROTTLE = "ReadMaxOnDemandThroughputThrottleEvents";
  public static final String WRITE_MAX_ON_DEMAND_THROTTLE = "WriteMaxOnDemandThroughputThrottleEvents";
  public static final String REPLICATION_LATENCY = "ReplicationLatency";
  public static final String SYSTEM_ERRORS = "SystemErrors";

  /** "globaltable/&lt;table&gt;/". */
  public static String prefix(String table) {
    return "globaltable/" + table + "/";
  }

  /** ReplicationLatency from the alarm's region (the source) to {@code receivingRegion}. */
  public static String replicationLatency(String table, String receivingRegion) {
    return prefix(table) + REPLICATION_LATENCY + "/to/" + receivingRegion;
  }

  /** A per-table or per-index metric alarm ({@code index} null for the table), e.g. ".../ReadThrottleEvents/index/X". */
  public static String metric(String table, String metricName, String index) {
    return prefix(table) + metricName + (index == null ? "" : "/index/" + index);
  }

  /** SystemErrors of the table. */
  public static String systemErrors(String table) {
    return prefix(table) + SYSTEM_ERRORS;
  }

  /**
   * The dashboard's name: "globaltable-" + table name, with '.' (allowed in table names, not in dashboard names)
   * replaced by '_'.
   */
  public static String dashboard(String table) {
    return "globaltable-" + table.replace('.', '_');
  }
}
