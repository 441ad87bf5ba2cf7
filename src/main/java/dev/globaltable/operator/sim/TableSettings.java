package dev.globaltable.operator.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsMode;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsStatus;
import software.amazon.awssdk.services.dynamodb.model.DestinationStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The settings of one regional table that are not part of its definition: PITR, TTL, SSE, table class, deletion
 * protection cooldown, Contributor Insights and Kinesis destinations. Mutable; guarded by the control plane's lock.
 */
final class TableSettings {

  // ---- PITR (per region)
  boolean pitr;
  int pitrDays;
  Instant pitrSince;

  // ---- TTL (group-wide; every member holds the same values)
  TimeToLiveStatus ttlStatus = TimeToLiveStatus.DISABLED;
  String ttlAttribute;
  Instant ttlLastChange;
  /** Bumped on every change so a superseded transition does nothing. */
  long ttlVersion;

  // ---- SSE: type fans out, the key is regional
  /** False: AWS owned key (no SSEDescription). True: KMS with {@link #kmsKeyArn}. */
  boolean sseKms;
  String kmsKeyArn;
  /** Whether {@link #kmsKeyArn} is a customer managed key (not the region's AWS managed key). */
  boolean customerKey;
  Instant sseUpdatingUntil = Instant.MIN;
  final List<Instant> sseChanges = new ArrayList<>();

  // ---- Table class
  /** Null: never set (STANDARD, no TableClassSummary). */
  String tableClass;
  Instant tableClassUpdated;
  /** Set with a ReplicaUpdates TableClassOverride: a table-level change no longer reaches this replica. */
  boolean tableClassOverride;
  final List<Instant> tableClassChanges = new ArrayList<>();

  // ---- Deletion protection cooldown
  Instant deletionProtectionToggled = Instant.MIN;

  // ---- Contributor Insights: "" for the table, else the index name
  final Map<String, Insights> insights = new LinkedHashMap<>();

  // ---- Kinesis streaming destinations, in enable order
  final List<Destination> destinations = new ArrayList<>();

  /** Contributor Insights of the table or one index. */
  static final class Insights {
    ContributorInsightsStatus status = ContributorInsightsStatus.DISABLED;
    ContributorInsightsMode mode = ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS;
    Instant updated;
    /** Set when ENABLING will end in FAILED (past the rule quota) or ended there. */
    boolean failing;
    String failureDescription;
    long version;
  }

  /** One Kinesis streaming destination. */
  static final class Destination {
    final String streamArn;
    DestinationStatus status;
    String description;
    String precision;
    long version;

    Destination(String streamArn) {
      this.streamArn = streamArn;
    }
  }
}
