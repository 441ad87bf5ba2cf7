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

  private <T> Optional<T> setting(String region, String table, java.util.function.Function<SimTable, T> read) {
    synchronized (plane) {
      plane.settle();
      SimTable t = plane.visible(region, table);
      return t == null ? Optional.empty() : Optional.ofNullable(read.apply(t));
    }
  }

  /** Whether point-in-time recovery is enabled in the region, or empty when the table is not found. */
  public Optional<Boolean> pointInTimeRecovery(String region, String table) {
    return setting(region, table, t -> t.settings.pitr);
  }

  /** RecoveryPeriodInDays in the region; empty when PITR is off or the table is not found. */
  public Optional<Integer> recoveryPeriodInDays(String region, String table) {
    return setting(region, table, t -> t.settings.pitr ? t.settings.pitrDays : null);
  }

  /** TimeToLiveStatus ("ENABLED", "ENABLING", ...) in the region, or empty when the table is not found. */
  public Optional<String> timeToLiveStatus(String region, String table) {
    return setting(region, table, t -> t.settings.ttlStatus.toString());
  }

  /** The TTL attribute name in the region; empty when TTL is DISABLED or the table is not found. */
  public Optional<String> timeToLiveAttribute(String region, String table) {
    return setting(region, table, t -> t.settings.ttlAttribute);
  }

  /** The table class in the region ("STANDARD" when never set), or empty when the table is not found. */
  public Optional<String> tableClass(String region, String table) {
    return setting(region, table, t -> t.settings.tableClass == null ? "STANDARD" : t.settings.tableClass);
  }

  /** Whether the region's replica has a TableClassOverride (a table-level class change no longer reaches it). */
  public boolean tableClassOverride(String region, String table) {
    return setting(region, table, t -> t.settings.tableClassOverride).orElse(false);
  }

  /** "KMS" or "AWS_OWNED" in the region, or empty when the table is not found. */
  public Optional<String> sseType(String region, String table) {
    return setting(region, table, t -> t.settings.sseKms ? "KMS" : "AWS_OWNED");
  }

  /** The region's KMS key ARN; empty with the AWS owned key or when the table is not found. */
  public Optional<String> kmsKeyArn(String region, String table) {
    return setting(region, table, t -> t.settings.kmsKeyArn);
  }

  /** Contributor Insights status of the table ({@code indexOrNull} null) or a GSI in the region ("DISABLED" if never set). */
  public Optional<String> contributorInsights(String region, String table, String indexOrNull) {
    return setting(region, table, t -> {
      TableSettings.Insights i = t.settings.insights.get(indexOrNull == null ? "" : indexOrNull);
      return i == null ? "DISABLED" : i.status.toString();
    });
  }

  /** Kinesis streaming destinations in the region, as DescribeKinesisStreamingDestination lists them. */
  public List<software.amazon.awssdk.services.dynamodb.model.KinesisDataStreamDestination> kinesisDestinations(
      String region, String table) {
    return setting(region, table, t -> t.settings.destinations.stream().map(SettingsPlane::destination).toList())
        .orElse(List.of());
  }
}
