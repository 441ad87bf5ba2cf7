package dev.globaltable.operator.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one region said in this pass.
 *
 * @param region the region
 * @param table DescribeTable result, or null when the table does not exist there (ResourceNotFoundException)
 * @param tags ListTagsOfResource result (all pages), or null when tags were not read in this pass
 * @param scaling Application Auto Scaling targets of this table and its indexes in this region (with their policies),
 *     or null when they were not read in this pass
 * @param settings per-region settings read through their own Describe calls (PITR, TTL, Contributor Insights, Kinesis),
 *     or null when they were not read in this pass
 * @param alarms the CloudWatch alarms of this region whose names start with the table's alarm prefix (every owner), or
 *     null when they were not read in this pass
 * @param replicationLatency recent average ReplicationLatency (ms) from this region (the source) to each receiving
 *     region that reported data, or null when it was not read in this pass
 */
public record RegionObservation(String region, RegionalTable table, Map<String, String> tags,
    List<ObservedScaling> scaling, ObservedSettings settings, List<ObservedAlarm> alarms,
    Map<String, Double> replicationLatency) {
  public RegionObservation {
    tags = tags == null ? null : Map.copyOf(tags);
    scaling = scaling == null ? null : List.copyOf(scaling);
    alarms = alarms == null ? null : List.copyOf(alarms);
    replicationLatency = replicationLatency == null ? null : Map.copyOf(replicationLatency);
  }

  /** Without alarms and latency (not read). */
  public RegionObservation(String region, RegionalTable table, Map<String, String> tags,
      List<ObservedScaling> scaling, ObservedSettings settings) {
    this(region, table, tags, scaling, settings, null, null);
  }

  /** Without settings (not read). */
  public RegionObservation(String region, RegionalTable table, Map<String, String> tags,
      List<ObservedScaling> scaling) {
    this(region, table, tags, scaling, null, null, null);
  }

  /** Without autoscaling (not read). */
  public RegionObservation(String region, RegionalTable table, Map<String, String> tags) {
    this(region, table, tags, null, null, null, null);
  }

  /** The target of {@code dimension} on the table ({@code indexName} null) or index, if read and present. */
  public Optional<ObservedScaling> scaling(CapacityDimension dimension, String indexName) {
    if (scaling == null) {
      return Optional.empty();
    }
    return scaling.stream().filter(s -> s.dimension() == dimension && Objects.equals(s.indexName(), indexName))
        .findFirst();
  }

  public boolean exists() {
    return table != null;
  }
}
