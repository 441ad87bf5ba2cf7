package dev.globaltable.operator.aws;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedEncryption;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.model.ScalarType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Maps a DynamoDB {@link TableDescription} to the pure {@link RegionalTable}, exactly as documented on that record, so
 * that real AWS, DynamoDB Local and the simulator produce identical values for identical state.
 */
public final class TableDescriptions {

  /**
   * Type reported for a key attribute of a DELETING GSI whose definition is already gone: DynamoDB drops an attribute
   * from AttributeDefinitions as soon as no remaining key uses it, which is while the index is still listed as DELETING
   * (observed on DynamoDB Local 2.6.1). The index is kept, because "every index ACTIVE" gates all mutations; its key
   * types are then unknowable and must not be compared.
   */
  public static final ScalarType TYPE_UNKNOWN_WHILE_DELETING = ScalarType.S;

  private TableDescriptions() {
  }

  /**
   * Maps DescribeTable's {@code Table} as seen from {@code region}.
   *
   * @throws MalformedDescriptionException when a key attribute has no type in AttributeDefinitions or a type or key
   *     role is unknown (a response the operator cannot reason about)
   */
  public static RegionalTable toRegionalTable(String region, TableDescription t) {
    Map<String, ScalarType> attributes = new LinkedHashMap<>();
    for (AttributeDefinition def : t.attributeDefinitions()) {
      attributes.put(def.attributeName(), scalarType(def.attributeName(), def.attributeTypeAsString()));
    }
    KeySchema tableKeys = keySchema(t.tableName(), t.keySchema(), attributes, false);

    List<ObservedIndex> gsis = new ArrayList<>();
    for (GlobalSecondaryIndexDescription gsi : t.globalSecondaryIndexes()) {
      boolean deleting = "DELETING".equals(gsi.indexStatusAsString());
      IndexDefinition definition = new IndexDefinition(gsi.indexName(),
          keySchema(gsi.indexName(), gsi.keySchema(), attributes, deleting), projection(gsi.projection()));
      // Backfilling is only present on indexes added by UpdateTable, and only while they are created.
      gsis.add(new ObservedIndex(definition, gsi.indexStatusAsString(), Boolean.TRUE.equals(gsi.backfilling()),
          capacity(gsi.provisionedThroughput()), onDemand(gsi.onDemandThroughput())));
    }
    List<IndexDefinition> lsis = new ArrayList<>();
    for (LocalSecondaryIndexDescription lsi : t.localSecondaryIndexes()) {
      lsis.add(new IndexDefinition(lsi.indexName(), keySchema(lsi.indexName(), lsi.keySchema(), attributes, false),
          projection(lsi.projection())));
    }
    List<ObservedReplica> replicas = new ArrayList<>();
    for (ReplicaDescription r : t.replicas()) {
      // ReplicaTableClassSummary is absent while the replica inherits the base's class (reference 2.2).
      String classOverride = r.replicaTableClassSummary() == null ? null
          : r.replicaTableClassSummary().tableClassAsString();
      replicas.add(new ObservedReplica(r.regionName(), r.replicaStatusAsString(), r.replicaStatusDescription(),
          percent(r.replicaStatusPercentProgress()), overrides(r), classOverride, r.kmsMasterKeyId()));
    }

    // Reference 2.1: BillingModeSummary is absent on tables created PROVISIONED (and once a replica was added).
    String billingMode = t.billingModeSummary() != null && t.billingModeSummary().billingModeAsString() != null
        ? t.billingModeSummary().billingModeAsString()
        : "PROVISIONED";
    OnDemandLimits onDemand = onDemand(t.onDemandThroughput());
    // After a stream is disabled StreamSpecification is absent (or StreamEnabled=false) while LatestStreamArn lingers.
    String streamViewType = t.streamSpecification() != null && Boolean.TRUE.equals(t.streamSpecification().streamEnabled())
        ? t.streamSpecification().streamViewTypeAsString()
        : null;

    return new RegionalTable(region, t.tableName(), t.tableArn(), t.tableId(), t.tableStatusAsString(), tableKeys,
        attributes, billingMode, onDemand, streamViewType, gsis, lsis, replicas,
        Boolean.TRUE.equals(t.deletionProtectionEnabled()), t.creationDateTime(), t.globalTableVersion(),
        capacity(t.provisionedThroughput()), encryption(t.sseDescription()),
        t.tableClassSummary() == null ? null : t.tableClassSummary().tableClassAsString());
  }

  /**
   * SSEDescription verbatim (status, SSEType, KMSMasterKeyArn); absent means the AWS owned key (reference 2.1), which
   * is {@link ObservedEncryption#AWS_OWNED}. An absent TableClassSummary reads as STANDARD (RegionalTable's default).
   */
  static ObservedEncryption encryption(SSEDescription sse) {
    if (sse == null) {
      // AWS omits SSEDescription for the AWS owned key (its default).
      return ObservedEncryption.AWS_OWNED;
    }
    return new ObservedEncryption(sse.statusAsString(), sse.sseTypeAsString(), sse.kmsMasterKeyArn());
  }

  /**
   * ProvisionedThroughput of a table or index; absent (or absent units) read as 0, as AWS reports on-demand tables.
   */
  static ObservedCapacity capacity(ProvisionedThroughputDescription pt) {
    if (pt == null) {
      return ObservedCapacity.NONE;
    }
    return new ObservedCapacity(orZero(pt.readCapacityUnits()), orZero(pt.writeCapacityUnits()),
        (int) Math.min(Integer.MAX_VALUE, orZero(pt.numberOfDecreasesToday())), pt.lastDecreaseDateTime());
  }

  /** OnDemandThroughput of a table or index, normalized (-1 / absent = no limit = null). */
  static OnDemandLimits onDemand(OnDemandThroughput odt) {
    return odt == null ? OnDemandLimits.NONE
        : OnDemandLimits.normalized(odt.maxReadRequestUnits(), odt.maxWriteRequestUnits());
  }

  /**
   * The overrides a Replicas[] entry lists: values as AWS reports them (a negative MaxReadRequestUnits override is
   * kept: it is an explicit "unlimited" override, not an inherited value); an absent override is null / no map entry.
   */
  static ReplicaOverrides overrides(ReplicaDescription r) {
    Long read = r.provisionedThroughputOverride() == null ? null
        : r.provisionedThroughputOverride().readCapacityUnits();
    Long maxRead = r.onDemandThroughputOverride() == null ? null
        : r.onDemandThroughputOverride().maxReadRequestUnits();
    Map<String, Long> indexRead = new LinkedHashMap<>();
    Map<String, Long> indexMaxRead = new LinkedHashMap<>();
    for (ReplicaGlobalSecondaryIndexDescription g : r.globalSecondaryIndexes()) {
      if (g.provisionedThroughputOverride() != null && g.provisionedThroughputOverride().readCapacityUnits() != null) {
        indexRead.put(g.indexName(), g.provisionedThroughputOverride().readCapacityUnits());
      }
      if (g.onDemandThroughputOverride() != null && g.onDemandThroughputOverride().maxReadRequestUnits() != null) {
        indexMaxRead.put(g.indexName(), g.onDemandThroughputOverride().maxReadRequestUnits());
      }
    }
    ReplicaOverrides overrides = new ReplicaOverrides(read, maxRead, indexRead, indexMaxRead);
    return overrides.isNone() ? ReplicaOverrides.NONE : overrides;
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value;
  }

  /**
   * Parses ReplicaStatusPercentProgress ("45%", "45", "45.5%") to whole percent; null when absent or unreadable (the
   * value is informational and never worth failing an observation for).
   */
  static Integer percent(String progress) {
    if (progress == null) {
      return null;
    }
    String digits = progress.trim();
    if (digits.endsWith("%")) {
      digits = digits.substring(0, digits.length() - 1).trim();
    }
    if (digits.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(digits).intValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Wire projection; a missing Projection means ALL (IndexDefinition's default). */
  static Projection projection(software.amazon.awssdk.services.dynamodb.model.Projection p) {
    if (p == null || p.projectionTypeAsString() == null) {
      return Projection.ALL;
    }
    return new Projection(p.projectionTypeAsString(), p.nonKeyAttributes());
  }

  private static KeySchema keySchema(String owner, List<KeySchemaElement> elements, Map<String, ScalarType> types,
      boolean deletingIndex) {
    KeyAttribute hash = null;
    KeyAttribute range = null;
    for (KeySchemaElement e : elements) {
      ScalarType type = types.get(e.attributeName());
      if (type == null && deletingIndex) {
        type = TYPE_UNKNOWN_WHILE_DELETING;
      }
      if (type == null) {
        throw new MalformedDescriptionException("key attribute " + e.attributeName() + " of " + owner
            + " is missing from AttributeDefinitions");
      }
      KeyAttribute attribute = new KeyAttribute(e.attributeName(), type);
      switch (String.valueOf(e.keyTypeAsString())) {
        case "HASH" -> hash = attribute;
        case "RANGE" -> range = attribute;
        default -> throw new MalformedDescriptionException("unknown KeyType " + e.keyTypeAsString() + " in "
            + owner);
      }
    }
    if (hash == null) {
      throw new MalformedDescriptionException(owner + " has no HASH key");
    }
    return new KeySchema(hash, range);
  }

  private static ScalarType scalarType(String name, String wire) {
    try {
      return ScalarType.valueOf(String.valueOf(wire));
    } catch (IllegalArgumentException e) {
      throw new MalformedDescriptionException("attribute " + name + " has unknown AttributeType " + wire);
    }
  }

  /** DescribeTable returned something the model cannot represent. */
  public static final class MalformedDescriptionException extends RuntimeException {
    MalformedDescriptionException(String message) {
      super(message);
    }
  }
}
