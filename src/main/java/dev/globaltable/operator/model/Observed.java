package dev.globaltable.operator.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What AWS reported in one pass. The home region is always described; other regions only on a deep pass.
 *
 * @param homeRegion home region
 * @param regions observations keyed by region (home first); a region missing from the map was not asked this pass
 * @param deep whether every region of interest was described (and tags and autoscaling read) in this pass
 * @param observedAt when the observation was made (the planner's only notion of time: AWS budgets such as the
 *     capacity-decrease allowance are computed against it); null when unknown
 * @param dashboard the table's CloudWatch dashboard (GetDashboard; global), or null when it was not read in this pass
 */
public record Observed(String homeRegion, Map<String, RegionObservation> regions, boolean deep, Instant observedAt,
    ObservedDashboard dashboard) {
  public Observed {
    regions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(regions));
  }

  /** Without the dashboard (not read). */
  public Observed(String homeRegion, Map<String, RegionObservation> regions, boolean deep, Instant observedAt) {
    this(homeRegion, regions, deep, observedAt, null);
  }

  /** Without a timestamp. */
  public Observed(String homeRegion, Map<String, RegionObservation> regions, boolean deep) {
    this(homeRegion, regions, deep, null, null);
  }

  public RegionObservation home() {
    return regions.get(homeRegion);
  }

  /** The home table, or null when it does not exist. */
  public RegionalTable homeTable() {
    RegionObservation home = home();
    return home == null ? null : home.table();
  }

  public Optional<RegionObservation> region(String region) {
    return Optional.ofNullable(regions.get(region));
  }
}
