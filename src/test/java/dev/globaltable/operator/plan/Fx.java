package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.DeletionPolicy;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ScalarType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small builders that keep planner fixtures readable: a spec, a table per region, an observation. */
final class Fx {
  static final String HOME = "us-east-1";
  static final String EU = "eu-west-1";
  static final String AP = "ap-south-1";
  static final String US2 = "us-west-2";
  static final String TABLE = "Orders";
  static final String OWNER = "shop/orders";
  static final KeySchema KEYS = keys("PK", "SK");

  static final IndexDefinition BY_CUSTOMER = gsi("ByCustomer", "CustomerId", "CreatedAt", Projection.ALL);
  static final IndexDefinition BY_STATUS = gsi("ByStatus", "Status", null, new Projection("KEYS_ONLY", List.of()));
  static final IndexDefinition BY_SKU = gsi("BySku", "Sku", null,
      new Projection("INCLUDE", List.of("Price", "Title")));
  static final IndexDefinition BY_DATE = new IndexDefinition("ByDate", keys("PK", "OrderDate"), Projection.ALL);

  private Fx() {
  }

  static KeySchema keys(String pk, String sk) {
    return new KeySchema(new KeyAttribute(pk, ScalarType.S), sk == null ? null : new KeyAttribute(sk, ScalarType.S));
  }

  static IndexDefinition gsi(String name, String pk, String sk, Projection projection) {
    return new IndexDefinition(name, keys(pk, sk), projection);
  }

  static String arn(String region) {
    return "arn:aws:dynamodb:" + region + ":111122223333:table/" + TABLE;
  }

  /** The owner tag plus the default spec tag: what a converged table carries. */
  static Map<String, String> ownedTags() {
    return Map.of(Desired.OWNER_TAG, OWNER, "team", "payments");
  }

  static Map<String, String> tags(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // spec

  static DesiredB desired(String... regions) {
    return new DesiredB(regions.length == 0 ? List.of(HOME) : Arrays.asList(regions));
  }

  static final class DesiredB {
    private List<String> regions;
    private List<IndexDefinition> gsis = new ArrayList<>();
    private List<IndexDefinition> lsis = new ArrayList<>();
    private String stream;
    private Map<String, String> tags = new TreeMap<>(Map.of("team", "payments"));
    private OnDemandLimits onDemand = OnDemandLimits.NONE;
    private DeletionPolicy policy = DeletionPolicy.RETAIN;
    private KeySchema keys = KEYS;

    DesiredB(List<String> regions) {
      this.regions = regions;
    }

    DesiredB gsi(IndexDefinition... defs) {
      gsis.addAll(List.of(defs));
      return this;
    }

    DesiredB lsi(IndexDefinition... defs) {
      lsis.addAll(List.of(defs));
      return this;
    }

    DesiredB stream(String viewType) {
      stream = viewType;
      return this;
    }

    DesiredB tags(Map<String, String> t) {
      tags = new TreeMap<>(t);
      return this;
    }

    DesiredB onDemand(Long read, Long write) {
      onDemand = new OnDemandLimits(read, write);
      return this;
    }

    DesiredB delete() {
      policy = DeletionPolicy.DELETE;
      return this;
    }

    DesiredB keys(KeySchema k) {
      keys = k;
      return this;
    }

    Desired build() {
      Map<String, String> all = new TreeMap<>(tags);
      all.put(Desired.OWNER_TAG, OWNER);
      return new Desired(TABLE, HOME, keys, "PAY_PER_REQUEST", onDemand, gsis, lsis, stream, all, regions, policy,
          false, OWNER);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // AWS

  static ObservedReplica rep(String region) {
    return rep(region, "ACTIVE");
  }

  static ObservedReplica rep(String region, String status) {
    return new ObservedReplica(region, status, null, null);
  }

  static ObservedReplica rep(String region, String status, String description, Integer progress) {
    return new ObservedReplica(region, status, description, progress);
  }

  static ObservedIndex idx(IndexDefinition def) {
    return new ObservedIndex(def, "ACTIVE", false);
  }

  static ObservedIndex idx(IndexDefinition def, String status, boolean backfilling) {
    return new ObservedIndex(def, status, backfilling);
  }

  static TableB table() {
    return new TableB(HOME);
  }

  static TableB table(String region) {
    return new TableB(region);
  }

  static final class TableB {
    private final String region;
    private String status = "ACTIVE";
    private String id;
    private KeySchema keys = KEYS;
    private String billing = "PAY_PER_REQUEST";
    private OnDemandLimits onDemand = OnDemandLimits.NONE;
    private String stream;
    private final List<ObservedIndex> gsis = new ArrayList<>();
    private final List<IndexDefinition> lsis = new ArrayList<>();
    private final List<ObservedReplica> replicas = new ArrayList<>();
    private boolean protection;

    TableB(String region) {
      this.region = region;
      this.id = "id-" + region;
    }

    TableB status(String s) {
      status = s;
      return this;
    }

    TableB id(String tableId) {
      id = tableId;
      return this;
    }

    TableB keys(KeySchema k) {
      keys = k;
      return this;
    }

    TableB billing(String mode) {
      billing = mode;
      return this;
    }

    TableB onDemand(Long read, Long write) {
      onDemand = new OnDemandLimits(read, write);
      return this;
    }

    TableB stream(String viewType) {
      stream = viewType;
      return this;
    }

    TableB gsi(IndexDefinition... defs) {
      for (IndexDefinition d : defs) {
        gsis.add(idx(d));
      }
      return this;
    }

    TableB gsi(ObservedIndex... indexes) {
      gsis.addAll(List.of(indexes));
      return this;
    }

    TableB lsi(IndexDefinition... defs) {
      lsis.addAll(List.of(defs));
      return this;
    }

    /** Replicas in AWS order (creation order); plain region names are ACTIVE. */
    TableB replicas(String... regions) {
      for (String r : regions) {
        replicas.add(rep(r));
      }
      return this;
    }

    TableB replicas(ObservedReplica... rs) {
      replicas.addAll(List.of(rs));
      return this;
    }

    TableB protectedFromDeletion() {
      protection = true;
      return this;
    }

    RegionalTable build() {
      return new RegionalTable(region, TABLE, arn(region), id, status, keys,
          Map.of("PK", ScalarType.S, "SK", ScalarType.S), billing, onDemand, stream, gsis, lsis, replicas, protection,
          Instant.parse("2026-11-01T00:00:00Z"), replicas.isEmpty() ? null : "2019.11.21");
    }
  }

  /** An observation whose home table is {@code home}, with owned tags read, not deep. */
  static ObsB observe(TableB home) {
    return new ObsB(home == null ? null : home.build());
  }

  /** An observation in which the home table does not exist. */
  static ObsB absent() {
    return new ObsB(null);
  }

  static final class ObsB {
    private final RegionalTable home;
    private Map<String, String> homeTags;
    private final Map<String, RegionObservation> others = new LinkedHashMap<>();
    private boolean deep;

    ObsB(RegionalTable home) {
      this.home = home;
      this.homeTags = home == null ? null : ownedTags();
    }

    ObsB homeTags(Map<String, String> t) {
      homeTags = t;
      return this;
    }

    ObsB deep() {
      deep = true;
      return this;
    }

    /** Another region with its table (null = ResourceNotFound) and tags (null = not read). */
    ObsB region(String region, TableB table, Map<String, String> tags) {
      others.put(region, new RegionObservation(region, table == null ? null : table.build(), tags));
      return this;
    }

    /** Another region holding an ACTIVE member table with owned tags. */
    ObsB member(String region, TableB table) {
      return region(region, table, ownedTags());
    }

    Observed build() {
      Map<String, RegionObservation> regions = new LinkedHashMap<>();
      regions.put(HOME, new RegionObservation(HOME, home, home == null ? null : homeTags));
      regions.putAll(others);
      return new Observed(HOME, regions, deep);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // plan inspection

  static List<Step> steps(Plan p) {
    return p.steps().stream().map(PlannedStep::step).toList();
  }

  static List<Blocker> blockers(Plan p) {
    return p.steps().stream().map(PlannedStep::blockedBy).toList();
  }

  static Blocker queued(Step after) {
    return new Blocker(BlockReason.QUEUED, "after: " + after.describe());
  }

  static Step.AddReplica add(String region) {
    return new Step.AddReplica(HOME, TABLE, region);
  }

  static Step.RemoveReplica remove(String region) {
    return new Step.RemoveReplica(HOME, TABLE, region);
  }

  static Step.DeleteIndex deleteIndex(String name) {
    return new Step.DeleteIndex(HOME, TABLE, name);
  }

  static Step.CreateIndex createIndex(Desired d, IndexDefinition def) {
    return new Step.CreateIndex(HOME, TABLE, def, d.attributeDefinitions());
  }

  static Managed managed(List<String> replicas, List<String> indexes) {
    return new Managed(new java.util.HashSet<>(replicas), new java.util.HashSet<>(indexes));
  }
}
