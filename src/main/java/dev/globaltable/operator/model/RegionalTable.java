package dev.globaltable.operator.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DescribeTable as seen from one region, mapped to plain data. Built by the AWS gateway from either the real SDK or the
 * simulator; identical calls must produce identical values in both.
 *
 * @param region region the table was described in
 * @param tableName TableName
 * @param arn TableArn
 * @param tableId TableId (new per incarnation and per region)
 * @param status TableStatus verbatim
 * @param keySchema table key schema (types resolved from AttributeDefinitions)
 * @param attributeDefinitions AttributeDefinitions by name
 * @param billingMode BillingModeSummary.BillingMode, or PROVISIONED when absent (reference 2.1)
 * @param onDemand OnDemandThroughput, normalized (-1 / absent = null)
 * @param streamViewType StreamViewType when StreamSpecification.StreamEnabled, else null
 * @param globalSecondaryIndexes GSIs as reported in this region
 * @param localSecondaryIndexes LSIs
 * @param replicas the other members of the group as listed from this region, in AWS order (creation order)
 * @param deletionProtection DeletionProtectionEnabled
 * @param creationTime CreationDateTime
 * @param globalTableVersion GlobalTableVersion, null for a regional table
 * @param capacity ProvisionedThroughput of the table in this region (0/0 on PAY_PER_REQUEST)
 * @param encryption SSEDescription ({@link ObservedEncryption#AWS_OWNED} when absent)
 * @param tableClass TableClassSummary.TableClass, STANDARD when absent
 */
public record RegionalTable(
    String region,
    String tableName,
    String arn,
    String tableId,
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
    Instant creationTime,
    String globalTableVersion,
    ObservedCapacity capacity,
    ObservedEncryption encryption,
    String tableClass) {

  public RegionalTable {
    encryption = encryption == null ? ObservedEncryption.AWS_OWNED : encryption;
    tableClass = tableClass == null ? RegionSettings.STANDARD : tableClass;
    attributeDefinitions = attributeDefinitions == null ? Map.of() : Map.copyOf(attributeDefinitions);
    onDemand = onDemand == null ? OnDemandLimits.NONE : onDemand;
    globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes == null ? List.of() : globalSecondaryIndexes);
    localSecondaryIndexes = List.copyOf(localSecondaryIndexes == null ? List.of() : localSecondaryIndexes);
    replicas = List.copyOf(replicas == null ? List.of() : replicas);
    capacity = capacity == null ? ObservedCapacity.NONE : capacity;
  }

  /** Without encryption and table class (the AWS defaults). */
  public RegionalTable(String region, String tableName, String arn, String tableId, String status, KeySchema keySchema,
      Map<String, ScalarType> attributeDefinitions, String billingMode, OnDemandLimits onDemand, String streamViewType,
      List<ObservedIndex> globalSecondaryIndexes, List<IndexDefinition> localSecondaryIndexes,
      List<ObservedReplica> replicas, boolean deletionProtection, Instant creationTime, String globalTableVersion,
      ObservedCapacity capacity) {
    this(region, tableName, arn, tableId, status, keySchema, attributeDefinitions, billingMode, onDemand,
        streamViewType, globalSecondaryIndexes, localSecondaryIndexes, replicas, deletionProtection, creationTime,
        globalTableVersion, capacity, null, null);
  }

  /** Without capacity (an on-demand table). */
  public RegionalTable(String region, String tableName, String arn, String tableId, String status, KeySchema keySchema,
      Map<String, ScalarType> attributeDefinitions, String billingMode, OnDemandLimits onDemand, String streamViewType,
      List<ObservedIndex> globalSecondaryIndexes, List<IndexDefinition> localSecondaryIndexes,
      List<ObservedReplica> replicas, boolean deletionProtection, Instant creationTime, String globalTableVersion) {
    this(region, tableName, arn, tableId, status, keySchema, attributeDefinitions, billingMode, onDemand,
        streamViewType, globalSecondaryIndexes, localSecondaryIndexes, replicas, deletionProtection, creationTime,
        globalTableVersion, null, null, null);
  }

  public boolean provisioned() {
    return "PROVISIONED".equals(billingMode);
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }

  public Optional<ObservedIndex> index(String name) {
    return globalSecondaryIndexes.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** Whether {@code regionName} is this table's region or a replica it lists that is not DELETING. */
  public boolean hasLiveMember(String regionName) {
    return regionName.equals(region) || replica(regionName).filter(r -> !"DELETING".equals(r.status())).isPresent();
  }

  public Optional<ObservedReplica> replica(String regionName) {
    return replicas.stream().filter(r -> r.region().equals(regionName)).findFirst();
  }
}
