package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.AutoScaling;
import dev.globaltable.operator.model.Capacity;
import dev.globaltable.operator.model.CapacityDimension;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.IndexThroughput;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.ObservedScaling;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.ProvisionedUnits;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ReplicaOverrides;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The capacity half of the plan (reference sections 3 and 4): billing-mode switches, fixed provisioned throughput of the
 * table and its indexes, per-replica read overrides, on-demand limits, and Application Auto Scaling targets and policies
 * in every region. Pure: no I/O, no SDK types; time comes from {@link Observed#observedAt()}.
 *
 * <p>Rules it encodes:
 * <ul>
 *   <li>The operator never writes capacity it autoscales: an autoscaled dimension is sent (when the API needs both) at
 *       its observed value, and never compared. Overrides AWS materializes on replicas whose read is autoscaled are
 *       ignored (reference 2.2, 9.5).
 *   <li>A base capacity change comes before the replicas' read overrides (it overwrites them group-wide, reference 3),
 *       and overrides are re-checked against the effective value afterwards ("absent == base").
 *   <li>Write autoscaling of the table and of every index is in place in the home region before the first replica of a
 *       provisioned table, and before an index is added to a provisioned global table (reference 4.1).
 *   <li>A decrease AWS's daily budget would refuse is planned for the instant the budget allows it, without holding the
 *       other steps (reference 1.5).
 *   <li>Only targets this resource manages are ever deregistered, and a replica's (or index's) targets go before the
 *       replica (or index) does, because AWS leaves them behind (reference 4.1).
 * </ul>
 */
final class CapacityPlanner {

  /** AWS: 4 decreases per UTC day free, then one per hour (reference 1.5). */
  static final int FREE_DECREASES_PER_DAY = 4;
  static final Duration DECREASE_INTERVAL = Duration.ofHours(1);

  private final Desired d;
  private final Observed o;
  private final RegionalTable home;
  private final Managed m;

  CapacityPlanner(Desired desired, Observed observed, RegionalTable home, Managed managed) {
    this.d = desired;
    this.o = observed;
    this.home = home;
    this.m = managed;
  }

  /** Whether both the spec and the table are PROVISIONED (capacity values only mean something then). */
  private boolean bothProvisioned() {
    return d.provisioned() && home.provisioned();
  }

  private boolean bothOnDemand() {
    return !d.provisioned() && !home.provisioned();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // CreateTable / CreateIndex / AddReplica payloads

  /** CreateTable's ProvisionedThroughput (null when on-demand); autoscaled dimensions start at their minimum. */
  static ProvisionedUnits tableSeed(Desired d) {
    if (!d.provisioned()) {
      return null;
    }
    return new ProvisionedUnits(d.readCapacity(d.homeRegion()).seedUnits(), d.writeCapacity().seedUnits());
  }

  /** Each GSI's ProvisionedThroughput for CreateTable (empty when on-demand). */
  static Map<String, ProvisionedUnits> indexSeeds(Desired d) {
    Map<String, ProvisionedUnits> out = new LinkedHashMap<>();
    if (d.provisioned()) {
      for (IndexDefinition i : d.globalSecondaryIndexes()) {
        out.put(i.name(), indexSeed(d, i.name(), null));
      }
    }
    return out;
  }

  /**
   * The home table's own on-demand limits: the home region's read limit ({@code spec.replicas[home]
   * .maxReadRequestUnits}, else the table's) and the table's write limit. As with provisioned read capacity, the home
   * region's read is the base every other region's read override is measured against.
   */
  static OnDemandLimits homeOnDemand(Desired d) {
    return OnDemandLimits.normalized(d.maxReadRequestUnits(d.homeRegion()), d.onDemand().maxWriteRequestUnits());
  }

  /** The home table's on-demand limits of index {@code index}: the home region's read limit, the index's write limit. */
  static OnDemandLimits homeIndexOnDemand(Desired d, String index) {
    return OnDemandLimits.normalized(d.indexMaxReadRequestUnits(d.homeRegion(), index),
        d.index(index).onDemand().maxWriteRequestUnits());
  }

  /** Each GSI's on-demand limits for CreateTable (only those with limits; empty when provisioned). */
  static Map<String, OnDemandLimits> indexOnDemand(Desired d) {
    Map<String, OnDemandLimits> out = new LinkedHashMap<>();
    if (!d.provisioned()) {
      for (IndexDefinition i : d.globalSecondaryIndexes()) {
        OnDemandLimits l = homeIndexOnDemand(d, i.name());
        if (!l.isNone()) {
          out.put(i.name(), l);
        }
      }
    }
    return out;
  }

  /**
   * Seed units of an index: its own capacity in the home region, or (when the spec has none because a billing switch
   * is still ahead) the table's, or the observed table capacity.
   */
  private static ProvisionedUnits indexSeed(Desired d, String index, ObservedCapacity fallback) {
    Capacity read = d.indexReadCapacity(d.homeRegion(), index);
    Capacity write = d.indexWriteCapacity(index);
    if (read != null && write != null) {
      return new ProvisionedUnits(read.seedUnits(), write.seedUnits());
    }
    ProvisionedUnits table = tableSeed(d);
    if (table != null) {
      return table;
    }
    return fallback == null ? new ProvisionedUnits(1, 1) : new ProvisionedUnits(Math.max(1, fallback.read()),
        Math.max(1, fallback.write()));
  }

  /** The CreateIndex step for {@code index}: seeded for the table's current billing mode. */
  Step createIndex(IndexDefinition index) {
    ProvisionedUnits provisioned = home.provisioned() ? indexSeed(d, index.name(), home.capacity()) : null;
    OnDemandLimits limits = home.provisioned() ? null : homeIndexOnDemand(d, index.name());
    return new Step.CreateIndex(home.region(), home.tableName(), index, d.attributeDefinitions(), provisioned,
        limits == null || limits.isNone() ? null : limits);
  }

  /** The AddReplica step for {@code region}, with the read overrides the new replica needs from the start. */
  Step.AddReplica addReplica(String region) {
    return new Step.AddReplica(home.region(), home.tableName(), region, creationOverrides(region));
  }

  private ReplicaOverrides creationOverrides(String region) {
    Long read = null;
    Long maxRead = null;
    Map<String, Long> indexRead = new TreeMap<>();
    Map<String, Long> indexMaxRead = new TreeMap<>();
    if (bothProvisioned()) {
      // A fixed read the source's would not give: set at creation. Autoscaled read: AAS takes over once ACTIVE.
      Capacity c = d.readCapacity(region);
      if (c != null && !c.isAutoScaled() && c.units() != home.capacity().read()) {
        read = c.units();
      }
      for (ObservedIndex i : liveDesiredIndexes()) {
        Capacity ic = d.indexReadCapacity(region, i.name());
        if (ic != null && !ic.isAutoScaled() && ic.units() != i.capacity().read()) {
          indexRead.put(i.name(), ic.units());
        }
      }
    } else if (bothOnDemand()) {
      Long want = d.maxReadRequestUnits(region);
      if (!Objects.equals(want, home.onDemand().maxReadRequestUnits())) {
        maxRead = unlimitedAsMinusOne(want);
      }
      for (ObservedIndex i : liveDesiredIndexes()) {
        Long iw = d.indexMaxReadRequestUnits(region, i.name());
        if (!Objects.equals(iw, i.onDemand().maxReadRequestUnits())) {
          indexMaxRead.put(i.name(), unlimitedAsMinusOne(iw));
        }
      }
    }
    return new ReplicaOverrides(read, maxRead, indexRead, indexMaxRead);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // table steps

  /** A billing-mode switch, seeded for the new mode. */
  void planBillingMode(List<Candidate> out) {
    if (d.provisioned() == home.provisioned()) {
      return;
    }
    if (d.provisioned()) {
      Map<String, ProvisionedUnits> indexes = new TreeMap<>();
      for (ObservedIndex i : home.globalSecondaryIndexes()) {
        if (!"DELETING".equals(i.status())) {
          // AWS needs a ProvisionedThroughput for every index, the spec's ones and any other.
          indexes.put(i.name(), indexSeed(d, i.name(), null));
        }
      }
      out.add(Candidate.gated(new Step.SwitchBillingMode(home.region(), home.tableName(), Desired.PROVISIONED,
          tableSeed(d), indexes, null), null, null));
    } else {
      OnDemandLimits limits = homeOnDemand(d);
      out.add(Candidate.gated(new Step.SwitchBillingMode(home.region(), home.tableName(), Desired.PAY_PER_REQUEST,
          null, null, limits.isNone() ? null : limits), null, null));
    }
  }

  /** On-demand limits of the table and of each index (both on-demand only). */
  void planOnDemand(List<Candidate> out) {
    if (!bothOnDemand()) {
      // On-demand limits only exist on on-demand tables; a switch travels with its own limits.
      return;
    }
    OnDemandLimits want = homeOnDemand(d);
    if (!want.equals(normalize(home.onDemand()))) {
      out.add(Candidate.gated(new Step.UpdateOnDemandThroughput(home.region(), home.tableName(), want), null, null));
    }
    for (ObservedIndex i : liveDesiredIndexes()) {
      OnDemandLimits iw = homeIndexOnDemand(d, i.name());
      if (!iw.equals(normalize(i.onDemand()))) {
        out.add(Candidate.gated(new Step.UpdateOnDemandThroughput(home.region(), home.tableName(), iw, i.name()),
            null, null));
      }
    }
  }

  /**
   * Fixed provisioned throughput of the table and of each index, sent to the home region (it fans out). Autoscaled
   * dimensions keep their observed value.
   */
  void planProvisioned(List<Candidate> out) {
    if (!bothProvisioned()) {
      return;
    }
    planUnits(out, null, d.readCapacity(home.region()), d.writeCapacity(), home.capacity());
    for (ObservedIndex i : liveDesiredIndexes()) {
      planUnits(out, i.name(), d.indexReadCapacity(home.region(), i.name()), d.indexWriteCapacity(i.name()),
          i.capacity());
    }
  }

  /**
   * Resources ("" for the table, else the index name) whose base change {@link #planUnits} deferred for the decrease
   * budget: until it runs, replicas' overrides are measured against the base AWS has now, or an override the replica
   * already has would be sent again on every pass.
   */
  private final Set<String> deferredBase = new java.util.HashSet<>();

  private void planUnits(List<Candidate> out, String index, Capacity read, Capacity write, ObservedCapacity have) {
    if (read == null || write == null) {
      // Validation guarantees both for a provisioned spec; nothing sensible to send otherwise.
      return;
    }
    long r = read.isAutoScaled() ? have.read() : read.units();
    long w = write.isAutoScaled() ? have.write() : write.units();
    if (r == have.read() && w == have.write()) {
      return;
    }
    boolean decrease = r < have.read() || w < have.write();
    Step step = new Step.UpdateProvisionedThroughput(home.region(), home.tableName(), index,
        new ProvisionedUnits(r, w), decrease);
    // The change fans out: it is a decrease in every region whose value it lowers (write everywhere, read where the
    // read setting changes), and AWS refuses it when any of them has spent its budget (reference 1.5).
    Instant allowedAt = null;
    String spent = null;
    ObservedCapacity spentCapacity = null;
    for (Map.Entry<String, ObservedCapacity> e : memberCapacities(index).entrySet()) {
      ObservedCapacity c = e.getValue();
      boolean lowers = (r != have.read() && r < c.read()) || w < c.write();
      Instant at = lowers ? nextDecreaseAllowed(c, o.observedAt()) : null;
      if (at != null && (allowedAt == null || at.isAfter(allowedAt))) {
        allowedAt = at;
        spent = e.getKey();
        spentCapacity = c;
      }
    }
    if (allowedAt != null) {
      deferredBase.add(index == null ? "" : index);
      out.add(Candidate.deferred(step, new Blocker(BlockReason.DECREASE_BUDGET,
          (index == null ? "the table" : "index " + index) + (spent.equals(home.region()) ? "" : " in " + spent)
              + " has used its " + FREE_DECREASES_PER_DAY + " free capacity decreases today ("
              + spentCapacity.decreasesToday() + " so far, last at " + spentCapacity.lastDecrease()
              + "); AWS allows the next one at " + allowedAt, allowedAt)));
    } else {
      Blocker scalingFirst = !read.isAutoScaled() && r != have.read() ? autoScalingLeaving(index, true) : null;
      if (scalingFirst == null && !write.isAutoScaled() && w != have.write()) {
        scalingFirst = autoScalingLeaving(index, false);
      }
      out.add(Candidate.gated(step, null, scalingFirst));
    }
  }

  /**
   * Why a fixed value of a dimension that was autoscaled cannot be written yet: a target of it that this resource
   * manages and no longer wants is still registered somewhere; Application Auto Scaling would scale the value back
   * (reference 4.1). Null when none is left.
   */
  private Blocker autoScalingLeaving(String index, boolean read) {
    CapacityDimension dim = CapacityDimension.of(read, index);
    Set<String> wanted = wantedKeys();
    for (String key : m.scalableTargets()) {
      ScalingKey k = ScalingKey.parse(key);
      if (wanted.contains(key) || k.dimension() != dim || !Objects.equals(k.indexName(home.tableName()), index)) {
        continue;
      }
      RegionObservation ro = o.regions().get(k.region());
      if (ro != null && ro.scaling() == null) {
        // Not read (a shallow pass, which may change a regional table): unknown is not gone.
        return new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, "autoscaling in " + k.region() + " was not read in "
            + "this pass; a fixed " + dim.describe(index) + " is written once its autoscaling is known to be gone");
      }
      if (observedTarget(k).isPresent()) {
        return new Blocker(BlockReason.QUEUED, "after: remove autoscaling of " + dim.describe(index) + " in "
            + k.region() + " (Application Auto Scaling would undo a fixed value)");
      }
    }
    return null;
  }

  /**
   * The capacity of the table (or of its index {@code index}) in the home region and in every replica region the home
   * table lists that was described this pass, home first: each region has its own decrease budget.
   */
  private Map<String, ObservedCapacity> memberCapacities(String index) {
    Map<String, ObservedCapacity> out = new LinkedHashMap<>();
    List<String> regions = new ArrayList<>(List.of(home.region()));
    home.replicas().forEach(r -> regions.add(r.region()));
    for (String region : regions) {
      RegionObservation ro = o.regions().get(region);
      RegionalTable t = region.equals(home.region()) ? home : ro == null ? null : ro.table();
      if (t == null || !t.provisioned()) {
        continue;
      }
      if (index == null) {
        out.put(region, t.capacity());
      } else {
        t.index(index).ifPresent(i -> out.put(region, i.capacity()));
      }
    }
    return out;
  }

  /**
   * When AWS will accept the next decrease, or null when it would accept one now (or when time is unknown and AWS is
   * left to decide). After {@value #FREE_DECREASES_PER_DAY} decreases in a UTC day, one more per hour; the count resets
   * at midnight UTC.
   */
  static Instant nextDecreaseAllowed(ObservedCapacity have, Instant now) {
    if (now == null || have.lastDecrease() == null || have.decreasesToday() < FREE_DECREASES_PER_DAY) {
      return null;
    }
    LocalDate lastDay = have.lastDecrease().atZone(ZoneOffset.UTC).toLocalDate();
    Instant midnight = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant hourLater = have.lastDecrease().plus(DECREASE_INTERVAL);
    Instant allowed = hourLater.isBefore(midnight) ? hourLater : midnight;
    return now.isBefore(allowed) ? allowed : null;
  }

  /** Per-replica read overrides of replicas that exist and are ACTIVE. */
  void planReplicaOverrides(List<Candidate> out) {
    for (ObservedReplica r : home.replicas()) {
      if (!d.regions().contains(r.region()) || !r.isActive()) {
        // Not desired (it is leaving, or not ours), or not ready for an Update action.
        continue;
      }
      ReplicaOverrides want = overrideUpdate(r);
      // An override of -1 clears the override: the region gets the home table's limit, not unlimited reads. While the
      // home region has a limit, no call gives another region unlimited reads; sending -1 again and again would not.
      boolean tableUnreachable = bothOnDemand() && Objects.equals(want.maxReadRequestUnits(), -1L)
          && homeOnDemand(d).maxReadRequestUnits() != null;
      Map<String, Long> indexMaxRead = new TreeMap<>(want.indexMaxReadRequestUnits());
      Map<String, Long> indexUnreachable = new TreeMap<>();
      for (Map.Entry<String, Long> e : want.indexMaxReadRequestUnits().entrySet()) {
        if (bothOnDemand() && e.getValue() == -1L && homeIndexOnDemand(d, e.getKey()).maxReadRequestUnits() != null) {
          indexUnreachable.put(e.getKey(), -1L);
          indexMaxRead.remove(e.getKey());
        }
      }
      ReplicaOverrides doable = new ReplicaOverrides(want.readCapacityUnits(),
          tableUnreachable ? null : want.maxReadRequestUnits(), want.indexReadCapacityUnits(), indexMaxRead);
      if (!doable.isNone()) {
        out.add(Candidate.gated(new Step.UpdateReplicaThroughput(home.region(), home.tableName(), r.region(), doable),
            null, readScalingLeaving(r.region(), doable)));
      }
      if (tableUnreachable || !indexUnreachable.isEmpty()) {
        List<String> what = new ArrayList<>();
        if (tableUnreachable) {
          what.add("the table (the home region's limit is " + homeOnDemand(d).maxReadRequestUnits() + ")");
        }
        indexUnreachable.keySet().forEach(i -> what.add("index " + i + " (the home region's limit is "
            + homeIndexOnDemand(d, i).maxReadRequestUnits() + ")"));
        out.add(Candidate.forbidden(new Step.UpdateReplicaThroughput(home.region(), home.tableName(), r.region(),
            new ReplicaOverrides(null, tableUnreachable ? -1L : null, Map.of(), indexUnreachable)),
            new Blocker(BlockReason.NOT_ALLOWED, "spec.replicas " + r.region() + ": AWS cannot give " + r.region()
                + " unlimited on-demand reads of " + String.join(", ", what) + " while the home region "
                + home.region() + " has a limit (an override of -1 restores the home region's limit); set "
                + "maxReadRequestUnits for " + r.region() + ", or drop the home region's limit")));
      }
    }
  }

  /**
   * Why a fixed read override of {@code region} cannot be written yet: a read target of that dimension there, which this
   * resource manages and no longer wants, is still registered (Application Auto Scaling would undo the override, as it
   * would a fixed base, see {@link #autoScalingLeaving}), or autoscaling there was not read this pass. Null when none
   * is left.
   */
  private Blocker readScalingLeaving(String region, ReplicaOverrides update) {
    List<String> indexes = new ArrayList<>();
    if (update.readCapacityUnits() != null) {
      indexes.add(null);
    }
    indexes.addAll(update.indexReadCapacityUnits().keySet());
    Set<String> wanted = wantedKeys();
    for (String index : indexes) {
      CapacityDimension dim = CapacityDimension.of(true, index);
      String key = Managed.scalingKey(region, home.tableName(), index, dim);
      if (!m.scalableTargets().contains(key) || wanted.contains(key)) {
        continue;
      }
      RegionObservation ro = o.regions().get(region);
      if (ro == null || ro.scaling() == null) {
        // Not read (a shallow pass): unknown is not gone.
        return new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, "autoscaling in " + region + " was not read in this "
            + "pass; a fixed " + dim.describe(index) + " in " + region + " is written once its autoscaling is known "
            + "to be gone");
      }
      if (observedTarget(ScalingKey.parse(key)).isPresent()) {
        return new Blocker(BlockReason.QUEUED, "after: remove autoscaling of " + dim.describe(index) + " in "
            + region + " (Application Auto Scaling would undo a fixed value)");
      }
    }
    return null;
  }

  /** The overrides {@code r} needs to reach its desired effective read values (NONE when it has them). */
  private ReplicaOverrides overrideUpdate(ObservedReplica r) {
    Long read = null;
    Long maxRead = null;
    Map<String, Long> indexRead = new TreeMap<>();
    Map<String, Long> indexMaxRead = new TreeMap<>();
    ReplicaOverrides have = r.overrides();
    // A pending base change overwrites every replica's override (reference 3): the replica ends up with the new base,
    // so that is what an override is measured against, not what the replica has before the base change ran.
    if (bothProvisioned()) {
      Capacity c = d.readCapacity(r.region());
      // Autoscaled read: Application Auto Scaling owns the value, and AWS's materialized overrides are not ours.
      long newBase = baseReadAfter(d.readCapacity(home.region()), d.writeCapacity(), home.capacity());
      boolean held = deferredBase.contains("");
      // Held base change: a replica that will inherit the new base waits for it; one that wants something else is
      // measured against what it has now (else an override it already has would be sent on every pass).
      if (c != null && !c.isAutoScaled() && !(held && c.units() == newBase)) {
        long base = held ? home.capacity().read() : newBase;
        long effective = base != home.capacity().read() ? base : ownRead(r.region(), null)
            .orElse(have.readCapacityUnits() != null ? have.readCapacityUnits() : base);
        if (effective != c.units()) {
          read = c.units();
        }
      }
      for (ObservedIndex i : liveDesiredIndexes()) {
        Capacity ic = d.indexReadCapacity(r.region(), i.name());
        long newIndexBase = baseReadAfter(d.indexReadCapacity(home.region(), i.name()),
            d.indexWriteCapacity(i.name()), i.capacity());
        boolean indexHeld = deferredBase.contains(i.name());
        if (ic != null && !ic.isAutoScaled() && !(indexHeld && ic.units() == newIndexBase)) {
          long base = indexHeld ? i.capacity().read() : newIndexBase;
          Long o = have.indexReadCapacityUnits().get(i.name());
          long effective = base != i.capacity().read() ? base : ownRead(r.region(), i.name())
              .orElse(o != null ? o : base);
          if (effective != ic.units()) {
            indexRead.put(i.name(), ic.units());
          }
        }
      }
    } else if (bothOnDemand()) {
      Long want = d.maxReadRequestUnits(r.region());
      Long base = homeOnDemand(d).maxReadRequestUnits();
      Long effective = Objects.equals(base, normalize(home.onDemand()).maxReadRequestUnits())
          && have.maxReadRequestUnits() != null ? positiveOrNull(have.maxReadRequestUnits()) : base;
      if (!Objects.equals(want, effective)) {
        maxRead = unlimitedAsMinusOne(want);
      }
      for (ObservedIndex i : liveDesiredIndexes()) {
        Long iw = d.indexMaxReadRequestUnits(r.region(), i.name());
        Long ib = homeIndexOnDemand(d, i.name()).maxReadRequestUnits();
        Long o = have.indexMaxReadRequestUnits().get(i.name());
        Long ie = Objects.equals(ib, normalize(i.onDemand()).maxReadRequestUnits()) && o != null
            ? positiveOrNull(o) : ib;
        if (!Objects.equals(iw, ie)) {
          indexMaxRead.put(i.name(), unlimitedAsMinusOne(iw));
        }
      }
    }
    return new ReplicaOverrides(read, maxRead, indexRead, indexMaxRead);
  }

  /**
   * The read units {@code region} reports for itself (its table, or its index {@code index}) when it was described this
   * pass: the ground truth of its effective read. The home table's Replicas entry is not enough: an entry without an
   * override means "same as the base", but the home table can itself carry an override AWS materialized when autoscaling
   * moved another region's read (reference 2.2), and then the base is not what the home table reports; a replica added
   * from it starts from that hidden base, and one whose read autoscaling ended keeps whatever autoscaling left.
   */
  private Optional<Long> ownRead(String region, String index) {
    RegionObservation ro = o.regions().get(region);
    RegionalTable t = ro == null ? null : ro.table();
    if (t == null || !t.provisioned()) {
      return Optional.empty();
    }
    if (index == null) {
      return Optional.of(t.capacity().read());
    }
    return t.index(index).map(i -> i.capacity().read());
  }

  /**
   * The base read units of the table (or an index) once {@link #planUnits} has run: the fixed read the spec asks for,
   * else (autoscaled, or nothing planned) the observed value.
   */
  private static long baseReadAfter(Capacity read, Capacity write, ObservedCapacity have) {
    return read == null || write == null || read.isAutoScaled() ? have.read() : read.units();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // gates the table steps need from autoscaling

  /**
   * Why a replica cannot be added yet to a provisioned table: AWS refuses it until the table's and every index's write
   * capacity is autoscaled (target + policy) in the home region (reference 4.1). Null when nothing is missing. A wait
   * while the operator has autoscaling of its own to register; NOT_ALLOWED when only indexes the spec does not declare
   * lack it, because the operator never autoscales those and waiting would not end.
   *
   * @param specField the spec field asking for {@code what}, to start a NOT_ALLOWED message with
   */
  Blocker writeAutoScalingMissing(String what, String specField) {
    if (!home.provisioned()) {
      return null;
    }
    RegionObservation ro = o.home();
    if (ro.scaling() == null) {
      return new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, "autoscaling in " + home.region() + " was not read "
          + "in this pass; " + what + " needs write autoscaling of the table and of every index in place");
    }
    List<String> missing = new ArrayList<>();
    List<String> undeclared = new ArrayList<>();
    Set<String> declared = new LinkedHashSet<>();
    d.globalSecondaryIndexes().forEach(i -> declared.add(i.name()));
    if (!autoScaled(ro, CapacityDimension.TABLE_WRITE, null)) {
      missing.add("the table");
    }
    for (ObservedIndex i : home.globalSecondaryIndexes()) {
      if (!"DELETING".equals(i.status()) && !autoScaled(ro, CapacityDimension.INDEX_WRITE, i.name())) {
        missing.add("index " + i.name());
        if (!declared.contains(i.name())) {
          undeclared.add(i.name());
        }
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    if (undeclared.size() == missing.size()) {
      // Nothing the operator registers would close the gap.
      boolean one = undeclared.size() == 1;
      String names = String.join(", ", undeclared);
      return new Blocker(BlockReason.NOT_ALLOWED, specField + ": " + (one ? "index " : "indexes ") + names + " in "
          + home.region() + (one ? " has" : " have") + " no write autoscaling and " + (one ? "is" : "are")
          + " not in spec.globalSecondaryIndexes, so the operator does not autoscale " + (one ? "it" : "them")
          + "; AWS refuses " + what + " of a provisioned global table until the write capacity of every index is "
          + "autoscaled: declare " + names + " in the spec with autoscaled write capacity, or delete " + (one ? "it"
          : "them"));
    }
    List<String> fixed = fixedWriteMissing();
    if (!fixed.isEmpty()) {
      // The spec itself gives them fixed write capacity (valid only for the one region it keeps): the operator will
      // not autoscale them, so only the replicas leaving ends the wait.
      List<String> staying = home.replicas().stream().filter(r -> !leaving(r)).map(ObservedReplica::region).toList();
      if (!staying.isEmpty()) {
        return new Blocker(BlockReason.NOT_ALLOWED, specField + ": the spec gives " + String.join(", ", fixed)
            + " fixed write capacity, and AWS refuses " + what + " of a provisioned global table until the write "
            + "capacity of the table and of every index is autoscaled; the table still has replicas in "
            + String.join(", ", staying) + " that are not this resource's to remove: autoscale the write capacity, or "
            + "remove those replicas");
      }
      return new Blocker(BlockReason.QUEUED, "after: the replicas leave (AWS refuses " + what + " of a provisioned "
          + "global table while " + String.join(", ", fixed) + " has fixed write capacity)");
    }
    return new Blocker(BlockReason.QUEUED, "after: write autoscaling of " + String.join(", ", missing) + " in "
        + home.region() + " (AWS refuses " + what + " of a provisioned global table without it)");
  }

  /**
   * Whether a new index waits only for the replicas to leave: the home table lacks write autoscaling where the spec
   * gives fixed write capacity (valid only because the spec keeps a single region), and every replica is leaving. Such a
   * wait must not hold the replica removals queued behind the index, or neither would ever run.
   */
  boolean newIndexWaitsForReplicasToLeave() {
    return home.provisioned() && !home.replicas().isEmpty() && o.home().scaling() != null
        && !fixedWriteMissing().isEmpty() && home.replicas().stream().allMatch(this::leaving);
  }

  /** "the table" and "index X" whose write the spec fixes and that lack write autoscaling in the home region. */
  private List<String> fixedWriteMissing() {
    List<String> out = new ArrayList<>();
    RegionObservation ro = o.home();
    Capacity w = d.writeCapacity();
    if (w != null && !w.isAutoScaled() && !autoScaled(ro, CapacityDimension.TABLE_WRITE, null)) {
      out.add("the table");
    }
    for (ObservedIndex i : liveDesiredIndexes()) {
      Capacity iw = d.indexWriteCapacity(i.name());
      if (iw != null && !iw.isAutoScaled() && !autoScaled(ro, CapacityDimension.INDEX_WRITE, i.name())) {
        out.add("index " + i.name());
      }
    }
    return out;
  }

  /** A replica on its way out: being deleted, or one this resource manages that the spec dropped. */
  private boolean leaving(ObservedReplica r) {
    return "DELETING".equals(r.status()) || (!d.regions().contains(r.region()) && m.replicas().contains(r.region()));
  }

  private static boolean autoScaled(RegionObservation ro, CapacityDimension dim, String index) {
    return ro.scaling(dim, index).map(s -> !s.policies().isEmpty()).orElse(false);
  }

  /**
   * Why a replica (or index, when {@code index} is set) cannot be removed yet: targets this resource manages for it are
   * still registered (AWS would leave them behind), or their region was described without reading autoscaling. Null
   * when none is left.
   */
  Blocker scalingStillRegistered(String region, String index, String what) {
    for (String key : m.scalableTargets()) {
      ScalingKey k = ScalingKey.parse(key);
      boolean matches = index == null ? k.region().equals(region) : Objects.equals(k.indexName(home.tableName()), index);
      RegionObservation ro = o.regions().get(k.region());
      if (matches && ro != null && ro.scaling() == null) {
        // Not read (a shallow pass, which may change a regional table): unknown is not gone.
        return new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, "autoscaling in " + k.region() + " was not read in "
            + "this pass; " + what + " goes once its scalable targets are known to be gone");
      }
      if (matches && observedTarget(k).isPresent()) {
        return new Blocker(BlockReason.QUEUED, "after: remove autoscaling of " + what + " (AWS leaves scalable "
            + "targets behind when " + what + " goes)");
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Application Auto Scaling steps (per region; not UpdateTable-class)

  /** Register/update/deregister steps, writes first (they gate replicas), then reads, then removals. */
  List<Step> planScaling() {
    List<Step> writes = new ArrayList<>();
    List<Step> reads = new ArrayList<>();
    if (bothProvisioned()) {
      for (String region : memberRegions()) {
        RegionObservation ro = o.regions().get(region);
        if (!readyForScaling(ro)) {
          // Not read this pass, or not ready: the next deep pass decides.
          continue;
        }
        if (!region.equals(home.region()) && !home.isActive()) {
          // The home table is busy, possibly removing this very replica: its entry stays ACTIVE for the first half
          // minute of a removal (reference 1.6), and autoscaling registered now would outlive it. Once the home table
          // is ACTIVE again the entry tells.
          continue;
        }
        for (Want w : wants(region, ro.table())) {
          List<Step> out = w.dimension().isRead() ? reads : writes;
          reconcileTarget(region, ro, w, out);
        }
      }
    }
    Set<String> wanted = wantedKeys();
    List<Step> removals = new ArrayList<>();
    for (String key : m.scalableTargets()) {
      if (wanted.contains(key)) {
        continue;
      }
      ScalingKey k = ScalingKey.parse(key);
      if (observedTarget(k).isPresent()) {
        removals.add(new Step.DeregisterScalableTarget(k.region(), home.tableName(), k.indexName(home.tableName()),
            k.dimension()));
      }
    }
    List<Step> all = new ArrayList<>(writes);
    all.addAll(reads);
    all.addAll(removals);
    return all;
  }

  /** Deletion: every managed target still registered goes, before any replica or the table. */
  static List<Step> deregisterAll(Observed o, RegionalTable home, Managed m) {
    CapacityPlanner p = new CapacityPlanner(null, o, home, m);
    List<Step> out = new ArrayList<>();
    for (String key : m.scalableTargets()) {
      ScalingKey k = ScalingKey.parse(key);
      if (p.observedTarget(k).isPresent()) {
        out.add(new Step.DeregisterScalableTarget(k.region(), home.tableName(), k.indexName(home.tableName()),
            k.dimension()));
      }
    }
    return out;
  }

  private static boolean readyForScaling(RegionObservation ro) {
    return ro != null && ro.table() != null && ro.table().isActive() && ro.scaling() != null;
  }

  /**
   * Keys of every target the spec wants in a member region: those of a region read this pass, and those of a region
   * not read (or not ACTIVE), so that a shallow or early observation never plans their removal. While a switch to
   * PROVISIONED is still ahead the spec's targets are wanted too: AWS keeps targets across billing modes (reference
   * 4.1), and they are registered or updated once the table is provisioned.
   */
  private Set<String> wantedKeys() {
    Set<String> wanted = new TreeSet<>();
    if (!d.provisioned()) {
      // An on-demand spec autoscales nothing: every managed target goes.
      return wanted;
    }
    for (String region : memberRegions()) {
      RegionObservation ro = o.regions().get(region);
      if (bothProvisioned() && readyForScaling(ro)) {
        wants(region, ro.table()).forEach(w -> wanted.add(Managed.scalingKey(region, home.tableName(), w.index(),
            w.dimension())));
      } else {
        wantedAnyway(region, wanted);
      }
    }
    return wanted;
  }

  /**
   * Keys of desired targets in a region not read (or not ACTIVE) this pass: still wanted, so that a shallow or early
   * observation never plans their removal.
   */
  private void wantedAnyway(String region, Set<String> wanted) {
    RegionObservation ro = o.regions().get(region);
    RegionalTable t = ro != null && ro.table() != null ? ro.table() : home;
    for (Want w : wants(region, t)) {
      wanted.add(Managed.scalingKey(region, home.tableName(), w.index(), w.dimension()));
    }
  }

  private void reconcileTarget(String region, RegionObservation ro, Want w, List<Step> out) {
    AutoScaling a = w.autoScaling();
    Optional<ObservedScaling> target = ro.scaling(w.dimension(), w.index());
    if (target.isEmpty() || target.get().min() != a.min() || target.get().max() != a.max()) {
      out.add(new Step.RegisterScalableTarget(region, home.tableName(), w.index(), w.dimension(), a.min(), a.max()));
    }
    String name = w.dimension().policyName(CapacityDimension.resourceId(home.tableName(), w.index()));
    boolean policyOk = target.flatMap(t -> t.policy(name)).map(p -> p.matches(a)).orElse(false);
    if (!policyOk) {
      out.add(new Step.PutScalingPolicy(region, home.tableName(), w.index(), w.dimension(), a));
    }
  }

  /** One autoscaled dimension the spec wants in a region. */
  private record Want(String index, CapacityDimension dimension, AutoScaling autoScaling) {}

  /** The autoscaled dimensions the spec wants in {@code region}, for the indexes {@code table} has there. */
  private List<Want> wants(String region, RegionalTable table) {
    List<Want> out = new ArrayList<>();
    Capacity w = d.writeCapacity();
    if (w != null && w.isAutoScaled()) {
      out.add(new Want(null, CapacityDimension.TABLE_WRITE, w.autoScaling()));
    }
    Capacity r = d.readCapacity(region);
    if (r != null && r.isAutoScaled()) {
      out.add(new Want(null, CapacityDimension.TABLE_READ, r.autoScaling()));
    }
    Set<String> desiredIndexes = new LinkedHashSet<>();
    d.globalSecondaryIndexes().forEach(i -> desiredIndexes.add(i.name()));
    for (ObservedIndex i : table.globalSecondaryIndexes()) {
      if (!desiredIndexes.contains(i.name()) || "DELETING".equals(i.status())) {
        continue;
      }
      Capacity iw = d.indexWriteCapacity(i.name());
      if (iw != null && iw.isAutoScaled()) {
        out.add(new Want(i.name(), CapacityDimension.INDEX_WRITE, iw.autoScaling()));
      }
      Capacity ir = d.indexReadCapacity(region, i.name());
      if (ir != null && ir.isAutoScaled()) {
        out.add(new Want(i.name(), CapacityDimension.INDEX_READ, ir.autoScaling()));
      }
    }
    return out;
  }

  /**
   * Home plus the desired replicas the home table lists (members of this group the spec keeps), except a replica being
   * deleted: the spec may want the region back, but autoscaling registered there now would outlive the replica (AWS
   * leaves targets behind, and no table is left there to read them through); it is registered for the new replica.
   */
  private List<String> memberRegions() {
    List<String> out = new ArrayList<>();
    out.add(home.region());
    for (String region : d.replicaRegions()) {
      if (home.hasLiveMember(region)) {
        out.add(region);
      }
    }
    return out;
  }

  private Optional<ObservedScaling> observedTarget(ScalingKey k) {
    RegionObservation ro = o.regions().get(k.region());
    if (ro == null) {
      return Optional.empty();
    }
    return ro.scaling(k.dimension(), k.indexName(home.tableName()));
  }

  /** The ACTIVE-or-transitioning (not DELETING) indexes of the home table that the spec declares. */
  private List<ObservedIndex> liveDesiredIndexes() {
    Set<String> names = new LinkedHashSet<>();
    d.globalSecondaryIndexes().forEach(i -> names.add(i.name()));
    return home.globalSecondaryIndexes().stream()
        .filter(i -> names.contains(i.name()) && !"DELETING".equals(i.status())).toList();
  }

  private static OnDemandLimits normalize(OnDemandLimits l) {
    return OnDemandLimits.normalized(l.maxReadRequestUnits(), l.maxWriteRequestUnits());
  }

  private static Long positiveOrNull(Long v) {
    return v == null || v <= 0 ? null : v;
  }

  private static long unlimitedAsMinusOne(Long v) {
    return v == null ? -1L : v;
  }

  /**
   * The scalable targets to record as managed after this observation: the previous ones still registered (or in a
   * region not read this pass), plus every target the spec asks for that exists in a member region, whoever registered
   * it (AWS mirrors write autoscaling into new replicas; it is the spec's autoscaling, so it is ours to update and remove).
   *
   * <p>Also the write autoscaling AWS registers by itself because of the operator's own calls, where the spec asks for
   * none: mirrored into a replica this resource manages when it becomes ACTIVE, and the default DynamoDB registers in
   * every member region for an index created on a provisioned global table (reference 4.1), e.g. an index added while
   * a replica is leaving, or with fixed write capacity for the single region that remains. AWS leaves those behind
   * when the replica goes, and Application Auto Scaling would undo a fixed write capacity, so they are this resource's
   * to remove: write targets of the table and of its managed indexes, in the home region and in managed replica
   * regions, that carry DynamoDB's policy name (the operator's own, {@link CapacityDimension#policyName}).
   *
   * @param replicas the replica regions recorded as managed after this observation
   * @param indexes the indexes recorded as managed after this observation
   */
  static Set<String> nextScalableTargets(Desired d, Observed o, RegionalTable home, Set<String> previous,
      Set<String> replicas, Set<String> indexes) {
    CapacityPlanner p = new CapacityPlanner(d, o, home, Managed.NONE);
    Set<String> out = new TreeSet<>();
    for (String key : previous) {
      ScalingKey k = ScalingKey.parse(key);
      RegionObservation ro = o.regions().get(k.region());
      if (ro == null || ro.scaling() == null || p.observedTarget(k).isPresent()) {
        // Not read this pass (keep remembering), or still there.
        out.add(key);
      }
    }
    Set<String> regions = new LinkedHashSet<>(List.of(home.region()));
    regions.addAll(replicas);
    for (String region : regions) {
      RegionObservation ro = o.regions().get(region);
      if (ro == null || ro.scaling() == null) {
        continue;
      }
      for (ObservedScaling s : ro.scaling()) {
        boolean ours = s.dimension() == CapacityDimension.TABLE_WRITE
            || (s.dimension() == CapacityDimension.INDEX_WRITE && indexes.contains(s.indexName()));
        String name = s.dimension().policyName(CapacityDimension.resourceId(home.tableName(), s.indexName()));
        if (ours && s.policy(name).isPresent()) {
          out.add(Managed.scalingKey(region, home.tableName(), s.indexName(), s.dimension()));
        }
      }
    }
    if (!p.bothProvisioned()) {
      return out;
    }
    for (String region : p.memberRegions()) {
      RegionObservation ro = o.regions().get(region);
      if (ro == null || ro.table() == null || ro.scaling() == null) {
        continue;
      }
      for (Want w : p.wants(region, ro.table())) {
        if (ro.scaling(w.dimension(), w.index()).isPresent()) {
          out.add(Managed.scalingKey(region, home.tableName(), w.index(), w.dimension()));
        }
      }
    }
    return out;
  }

  /**
   * A parsed {@link Managed#scalingKey}: "region resourceId dimension".
   */
  record ScalingKey(String region, String resourceId, CapacityDimension dimension) {
    static ScalingKey parse(String key) {
      String[] parts = key.split(" ");
      if (parts.length != 3 || CapacityDimension.fromWireName(parts[2]) == null) {
        throw new IllegalArgumentException("not a scalable-target key: " + key);
      }
      return new ScalingKey(parts[0], parts[1], CapacityDimension.fromWireName(parts[2]));
    }

    /** The index name from the resource id, or null for the table itself. */
    String indexName(String tableName) {
      String prefix = "table/" + tableName + "/index/";
      return resourceId.startsWith(prefix) ? resourceId.substring(prefix.length()) : null;
    }
  }
}
