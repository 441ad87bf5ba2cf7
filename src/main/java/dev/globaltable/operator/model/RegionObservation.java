package dev.globaltable.operator.model;

import java.util.Map;

/**
 * What one region said in this pass.
 *
 * @param region the region
 * @param table DescribeTable result, or null when the table does not exist there (ResourceNotFoundException)
 * @param tags ListTagsOfResource result (all pages), or null when tags were not read in this pass
 */
public record RegionObservation(String region, RegionalTable table, Map<String, String> tags) {
  public RegionObservation {
    tags = tags == null ? null : Map.copyOf(tags);
  }

  public boolean exists() {
    return table != null;
  }
}
