package dev.globaltable.operator.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Read-only view of the simulated world for tests and the sandbox. Unlike the SDK client it is never faulted and never
 * journalled; like it, it sees the state as of the current virtual time.
 */
public final class SimInspector {
  private final DynamoDbControlPlane plane;
  private final AutoScalingPlane autoScaling;

  SimInspector(DynamoDbControlPlane plane, AutoScalingPlane autoScaling) {
    this.plane = plane;
    this.autoScaling = autoScaling;
  }

  /**
   * Application Auto Scaling targets in {@code region}, each as "resourceId dimension min..max [policyName@target, ...]",
   * in registration order.
   */
  public List<String> scalableTargets(String region) {
    synchronized (plane) {
      plane.settle();
      return autoScaling.snapshot(region);
    }
  }

  /** DescribeTable output as the region would return it, or empty when the region answers ResourceNotFound. */
  public Optional<TableDescription> describe(String region, String table) {
    synchronized (plane) {
      plane.settle();
      SimTable t = plane.visible(region, table);
      return t == null ? Optional.empty() : Optional.of(plane.describe(t));
    }
  }

  /** Whether DescribeTable in the region finds the table (in any status). */
  public boolean tableExists(String region, String table) {
    return describe(region, table).isPresent();
  }

  /** TableStatus in the region ("ACTIVE", "CREATING", ...), or empty when the table is not found. */
  public Optional<String> tableStatus(String region, String table) {
    return describe(region, table).map(TableDescription::tableStatusAsString);
  }

  /** The table's tags in the region (insertion order); empty when the table is not found. */
  public Map<String, String> tags(String region, String table) {
    synchronized (plane) {
      plane.settle();
      SimTable t = plane.visible(region, table);
      return t == null ? Map.of() : new LinkedHashMap<>(t.tags);
    }
  }

  /** Regions listed in Replicas by DescribeTable in {@code region}, in the listed order. */
  public List<String> replicaRegions(String region, String table) {
    return describe(region, table).map(d -> d.replicas().stream().map(ReplicaDescription::regionName).toList())
        .orElse(List.of());
  }

  /** ReplicaStatus of {@code replicaRegion} as listed by DescribeTable in {@code region}. */
  public Optional<String> replicaStatus(String region, String table, String replicaRegion) {
    return describe(region, table).flatMap(d -> d.replicas().stream()
        .filter(r -> r.regionName().equals(replicaRegion)).findFirst().map(ReplicaDescription::replicaStatusAsString));
  }

  /** GSI name -> IndexStatus in the region, in definition order. */
  public Map<String, String> indexStatuses(String region, String table) {
    Map<String, String> out = new LinkedHashMap<>();
    describe(region, table).ifPresent(d -> d.globalSecondaryIndexes()
        .forEach(g -> out.put(g.indexName(), g.indexStatusAsString())));
    return out;
  }

  /** DeletionProtectionEnabled in the region, or empty when the table is not found. */
  public Optional<Boolean> deletionProtection(String region, String table) {
    return describe(region, table).map(TableDescription::deletionProtectionEnabled);
  }

  /** Names of the tables DescribeTable finds in the region, sorted. */
  public List<String> tableNames(String region) {
    synchronized (plane) {
      plane.settle();
      return plane.tableNames(region);
    }
  }
}
