package dev.globaltable.operator.plan;

import static dev.globaltable.operator.plan.Fx.HOME;
import static dev.globaltable.operator.plan.Fx.TABLE;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ScalarType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately small model of a global table's control plane, for the planner's generated tests only (the real
 * simulator lives elsewhere). It rejects every call that AWS would reject for state reasons (reference 1.3, 1.4, 7.6),
 * so a plan that breaks a gate fails the test, and it moves transitions forward at random on {@link #tick()}.
 */
final class ToyAws {

  /** One region's table. */
  static final class Table {
    String status;
    final String id;
    String stream;
    OnDemandLimits onDemand = OnDemandLimits.NONE;
    final Map<String, ObservedIndex> gsis = new LinkedHashMap<>();
    final Map<String, String> tags = new TreeMap<>();
    boolean protection;

    Table(String status, String id) {
      this.status = status;
      this.id = id;
    }
  }

  private final Random rnd;
  private int incarnation;
  Table home;
  /** Members other than home, in creation order, with their ReplicaStatus. */
  final Map<String, String> members = new LinkedHashMap<>();
  /** Tables in other regions (members, or leftovers still being deleted). */
  final Map<String, Table> regional = new LinkedHashMap<>();
  final List<Step> journal = new ArrayList<>();

  ToyAws(Random rnd) {
    this.rnd = rnd;
  }

  /** A ready-made ACTIVE global table (for runs that start from an existing table). */
  void seed(List<IndexDefinition> gsis, String stream, Map<String, String> tags, List<String> replicaRegions) {
    home = new Table("ACTIVE", "id-" + (++incarnation));
    home.stream = stream;
    gsis.forEach(g -> home.gsis.put(g.name(), new ObservedIndex(g, "ACTIVE", false)));
    home.tags.putAll(tags);
    for (String r : replicaRegions) {
      members.put(r, "ACTIVE");
      regional.put(r, replicaTable("ACTIVE"));
      regional.get(r).tags.putAll(tags);
    }
  }

  private Table replicaTable(String status) {
    Table t = new Table(status, "id-" + (++incarnation));
    t.stream = home.stream;
    t.onDemand = home.onDemand;
    home.gsis.values().forEach(g -> t.gsis.put(g.name(), g));
    return t;
  }

  Observed observe(Set<String> regionsOfInterest, boolean deep) {
    Map<String, RegionObservation> obs = new LinkedHashMap<>();
    obs.put(HOME, new RegionObservation(HOME, home == null ? null : describe(HOME, home, true),
        home == null || !deep ? null : home.tags));
    if (deep) {
      Set<String> regions = new LinkedHashSet<>(regionsOfInterest);
      regions.addAll(members.keySet());
      regions.addAll(regional.keySet());
      regions.remove(HOME);
      for (String r : regions) {
        Table t = regional.get(r);
        obs.put(r, new RegionObservation(r, t == null ? null : describe(r, t, false), t == null ? null : t.tags));
      }
    }
    return new Observed(HOME, obs, deep);
  }

  private RegionalTable describe(String region, Table t, boolean isHome) {
    List<ObservedReplica> replicas = new ArrayList<>();
    if (isHome) {
      members.forEach((r, s) -> replicas.add(new ObservedReplica(r, s, null, null)));
    } else if (members.containsKey(region)) {
      replicas.add(new ObservedReplica(HOME, home == null ? "DELETING" : "ACTIVE", null, null));
      members.forEach((r, s) -> {
        if (!r.equals(region)) {
          replicas.add(new ObservedReplica(r, s, null, null));
        }
      });
    }
    return new RegionalTable(region, TABLE, Fx.arn(region), t.id, t.status, Fx.KEYS,
        Map.of("PK", ScalarType.S, "SK", ScalarType.S), "PAY_PER_REQUEST", t.onDemand, t.stream,
        new ArrayList<>(t.gsis.values()), List.of(), replicas, t.protection, Instant.EPOCH,
        replicas.isEmpty() ? null : "2019.11.21");
  }

  /** Issues one call; throws when AWS would refuse it. */
  void apply(Step step) {
    journal.add(step);
    if (step.tableMutation() && !(step instanceof Step.CreateTable)) {
      requireQuiet(step);
    }
    if (step instanceof Step.CreateTable c) {
      check(home == null, "Table already exists: " + TABLE);
      home = new Table("CREATING", "id-" + (++incarnation));
      home.stream = c.streamViewType();
      home.onDemand = c.onDemand();
      c.globalSecondaryIndexes().forEach(g -> home.gsis.put(g.name(), new ObservedIndex(g, "ACTIVE", false)));
      home.tags.putAll(c.tags());
    } else if (step instanceof Step.AddReplica a) {
      check(!a.replicaRegion().equals(HOME), "Cannot add or delete the local region through ReplicaUpdates.");
      check(!members.containsKey(a.replicaRegion()) && !regional.containsKey(a.replicaRegion()),
          "Failed to create a the new replica of table with name: '" + TABLE
              + "' because one or more replicas already existed as tables.");
      members.put(a.replicaRegion(), "CREATING");
      if (home.stream == null) {
        home.stream = "NEW_AND_OLD_IMAGES";
      }
      home.status = "UPDATING";
    } else if (step instanceof Step.RemoveReplica r) {
      check(!r.replicaRegion().equals(HOME), "Cannot add or delete the local region through ReplicaUpdates.");
      check(members.containsKey(r.replicaRegion()), "Update global table operation failed because one or more "
          + "replicas were not part of the global table.");
      Table t = regional.get(r.replicaRegion());
      check(t == null || !t.protection, "Cannot delete table " + TABLE + " in region " + r.replicaRegion()
          + " because it has deletion protection enabled. Disable deletion protection first.");
      members.put(r.replicaRegion(), "DELETING");
      home.status = "UPDATING";
    } else if (step instanceof Step.CreateIndex c) {
      check(!home.gsis.containsKey(c.index().name()), "index exists");
      ObservedIndex i = new ObservedIndex(c.index(), "CREATING", true);
      home.gsis.put(c.index().name(), i);
      regional.values().forEach(t -> t.gsis.put(c.index().name(), i));
      home.status = "UPDATING";
    } else if (step instanceof Step.DeleteIndex d) {
      check(home.gsis.containsKey(d.indexName()), "Requested resource not found");
      ObservedIndex old = home.gsis.get(d.indexName());
      ObservedIndex i = new ObservedIndex(old.definition(), "DELETING", false);
      home.gsis.put(d.indexName(), i);
      regional.values().forEach(t -> t.gsis.put(d.indexName(), i));
      home.status = "UPDATING";
    } else if (step instanceof Step.UpdateOnDemandThroughput u) {
      home.onDemand = u.limits();
      regional.values().forEach(t -> t.onDemand = u.limits());
      home.status = "UPDATING";
    } else if (step instanceof Step.UpdateStream s) {
      check(members.isEmpty(), "One or more parameter values were invalid: Disabling Stream is not allowed for a "
          + "Global Table replica.");
      if (s.viewType() == null) {
        check(home.stream != null, "Table has no stream to disable: TableName: " + TABLE);
      } else {
        check(home.stream == null, "Table already has an enabled stream: TableName: " + TABLE);
      }
      home.stream = s.viewType();
      home.status = "UPDATING";
    } else if (step instanceof Step.TagTable t) {
      Table target = target(t.region(), t.resourceArn());
      target.tags.putAll(t.tags());
    } else if (step instanceof Step.UntagTable u) {
      Table target = target(u.region(), u.resourceArn());
      u.keys().forEach(target.tags::remove);
    } else if (step instanceof Step.DeleteTable d) {
      check(members.isEmpty(), "Replica cannot be deleted because it has acted as a source region for new "
          + "replica(s) being added to the table in the last 24 hours.");
      check(regional.isEmpty(), "a replica table still exists");
      check(!home.protection, "Resource cannot be deleted as it is currently protected against deletion. Disable "
          + "deletion protection first.");
      home.status = "DELETING";
    }
  }

  private Table target(String region, String arn) {
    check(arn.equals(Fx.arn(region)), "Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    Table t = region.equals(HOME) ? home : regional.get(region);
    check(t != null && "ACTIVE".equals(t.status), "Requested resource not found: " + arn);
    return t;
  }

  private void requireQuiet(Step step) {
    check(home != null, "Requested resource not found");
    check("ACTIVE".equals(home.status), "ResourceInUse (" + step.describe() + "): table is " + home.status);
    members.forEach((r, s) -> check("ACTIVE".equals(s),
        "ResourceInUse (" + step.describe() + "): replica " + r + " is " + s));
    List<Table> all = new ArrayList<>(List.of(home));
    members.keySet().forEach(r -> {
      Table t = regional.get(r);
      check(t != null && "ACTIVE".equals(t.status), "ResourceInUse (" + step.describe() + "): table in " + r);
      all.add(t);
    });
    for (Table t : all) {
      t.gsis.values().forEach(i -> check(i.isActive() && !i.backfilling(),
          "LimitExceeded (" + step.describe() + "): Only 1 online index can be created or deleted simultaneously"));
    }
  }

  private static void check(boolean ok, String error) {
    if (!ok) {
      throw new IllegalStateException(error);
    }
  }

  /** Moves every transition forward with some probability (AWS timings vary). */
  void tick() {
    if (home == null) {
      return;
    }
    if (!"ACTIVE".equals(home.status) && rnd.nextInt(10) < 6) {
      if ("DELETING".equals(home.status)) {
        home = null;
        return;
      }
      home.status = "ACTIVE";
    }
    for (String r : new ArrayList<>(regional.keySet())) {
      Table t = regional.get(r);
      if ("DELETING".equals(t.status) && !members.containsKey(r) && rnd.nextInt(10) < 6) {
        regional.remove(r);
      } else if ("CREATING".equals(t.status) && rnd.nextInt(10) < 6) {
        t.status = "ACTIVE";
      }
    }
    for (String r : new ArrayList<>(members.keySet())) {
      String s = members.get(r);
      if (rnd.nextInt(10) >= 6) {
        continue;
      }
      if ("CREATING".equals(s)) {
        Table t = regional.get(r);
        if (t == null) {
          regional.put(r, replicaTable("CREATING"));
        } else if ("ACTIVE".equals(t.status)) {
          members.put(r, "ACTIVE");
        }
      } else if ("DELETING".equals(s)) {
        members.remove(r);
        if (regional.containsKey(r)) {
          regional.get(r).status = "DELETING";
        }
      }
    }
    for (String name : new ArrayList<>(home.gsis.keySet())) {
      ObservedIndex i = home.gsis.get(name);
      if (rnd.nextInt(10) >= 6) {
        continue;
      }
      if ("DELETING".equals(i.status())) {
        home.gsis.remove(name);
        regional.values().forEach(t -> t.gsis.remove(name));
      } else if (!i.isActive() || i.backfilling()) {
        ObservedIndex done = new ObservedIndex(i.definition(), "ACTIVE", false);
        home.gsis.put(name, done);
        regional.values().forEach(t -> t.gsis.put(name, done));
      }
    }
  }
}
