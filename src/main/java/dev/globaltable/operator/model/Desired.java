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
 * @param billingMode AWS wire name: PAY_PER_REQUEST (only mode implemented so far)
 * @param onDemand on-demand limits (NONE = unlimited)
 * @param globalSecondaryIndexes GSIs in spec order
 * @param localSecondaryIndexes LSIs in spec order (their partition key is the table's)
 * @param streamViewType AWS view type, or null when the spec leaves the stream alone
 * @param tags every tag to apply in every region, the owner tag included
 * @param regions every region the table must live in, home included, in spec order
 * @param deletionPolicy RETAIN or DELETE
 * @param suspend observe only
 * @param owner value of the owner tag ("namespace/name")
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
    String owner) {

  /** Tag key carrying the owning resource ("namespace/name") in every region. */
  public static final String OWNER_TAG = "globaltable.dev/owner";

  public Desired {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(homeRegion, "homeRegion");
    Objects.requireNonNull(keySchema, "keySchema");
    billingMode = billingMode == null ? "PAY_PER_REQUEST" : billingMode;
    onDemand = onDemand == null ? OnDemandLimits.NONE : onDemand;
    globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes == null ? List.of() : globalSecondaryIndexes);
    localSecondaryIndexes = List.copyOf(localSecondaryIndexes == null ? List.of() : localSecondaryIndexes);
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    regions = List.copyOf(regions);
    deletionPolicy = deletionPolicy == null ? DeletionPolicy.RETAIN : deletionPolicy;
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
