package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import java.util.Collection;
import java.util.Set;

/**
 * The state gates of reference section 1.4: an UpdateTable-class call may be issued only when the table, every replica
 * and every index (in every region) is ACTIVE and no index is backfilling. Each check returns the first closed gate as a
 * {@link Blocker}, or null when the gate is open.
 */
final class Gates {

  static final String CREATION_FAILED = "CREATION_FAILED";

  private final Observed observed;
  private final RegionalTable home;
  private final Set<String> desiredRegions;

  /**
   * @param desiredRegions regions the spec wants (only used to word a hint for failed replicas); empty when deleting
   */
  Gates(Observed observed, RegionalTable home, Collection<String> desiredRegions) {
    this.observed = observed;
    this.home = home;
    this.desiredRegions = Set.copyOf(desiredRegions);
  }

  /**
   * The gate for an UpdateTable-class step.
   *
   * @param exemptFailedRegion a replica region whose CREATION_FAILED state is ignored, because the step removes exactly
   *     that replica (otherwise a failed replica could never be removed); null for none
   * @param requireDeep whether unread replica regions close the gate (true before a mutation; false when only asking
   *     whether anything is still in flight)
   */
  Blocker table(String exemptFailedRegion, boolean requireDeep) {
    Blocker b = tableStatus(home);
    if (b != null) {
      return b;
    }
    for (ObservedReplica r : home.replicas()) {
      if (isExempt(r, exemptFailedRegion)) {
        continue;
      }
      b = replica(r);
      if (b != null) {
        return b;
      }
    }
    b = indexes(home);
    if (b == null) {
      b = encryption(home);
    }
    if (b != null) {
      return b;
    }
    if (home.replicas().isEmpty()) {
      // A regional table: nothing else to look at.
      return null;
    }
    // Replicas[] carries no IndexStatus: index readiness in the other regions needs their own DescribeTable.
    if (!observed.deep()) {
      return requireDeep ? new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION,
          "the indexes of the replica tables were not read in this pass; a deep observation is needed before changing "
              + "the global table") : null;
    }
    for (ObservedReplica r : home.replicas()) {
      if (isExempt(r, exemptFailedRegion)) {
        continue;
      }
      RegionObservation ro = observed.regions().get(r.region());
      if (ro == null) {
        if (requireDeep) {
          return new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, r.region() + " was not described in this pass");
        }
        continue;
      }
      if (ro.table() == null) {
        return new Blocker(BlockReason.REPLICA_NOT_ACTIVE,
            "the replica table in " + r.region() + " is listed as " + r.status() + " but was not found there (yet)");
      }
      b = tableStatus(ro.table());
      if (b == null) {
        b = indexes(ro.table());
      }
      if (b == null) {
        b = encryption(ro.table());
      }
      if (b != null) {
        return b;
      }
    }
    return null;
  }

  /**
   * AWS applying an encryption change (SSEDescription ENABLING, DISABLING or UPDATING, ~22 s) keeps TableStatus ACTIVE
   * but refuses other UpdateTable calls ("Server-Side Encryption is still being updated", reference 1.4).
   */
  private static Blocker encryption(RegionalTable t) {
    if (!t.encryption().transitioning()) {
      return null;
    }
    return new Blocker(BlockReason.TABLE_UPDATING, "encryption of the table in " + t.region() + " is "
        + t.encryption().status() + "; waiting for AWS to finish");
  }

  /** Whether anything is still in flight (for a plan with no steps left); deep-only checks are skipped when not read. */
  Blocker inFlight() {
    return table(null, false);
  }

  private static boolean isExempt(ObservedReplica r, String exemptFailedRegion) {
    return r.region().equals(exemptFailedRegion) && CREATION_FAILED.equals(r.status());
  }

  static Blocker tableStatus(RegionalTable t) {
    if (t.isActive()) {
      return null;
    }
    BlockReason reason = switch (String.valueOf(t.status())) {
      case "CREATING" -> BlockReason.TABLE_CREATING;
      case "UPDATING" -> BlockReason.TABLE_UPDATING;
      case "DELETING" -> BlockReason.TABLE_DELETING;
      case "INACCESSIBLE_ENCRYPTION_CREDENTIALS", "ARCHIVING", "ARCHIVED", "REPLICATION_NOT_AUTHORIZED" ->
          BlockReason.TABLE_UNHEALTHY;
      default -> BlockReason.TABLE_NOT_ACTIVE;
    };
    return new Blocker(reason, "table " + t.tableName() + " in " + t.region() + " is " + t.status());
  }

  Blocker replica(ObservedReplica r) {
    if (r.isActive()) {
      return null;
    }
    BlockReason reason = switch (String.valueOf(r.status())) {
      case "CREATING" -> BlockReason.REPLICA_CREATING;
      case "DELETING" -> BlockReason.REPLICA_DELETING;
      case "UPDATING" -> BlockReason.REPLICA_UPDATING;
      // Why not a wait: none of these clears by itself (reference 2.2); a person must act.
      case "CREATION_FAILED", "REGION_DISABLED", "INACCESSIBLE_ENCRYPTION_CREDENTIALS", "ARCHIVING", "ARCHIVED",
          "REPLICATION_NOT_AUTHORIZED" -> BlockReason.REPLICA_FAILED;
      default -> BlockReason.REPLICA_NOT_ACTIVE;
    };
    StringBuilder msg = new StringBuilder(r.region()).append(" is ").append(r.status());
    if (r.progressPercent() != null) {
      msg.append(" (").append(r.progressPercent()).append("%)");
    }
    if (r.statusDescription() != null && !r.statusDescription().isBlank()) {
      msg.append(": ").append(r.statusDescription());
    }
    if (CREATION_FAILED.equals(r.status()) && desiredRegions.contains(r.region())) {
      // The operator never deletes a replica on its own; removing the region from the spec is the person's call.
      msg.append("; the operator does not delete a failed replica by itself: remove ").append(r.region())
          .append(" from spec.replicas to have it deleted, then add it back");
    }
    return new Blocker(reason, msg.toString());
  }

  static Blocker indexes(RegionalTable t) {
    for (ObservedIndex i : t.globalSecondaryIndexes()) {
      Blocker b = index(t.region(), i);
      if (b != null) {
        return b;
      }
    }
    return null;
  }

  static Blocker index(String region, ObservedIndex i) {
    String where = "index " + i.name() + " in " + region;
    if (i.isActive()) {
      return i.backfilling() ? new Blocker(BlockReason.INDEX_CREATING, where + " is still backfilling") : null;
    }
    BlockReason reason = switch (String.valueOf(i.status())) {
      case "CREATING" -> BlockReason.INDEX_CREATING;
      case "DELETING" -> BlockReason.INDEX_DELETING;
      case "UPDATING" -> BlockReason.INDEX_UPDATING;
      default -> BlockReason.INDEX_NOT_ACTIVE;
    };
    return new Blocker(reason, where + " is " + i.status() + (i.backfilling() ? " (backfilling)" : ""));
  }
}
