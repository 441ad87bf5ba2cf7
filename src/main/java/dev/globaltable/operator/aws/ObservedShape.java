package dev.globaltable.operator.aws;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.ProvisionedUnits;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ScalarType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine-independent part of a {@link RegionalTable}: everything except the region, ARN, TableId and creation time,
 * which differ between real AWS, DynamoDB Local and the simulator for the same calls, and except the capacity-decrease
 * budget (NumberOfDecreasesToday, LastDecreaseDateTime of the table and of each index), which each engine counts on its
 * own clock: provisioned capacity appears as units only. Two engines that were sent the same calls must produce equal
 * shapes. Secondary indexes are sorted by name (their order carries no meaning); replicas keep AWS's order (creation
 * order, which the simulator models).
 *
 * @param tableName TableName
 * @param status TableStatus
 * @param keySchema table key schema
 * @param attributeDefinitions AttributeDefinitions
 * @param billingMode billing mode wire name
 * @param onDemand normalized on-demand limits
 * @param streamViewType view type of an enabled stream, else null
 * @param globalSecondaryIndexes GSIs with status, backfilling, capacity units and on-demand limits, sorted by name
 * @param localSecondaryIndexes LSIs, sorted by name
 * @param replicas other members of the group, AWS order
 * @param deletionProtection DeletionProtectionEnabled
 * @param globalTableVersion GlobalTableVersion or null
 * @param capacity the table's provisioned read and write units (0/0 on PAY_PER_REQUEST)
 */
public record ObservedShape(
    String tableName,
    String status,
    KeySchema keySchema,
    Map<String, ScalarType> attributeDefinitions,
    String billingMode,
    OnDemandLimits onDemand,
    String streamViewType,
    List<ObservedIndex> globalSecondaryIndexes,
    List<IndexDefinition> localSecondaryIndexes,
    List<ObservedReplica> replicas,
    boolean deletionProtection,
    String globalTableVersion,
    ProvisionedUnits capacity) {

  /** An on-demand table's ProvisionedThroughput as AWS reports it: 0/0. */
  public static final ProvisionedUnits NO_UNITS = new ProvisionedUnits(0, 0);

  public ObservedShape {
    attributeDefinitions = Map.copyOf(attributeDefinitions == null ? Map.of() : attributeDefinitions);
    onDemand = onDemand == null ? OnDemandLimits.NONE : onDemand;
    globalSecondaryIndexes = (globalSecondaryIndexes == null ? List.<ObservedIndex>of() : globalSecondaryIndexes)
        .stream().sorted(Comparator.comparing(ObservedIndex::name)).map(ObservedShape::unitsOnly).toList();
    localSecondaryIndexes = (localSecondaryIndexes == null ? List.<IndexDefinition>of() : localSecondaryIndexes)
        .stream().sorted(Comparator.comparing(IndexDefinition::name)).toList();
    replicas = List.copyOf(replicas == null ? List.of() : replicas);
    capacity = capacity == null ? NO_UNITS : capacity;
  }

  /** Without provisioned capacity (an on-demand table: 0/0). */
  public ObservedShape(String tableName, String status, KeySchema keySchema,
      Map<String, ScalarType> attributeDefinitions, String billingMode, OnDemandLimits onDemand, String streamViewType,
      List<ObservedIndex> globalSecondaryIndexes, List<IndexDefinition> localSecondaryIndexes,
      List<ObservedReplica> replicas, boolean deletionProtection, String globalTableVersion) {
    this(tableName, status, keySchema, attributeDefinitions, billingMode, onDemand, streamViewType,
        globalSecondaryIndexes, localSecondaryIndexes, replicas, deletionProtection, globalTableVersion, NO_UNITS);
  }

  private static ObservedIndex unitsOnly(ObservedIndex i) {
    ObservedCapacity c = i.capacity();
    return new ObservedIndex(i.definition(), i.status(), i.backfilling(), new ObservedCapacity(c.read(), c.write(), 0,
        null), i.onDemand());
  }

  /** The shape of {@code table}; null for null (the table does not exist). */
  public static ObservedShape of(RegionalTable table) {
    if (table == null) {
      return null;
    }
    return new ObservedShape(table.tableName(), table.status(), table.keySchema(), table.attributeDefinitions(),
        table.billingMode(), table.onDemand(), table.streamViewType(), table.globalSecondaryIndexes(),
        table.localSecondaryIndexes(), table.replicas(), table.deletionProtection(), table.globalTableVersion(),
        table.capacity().units());
  }

  /** A copy with other on-demand limits (to express an engine's documented deviation). */
  public ObservedShape withOnDemand(OnDemandLimits limits) {
    return new ObservedShape(tableName, status, keySchema, attributeDefinitions, billingMode, limits, streamViewType,
        globalSecondaryIndexes, localSecondaryIndexes, replicas, deletionProtection, globalTableVersion, capacity);
  }

  /** The GSI named {@code name}. */
  public ObservedIndex index(String name) {
    return globalSecondaryIndexes.stream().filter(i -> Objects.equals(i.name(), name)).findFirst().orElse(null);
  }
}
