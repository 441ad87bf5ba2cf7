package dev.globaltable.operator.aws;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ScalarType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine-independent part of a {@link RegionalTable}: everything except the region, ARN, TableId and creation time,
 * which differ between real AWS, DynamoDB Local and the simulator for the same calls. Two engines that were sent the
 * same calls must produce equal shapes. Secondary indexes are sorted by name (their order carries no meaning);
 * replicas keep AWS's order (creation order, which the simulator models).
 *
 * @param tableName TableName
 * @param status TableStatus
 * @param keySchema table key schema
 * @param attributeDefinitions AttributeDefinitions
 * @param billingMode billing mode wire name
 * @param onDemand normalized on-demand limits
 * @param streamViewType view type of an enabled stream, else null
 * @param globalSecondaryIndexes GSIs with status and backfilling, sorted by name
 * @param localSecondaryIndexes LSIs, sorted by name
 * @param replicas other members of the group, AWS order
 * @param deletionProtection DeletionProtectionEnabled
 * @param globalTableVersion GlobalTableVersion or null
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
    String globalTableVersion) {

  public ObservedShape {
    attributeDefinitions = Map.copyOf(attributeDefinitions == null ? Map.of() : attributeDefinitions);
    onDemand = onDemand == null ? OnDemandLimits.NONE : onDemand;
    globalSecondaryIndexes = (globalSecondaryIndexes == null ? List.<ObservedIndex>of() : globalSecondaryIndexes)
        .stream().sorted(Comparator.comparing(ObservedIndex::name)).toList();
    localSecondaryIndexes = (localSecondaryIndexes == null ? List.<IndexDefinition>of() : localSecondaryIndexes)
        .stream().sorted(Comparator.comparing(IndexDefinition::name)).toList();
    replicas = List.copyOf(replicas == null ? List.of() : replicas);
  }

  /** The shape of {@code table}; null for null (the table does not exist). */
  public static ObservedShape of(RegionalTable table) {
    if (table == null) {
      return null;
    }
    return new ObservedShape(table.tableName(), table.status(), table.keySchema(), table.attributeDefinitions(),
        table.billingMode(), table.onDemand(), table.streamViewType(), table.globalSecondaryIndexes(),
        table.localSecondaryIndexes(), table.replicas(), table.deletionProtection(), table.globalTableVersion());
  }

  /** A copy with other on-demand limits (to express an engine's documented deviation). */
  public ObservedShape withOnDemand(OnDemandLimits limits) {
    return new ObservedShape(tableName, status, keySchema, attributeDefinitions, billingMode, limits, streamViewType,
        globalSecondaryIndexes, localSecondaryIndexes, replicas, deletionProtection, globalTableVersion);
  }

  /** The GSI named {@code name}. */
  public ObservedIndex index(String name) {
    return globalSecondaryIndexes.stream().filter(i -> Objects.equals(i.name(), name)).findFirst().orElse(null);
  }
}
