package dev.globaltable.operator.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * One incarnation of a table in one region. When it belongs to a replica group it also carries its membership phase
 * (what the other members show in their Replicas entry for this region). Mutable; guarded by the control plane's lock.
 */
final class SimTable {

  /** Membership phase of a replica, as shown in ReplicaStatus by the other members. */
  enum Phase { CREATING, ACTIVE, CREATION_FAILED, DELETING }

  /** A replica this table was the source of, for the 24 h source rule. */
  record Sourced(SimTable replica, Instant at) {}

  final String region;
  final String name;
  final String arn;
  final String tableId;
  final Instant created;

  TableStatus status;
  /** Number of overlapping operations holding the table UPDATING. */
  int updatingHolds;
  /** False while a replica being created is not yet visible in its region, and after the table is gone. */
  boolean visible;
  /** True once the table no longer exists in its region. */
  boolean removed;

  List<KeySchemaElement> keySchema = List.of();
  final Map<String, ScalarAttributeType> attributes = new LinkedHashMap<>();
  BillingMode billing = BillingMode.PROVISIONED;
  Instant lastUpdateToPayPerRequest;
  long rcu;
  long wcu;
  /** Provisioned-throughput decrease budget of this incarnation in this region. */
  final ThroughputBudget budget = new ThroughputBudget();
  Long maxRead;
  Long maxWrite;
  StreamSpecification stream;
  String latestStreamArn;
  String latestStreamLabel;
  final Map<String, SimIndex> gsis = new LinkedHashMap<>();
  List<LocalSecondaryIndexDescription> lsis = List.of();
  boolean deletionProtection;
  final Map<String, String> tags = new LinkedHashMap<>();
  Instant tagLockUntil = Instant.MIN;
  long itemCount;

  /** Replica group, or null for a regional table. */
  SimGroup group;
  Phase phase = Phase.ACTIVE;
  /** Whether the other members list this region in Replicas yet. */
  boolean entryVisible = true;
  /** Replica create in progress: window for ReplicaStatusPercentProgress, and whether the source had data. */
  Instant createStart;
  Instant createEnd;
  boolean nonEmptyCreate;
  String phaseDescription;
  /** Per-replica read overrides (ReplicaUpdates); null = inherited. */
  Long rcuOverride;
  Long maxReadOverride;
  final List<Sourced> sourced = new ArrayList<>();
  /** When the table last became ACTIVE after CREATING (PITR is unavailable for a short while after). */
  Instant activeSince = Instant.MIN;
  /** Per-table settings that are not part of the table definition (PITR, TTL, SSE, class, CCI, Kinesis). */
  final TableSettings settings = new TableSettings();

  SimTable(String region, String name, String arn, String tableId, Instant created) {
    this.region = region;
    this.name = name;
    this.arn = arn;
    this.tableId = tableId;
    this.created = created;
  }

  /** In a group with at least one other member (visible or still being added). */
  boolean isGlobal() {
    return group != null && group.members.size() > 1;
  }

  boolean hasTransitioningIndex() {
    return gsis.values().stream().anyMatch(SimIndex::transitioning);
  }
}
