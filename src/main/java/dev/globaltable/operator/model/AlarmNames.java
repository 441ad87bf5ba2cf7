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

  /** CloudWatch's limit on AlarmName and DashboardName. */
  public static final int MAX_NAME = 255;
  /** Longest table name used verbatim in the prefix; longer ones are cut and tagged with a hash of the whole name. */
  static final int MAX_TABLE_IN_NAME = 150;

  /**
   * "globaltable/&lt;table&gt;/". A table name longer than 150 characters (DynamoDB allows 255) is cut to 140 and
   * followed by "~" and 8 hex digits of its SHA-256, so that every alarm name still fits CloudWatch's 255 characters
   * and two long names that share their start still get different prefixes.
   */
  public static String prefix(String table) {
    return "globaltable/" + fitTable(table) + "/";
  }

  /** ReplicationLatency from the alarm's region (the source) to {@code receivingRegion}. */
  public static String replicationLatency(String table, String receivingRegion) {
    return fit(prefix(table), REPLICATION_LATENCY + "/to/" + receivingRegion);
  }

  /** A per-table or per-index metric alarm ({@code index} null for the table), e.g. ".../ReadThrottleEvents/index/X". */
  public static String metric(String table, String metricName, String index) {
    return fit(prefix(table), metricName + (index == null ? "" : "/index/" + index));
  }

  /** SystemErrors of the table. */
  public static String systemErrors(String table) {
    return fit(prefix(table), SYSTEM_ERRORS);
  }

  /**
   * The dashboard's name: "globaltable-" + table name (shortened like {@link #prefix}), with '.' (allowed in table
   * names, not in dashboard names) replaced by '_'.
   */
  public static String dashboard(String table) {
    return "globaltable-" + fitTable(table).replace('.', '_');
  }

  private static String fitTable(String table) {
    return table.length() <= MAX_TABLE_IN_NAME ? table : table.substring(0, 140) + "~" + hash(table);
  }

  /** prefix + rest, the rest cut and hashed when the whole would pass 255 characters (a long index name). */
  private static String fit(String prefix, String rest) {
    if (prefix.length() + rest.length() <= MAX_NAME) {
      return prefix + rest;
    }
    int keep = MAX_NAME - prefix.length() - 9;
    return prefix + rest.substring(0, keep) + "~" + hash(rest);
  }

  private static String hash(String s) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
