package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.DeletionPolicy;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The pure planner: (Desired, Observed, Managed) to a {@link Plan}. No I/O, no clock, no SDK types; the same inputs
 * always give the same plan.
 *
 * <p>Shape of a plan. Table steps (UpdateTable-class, {@link Step#tableMutation()}) come first, in the order AWS needs
 * them: stream (before replica adds, because a new replica copies the stream; after the removals when the spec drops
 * every replica), billing-mode switch, on-demand limits, index deletes, index creates, fixed provisioned throughput,
 * replicas' read overrides (after any base change, which overwrites them), settings (time to live, encryption, table
 * class, deletion protection; see {@link SettingsPlanner}), replica adds, replica removes (newest first); see
 * {@link CapacityPlanner} for the capacity rules. They are serialised: only the first one may run, and only
 * when every gate of reference 1.4 is open; each later one carries a {@link BlockReason#QUEUED} blocker naming the step
 * before it. Per-region steps come last: Application Auto Scaling targets and policies (writes first), then per-region
 * settings ({@link SettingsPlanner}: PITR, Contributor Insights, Kinesis), then tags, then the operator's CloudWatch
 * alarms and dashboard ({@link AlarmPlanner}); they carry no blocker unless one of
 * their own (an AWS cooldown, a setting in transition, a problem a person must fix) holds them; they run (one per
 * pass, via {@link Plan#next()}) whenever the table steps are held, or once they are done. A capacity decrease that AWS's daily budget would refuse is deferred: it stays in the plan with a
 * {@link BlockReason#DECREASE_BUDGET} wait naming the instant, without holding the steps behind it.
 *
 * <p>A step that AWS forbids in the current state (a stream change while replicas exist, an index whose keys changed)
 * stays in the plan with its own non-wait blocker and is skipped by the serialisation, so it never stops the other work;
 * the reconciler finds it in {@link Plan#problems()}. When nothing else is left, it becomes the plan's blocker and the
 * plan is stalled.
 *
 * <p>Whole-resource problems (ownership, immutable fields, deletion protection) stall the plan.
 *
 * <p>Observation depth. A shallow pass (home region only) is enough to converge, and to change a regional table. A table
 * step on a global table needs a deep pass (replica-region indexes, reference 2.2), and so does adding a replica (only a
 * DescribeTable in the destination shows a leftover or foreign table of that name) and deleting. Such steps carry
 * {@link BlockReason#NEEDS_DEEP_OBSERVATION}; the reconciler answers it with a deep observation in the same pass.
 */
public final class Planner {


  /**
   * The plan that converges AWS to the spec.
   *
   * @param desired the validated spec
   * @param observed this pass's observation (the home region must be in it)
   * @param managed what this resource manages (from status); null means nothing
   * @param verifiedTableId TableId of the home table whose ownership the operator already verified, or null
   */
  public Plan plan(Desired desired, Observed observed, Managed managed, String verifiedTableId) {
    return plan(desired, observed, managed, verifiedTableId, Cooldowns.NONE);
  }

  /**
   * The plan that converges AWS to the spec, honouring the AWS cooldowns the reconciler knows of: a step whose
   * {@link Step#cooldownKey()} is held at {@link Observed#observedAt()} carries a {@link BlockReason#COOLDOWN} wait
   * naming the instant ({@link Plan#earliestNotBefore()}), without holding the steps behind it.
   *
   * @param cooldowns holds recorded by the reconciler; null means none
   */
  public Plan plan(Desired desired, Observed observed, Managed managed, String verifiedTableId, Cooldowns cooldowns) {
    requireHome(desired, observed);
    Managed m = managed == null ? Managed.NONE : managed;
    RegionalTable home = observed.homeTable();
    if (home == null) {
      // Nothing exists: create the table; replicas follow once it is ACTIVE (tags for them come when they exist).
      return planCreate(desired);
    }
    Blocker ownership = ownership(desired, observed, home, verifiedTableId);
    if (ownership != null) {
      // Not known to be ours: plan nothing at all, not even tags.
      return new Plan(List.of(), ownership);
    }
    Blocker immutable = immutableMismatch(desired, home);
    if (immutable != null) {
      // The spec describes another table than the one in AWS: any step would act on a misunderstanding.
      return new Plan(List.of(), immutable);
    }
    Gates gates = new Gates(observed, home, desired.regions());
    List<Candidate> table = new ArrayList<>();
    List<Candidate> streamAfterRemovals = new ArrayList<>();
    CapacityPlanner capacity = new CapacityPlanner(desired, observed, home, m);
    planStream(desired, home, m, leavingGroup(desired, home, m) ? streamAfterRemovals : table);
    capacity.planBillingMode(table);
    capacity.planOnDemand(table);
    planIndexes(desired, home, m, table, capacity);
    // Base capacity before the replicas' read overrides: a base change overwrites them group-wide (reference 3).
    capacity.planProvisioned(table);
    capacity.planReplicaOverrides(table);
    // Settings before replica adds: a new replica copies the group's TTL, encryption type and base class.
    SettingsPlanner settings = new SettingsPlanner(desired, observed, home, m, cooldowns);
    settings.planTable(table);
    planReplicas(desired, observed, home, m, table, capacity, settings.encryptionPending());
    table.addAll(streamAfterRemovals);
    // Per-region steps: autoscaling first (write autoscaling gates replicas and indexes), then the per-region
    // settings, then tags.
    List<PlannedStep> perRegion = new ArrayList<>(unblocked(capacity.planScaling()));
    perRegion.addAll(settings.planPerRegion());
    perRegion.addAll(unblocked(planTags(desired, observed, home, m)));
    // Then the operator's CloudWatch alarms and dashboard (see AlarmPlanner).
    perRegion.addAll(AlarmPlanner.plan(desired, observed, home));
    Plan plan = assemble(gates, table, perRegion);
    if (plan.isConverged()) {
      Blocker leftover = removedReplicaStillDeleting(desired, observed, home, m);
      if (leftover != null) {
        // Why: the entry left the group but AWS deletes the regional table 10-35 s later (reference 1.6); the
        // spec is met only once it is gone.
        return new Plan(List.of(), leftover);
      }
    }
    return plan;
  }

  private static Blocker removedReplicaStillDeleting(Desired d, Observed o, RegionalTable home, Managed m) {
    for (String region : m.replicas()) {
      if (d.regions().contains(region) || home.replica(region).isPresent()) {
        continue;
      }
      RegionalTable t = o.region(region).map(RegionObservation::table).orElse(null);
      if (t != null) {
        return new Blocker(BlockReason.REPLICA_DELETING, "the replica table in " + region + " left the group and is "
            + t.status() + "; waiting until AWS has deleted it");
      }
    }
    return null;
  }

  /**
   * The plan that deletes the global table when the resource is deleted. RETAIN: nothing to do. DELETE: remove every
   * replica, newest first, then delete the home table, but only a table this resource owns and only when no region has
   * deletion protection on.
   */
  public Plan planDeletion(Desired desired, Observed observed, String verifiedTableId) {
    return planDeletion(desired, observed, verifiedTableId, Managed.NONE);
  }

  /**
   * As {@link #planDeletion(Desired, Observed, String)}, and first deregisters every Application Auto Scaling target
   * this resource manages ({@code managed}), in every region: AWS leaves them (and their policies and alarms) behind
   * when a table or replica is deleted (reference 4.1).
   */
  public Plan planDeletion(Desired desired, Observed observed, String verifiedTableId, Managed managed) {
    requireHome(desired, observed);
    if (desired.deletionPolicy() != DeletionPolicy.DELETE) {
      // Retain: the table outlives the resource.
      return Plan.converged();
    }
    RegionalTable home = observed.homeTable();
    if (home == null) {
      // Gone (or never created). Replica tables left without their home are not reachable through it; a DELETING one
      // finishes by itself, anything else was not deleted by this operator and is not ours to chase. Alarms and a
      // dashboard carrying this resource's owner marker are ours whatever happened to the table: remove any still read.
      List<Step> leftovers = AlarmPlanner.deleteEverything(desired, observed);
      return leftovers.isEmpty() ? Plan.converged() : new Plan(unblocked(leftovers), null);
    }
    Blocker ownership = ownership(desired, observed, home, verifiedTableId);
    if (ownership != null) {
      // Never delete a table we do not own.
      return new Plan(List.of(), ownership);
    }
    if ("DELETING".equals(home.status())) {
      // DeleteTable was issued; wait for the table to disappear.
      return new Plan(List.of(), Gates.tableStatus(home));
    }
    // Every replica goes (the person asked to delete the global table), newest first because a replica that sourced a
    // newer one cannot be deleted for 24 h (reference 7.6); a failed replica first, since it would hold the gate.
    List<Step> failed = new ArrayList<>();
    List<Step> healthy = new ArrayList<>();
    List<ObservedReplica> replicas = new ArrayList<>(home.replicas());
    Collections.reverse(replicas);
    for (ObservedReplica r : replicas) {
      if (!"DELETING".equals(r.status()) && !r.region().equals(home.region())) {
        Step remove = new Step.RemoveReplica(home.region(), home.tableName(), r.region());
        (Gates.CREATION_FAILED.equals(r.status()) ? failed : healthy).add(remove);
      }
    }
    List<Step> steps = new ArrayList<>(failed);
    steps.addAll(healthy);
    steps.add(new Step.DeleteTable(home.region(), home.tableName()));

    if (!observed.deep()) {
      // Deletion protection is per region: every region must be read before the first irreversible call.
      return blockedAll(steps, new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION,
          "deletion checks deletion protection in every region; a deep observation is needed"));
    }
    List<String> protectedRegions = new ArrayList<>();
    if (home.deletionProtection()) {
      protectedRegions.add(home.region());
    }
    for (ObservedReplica r : home.replicas()) {
      RegionObservation ro = observed.regions().get(r.region());
      if (ro == null) {
        return blockedAll(steps, new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION,
            r.region() + " was not described in this pass; deletion checks deletion protection in every region"));
      }
      if (ro.table() != null && ro.table().deletionProtection()) {
        protectedRegions.add(r.region());
      }
    }
    boolean specLiftsIt = !protectedRegions.isEmpty() && protectedRegions.stream()
        .allMatch(r -> Boolean.FALSE.equals(desired.settings(r).deletionProtection()));
    if (!protectedRegions.isEmpty() && !specLiftsIt) {
      // Refuse up front rather than half-delete the group and stop at the protected region.
      return blockedAll(steps, new Blocker(BlockReason.DELETION_PROTECTED,
          "deletion protection is enabled in " + String.join(", ", protectedRegions)
              + "; set deletionProtection: false in the spec for " + (protectedRegions.size() == 1 ? "that region"
              : "those regions") + " (or disable it in AWS) to let deletionPolicy Delete proceed"));
    }
    if (specLiftsIt) {
      // The spec itself turns deletion protection off in every protected region (a person edited it after the
      // deletion stopped): lift it first, one region at a time, then delete as usual.
      List<Step> lift = new ArrayList<>();
      protectedRegions.forEach(r -> lift.add(new Step.UpdateDeletionProtection(r, home.tableName(), false)));
      lift.addAll(steps);
      steps = lift;
    }

    Gates gates = new Gates(observed, home, List.of());
    List<Step> deregister = CapacityPlanner.deregisterAll(observed, home, managed == null ? Managed.NONE : managed);
    // The operator's alarms and dashboard go before the table, too: once the resource is gone nothing would remove them.
    List<Step> monitoring = AlarmPlanner.deleteEverything(desired, observed);
    List<String> before = new ArrayList<>();
    if (!deregister.isEmpty()) {
      before.add("remove autoscaling in every region (AWS leaves scalable targets, policies and alarms behind when a "
          + "table or replica goes)");
    }
    if (!monitoring.isEmpty()) {
      before.add("delete the CloudWatch alarms and dashboard this resource owns (nothing would remove them once the "
          + "resource is gone)");
    }
    Blocker scalingFirst = before.isEmpty() ? null : new Blocker(BlockReason.QUEUED, "after: "
        + String.join("; and ", before));
    if (scalingFirst == null) {
      // Alarms or the dashboard not read this pass (CloudWatch throttled): unknown is not "none left"; once the tables
      // are gone nothing would find them.
      scalingFirst = AlarmPlanner.unread(desired, observed);
    }
    List<Candidate> table = new ArrayList<>();
    for (Step s : steps) {
      Blocker first = table.isEmpty() ? scalingFirst : null;
      if (s instanceof Step.RemoveReplica rr) {
        table.add(Candidate.gated(s, rr.replicaRegion(), first));
      } else if (s instanceof Step.UpdateDeletionProtection) {
        table.add(Candidate.gated(s, null, first));
      } else {
        table.add(Candidate.gated(s, null, first != null ? first : remnantReplica(observed, home)));
      }
    }
    List<PlannedStep> perRegion = new ArrayList<>(unblocked(deregister));
    perRegion.addAll(unblocked(monitoring));
    return assemble(gates, table, perRegion);
  }

  /**
   * What to record as managed after this observation: previously managed things plus desired ones that now exist in AWS,
   * minus whatever is gone from AWS. The home region is never a managed replica. Tag keys: every key the spec declares
   * (except the owner tag and {@code aws:} keys); a key the spec dropped stays recorded until no member of the group (home
   * and every replica home lists, in the spec or not) that was read carries it any more, so that its removal is finished
   * everywhere, also in a replica the spec dropped and took back before the replica was removed.
   */
  public static Managed nextManaged(Desired desired, Observed observed, Managed previous) {
    Managed prev = previous == null ? Managed.NONE : previous;
    RegionalTable home = observed.homeTable();
    if (home == null) {
      // The table does not exist: nothing of it can be managed.
      return Managed.NONE;
    }
    Set<String> inAws = home.replicas().stream().map(ObservedReplica::region).collect(Collectors.toSet());
    Set<String> replicas = new TreeSet<>(desired.replicaRegions());
    replicas.retainAll(inAws);
    for (String region : prev.replicas()) {
      if (inAws.contains(region) || stillOurs(region, home, observed)) {
        replicas.add(region);
      }
    }
    replicas.remove(desired.homeRegion());

    Set<String> indexNames = home.globalSecondaryIndexes().stream().map(ObservedIndex::name)
        .collect(Collectors.toSet());
    Set<String> indexes = new TreeSet<>(prev.indexes());
    desired.globalSecondaryIndexes().forEach(i -> indexes.add(i.name()));
    indexes.retainAll(indexNames);

    // Every key the spec declares in any region (replica tags included).
    Set<String> declared = new TreeSet<>(desired.tags().keySet());
    desired.regions().forEach(r -> declared.addAll(desired.tags(r).keySet()));
    Set<String> tagKeys = new TreeSet<>(prev.tagKeys());
    declared.stream().filter(Planner::isOurTagKey).forEach(tagKeys::add);
    Set<String> dropped = new TreeSet<>(tagKeys);
    dropped.removeAll(declared);
    for (String key : dropped) {
      if (goneFromEveryMember(key, observed)) {
        tagKeys.remove(key);
      }
    }
    Set<String> scaling = CapacityPlanner.nextScalableTargets(desired, observed, home, prev.scalableTargets(),
        replicas, indexes);
    return new Managed(replicas, indexes, tagKeys, scaling,
        SettingsPlanner.nextKinesis(desired, observed, prev.kinesisDestinations()),
        SettingsPlanner.nextKmsKeys(desired, observed, prev.kmsKeys()));
  }

  /**
   * What to record as managed right after {@code applied} was accepted by AWS: the replica or the indexes it creates
   * (and, for CreateTable, the tag keys it sets). AWS lists a new replica only seconds later; a spec that drops it in
   * between must still find it managed (and remove it) rather than orphan it. Other steps change nothing.
   */
  public static Managed recordApplied(Managed managed, Step applied) {
    Managed m = managed == null ? Managed.NONE : managed;
    if (applied instanceof Step.AddReplica add) {
      Set<String> replicas = new TreeSet<>(m.replicas());
      replicas.add(add.replicaRegion());
      return m.with(replicas, m.indexes(), m.tagKeys(), m.scalableTargets());
    }
    if (applied instanceof Step.EnableKinesisStreaming en) {
      // Enabled by this resource: ours to disable when the spec drops it, even before an observation lists it.
      Set<String> kinesis = new TreeSet<>(m.kinesisDestinations());
      kinesis.add(Managed.kinesisKey(en.region(), en.streamArn()));
      return new Managed(m.replicas(), m.indexes(), m.tagKeys(), m.scalableTargets(), kinesis, m.kmsKeys());
    }
    if (applied instanceof Step.RegisterScalableTarget reg) {
      // Registered by this resource: ours to update and remove, even before an observation lists it.
      Set<String> targets = new TreeSet<>(m.scalableTargets());
      targets.add(Managed.scalingKey(reg.region(), reg.tableName(), reg.indexName(), reg.dimension()));
      return m.with(m.replicas(), m.indexes(), m.tagKeys(), targets);
    }
    Set<String> indexes = new TreeSet<>(m.indexes());
    if (applied instanceof Step.CreateTable create) {
      create.globalSecondaryIndexes().forEach(i -> indexes.add(i.name()));
      // No observation records the tags CreateTable set until the table is seen, which may be after the spec dropped
      // one of them: recorded now, such a key is still removed.
      Set<String> tagKeys = new TreeSet<>(m.tagKeys());
      create.tags().keySet().stream().filter(Planner::isOurTagKey).forEach(tagKeys::add);
      return m.with(m.replicas(), indexes, tagKeys, m.scalableTargets());
    } else if (applied instanceof Step.CreateIndex create) {
      indexes.add(create.index().name());
    } else {
      return m;
    }
    return m.with(m.replicas(), indexes, m.tagKeys(), m.scalableTargets());
  }

  /**
   * Whether a managed region missing from the home table's Replicas list may still be ours: while the home table is not
   * ACTIVE a replica change can be in flight (the entry appears ~6 s after AddReplica, reference 1.6), and a region whose
   * own table still exists (read this pass) is still there to be removed. Forgetting it then would orphan it.
   */
  private static boolean stillOurs(String region, RegionalTable home, Observed observed) {
    if (!home.isActive()) {
      return true;
    }
    return observed.region(region).map(RegionObservation::exists).orElse(false);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // create

  private Plan planCreate(Desired d) {
    List<PlannedStep> steps = new ArrayList<>();
    Step create = new Step.CreateTable(d.homeRegion(), d.tableName(), d.keySchema(), d.attributeDefinitions(),
        d.billingMode(), d.provisioned() ? null : CapacityPlanner.homeOnDemand(d), d.globalSecondaryIndexes(),
        d.localSecondaryIndexes(), d.streamViewType(), d.tags(d.homeRegion()), CapacityPlanner.tableSeed(d),
        CapacityPlanner.indexSeeds(d), CapacityPlanner.indexOnDemand(d), SettingsPlanner.createOptions(d));
    steps.add(new PlannedStep(create, null));
    Step previous = create;
    for (String region : d.replicaRegions()) {
      Step add = SettingsPlanner.withSettings(d, null, new Step.AddReplica(d.homeRegion(), d.tableName(), region));
      steps.add(new PlannedStep(add, queuedAfter(previous)));
      previous = add;
    }
    return new Plan(steps, null);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // ownership and immutable fields

  private static Blocker ownership(Desired d, Observed o, RegionalTable home, String verifiedTableId) {
    Map<String, String> tags = o.home().tags();
    if (tags == null && home.tableId() != null && home.tableId().equals(verifiedTableId)) {
      // Why: tags not read this pass; ownership was verified earlier for this very incarnation of the table. Tags read
      // in this pass always win over the cache (someone may have re-tagged the table since).
      return null;
    }
    String what = "table " + home.tableName() + " in " + home.region();
    if (tags == null) {
      return new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION,
          "the tags of " + what + " were not read in this pass; ownership is checked on a deep observation");
    }
    String owner = tags.get(Desired.OWNER_TAG);
    if (owner == null) {
      return new Blocker(BlockReason.TABLE_OWNED_ELSEWHERE, what + " has no " + Desired.OWNER_TAG
          + " tag: it was not created by this operator; not touching it");
    }
    if (!owner.equals(d.owner())) {
      return new Blocker(BlockReason.TABLE_OWNED_ELSEWHERE, what + " is owned by " + owner + "; not touching it");
    }
    return null;
  }

  private static Blocker immutableMismatch(Desired d, RegionalTable home) {
    List<String> problems = new ArrayList<>();
    if (!d.keySchema().equals(home.keySchema())) {
      problems.add("spec.keySchema is " + d.keySchema() + " but the table has " + home.keySchema());
    }
    Map<String, IndexDefinition> want = byName(d.localSecondaryIndexes());
    Map<String, IndexDefinition> have = byName(home.localSecondaryIndexes());
    for (IndexDefinition w : want.values()) {
      IndexDefinition h = have.get(w.name());
      if (h == null) {
        problems.add("spec.localSecondaryIndexes declares " + w.name() + " but the table has no such index");
      } else if (!w.sameShapeAs(h)) {
        problems.add("spec.localSecondaryIndexes " + w.name() + " is " + shape(w) + " but the table has " + shape(h));
      }
    }
    for (IndexDefinition h : have.values()) {
      if (!want.containsKey(h.name())) {
        problems.add("the table has local secondary index " + h.name() + " that spec.localSecondaryIndexes lacks");
      }
    }
    if (problems.isEmpty()) {
      return null;
    }
    return new Blocker(BlockReason.IMMUTABLE_MISMATCH, "table " + home.tableName() + " in " + home.region()
        + " differs in fields that cannot change after creation: " + String.join("; ", problems)
        + "; restore the spec (or use another table name)");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // desired table steps

  /**
   * Whether this plan removes every replica the table has (the spec keeps only the home region, and every replica is
   * managed or already leaving): then a stream change is merely early, not forbidden, and is planned after the removals.
   */
  private static boolean leavingGroup(Desired d, RegionalTable home, Managed m) {
    return !home.replicas().isEmpty() && d.replicaRegions().isEmpty() && home.replicas().stream()
        .allMatch(r -> "DELETING".equals(r.status()) || m.replicas().contains(r.region()));
  }

  private static void planStream(Desired d, RegionalTable home, Managed m, List<Candidate> out) {
    String want = d.streamViewType();
    String have = home.streamViewType();
    if (want == null || want.equals(have)) {
      // Absent never means "disable"; equal means nothing to do.
      return;
    }
    // Disabling first when the view type changes: AWS cannot switch a view type in place.
    Step step = new Step.UpdateStream(home.region(), home.tableName(), have == null ? want : null);
    if (home.replicas().isEmpty() || leavingGroup(d, home, m)) {
      out.add(Candidate.gated(step, null, null));
    } else {
      out.add(Candidate.forbidden(step, new Blocker(BlockReason.NOT_ALLOWED,
          "spec.stream.viewType: the stream of a global table cannot change while it has replicas (AWS: Disabling "
              + "Stream is not allowed for a Global Table replica); current view type "
              + (have == null ? "none" : have))));
    }
  }

  private static void planIndexes(Desired d, RegionalTable home, Managed m, List<Candidate> out,
      CapacityPlanner capacity) {
    Map<String, IndexDefinition> want = byName(d.globalSecondaryIndexes());
    // Deletes first: they free the per-table index quota and the single "online index operation" slot sooner.
    for (ObservedIndex i : home.globalSecondaryIndexes()) {
      if (!want.containsKey(i.name()) && m.indexes().contains(i.name()) && !"DELETING".equals(i.status())) {
        out.add(Candidate.gated(new Step.DeleteIndex(home.region(), home.tableName(), i.name()), null,
            capacity.scalingStillRegistered(null, i.name(), "index " + i.name())));
      }
    }
    for (IndexDefinition w : d.globalSecondaryIndexes()) {
      ObservedIndex h = home.index(w.name()).orElse(null);
      if (h == null || "DELETING".equals(h.status())) {
        // Absent, or on its way out: (re)create once it is gone (the index gate holds the step until then).
        // A provisioned global table takes a new index only while every existing index's write is autoscaled.
        Blocker writeScaling = home.replicas().isEmpty() ? null
            : capacity.writeAutoScalingMissing("a new index", "spec.globalSecondaryIndexes");
        // A gap the operator cannot close is a problem for a person, and must not hold the other steps; nor must a
        // wait for the replicas to leave hold their removals, queued behind it.
        if (writeScaling != null && !writeScaling.isWait()) {
          out.add(Candidate.forbidden(capacity.createIndex(w), writeScaling));
        } else if (writeScaling != null && capacity.newIndexWaitsForReplicasToLeave()) {
          out.add(Candidate.deferred(capacity.createIndex(w), writeScaling));
        } else {
          out.add(Candidate.gated(capacity.createIndex(w), null, writeScaling));
        }
      } else if (!w.sameShapeAs(h.definition())) {
        // AWS cannot change an index's keys or projection in place, and delete-then-create would silently take the
        // index away from readers for the whole backfill. Say so and let the person choose.
        out.add(Candidate.forbidden(new Step.DeleteIndex(home.region(), home.tableName(), w.name()),
            new Blocker(BlockReason.NOT_ALLOWED, "spec.globalSecondaryIndexes " + w.name()
                + ": AWS cannot change the keys or projection of an existing index (the table has " + shape(h.definition())
                + ", the spec has " + shape(w) + "); add the new definition under another index name and drop the old "
                + "one, or remove " + w.name() + " from the spec, let the operator delete it, then add it back")));
      }
    }
  }

  private static void planReplicas(Desired d, Observed o, RegionalTable home, Managed m, List<Candidate> out,
      CapacityPlanner capacity, Blocker encryptionPending) {
    List<ObservedReplica> newestFirst = new ArrayList<>(home.replicas());
    Collections.reverse(newestFirst);
    Set<String> desiredRegions = new LinkedHashSet<>(d.regions());

    // A failed replica the spec dropped holds no data and blocks every other table step (the replica gate): remove it
    // before anything else, or the plan could never move.
    List<Candidate> removeFailed = new ArrayList<>();
    List<Candidate> removeHealthy = new ArrayList<>();
    for (ObservedReplica r : newestFirst) {
      if (r.region().equals(home.region()) || desiredRegions.contains(r.region())
          || !m.replicas().contains(r.region()) || "DELETING".equals(r.status())) {
        // Home, still desired, not ours (reference 9.12), or already being removed.
        continue;
      }
      Step remove = new Step.RemoveReplica(home.region(), home.tableName(), r.region());
      RegionalTable there = o.region(r.region()).map(RegionObservation::table).orElse(null);
      if (there != null && there.deletionProtection()) {
        // AWS refuses to delete a protected replica ("Cannot delete table ... because it has deletion protection
        // enabled"), and protection exists to stop exactly this; a person decides.
        removeHealthy.add(Candidate.forbidden(remove, new Blocker(BlockReason.DELETION_PROTECTED, "spec.replicas: "
            + r.region() + " was removed from the spec, but its table has deletion protection enabled; put the "
            + "region back with deletionProtection: false, let the operator apply it, then remove the region (or "
            + "disable deletion protection there in AWS)")));
        continue;
      }
      Blocker first = capacity.scalingStillRegistered(r.region(), null, "replica " + r.region());
      if (first == null) {
        // The region's own alarms go before its table: the operator finds them only while it still reads there.
        first = AlarmPlanner.leavingRegionAlarms(d, o, r.region());
      }
      Candidate c = Candidate.gated(remove, r.region(), first);
      (Gates.CREATION_FAILED.equals(r.status()) ? removeFailed : removeHealthy).add(c);
    }
    out.addAll(removeFailed);

    for (String region : d.replicaRegions()) {
      ObservedReplica r = home.replica(region).orElse(null);
      if (r != null && !"DELETING".equals(r.status())) {
        continue;
      }
      Step add = SettingsPlanner.withSettings(d, home, capacity.addReplica(region));
      RegionalTable there = o.region(region).map(RegionObservation::table).orElse(null);
      if (r == null && there != null && !"DELETING".equals(there.status()) && there.replica(home.region()).isEmpty()) {
        // A same-name table that is not a member: AWS refuses the replica ("one or more replicas already existed as
        // tables"), and it is not ours to delete.
        out.add(Candidate.forbidden(add, new Blocker(BlockReason.NOT_ALLOWED, "spec.replicas " + region + ": "
            + region + " already has a table named " + there.tableName() + " that is not part of this global table; "
            + "AWS cannot add a replica there until that table is deleted")));
        continue;
      }
      Blocker extra = null;
      if (o.region(region).isEmpty()) {
        // Only a description of the region itself shows a leftover or foreign table of this name there, which would
        // make AWS refuse the replica.
        extra = new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, region + " was not described in this pass; a replica "
            + "is added once the region is known to hold no other table of this name");
      } else if (there != null && "DELETING".equals(there.status())) {
        // The previous replica's table must be gone before the region can be added again (reference 1.6).
        extra = new Blocker(BlockReason.REPLICA_DELETING, "the previous replica table in " + region
            + " is still DELETING; the region can be added again once it is gone");
      } else if (there != null && r == null) {
        // The region's table lists the home region but the home region does not list it (yet, or any more): AWS is
        // between two states; the next observation tells which.
        extra = new Blocker(BlockReason.REPLICA_NOT_ACTIVE, "the table in " + region
            + " lists " + home.region() + " as a member, but " + home.region() + " does not list " + region
            + " yet; waiting for AWS to settle");
      }
      if (extra == null) {
        extra = capacity.writeAutoScalingMissing("a replica", "spec.replicas");
      }
      if (extra == null) {
        // A new replica takes the group's encryption type and needs its key to match it: add it after the switch.
        extra = encryptionPending;
      }
      // A gap the operator cannot close is a problem for a person, and must not hold the other steps.
      out.add(extra != null && !extra.isWait() ? Candidate.forbidden(add, extra) : Candidate.gated(add, null, extra));
    }
    out.addAll(removeHealthy);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // tags

  private static List<Step> planTags(Desired d, Observed o, RegionalTable home, Managed m) {
    List<Step> out = new ArrayList<>();
    for (String region : d.regions()) {
      // Table tags with the region's own merged over them, and the owner tag.
      Map<String, String> want = d.tags(region);
      if (!region.equals(home.region()) && home.replica(region).isEmpty()) {
        // Only members of this group: a same-name table in another region may belong to someone else.
        continue;
      }
      RegionObservation ro = o.regions().get(region);
      if (ro == null || ro.table() == null || !ro.table().isActive() || ro.tags() == null) {
        // Not read this pass, or not ready for tag calls yet.
        continue;
      }
      Map<String, String> have = ro.tags();
      boolean missing = want.entrySet().stream().anyMatch(e -> !e.getValue().equals(have.get(e.getKey())));
      if (missing) {
        out.add(new Step.TagTable(region, ro.table().arn(), want, have));
      }
      Set<String> remove = new TreeSet<>(have.keySet());
      remove.retainAll(m.tagKeys());
      remove.removeAll(want.keySet());
      remove.removeIf(k -> !isOurTagKey(k));
      if (!remove.isEmpty()) {
        out.add(new Step.UntagTable(region, ro.table().arn(), Collections.unmodifiableSet(remove)));
      }
    }
    return out;
  }

  /** Tag keys the operator may ever remove: not the owner tag, not AWS-reserved. */
  private static boolean isOurTagKey(String key) {
    return !key.equals(Desired.OWNER_TAG) && !key.startsWith("aws:");
  }

  private static boolean goneFromEveryMember(String key, Observed o) {
    RegionalTable home = o.homeTable();
    // Members only (a same-name table elsewhere is never tagged or untagged), but every member: one the spec dropped may
    // come back into the spec before its removal ran, and the key is only removed there while it is still known as ours.
    Set<String> members = new LinkedHashSet<>(List.of(home.region()));
    home.replicas().forEach(r -> members.add(r.region()));
    for (String region : members) {
      RegionObservation ro = o.regions().get(region);
      if (ro == null || (ro.table() != null && (ro.tags() == null || ro.tags().containsKey(key)))) {
        // Not read this pass, or still carries the key: keep remembering it.
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // deletion helpers

  /**
   * A replica table that left the group but still exists in its region: AWS deletes it some 10-35 s after its entry
   * vanished (reference 1.6), and the home table goes last (7.6).
   */
  private static Blocker remnantReplica(Observed o, RegionalTable home) {
    for (RegionObservation ro : o.regions().values()) {
      RegionalTable t = ro.table();
      if (ro.region().equals(home.region()) || t == null || home.replica(ro.region()).isPresent()) {
        continue;
      }
      if ("DELETING".equals(t.status()) || t.replica(home.region()).isPresent()) {
        return new Blocker(BlockReason.REPLICA_DELETING, "the replica table in " + ro.region() + " is still "
            + t.status() + "; the home table is deleted once every replica table is gone");
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // assembly

  /**
   * Serialises the table steps (first one gated, later ones queued; forbidden and deferred ones skipped), appends the
   * per-region steps (each with its own blocker, if any) and picks the plan's blocker.
   */
  private static Plan assemble(Gates gates, List<Candidate> table, List<PlannedStep> perRegion) {
    List<PlannedStep> out = new ArrayList<>();
    Step previous = null;
    Blocker head = null;
    boolean hasHead = false;
    Blocker firstForbidden = null;
    Blocker firstDeferred = null;
    for (Candidate c : table) {
      if (c.forbidden() != null) {
        out.add(new PlannedStep(c.step(), c.forbidden()));
        if (c.forbidden().isWait()) {
          firstDeferred = firstDeferred == null ? c.forbidden() : firstDeferred;
        } else {
          firstForbidden = firstForbidden == null ? c.forbidden() : firstForbidden;
        }
        continue;
      }
      Blocker b;
      if (previous == null) {
        b = gates.table(c.exemptFailedRegion(), true);
        if (b == null) {
          b = c.extra();
        }
        head = b;
        hasHead = true;
      } else {
        b = queuedAfter(previous);
      }
      out.add(new PlannedStep(c.step(), b));
      previous = c.step();
    }
    for (PlannedStep p : perRegion) {
      out.add(p);
      Blocker b = p.blockedBy();
      if (b == null || b.reason() == BlockReason.QUEUED) {
        // Runnable, or behind another per-region step of the plan (never the plan's own blocker).
        continue;
      }
      if (b.isWait()) {
        firstDeferred = firstDeferred == null ? b : firstDeferred;
      } else {
        firstForbidden = firstForbidden == null ? b : firstForbidden;
      }
    }
    boolean anyRunnable = out.stream().anyMatch(PlannedStep::runnable);
    Blocker blocker;
    if (hasHead) {
      // The wait holding the next table step, or null when it may run now.
      blocker = head;
    } else if (!anyRunnable && firstForbidden != null) {
      // Only forbidden steps are left: a person must act.
      blocker = firstForbidden;
    } else if (!anyRunnable && firstDeferred != null) {
      // Only steps waiting for a known instant (an AWS budget) are left.
      blocker = firstDeferred;
    } else {
      // No table step left: not converged while AWS is still moving.
      blocker = gates.inFlight();
    }
    return new Plan(out, blocker);
  }

  static List<PlannedStep> unblocked(List<Step> steps) {
    return steps.stream().map(s -> new PlannedStep(s, null)).toList();
  }

  private static Plan blockedAll(List<Step> steps, Blocker blocker) {
    return new Plan(steps.stream().map(s -> new PlannedStep(s, blocker)).toList(), blocker);
  }

  private static Blocker queuedAfter(Step previous) {
    return new Blocker(BlockReason.QUEUED, "after: " + previous.describe());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // small helpers

  private static void requireHome(Desired d, Observed o) {
    Objects.requireNonNull(d, "desired");
    Objects.requireNonNull(o, "observed");
    if (!d.homeRegion().equals(o.homeRegion()) || o.home() == null) {
      // Planning without the home region would mistake "not asked" for "absent" and try to create the table.
      throw new IllegalArgumentException("the observation must describe the home region " + d.homeRegion());
    }
  }

  private static Map<String, IndexDefinition> byName(List<IndexDefinition> list) {
    Map<String, IndexDefinition> map = new LinkedHashMap<>();
    list.forEach(i -> map.put(i.name(), i));
    return map;
  }

  private static String shape(IndexDefinition i) {
    return "keys " + i.keySchema() + ", projection " + projection(i.projection());
  }

  private static String projection(Projection p) {
    return p.nonKeyAttributes().isEmpty() ? p.type() : p.type() + " " + p.nonKeyAttributes();
  }
}
