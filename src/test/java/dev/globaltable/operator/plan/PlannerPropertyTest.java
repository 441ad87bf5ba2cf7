package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.AP;
import static dev.globaltable.operator.plan.Fx.BY_CUSTOMER;
import static dev.globaltable.operator.plan.Fx.BY_SKU;
import static dev.globaltable.operator.plan.Fx.BY_STATUS;
import static dev.globaltable.operator.plan.Fx.EU;
import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.OWNER;
import static dev.globaltable.operator.plan.Fx.US2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Generated cases (seeded, so a failure names its seed and replays exactly).
 *
 * <p>1. Random spec x random observation x random managed set: invariants every plan must keep.
 * <p>2. Random runs against {@link ToyAws}, which refuses every call AWS would refuse: observe, plan, apply
 * {@code plan.next()}, let AWS move, repeat; the run must converge to the spec without a refused call.
 */
class PlannerPropertyTest {
  private static final String CA = "ca-central-1";
  private static final List<String> OTHERS = List.of(EU, AP, US2, CA);
  private static final IndexDefinition BY_CUSTOMER_RESHAPED = Fx.gsi("ByCustomer", "CustomerId", null,
      new Projection("KEYS_ONLY", List.of()));
  private static final List<IndexDefinition> GSIS = List.of(BY_CUSTOMER, BY_STATUS, BY_SKU);
  private static final List<String> STREAMS = java.util.Arrays.asList(null, "KEYS_ONLY", "NEW_AND_OLD_IMAGES");
  private static final String[] TABLE_STATES = {"ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "CREATING", "UPDATING",
      "DELETING"};
  private static final String[] REPLICA_STATES = {"ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "CREATING", "DELETING",
      "UPDATING", "CREATION_FAILED"};

  private final Planner planner = new Planner();

  // ---------------------------------------------------------------------------------------------------------------
  // 1. invariants over random inputs

  @Test
  void everyPlanKeepsTheInvariants() {
    for (long seed = 1; seed <= 3000; seed++) {
      Random rnd = new Random(seed);
      Desired d = randomDesired(rnd);
      Observed o = randomObserved(rnd, d);
      Managed m = randomManaged(rnd);
      String verified = rnd.nextInt(3) == 0 ? "id-" + HOME : null;
      Plan plan = planner.plan(d, o, m, verified);
      try {
        checkPlan(d, o, m, verified, plan);
        assertThat(planner.plan(d, o, m, verified)).as("deterministic").isEqualTo(plan);
        Desired del = withPolicy(d);
        checkDeletionPlan(o, planner.planDeletion(del, o, verified), verified);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + "\ndesired " + d + "\nobserved " + o + "\nmanaged " + m
            + "\nplan " + plan + "\n" + e.getMessage(), e);
      }
    }
  }

  private static void checkPlan(Desired d, Observed o, Managed m, String verified, Plan plan) {
    RegionalTable home = o.homeTable();
    List<PlannedStep> runnable = plan.steps().stream().filter(PlannedStep::runnable).toList();
    List<Step> steps = plan.steps().stream().map(PlannedStep::step).toList();

    assertThat(runnable.stream().filter(s -> s.step().tableMutation()).count())
        .as("at most one runnable table step").isLessThanOrEqualTo(1);
    if (plan.isStalled()) {
      assertThat(plan.next()).as("a stalled plan runs nothing").isEmpty();
    }
    if (plan.next().isEmpty()) {
      assertThat(plan.isConverged() || plan.blocker() != null)
          .as("a plan that runs nothing says why (or is converged)").isTrue();
    }
    if (plan.blocker() != null) {
      assertThat(plan.blocker().reason()).as("QUEUED is never the plan's blocker").isNotEqualTo(BlockReason.QUEUED);
    }
    for (Step s : steps) {
      if (s.tableMutation()) {
        assertThat(s.region()).as("table steps go to the home region").isEqualTo(HOME);
      }
      if (s instanceof Step.AddReplica a) {
        assertThat(a.replicaRegion()).isNotEqualTo(HOME);
        assertThat(d.regions()).contains(a.replicaRegion());
      }
      if (s instanceof Step.RemoveReplica r) {
        assertThat(r.replicaRegion()).isNotEqualTo(HOME);
        assertThat(m.replicas()).as("only managed replicas are removed").contains(r.replicaRegion());
        assertThat(d.regions()).doesNotContain(r.replicaRegion());
      }
      if (s instanceof Step.UntagTable u) {
        assertThat(u.keys()).allMatch(k -> m.tagKeys().contains(k) && !k.startsWith("aws:")
            && !k.equals(Desired.OWNER_TAG) && !d.tags().containsKey(k));
      }
      if (s instanceof Step.TagTable t) {
        assertThat(t.region().equals(HOME) || home.replica(t.region()).isPresent())
            .as("only members are tagged").isTrue();
        assertThat(t.tags()).containsEntry(Desired.OWNER_TAG, OWNER);
      }
    }
    for (PlannedStep ps : runnable) {
      if (ps.step() instanceof Step.DeleteIndex di) {
        assertThat(m.indexes()).as("only managed indexes are deleted").contains(di.indexName());
        assertThat(d.globalSecondaryIndexes()).noneMatch(g -> g.name().equals(di.indexName()));
      }
    }
    boolean addPending = steps.stream().anyMatch(s -> s instanceof Step.AddReplica);
    for (PlannedStep ps : runnable) {
      if (ps.step() instanceof Step.RemoveReplica r && addPending) {
        assertThat(home.replica(r.replicaRegion()).orElseThrow().status())
            .as("a replica is removed while an add is pending only when it failed").isEqualTo("CREATION_FAILED");
      }
    }
    if (home == null) {
      assertThat(steps.get(0)).isInstanceOf(Step.CreateTable.class);
      assertThat(plan.next()).containsInstanceOf(Step.CreateTable.class);
      return;
    }
    assertThat(steps).noneMatch(s -> s instanceof Step.CreateTable || s instanceof Step.DeleteTable);
    boolean owned = home.tableId().equals(verified) || (o.home().tags() != null
        && OWNER.equals(o.home().tags().get(Desired.OWNER_TAG)));
    if (!owned) {
      assertThat(steps).as("nothing is planned for a table not known to be ours").isEmpty();
      assertThat(plan.blocker()).isNotNull();
    }
    for (PlannedStep ps : runnable) {
      if (ps.step().tableMutation()) {
        String exempt = ps.step() instanceof Step.RemoveReplica r ? r.replicaRegion() : null;
        String closed = closedGate(o, home, exempt);
        assertThat(closed).as("runnable " + ps.step().describe() + " with a closed gate").isNull();
        if (ps.step() instanceof Step.UpdateStream) {
          assertThat(home.replicas()).as("no stream change while replicas exist").isEmpty();
        }
        if (ps.step() instanceof Step.AddReplica a) {
          RegionObservation there = o.regions().get(a.replicaRegion());
          assertThat(there).as("added region was described").isNotNull();
          assertThat(there.table()).as("added region holds no table").isNull();
        }
      }
    }
  }

  /** An independent statement of reference 1.4: null when every gate is open. */
  private static String closedGate(Observed o, RegionalTable home, String exemptFailed) {
    if (!home.isActive()) {
      return "home " + home.status();
    }
    for (ObservedReplica r : home.replicas()) {
      boolean exempt = r.region().equals(exemptFailed) && "CREATION_FAILED".equals(r.status());
      if (!r.isActive() && !exempt) {
        return r.region() + " " + r.status();
      }
    }
    for (ObservedIndex i : home.globalSecondaryIndexes()) {
      if (!i.isActive() || i.backfilling()) {
        return "index " + i.name();
      }
    }
    for (ObservedReplica r : home.replicas()) {
      if (r.region().equals(exemptFailed)) {
        continue;
      }
      if (!o.deep() || o.regions().get(r.region()) == null || o.regions().get(r.region()).table() == null) {
        return "replica region " + r.region() + " not read";
      }
      RegionalTable t = o.regions().get(r.region()).table();
      if (!t.isActive() || t.globalSecondaryIndexes().stream().anyMatch(i -> !i.isActive() || i.backfilling())) {
        return "replica region " + r.region() + " busy";
      }
    }
    return null;
  }

  private static void checkDeletionPlan(Observed o, Plan plan, String verified) {
    RegionalTable home = o.homeTable();
    List<Step> steps = plan.steps().stream().map(PlannedStep::step).toList();
    List<PlannedStep> runnable = plan.steps().stream().filter(PlannedStep::runnable).toList();
    assertThat(runnable).as("deletion: at most one runnable step").hasSizeLessThanOrEqualTo(1);
    assertThat(steps).allMatch(s -> s instanceof Step.RemoveReplica || s instanceof Step.DeleteTable);
    if (plan.isStalled()) {
      assertThat(plan.next()).isEmpty();
    }
    if (home == null) {
      assertThat(plan.isConverged()).isTrue();
      return;
    }
    boolean owned = home.tableId().equals(verified) || (o.home().tags() != null
        && OWNER.equals(o.home().tags().get(Desired.OWNER_TAG)));
    if (!owned) {
      assertThat(steps).isEmpty();
    }
    if (!steps.isEmpty()) {
      assertThat(steps.get(steps.size() - 1)).isInstanceOf(Step.DeleteTable.class);
    }
    for (PlannedStep ps : runnable) {
      assertThat(o.deep()).as("deletion runs only after a deep observation").isTrue();
      assertThat(home.deletionProtection()).isFalse();
      String exempt = ps.step() instanceof Step.RemoveReplica r ? r.replicaRegion() : null;
      assertThat(closedGate(o, home, exempt)).isNull();
      for (ObservedReplica r : home.replicas()) {
        assertThat(o.regions().get(r.region()).table() == null
            || !o.regions().get(r.region()).table().deletionProtection()).isTrue();
      }
      if (ps.step() instanceof Step.DeleteTable) {
        assertThat(home.replicas()).as("home table goes last").isEmpty();
        assertThat(o.regions().values()).allMatch(ro -> ro.region().equals(HOME) || ro.table() == null
            || !"DELETING".equals(ro.table().status()));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 2. runs against the toy control plane

  @Test
  void repeatedlyApplyingThePlanConvergesWithoutARefusedCall() {
    int converged = 0;
    for (long seed = 1; seed <= 400; seed++) {
      Random rnd = new Random(seed);
      ToyAws aws = new ToyAws(rnd);
      Desired first = randomDesired(rnd);
      Managed managed = Managed.NONE;
      Set<String> outOfBand = new HashSet<>();
      if (rnd.nextBoolean()) {
        // Start from an existing table of ours that has an out-of-band replica and index.
        List<String> replicas = subset(rnd, OTHERS);
        List<IndexDefinition> gsis = new ArrayList<>(subset(rnd, GSIS));
        aws.seed(gsis, replicas.isEmpty() ? pick(rnd, STREAMS) : "NEW_AND_OLD_IMAGES", first.tags(), replicas);
        Set<String> managedReplicas = new HashSet<>(subset(rnd, replicas));
        managedReplicas.addAll(replicas.stream().filter(first.regions()::contains).toList());
        replicas.stream().filter(r -> !managedReplicas.contains(r)).forEach(outOfBand::add);
        Set<String> managedIndexes = new HashSet<>();
        gsis.forEach(g -> managedIndexes.add(g.name()));
        managed = new Managed(managedReplicas, managedIndexes, first.tags().keySet());
      }
      Desired second = rnd.nextBoolean() ? randomDesired(rnd) : first;
      Run run = new Run(aws, rnd, managed);
      try {
        run.until(first, 150);
        if (run.stalled) {
          assertStreamStall(run, aws);
          continue;
        }
        run.until(second, 150);
        if (run.stalled) {
          assertStreamStall(run, aws);
          continue;
        }
        assertMatches(second, aws, run.managed, outOfBand, run.everDesired);
        converged++;
        Run deletion = new Run(aws, rnd, run.managed);
        deletion.untilDeleted(withPolicy(second), 200);
        assertThat(aws.home).as("table deleted").isNull();
        assertThat(aws.regional).as("every replica table deleted").isEmpty();
      } catch (AssertionError | IllegalStateException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\njournal " + aws.journal, e);
      }
    }
    // Most runs converge; stream stalls are the only accepted exception.
    assertThat(converged).isGreaterThan(300);
  }

  private static void assertStreamStall(Run run, ToyAws aws) {
    assertThat(run.last.blocker().reason()).isEqualTo(BlockReason.NOT_ALLOWED);
    assertThat(run.last.blocker().message()).startsWith("spec.stream.viewType");
    assertThat(aws.members).isNotEmpty();
  }

  private static void assertMatches(Desired d, ToyAws aws, Managed managed, Set<String> outOfBand,
      Set<String> everDesired) {
    assertThat(aws.home.status).isEqualTo("ACTIVE");
    Set<String> members = aws.members.keySet();
    assertThat(members).containsAll(d.replicaRegions());
    for (String r : members) {
      if (!d.regions().contains(r)) {
        assertThat(outOfBand).as("only out-of-band replicas stay: " + r).contains(r);
        assertThat(everDesired).doesNotContain(r);
      }
    }
    assertThat(aws.members.values()).allMatch("ACTIVE"::equals);
    for (IndexDefinition g : d.globalSecondaryIndexes()) {
      assertThat(aws.home.gsis).containsKey(g.name());
    }
    for (String name : aws.home.gsis.keySet()) {
      if (d.globalSecondaryIndexes().stream().noneMatch(g -> g.name().equals(name))) {
        assertThat(managed.indexes()).as("leftover index " + name + " is not managed").doesNotContain(name);
      }
    }
    if (d.streamViewType() != null) {
      assertThat(aws.home.stream).isEqualTo(d.streamViewType());
    }
    assertThat(OnDemandLimits.normalized(aws.home.onDemand.maxReadRequestUnits(),
        aws.home.onDemand.maxWriteRequestUnits())).isEqualTo(d.onDemand());
    // Tags in every desired region; out-of-band replicas are not the operator's to tag.
    List<ToyAws.Table> tables = new ArrayList<>(List.of(aws.home));
    d.replicaRegions().forEach(r -> tables.add(aws.regional.get(r)));
    for (ToyAws.Table t : tables) {
      assertThat(t.tags).containsAllEntriesOf(d.tags());
    }
  }

  /** The reconciler's loop, reduced to what the planner sees. */
  private final class Run {
    final ToyAws aws;
    final Random rnd;
    Managed managed;
    String verified;
    Plan last;
    boolean stalled;
    final Set<String> everDesired = new HashSet<>();

    Run(ToyAws aws, Random rnd, Managed managed) {
      this.aws = aws;
      this.rnd = rnd;
      this.managed = managed;
    }

    void until(Desired d, int maxPasses) {
      everDesired.addAll(d.replicaRegions());
      loop(d, maxPasses, () -> planner.plan(d, observed, managed, verified), false);
    }

    void untilDeleted(Desired d, int maxPasses) {
      loop(d, maxPasses, () -> planner.planDeletion(d, observed, verified), true);
    }

    private Observed observed;

    private void loop(Desired d, int maxPasses, Supplier<Plan> planFn, boolean deleting) {
      stalled = false;
      for (int pass = 0; pass < maxPasses; pass++) {
        observed = aws.observe(new LinkedHashSet<>(d.regions()), rnd.nextInt(3) == 0);
        Plan plan = planFn.get();
        if (plan.blocker() != null && plan.blocker().reason() == BlockReason.NEEDS_DEEP_OBSERVATION) {
          // The reconciler re-observes deep in the same pass.
          observed = aws.observe(new LinkedHashSet<>(d.regions()), true);
          plan = planFn.get();
        }
        last = plan;
        if (!deleting) {
          checkPlan(d, observed, managed, verified, plan);
        } else {
          checkDeletionPlan(observed, plan, verified);
        }
        RegionalTable home = observed.homeTable();
        if (home != null && observed.home().tags() != null
            && OWNER.equals(observed.home().tags().get(Desired.OWNER_TAG))) {
          verified = home.tableId();
        }
        managed = Planner.nextManaged(d, observed, managed);
        if (plan.isConverged() && (observed.deep() || deleting)) {
          return;
        }
        if (plan.isStalled()) {
          stalled = true;
          return;
        }
        plan.next().ifPresent(aws::apply);
        aws.tick();
      }
      fail("no convergence after " + maxPasses + " passes; last plan " + last);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // generators

  private static Desired randomDesired(Random rnd) {
    List<String> regions = new ArrayList<>(subset(rnd, OTHERS));
    regions.add(rnd.nextInt(regions.size() + 1), HOME);
    Map<String, String> tags = new TreeMap<>();
    if (rnd.nextBoolean()) {
      tags.put("team", pick(rnd, List.of("payments", "search")));
    }
    if (rnd.nextBoolean()) {
      tags.put("env", "prod");
    }
    tags.put(Desired.OWNER_TAG, OWNER);
    Long read = rnd.nextInt(3) == 0 ? Long.valueOf(4000) : null;
    Long write = rnd.nextInt(3) == 0 ? Long.valueOf(2000) : null;
    return new Desired(Fx.TABLE, HOME, Fx.KEYS, "PAY_PER_REQUEST", new OnDemandLimits(read, write),
        subset(rnd, GSIS), List.of(), pick(rnd, STREAMS), tags, regions, null, false, OWNER);
  }

  private static Desired withPolicy(Desired d) {
    return new Desired(d.tableName(), d.homeRegion(), d.keySchema(), d.billingMode(), d.onDemand(),
        d.globalSecondaryIndexes(), d.localSecondaryIndexes(), d.streamViewType(), d.tags(), d.regions(),
        dev.globaltable.operator.model.DeletionPolicy.DELETE, false, d.owner());
  }

  private static Managed randomManaged(Random rnd) {
    List<String> replicas = new ArrayList<>(subset(rnd, OTHERS));
    if (rnd.nextInt(10) == 0) {
      replicas.add(HOME); // a corrupt status must still never make the home region removable
    }
    List<String> indexes = subset(rnd, List.of("ByCustomer", "ByStatus", "BySku"));
    return new Managed(new HashSet<>(replicas), new HashSet<>(indexes),
        new HashSet<>(subset(rnd, List.of("team", "env", "old", "aws:x", Desired.OWNER_TAG))));
  }

  private static Observed randomObserved(Random rnd, Desired d) {
    boolean deep = rnd.nextBoolean();
    Map<String, RegionObservation> regions = new LinkedHashMap<>();
    if (rnd.nextInt(10) == 0) {
      regions.put(HOME, new RegionObservation(HOME, null, null));
      return new Observed(HOME, regions, deep);
    }
    List<ObservedReplica> replicas = new ArrayList<>();
    for (String r : subset(rnd, OTHERS)) {
      replicas.add(new ObservedReplica(r, pick(rnd, REPLICA_STATES), null, rnd.nextBoolean() ? 50 : null));
    }
    Fx.TableB home = Fx.table().status(pick(rnd, TABLE_STATES)).stream(pick(rnd, STREAMS))
        .gsi(randomIndexes(rnd)).replicas(replicas.toArray(ObservedReplica[]::new));
    if (rnd.nextInt(4) == 0) {
      home.onDemand(4000L, -1L);
    }
    if (rnd.nextInt(8) == 0) {
      home.protectedFromDeletion();
    }
    Map<String, String> homeTags = switch (rnd.nextInt(6)) {
      case 0 -> null;
      case 1 -> Map.of(Desired.OWNER_TAG, "ns/other");
      case 2 -> Map.of("team", "payments", "old", "1", "aws:x", "y");
      default -> tagsFor(rnd);
    };
    regions.put(HOME, new RegionObservation(HOME, home.build(), homeTags));
    if (deep) {
      Set<String> interesting = new LinkedHashSet<>(d.replicaRegions());
      replicas.forEach(r -> interesting.add(r.region()));
      for (String r : interesting) {
        if (rnd.nextInt(12) == 0) {
          continue; // a region the deep pass did not reach
        }
        boolean member = replicas.stream().anyMatch(x -> x.region().equals(r));
        Fx.TableB t = null;
        if (member ? rnd.nextInt(10) != 0 : rnd.nextInt(4) == 0) {
          t = Fx.table(r).status(pick(rnd, TABLE_STATES)).gsi(randomIndexes(rnd));
          if (rnd.nextInt(8) == 0) {
            t.protectedFromDeletion();
          }
          if (!member && rnd.nextBoolean()) {
            t.replicas(HOME);
          }
        }
        regions.put(r, new RegionObservation(r, t == null ? null : t.build(),
            t == null || rnd.nextInt(4) == 0 ? null : tagsFor(rnd)));
      }
    }
    return new Observed(HOME, regions, deep);
  }

  private static Map<String, String> tagsFor(Random rnd) {
    Map<String, String> tags = new TreeMap<>();
    tags.put(Desired.OWNER_TAG, OWNER);
    if (rnd.nextBoolean()) {
      tags.put("team", "payments");
    }
    if (rnd.nextBoolean()) {
      tags.put("old", "1");
    }
    if (rnd.nextBoolean()) {
      tags.put("aws:x", "y");
    }
    return tags;
  }

  private static ObservedIndex[] randomIndexes(Random rnd) {
    List<IndexDefinition> defs = new ArrayList<>(subset(rnd, GSIS));
    if (rnd.nextInt(6) == 0) {
      defs.replaceAll(g -> g.name().equals("ByCustomer") ? BY_CUSTOMER_RESHAPED : g);
    }
    String[] states = {"ACTIVE", "ACTIVE", "ACTIVE", "CREATING", "DELETING", "UPDATING"};
    return defs.stream().map(g -> new ObservedIndex(g, pick(rnd, List.of(states)), rnd.nextInt(5) == 0))
        .toArray(ObservedIndex[]::new);
  }

  private static <T> List<T> subset(Random rnd, List<T> from) {
    List<T> shuffled = new ArrayList<>(from);
    Collections.shuffle(shuffled, rnd);
    return List.copyOf(shuffled.subList(0, rnd.nextInt(from.size() + 1)));
  }

  private static <T> T pick(Random rnd, List<T> from) {
    return from.get(rnd.nextInt(from.size()));
  }

  private static String pick(Random rnd, String[] from) {
    return from[rnd.nextInt(from.length)];
  }
}
