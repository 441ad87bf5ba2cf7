package dev.globaltable.operator.sim;

import java.time.Duration;

/**
 * How long each asynchronous DynamoDB transition takes in virtual time. The defaults follow the live observations in
 * aws-semantics.md (sections 1.6 and 10); they are deterministic so that tests can assert exact phases.
 *
 * @param tableCreate CreateTable: CREATING until ACTIVE
 * @param tableDelete DeleteTable: DELETING until the table is gone
 * @param streamToggle stream enable/disable: table UPDATING
 * @param regionalUpdate billing, provisioned throughput, on-demand limit or GSI throughput change on a regional table
 * @param groupUpdate the same change on a table with replicas (every member UPDATING)
 * @param deletionProtectionWithReplicas deletion-protection toggle on a table with replicas holds it UPDATING
 * @param replicaUpdateCycle ReplicaUpdates Update (overrides): caller table UPDATING
 * @param replicaEntryVisible replica create: caller UPDATING without a Replicas entry until this, then entry CREATING
 * @param replicaTableVisible replica create: the replica-region table answers DescribeTable (CREATING) from this
 * @param replicaActiveEmpty replica create of an empty table: ACTIVE at this offset
 * @param replicaActiveNonEmpty replica create of a non-empty table: ACTIVE at this offset
 * @param replicaDeleteUpdating replica delete: caller UPDATING (entry still ACTIVE) until this, then entry DELETING
 * @param replicaEntryRemoved replica delete: entry disappears at this offset
 * @param replicaTableGone replica delete: the replica-region table answers ResourceNotFound from this offset
 * @param gsiAllocationRegional GSI create, regional table: caller UPDATING, index CREATING without backfilling
 * @param gsiAllocationGroup GSI create, table with replicas: same phase
 * @param gsiBackfillRegional GSI create, regional: backfilling (IndexStatus CREATING, Backfilling=true) after allocation
 * @param gsiBackfillGroup GSI create, with replicas: backfilling in every region after allocation
 * @param gsiDelete GSI delete: IndexStatus DELETING in every region, then gone
 * @param tagLock after an effective tag write, further tag writes get LimitExceededException
 * @param sourceRule a table that sourced a new replica cannot be deleted for this long while the replica exists
 * @param ttlTransition UpdateTimeToLive: ENABLING/DISABLING in every member until ENABLED/DISABLED
 * @param ttlCooldown after an effective UpdateTimeToLive a second one is refused for this long (the model doc says one
 *     hour; a probe saw ~31 min; the default takes the documented hour so an operator that copes with it copes with
 *     AWS)
 * @param pitrUnavailableAfterActive UpdateContinuousBackups gets ContinuousBackupsUnavailableException this long after a
 *     table became ACTIVE ("~1.5-3 s")
 * @param sseUpdating SSE change: SSEDescription.Status UPDATING (TableStatus ACTIVE) for this long ("~22 s")
 * @param tableClassUpdate TableClass change: the calling table UPDATING for this long ("~35 s")
 * @param deletionProtectionCooldown after an effective deletion-protection toggle a second toggle is throttled
 * @param contributorInsightsTransition Contributor Insights ENABLING/DISABLING until ENABLED/DISABLED
 * @param contributorInsightsFail Contributor Insights past the rule quota: ENABLING until FAILED
 * @param kinesisEnable Kinesis destination ENABLING until ACTIVE or ENABLE_FAILED ("2-7 s")
 * @param kinesisDisable Kinesis destination DISABLING until DISABLED
 * @param kinesisDisabledLinger a DISABLED Kinesis destination is still listed for this long (">=171 s")
 */
public record SimTimings(Duration tableCreate, Duration tableDelete, Duration streamToggle, Duration regionalUpdate,
    Duration groupUpdate, Duration deletionProtectionWithReplicas, Duration replicaUpdateCycle,
    Duration replicaEntryVisible, Duration replicaTableVisible, Duration replicaActiveEmpty,
    Duration replicaActiveNonEmpty, Duration replicaDeleteUpdating, Duration replicaEntryRemoved,
    Duration replicaTableGone, Duration gsiAllocationRegional, Duration gsiAllocationGroup,
    Duration gsiBackfillRegional, Duration gsiBackfillGroup, Duration gsiDelete, Duration tagLock,
    Duration sourceRule, Duration ttlTransition, Duration ttlCooldown, Duration pitrUnavailableAfterActive,
    Duration sseUpdating, Duration tableClassUpdate, Duration deletionProtectionCooldown,
    Duration contributorInsightsTransition, Duration contributorInsightsFail, Duration kinesisEnable,
    Duration kinesisDisable, Duration kinesisDisabledLinger) {

  /** The first 21 components as before the per-region settings existed; the settings take their defaults. */
  public SimTimings(Duration tableCreate, Duration tableDelete, Duration streamToggle, Duration regionalUpdate,
      Duration groupUpdate, Duration deletionProtectionWithReplicas, Duration replicaUpdateCycle,
      Duration replicaEntryVisible, Duration replicaTableVisible, Duration replicaActiveEmpty,
      Duration replicaActiveNonEmpty, Duration replicaDeleteUpdating, Duration replicaEntryRemoved,
      Duration replicaTableGone, Duration gsiAllocationRegional, Duration gsiAllocationGroup,
      Duration gsiBackfillRegional, Duration gsiBackfillGroup, Duration gsiDelete, Duration tagLock,
      Duration sourceRule) {
    this(tableCreate, tableDelete, streamToggle, regionalUpdate, groupUpdate, deletionProtectionWithReplicas,
        replicaUpdateCycle, replicaEntryVisible, replicaTableVisible, replicaActiveEmpty, replicaActiveNonEmpty,
        replicaDeleteUpdating, replicaEntryRemoved, replicaTableGone, gsiAllocationRegional, gsiAllocationGroup,
        gsiBackfillRegional, gsiBackfillGroup, gsiDelete, tagLock, sourceRule,
        Duration.ofSeconds(5), // ttlTransition (the doc allows up to an hour; probes saw seconds to ~60 s)
        Duration.ofSeconds(3600), // ttlCooldown: the documented hour
        Duration.ofSeconds(2), // pitrUnavailableAfterActive
        Duration.ofSeconds(22), // sseUpdating
        Duration.ofSeconds(35), // tableClassUpdate
        Duration.ofSeconds(15), // deletionProtectionCooldown
        Duration.ofSeconds(3), // contributorInsightsTransition ("2-5 s")
        Duration.ofSeconds(2), // contributorInsightsFail
        Duration.ofSeconds(5), // kinesisEnable ("2-7 s")
        Duration.ofSeconds(5), // kinesisDisable
        Duration.ofSeconds(171)); // kinesisDisabledLinger
  }

  /** A copy with a different TTL cooldown (the reference saw ~31 min where the doc says an hour). */
  public SimTimings withTtlCooldown(Duration d) {
    return new SimTimings(tableCreate, tableDelete, streamToggle, regionalUpdate, groupUpdate,
        deletionProtectionWithReplicas, replicaUpdateCycle, replicaEntryVisible, replicaTableVisible,
        replicaActiveEmpty, replicaActiveNonEmpty, replicaDeleteUpdating, replicaEntryRemoved, replicaTableGone,
        gsiAllocationRegional, gsiAllocationGroup, gsiBackfillRegional, gsiBackfillGroup, gsiDelete, tagLock,
        sourceRule, ttlTransition, d, pitrUnavailableAfterActive, sseUpdating, tableClassUpdate,
        deletionProtectionCooldown, contributorInsightsTransition, contributorInsightsFail, kinesisEnable,
        kinesisDisable, kinesisDisabledLinger);
  }

  /** The documented defaults (see each component). */
  public static SimTimings defaults() {
    return new SimTimings(
        Duration.ofSeconds(6), // tableCreate
        Duration.ofSeconds(4), // tableDelete
        Duration.ofSeconds(4), // streamToggle
        Duration.ofSeconds(5), // regionalUpdate
        Duration.ofSeconds(38), // groupUpdate: "PT propagation to replicas 38-39 s"
        Duration.ofSeconds(35), // deletionProtectionWithReplicas: "holds base UPDATING 34-39 s"
        Duration.ofSeconds(35), // replicaUpdateCycle: "a real ~35 s UPDATING cycle"
        Duration.ofSeconds(6), // replicaEntryVisible
        Duration.ofSeconds(10), // replicaTableVisible
        Duration.ofSeconds(20), // replicaActiveEmpty
        Duration.ofSeconds(600), // replicaActiveNonEmpty: "9-11 min"
        Duration.ofSeconds(35), // replicaDeleteUpdating
        Duration.ofSeconds(125), // replicaEntryRemoved: "entry gone after 121-244 s"
        Duration.ofSeconds(145), // replicaTableGone: "~20 s later"
        Duration.ofSeconds(5), // gsiAllocationRegional
        Duration.ofSeconds(30), // gsiAllocationGroup
        Duration.ofSeconds(60), // gsiBackfillRegional: "~1 min regional"
        Duration.ofSeconds(240), // gsiBackfillGroup
        Duration.ofSeconds(38), // gsiDelete
        Duration.ofSeconds(2), // tagLock
        Duration.ofHours(24)); // sourceRule
  }
}
