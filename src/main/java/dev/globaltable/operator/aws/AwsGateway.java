package dev.globaltable.operator.aws;

import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.plan.Step;
import java.util.Collection;
import java.util.Set;

/**
 * The operator's only port to AWS (Crossplane-style external client): observe is read-only, apply issues exactly one
 * mutating call. Neither blocks waiting for AWS; neither retries internally beyond the SDK's own retry policy.
 * Failures surface as {@link AwsCallException} with a classification.
 */
public interface AwsGateway {

  /**
   * DescribeTable in the home region, and when {@code deep} DescribeTable plus ListTagsOfResource (all pages) and the
   * per-region settings (point-in-time recovery, time to live, Contributor Insights of the table and its GSIs, Kinesis
   * streaming destinations) in each of {@code regions} (the home region included). A missing table is an observation
   * (null table), not an error.
   *
   * @param tableName table name
   * @param homeRegion home region (always described)
   * @param regions every region to describe on a deep pass (home included or not; order kept, home first)
   * @param deep whether to describe the other regions and read tags everywhere
   */
  Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep);

  /**
   * As {@link #observe(String, String, Collection, boolean)}; on a deep pass Application Auto Scaling is read where the
   * table is PROVISIONED, and also in {@code scalingRegions} (where this resource manages targets, e.g. after a switch
   * to on-demand), so that an on-demand table costs (and needs permission for) no autoscaling call.
   */
  default Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep,
      Set<String> scalingRegions) {
    return observe(tableName, homeRegion, regions, deep);
  }

  /**
   * As {@link #observe(String, String, Collection, boolean, Set)}; on a deep pass also the CloudWatch reads
   * {@code options} asks for: the table's alarms and its recent replication latency in every region where the table
   * exists ({@link dev.globaltable.operator.model.RegionObservation#alarms()},
   * {@link dev.globaltable.operator.model.RegionObservation#replicationLatency()}), and its dashboard
   * ({@link Observed#dashboard()}). What is not asked for is not read (null) and costs no call. The default
   * implementation reads none of them (for gateways without CloudWatch).
   */
  default Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep,
      ObserveOptions options) {
    return observe(tableName, homeRegion, regions, deep, options.scalingRegions());
  }

  /**
   * What a deep pass reads besides tables, tags, per-region settings and autoscaling where the table is PROVISIONED.
   * A shallow pass reads none of it.
   *
   * @param scalingRegions regions where Application Auto Scaling is read even for an on-demand table (where this
   *     resource manages targets)
   * @param alarms whether to list the table's CloudWatch alarms (DescribeAlarms by the table's alarm-name prefix) in
   *     every region where the table exists: ask when the spec has alarms, or when operator-owned alarms may be left
   *     to delete
   * @param replicationLatency whether to read the recent ReplicationLatency (GetMetricData) from every region where
   *     the table exists to every other region of interest
   * @param dashboardName the dashboard to read (GetDashboard through the home region's client), or null for none
   */
  record ObserveOptions(Set<String> scalingRegions, boolean alarms, boolean replicationLatency, String dashboardName) {
    /** Nothing beyond the table, tags, settings and autoscaling where the table is PROVISIONED. */
    public static final ObserveOptions NONE = new ObserveOptions(Set.of(), false, false, null);

    public ObserveOptions {
      scalingRegions = Set.copyOf(scalingRegions == null ? Set.of() : scalingRegions);
    }

    /** Autoscaling also read in {@code scalingRegions}; no CloudWatch read. */
    public static ObserveOptions scaling(Set<String> scalingRegions) {
      return new ObserveOptions(scalingRegions, false, false, null);
    }

    /** These options, with alarms and replication latency read (both when {@code on}, neither otherwise). */
    public ObserveOptions withMonitoring(boolean on) {
      return new ObserveOptions(scalingRegions, on, on, dashboardName);
    }

    /** These options, with the dashboard {@code name} read (null: none). */
    public ObserveOptions withDashboard(String name) {
      return new ObserveOptions(scalingRegions, alarms, replicationLatency, name);
    }

    /** Whether any CloudWatch read is asked for. */
    public boolean readsCloudWatch() {
      return alarms || replicationLatency || dashboardName != null;
    }
  }

  /** Issues exactly one mutating call for the step. */
  void apply(Step step);
}
