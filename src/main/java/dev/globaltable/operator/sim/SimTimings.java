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
 */
public record SimTimings(Duration tableCreate, Duration tableDelete, Duration streamToggle, Duration regionalUpdate,
    Duration groupUpdate, Duration deletionProtectionWithReplicas, Duration replicaUpdateCycle,
    Duration replicaEntryVisible, Duration replicaTableVisible, Duration replicaActiveEmpty,
    Duration replicaActiveNonEmpty, Duration replicaDeleteUpdating, Duration replicaEntryRemoved,
    Duration replicaTableGone, Duration gsiAllocationRegional, Duration gsiAllocationGroup,
    Duration gsiBackfillRegional, Duration gsiBackfillGroup, Duration gsiDelete, Duration tagLock,
    Duration sourceRule) {

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
