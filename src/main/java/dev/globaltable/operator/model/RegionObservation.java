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
 */
public record RegionObservation(String region, RegionalTable table, Map<String, String> tags,
    List<ObservedScaling> scaling, ObservedSettings settings) {
  public RegionObservation {
    tags = tags == null ? null : Map.copyOf(tags);
    scaling = scaling == null ? null : List.copyOf(scaling);
  }

  /** Without settings (not read). */
  public RegionObservation(String region, RegionalTable table, Map<String, String> tags,
      List<ObservedScaling> scaling) {
    this(region, table, tags, scaling, null);
  }

  /** Without autoscaling (not read). */
  public RegionObservation(String region, RegionalTable table, Map<String, String> tags) {
    this(region, table, tags, null, null);
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
