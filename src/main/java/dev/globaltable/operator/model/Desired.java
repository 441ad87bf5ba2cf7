package dev.globaltable.operator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The spec with defaults applied, already validated. Pure data; the planner's input.
 *
 * @param tableName table name in every region
 * @param homeRegion region of CreateTable and of every group-wide call
 * @param keySchema table key schema
 * @param billingMode AWS wire name: PAY_PER_REQUEST or PROVISIONED
 * @param onDemand on-demand limits of the table (NONE = unlimited; PAY_PER_REQUEST only)
 * @param globalSecondaryIndexes GSIs in spec order
 * @param localSecondaryIndexes LSIs in spec order (their partition key is the table's)
 * @param streamViewType AWS view type, or null when the spec leaves the stream alone
 * @param tags every tag to apply in every region, the owner tag included
 * @param regions every region the table must live in, home included, in spec order
 * @param deletionPolicy RETAIN or DELETE
 * @param suspend observe only
 * @param owner value of the owner tag ("namespace/name")
 * @param readCapacity table read capacity, the default of every region (PROVISIONED only, else null)
 * @param writeCapacity table write capacity, group-wide (PROVISIONED only, else null)
 * @param indexThroughput throughput of each GSI by name (absent = {@link IndexThroughput#NONE})
 * @param replicaThroughput per-region read overrides by region (absent = {@link ReplicaThroughput#NONE})
 * @param timeToLive time to live (group-wide), or null when the spec leaves it alone
 * @param encryption encryption type (group-wide), or null when the spec leaves it alone; with CUSTOMER_MANAGED every
 *     region's {@link RegionSettings#kmsKeyId()} is set
 * @param regionSettings effective per-region settings by region (table defaults with replica overrides applied); a
 *     region missing from the map has {@link #tags} and nothing else managed
 * @param monitoring CloudWatch alarms and dashboard ({@link Monitoring#NONE} when the spec has neither)
 */
public record Desired(
    String tableName,
    String homeRegion,
    KeySchema keySchema,
    String billingMode,
    OnDemandLimits onDemand,
    List<IndexDefinition> globalSecondaryIndexes,
    List<IndexDefinition> localSecondaryIndexes,
    String streamViewType,
    Map<String, String> tags,
    List<String> regions,
    DeletionPolicy deletionPolicy,
    boolean suspend,
    String owner,
    Capacity readCapacity,
    Capacity writeCapacity,
    Map<String, IndexThroughput> indexThroughput,
    Map<String, ReplicaThroughput> replicaThroughput,
    TimeToLive timeToLive,
    EncryptionType encryption,
    Map<String, RegionSettings> regionSettings,
    Monitoring monitoring) {

  /** Tag key carrying the owning resource ("namespace/name") in every region. */
  public static final String OWNER_TAG = "globaltable.dev/owner";

  public Desired {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(homeRegion, "homeRegion");
    Objects.requireNonNull(keySchema, "keySchema");
    billingMode = billingMode == null ? PAY_PER_REQUEST : billingMode;
    onDemand = onDemand == null ? OnDemandLimits.NONE : onDemand;
    globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes == null ? List.of() : globalSecondaryIndexes);
    localSecondaryIndexes = List.copyOf(localSecondaryIndexes == null ? List.of() : localSecondaryIndexes);
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    regions = List.copyOf(regions);
    deletionPolicy = deletionPolicy == null ? DeletionPolicy.RETAIN : deletionPolicy;
    indexThroughput = Map.copyOf(indexThroughput == null ? Map.of() : indexThroughput);
    replicaThroughput = Map.copyOf(replicaThroughput == null ? Map.of() : replicaThroughput);
    regionSettings = Map.copyOf(regionSettings == null ? Map.of() : regionSettings);
    monitoring = monitoring == null ? Monitoring.NONE : monitoring;
  }

  /** Without alarms and dashboard (the shape before issue 5). */
  public Desired(String tableName, String homeRegion, KeySchema keySchema, String billingMode, OnDemandLimits onDemand,
      List<IndexDefinition> globalSecondaryIndexes, List<IndexDefinition> localSecondaryIndexes, String streamViewType,
      Map<String, String> tags, List<String> regions, DeletionPolicy deletionPolicy, boolean suspend, String owner,
      Capacity readCapacity, Capacity writeCapacity, Map<String, IndexThroughput> indexThroughput,
      Map<String, ReplicaThroughput> replicaThroughput, TimeToLive timeToLive, EncryptionType encryption,
      Map<String, RegionSettings> regionSettings) {
    this(tableName, homeRegion, keySchema, billingMode, onDemand, globalSecondaryIndexes, localSecondaryIndexes,
        streamViewType, tags, regions, deletionPolicy, suspend, owner, readCapacity, writeCapacity, indexThroughput,
        replicaThroughput, timeToLive, encryption, regionSettings, null);
  }

  /** Without per-region settings, TTL and encryption (the shape before issue 4). */

  /**
   * The settings {@code region} must have: its entry in {@link #regionSettings}, else only the table tags. Tags never
   * include the owner tag; see {@link #tags(String)}.
   */
  public RegionSettings settings(String region) {
    RegionSettings s = regionSettings.get(region);
    return s != null ? s : RegionSettings.tagsOnly(tags);
  }

  /** Every tag the table carries in {@code region}: table tags, the replica's over them, and the owner tag. */
  public Map<String, String> tags(String region) {
    Map<String, String> all = new java.util.TreeMap<>(settings(region).tags());
    if (owner != null) {
      all.put(OWNER_TAG, owner);
    }
    return java.util.Collections.unmodifiableMap(all);
  }

  /** An on-demand spec without throughput overrides (the shape before provisioned capacity existed). */
  public Desired(String tableName, String homeRegion, KeySchema keySchema, String billingMode, OnDemandLimits onDemand,
      List<IndexDefinition> globalSecondaryIndexes, List<IndexDefinition> localSecondaryIndexes, String streamViewType,
      Map<String, String> tags, List<String> regions, DeletionPolicy deletionPolicy, boolean suspend, String owner) {
    this(tableName, homeRegion, keySchema, billingMode, onDemand, globalSecondaryIndexes, localSecondaryIndexes,
        streamViewType, tags, regions, deletionPolicy, suspend, owner, null, null, null, null, null, null, null);
  }

  /** AWS billing mode wire name for provisioned capacity. */
  public static final String PROVISIONED = "PROVISIONED";
  /** AWS billing mode wire name for on-demand. */
  public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

  public boolean provisioned() {
    return PROVISIONED.equals(billingMode);
  }

  /** Throughput of the index {@code name} (NONE when the spec declares none). */
  public IndexThroughput index(String name) {
    return indexThroughput.getOrDefault(name, IndexThroughput.NONE);
  }

  /** Overrides of {@code region} (NONE when the spec declares none). */
  public ReplicaThroughput replica(String region) {
    return replicaThroughput.getOrDefault(region, ReplicaThroughput.NONE);
  }

  /** Effective read capacity in {@code region}: the replica's own, else the table's (null when on-demand). */
  public Capacity readCapacity(String region) {
    Capacity own = replica(region).read();
    return own != null ? own : readCapacity;
  }

  /** Effective read capacity of index {@code index} in {@code region} (null when on-demand). */
  public Capacity indexReadCapacity(String region, String index) {
    ReplicaThroughput.IndexRead own = replica(region).indexes().get(index);
    return own != null && own.read() != null ? own.read() : index(index).read();
  }

  /** Write capacity of index {@code index}, group-wide (null when on-demand). */
  public Capacity indexWriteCapacity(String index) {
    return index(index).write();
  }

  /** Effective on-demand read limit in {@code region} (null = unlimited). */
  public Long maxReadRequestUnits(String region) {
    Long own = replica(region).maxReadRequestUnits();
    return own != null ? own : onDemand.maxReadRequestUnits();
  }

  /** Effective on-demand read limit of index {@code index} in {@code region} (null = unlimited). */
  public Long indexMaxReadRequestUnits(String region, String index) {
    ReplicaThroughput.IndexRead own = replica(region).indexes().get(index);
    return own != null && own.maxReadRequestUnits() != null ? own.maxReadRequestUnits()
        : index(index).onDemand().maxReadRequestUnits();
  }

  /** Regions other than the home region, in spec order. */
  public List<String> replicaRegions() {
    return regions.stream().filter(r -> !r.equals(homeRegion)).toList();
  }

  /**
   * AttributeDefinitions derived from every key declaration (table, GSIs, LSIs), in first-declared order. The
   * validator guarantees that no name is declared with two types.
   */
  public Map<String, ScalarType> attributeDefinitions() {
    Map<String, ScalarType> defs = new LinkedHashMap<>();
    addKeys(defs, keySchema);
    for (IndexDefinition lsi : localSecondaryIndexes) {
      addKeys(defs, lsi.keySchema());
    }
    for (IndexDefinition gsi : globalSecondaryIndexes) {
      addKeys(defs, gsi.keySchema());
    }
    return defs;
  }

  private static void addKeys(Map<String, ScalarType> defs, KeySchema ks) {
    defs.putIfAbsent(ks.partitionKey().name(), ks.partitionKey().type());
    if (ks.sortKey() != null) {
      defs.putIfAbsent(ks.sortKey().name(), ks.sortKey().type());
    }
  }
}
