package dev.globaltable.operator.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableSettingsReplicationMode;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughputOverride;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputOverride;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableAutoScalingDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The DynamoDB control plane of every simulated region: tables, replica groups, and the asynchronous transitions between
 * their states. Transitions are scheduled on the {@link SimClock} and applied lazily ({@link #settle()}) before every
 * call; there are no background threads. Not thread-safe by itself: callers hold the lock of this object.
 *
 * <p>Validation order follows aws-semantics.md section 10: request shape, single-concern rules, replica-specific rules,
 * state (ResourceInUse), quotas. Message texts are the ones the reference quotes.
 */
final class DynamoDbControlPlane {

  static final String GLOBAL_TABLE_VERSION = "2019.11.21";
  static final String INVALID = "One or more parameter values were invalid: ";
  static final String IN_USE = "Attempt to change a resource which is still in use: ";
  static final String IN_USE_TERSE = "The resource which you are attempting to change is in use.";
  static final String ONE_INDEX = "Subscriber limit exceeded: Only 1 online index can be created or deleted "
      + "simultaneously per table";
  static final int MAX_GSIS = 20;
  static final int MAX_LSIS = 5;
  static final int MAX_USER_TAGS = 50;
  static final int TAG_PAGE_SIZE = 10;
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  private static final DateTimeFormatter STREAM_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

  private final SimClock clock;
  private final String account;
  private final List<String> regions;
  private final SimTimings timings;
  private final Faults faults;
  /** region -> table name -> current incarnation (visible or still hidden). */
  private final Map<String, Map<String, SimTable>> tables = new LinkedHashMap<>();
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
  private long eventSeq;
  private long incarnations;
  /** The same account's Application Auto Scaling, consulted and driven for PROVISIONED global tables. */
  private AutoScalingPlane autoScaling;
  /** UpdateTableReplicaAutoScaling / DescribeTableReplicaAutoScaling, over {@link #autoScaling}. */
  private ReplicaAutoScaling replicaAutoScaling;
  /** PITR, TTL, SSE, table class, Contributor Insights, Kinesis. */
  final SettingsPlane settings;
  /** Short human summary of the last successful mutating call, for the journal. */
  private String lastSummary = "";

  private record Scheduled(Instant at, long seq, Runnable action) implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  DynamoDbControlPlane(SimClock clock, String account, Collection<String> regions, SimTimings timings,
      Faults faults) {
    this.clock = clock;
    this.account = account;
    this.regions = List.copyOf(new LinkedHashSet<>(regions));
    this.timings = timings;
    this.faults = faults;
    this.settings = new SettingsPlane(this, clock, account, timings);
    for (String r : this.regions) {
      tables.put(r, new LinkedHashMap<>());
    }
  }

  List<String> regions() {
    return regions;
  }

  /** Links Application Auto Scaling (built after this plane because it reads tables back). */
  void attachAutoScaling(AutoScalingPlane plane) {
    this.autoScaling = plane;
    this.replicaAutoScaling = new ReplicaAutoScaling(this, plane, account);
  }

  boolean knownRegion(String region) {
    return tables.containsKey(region);
  }

  /** Sets the journal summary of the current successful mutating call (for collaborators such as the facade). */
  void summary(String s) {
    lastSummary = s;
  }

  String takeSummary() {
    String s = lastSummary;
    lastSummary = "";
    return s;
  }

  // ------------------------------------------------------------------------------------------------ time

  /** Applies every transition due at or before the current virtual time, in time order. */
  void settle() {
    Instant now = clock.instant();
    while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
      queue.poll().action().run();
    }
  }

  Instant now() {
    return clock.instant();
  }

  void after(Duration d, Runnable action) {
    queue.add(new Scheduled(clock.instant().plus(d), ++eventSeq, action));
  }

  private void beginUpdating(SimTable t) {
    t.updatingHolds++;
    if (t.status == TableStatus.ACTIVE) {
      t.status = TableStatus.UPDATING;
    }
  }

  private void endUpdating(SimTable t) {
    t.updatingHolds = Math.max(0, t.updatingHolds - 1);
    if (t.updatingHolds == 0 && t.status == TableStatus.UPDATING) {
      t.status = TableStatus.ACTIVE;
    }
  }

  /** Holds the table UPDATING for {@code d}. */
  void updatingFor(SimTable t, Duration d) {
    beginUpdating(t);
    after(d, () -> endUpdating(t));
  }

  // ------------------------------------------------------------------------------------------------ lookup

  /** The table as the region's DescribeTable sees it (visible, not gone), or null. */
  SimTable visible(String region, String name) {
    SimTable t = tables.get(region).get(name);
    return t != null && t.visible && !t.removed ? t : null;
  }

  Collection<SimTable> tablesIn(String region) {
    return tables.get(region).values();
  }

  SimTable requireTable(String region, String name) {
    SimTable t = visible(region, name);
    if (t == null) {
      throw SimErrors.notFound("Requested resource not found: Table: " + name + " not found");
    }
    return t;
  }

  /** TableName may be a name or this region's table ARN. */
  String tableName(String region, String nameOrArn) {
    if (nameOrArn == null) {
      throw SimErrors.validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
          + "constraint: Member must not be null");
    }
    if (nameOrArn.startsWith("arn:")) {
      String[] p = nameOrArn.split(":", 6);
      if (p.length < 6 || !"dynamodb".equals(p[2]) || !p[5].startsWith("table/")) {
        throw SimErrors.validation("1 validation error detected: Invalid resource type in '" + nameOrArn + "'");
      }
      if (!region.equals(p[3])) {
        throw SimErrors.validation("1 validation error detected: Invalid AWS region in '" + nameOrArn + "'");
      }
      return p[5].substring("table/".length());
    }
    checkTableName(nameOrArn);
    return nameOrArn;
  }

  private static void checkTableName(String name) {
    if (name.length() < 3) {
      throw SimErrors.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
          + "satisfy constraint: Member must have length greater than or equal to 3");
    }
    if (name.length() > 255) {
      throw SimErrors.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
          + "satisfy constraint: Member must have length less than or equal to 255");
    }
    if (!TABLE_NAME.matcher(name).matches()) {
      throw SimErrors.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
          + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
  }

  private String tableArn(String region, String name) {
    return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
  }

  private SimTable newTable(String region, String name) {
    long n = ++incarnations;
    String id = UUID.nameUUIDFromBytes((account + "/" + region + "/" + name + "/" + n)
        .getBytes(StandardCharsets.UTF_8)).toString();
    return new SimTable(region, name, tableArn(region, name), id, clock.instant());
  }

  // ------------------------------------------------------------------------------------------------ CreateTable

  TableDescription createTable(String region, CreateTableRequest r) {
    String name = r.tableName();
    if (name == null) {
      throw SimErrors.validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
          + "constraint: Member must not be null");
    }
    checkTableName(name);
    if (r.warmThroughput() != null || r.resourcePolicy() != null || r.globalTableSourceArn() != null
        || r.globalTableSettingsReplicationMode() != null) {
      throw unsupported("CreateTable with WarmThroughput, ResourcePolicy, GlobalTableSourceArn or "
          + "GlobalTableSettingsReplicationMode");
    }
    List<KeySchemaElement> keys = r.hasKeySchema() ? r.keySchema() : List.of();
    checkTableKeySchema(keys);
    Map<String, ScalarAttributeType> defs = attributeDefinitions(r.attributeDefinitions(), "attributeDefinitions");
    BillingMode billing = r.billingMode() == null ? BillingMode.PROVISIONED : r.billingMode();
    if (billing == BillingMode.UNKNOWN_TO_SDK_VERSION) {
      throw enumError(r.billingModeAsString(), "billingMode", "[PROVISIONED, PAY_PER_REQUEST]");
    }
    ProvisionedThroughput pt = r.provisionedThroughput();
    if (billing == BillingMode.PAY_PER_REQUEST && pt != null) {
      throw SimErrors.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
          + "BillingMode is PAY_PER_REQUEST");
    }
    if (billing == BillingMode.PROVISIONED) {
      if (pt == null || pt.readCapacityUnits() == null || pt.writeCapacityUnits() == null) {
        throw SimErrors.validation(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
            + "BillingMode is PROVISIONED");
      }
      checkCapacity(pt, "provisionedThroughput");
    }
    OnDemandThroughput odt = r.onDemandThroughput();
    if (odt != null) {
      checkOnDemand(odt, billing, false, "table");
    }

    // Secondary indexes: counts, names, projections, keys.
    List<GlobalSecondaryIndex> gsis = r.hasGlobalSecondaryIndexes() ? r.globalSecondaryIndexes() : List.of();
    List<LocalSecondaryIndex> lsis = r.hasLocalSecondaryIndexes() ? r.localSecondaryIndexes() : List.of();
    if (r.hasGlobalSecondaryIndexes() && gsis.isEmpty()) {
      throw SimErrors.validation(INVALID + "List of GlobalSecondaryIndexes is empty");
    }
    if (r.hasLocalSecondaryIndexes() && lsis.isEmpty()) {
      throw SimErrors.validation(INVALID + "List of LocalSecondaryIndexes is empty");
    }
    if (gsis.size() > MAX_GSIS) {
      throw SimErrors.validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GSIS);
    }
    if (lsis.size() > MAX_LSIS) {
      throw SimErrors.validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of " + MAX_LSIS);
    }
    Set<String> indexNames = new HashSet<>();
    for (GlobalSecondaryIndex g : gsis) {
      if (!indexNames.add(g.indexName())) {
        throw SimErrors.validation(INVALID + "Duplicate index name: " + g.indexName());
      }
      checkIndexKeySchema(g.keySchema());
      checkProjection(g.projection());
      if (billing == BillingMode.PROVISIONED && g.provisionedThroughput() == null) {
        throw SimErrors.validation(INVALID + "ProvisionedThroughput is not specified for index: " + g.indexName());
      }
      if (billing == BillingMode.PAY_PER_REQUEST && g.provisionedThroughput() != null) {
        throw SimErrors.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
            + g.indexName() + " when BillingMode is PAY_PER_REQUEST");
      }
      if (g.provisionedThroughput() != null) {
        checkCapacity(g.provisionedThroughput(), "globalSecondaryIndexes.member.provisionedThroughput");
      }
      if (g.onDemandThroughput() != null) {
        checkOnDemand(g.onDemandThroughput(), billing, false, "index : " + g.indexName());
      }
    }
    String hashKey = keys.get(0).attributeName();
    boolean hasRange = keys.size() > 1;
    for (LocalSecondaryIndex l : lsis) {
      if (!indexNames.add(l.indexName())) {
        throw SimErrors.validation(INVALID + "Duplicate index name: " + l.indexName());
      }
      if (!hasRange) {
        throw SimErrors.validation(INVALID + "Table KeySchema does not have a range key, which is required when "
            + "specifying a LocalSecondaryIndex");
      }
      checkIndexKeySchema(l.keySchema());
      String lsiHash = l.keySchema().get(0).attributeName();
      if (!lsiHash.equals(hashKey)) {
        throw SimErrors.validation(INVALID + "Index KeySchema does not have the same leading hash key as table "
            + "KeySchema for index: " + l.indexName() + ". index hash key: " + lsiHash + ", table hash key: "
            + hashKey);
      }
      if (l.keySchema().size() < 2) {
        throw SimErrors.validation(INVALID + "Index KeySchema does not have a range key for index: "
            + l.indexName());
      }
      checkProjection(l.projection());
    }

    // Every key attribute defined, every definition used.
    List<String> keyNames = new ArrayList<>();
    keys.forEach(k -> addOnce(keyNames, k.attributeName()));
    gsis.forEach(g -> g.keySchema().forEach(k -> addOnce(keyNames, k.attributeName())));
    lsis.forEach(l -> l.keySchema().forEach(k -> addOnce(keyNames, k.attributeName())));
    if (!defs.keySet().containsAll(keyNames)) {
      throw SimErrors.validation(INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
          + "Keys: " + keyNames + ", AttributeDefinitions: " + new ArrayList<>(defs.keySet()));
    }
    if (!keyNames.containsAll(defs.keySet())) {
      throw SimErrors.validation(INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: "
          + new ArrayList<>(defs.keySet()) + ", keys used: " + keyNames);
    }
    StreamSpecification stream = r.streamSpecification();
    if (stream != null) {
      if (Boolean.TRUE.equals(stream.streamEnabled()) && stream.streamViewType() == null) {
        throw SimErrors.validation(INVALID + "Table is being created with a stream enabled, UpdateViewType is "
            + "required");
      }
      if (!Boolean.TRUE.equals(stream.streamEnabled()) && stream.streamViewType() != null) {
        throw SimErrors.validation(INVALID + "Table is being created with a stream disabled, UpdateViewType should "
            + "not be specified");
      }
    }
    settings.checkCreate(region, r);
    Map<String, String> tags = r.hasTags() ? checkTags(r.tags()) : Map.of();
    if (tags.keySet().stream().filter(k -> !k.startsWith("aws:")).count() > MAX_USER_TAGS) {
      throw SimErrors.validation("Number of Tags exceed the current limit for the provided ResourceArn");
    }

    // State: the name must be free in this region.
    SimTable existing = tables.get(region).get(name);
    if (existing != null && !existing.removed) {
      if (existing.visible && existing.status == TableStatus.CREATING) {
        throw SimErrors.inUse(IN_USE + "Table is being created: " + name);
      }
      throw SimErrors.inUse("Table already exists: " + name);
    }

    SimTable t = newTable(region, name);
    t.status = TableStatus.CREATING;
    t.visible = true;
    t.keySchema = List.copyOf(keys);
    t.attributes.putAll(defs);
    t.billing = billing;
    if (billing == BillingMode.PROVISIONED) {
      t.rcu = pt.readCapacityUnits();
      t.wcu = pt.writeCapacityUnits();
    } else {
      t.lastUpdateToPayPerRequest = clock.instant();
    }
    if (odt != null) {
      t.maxRead = limitValue(odt.maxReadRequestUnits(), null);
      t.maxWrite = limitValue(odt.maxWriteRequestUnits(), null);
    }
    for (GlobalSecondaryIndex g : gsis) {
      SimIndex ix = new SimIndex(g.indexName(), g.keySchema(), g.projection(), t.arn + "/index/" + g.indexName(),
          IndexStatus.CREATING);
      if (g.provisionedThroughput() != null) {
        ix.rcu = g.provisionedThroughput().readCapacityUnits();
        ix.wcu = g.provisionedThroughput().writeCapacityUnits();
      }
      if (g.onDemandThroughput() != null) {
        ix.maxRead = limitValue(g.onDemandThroughput().maxReadRequestUnits(), null);
        ix.maxWrite = limitValue(g.onDemandThroughput().maxWriteRequestUnits(), null);
      }
      t.gsis.put(ix.name, ix);
    }
    List<LocalSecondaryIndexDescription> lsiDescriptions = new ArrayList<>();
    for (LocalSecondaryIndex l : lsis) {
      lsiDescriptions.add(LocalSecondaryIndexDescription.builder().indexName(l.indexName())
          .keySchema(l.keySchema()).projection(l.projection()).indexArn(t.arn + "/index/" + l.indexName())
          .indexSizeBytes(0L).itemCount(0L).build());
    }
    t.lsis = List.copyOf(lsiDescriptions);
    if (stream != null && Boolean.TRUE.equals(stream.streamEnabled())) {
      enableStream(t, stream.streamViewType());
    }
    t.deletionProtection = Boolean.TRUE.equals(r.deletionProtectionEnabled());
    t.tags.putAll(tags);
    settings.applyCreate(t, r);
    tables.get(region).put(name, t);
    after(timings.tableCreate(), () -> {
      if (!t.removed && t.status == TableStatus.CREATING) {
        t.status = TableStatus.ACTIVE;
        t.activeSince = clock.instant();
        t.gsis.values().forEach(ix -> ix.status = IndexStatus.ACTIVE);
      }
    });
    lastSummary = "created " + name + " (CREATING)";
    return describe(t);
  }

  /** A pre-existing table made outside the operator: simple key "id" (S), PAY_PER_REQUEST, ACTIVE. */
  void createForeignTable(String region, String name, Map<String, String> tags) {
    checkTableName(name);
    SimTable existing = tables.get(region).get(name);
    if (existing != null && !existing.removed) {
      throw new IllegalStateException("a table named " + name + " already exists in " + region);
    }
    SimTable t = newTable(region, name);
    t.status = TableStatus.ACTIVE;
    t.visible = true;
    t.keySchema = List.of(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build());
    t.attributes.put("id", ScalarAttributeType.S);
    t.billing = BillingMode.PAY_PER_REQUEST;
    t.lastUpdateToPayPerRequest = clock.instant();
    t.tags.putAll(tags);
    tables.get(region).put(name, t);
  }

  private static void addOnce(List<String> list, String s) {
    if (!list.contains(s)) {
      list.add(s);
    }
  }

  private static void checkTableKeySchema(List<KeySchemaElement> keys) {
    if (keys.isEmpty()) {
      throw SimErrors.validation("1 validation error detected: Value null at 'keySchema' failed to satisfy "
          + "constraint: Member must not be null");
    }
    if (keys.size() > 2) {
      throw SimErrors.validation("1 validation error detected: Value '" + keys + "' at 'keySchema' failed to "
          + "satisfy constraint: Member must have length less than or equal to 2");
    }
    if (keys.get(0).keyType() != KeyType.HASH) {
      throw SimErrors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    if (keys.size() == 2) {
      if (keys.get(1).keyType() != KeyType.RANGE) {
        throw SimErrors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
      }
      if (keys.get(0).attributeName().equals(keys.get(1).attributeName())) {
        throw SimErrors.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
      }
    }
  }

  private static void checkIndexKeySchema(List<KeySchemaElement> keys) {
    checkTableKeySchema(keys == null ? List.of() : keys);
  }

  private static void checkProjection(Projection p) {
    if (p == null || p.projectionType() == null) {
      throw SimErrors.validation(INVALID + "Unknown ProjectionType: null");
    }
    boolean hasNonKey = p.hasNonKeyAttributes() && !p.nonKeyAttributes().isEmpty();
    if (p.projectionType() == ProjectionType.INCLUDE && !hasNonKey) {
      throw SimErrors.validation(INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    }
    if (p.projectionType() != ProjectionType.INCLUDE && hasNonKey) {
      throw SimErrors.validation(INVALID + "ProjectionType is " + p.projectionTypeAsString()
          + ", but NonKeyAttributes is specified");
    }
  }

  private static Map<String, ScalarAttributeType> attributeDefinitions(List<AttributeDefinition> list,
      String field) {
    Map<String, ScalarAttributeType> defs = new LinkedHashMap<>();
    int i = 0;
    for (AttributeDefinition d : list) {
      i++;
      if (d.attributeType() == null || d.attributeType() == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION) {
        throw enumError(d.attributeTypeAsString(), field + "." + i + ".member.attributeType", "[B, N, S]");
      }
      if (defs.put(d.attributeName(), d.attributeType()) != null) {
        throw SimErrors.validation("Attribute Name is duplicated: " + d.attributeName());
      }
    }
    return defs;
  }

  private static RuntimeException enumError(String value, String field, String set) {
    return SimErrors.validation("1 validation error detected: Value '" + value + "' at '" + field + "' failed to "
        + "satisfy constraint: Member must satisfy enum value set: " + set);
  }

  private static void checkCapacity(ProvisionedThroughput pt, String field) {
    checkUnits(pt.readCapacityUnits(), field + ".readCapacityUnits");
    checkUnits(pt.writeCapacityUnits(), field + ".writeCapacityUnits");
  }

  private static void checkUnits(Long v, String field) {
    if (v == null) {
      throw SimErrors.validation("1 validation error detected: Value null at '" + field + "' failed to satisfy "
          + "constraint: Member must not be null");
    }
    if (v < 1) {
      throw SimErrors.validation("1 validation error detected: Value '" + v + "' at '" + field + "' failed to "
          + "satisfy constraint: Member must have value greater than or equal to 1");
    }
  }

  /**
   * On-demand limits: rejected on PROVISIONED; 0 and values below -1 are out of range; -1 means "no limit" (on
   * UpdateTable it clears a limit).
   */
  private static void checkOnDemand(OnDemandThroughput odt, BillingMode billing, boolean update, String what) {
    if (billing == BillingMode.PROVISIONED) {
      String field = odt.maxReadRequestUnits() != null ? "MaxReadRequestUnits" : "MaxWriteRequestUnits";
      String suffix = what.equals("table") ? "" : " for " + what;
      throw SimErrors.validation(INVALID + field + " for OnDemandThroughput cannot be specified when the table "
          + "BillingMode is PROVISIONED" + suffix);
    }
    checkLimit(odt.maxReadRequestUnits(), "MaxReadRequestUnits", what);
    checkLimit(odt.maxWriteRequestUnits(), "MaxWriteRequestUnits", what);
  }

  private static void checkLimit(Long v, String field, String what) {
    if (v != null && (v == 0 || v < -1)) {
      throw SimErrors.validation(INVALID + "Requested " + field + " for OnDemandThroughput for " + what
          + " is outside of valid range");
    }
  }

  /** Request value -> stored limit: null keeps {@code current}, -1 clears. */
  private static Long limitValue(Long requested, Long current) {
    if (requested == null) {
      return current;
    }
    return requested == -1 ? null : requested;
  }

  // ------------------------------------------------------------------------------------------------ DescribeTable

  TableDescription describeTable(String region, String nameOrArn) {
    return describe(requireTable(region, tableName(region, nameOrArn)));
  }

  /** DescribeTable output for {@code t} as seen from its own region. */
  TableDescription describe(SimTable t) {
    TableDescription.Builder b = TableDescription.builder()
        .tableName(t.name)
        .tableArn(t.arn)
        .tableId(t.tableId)
        .tableStatus(t.status)
        .creationDateTime(t.created)
        .keySchema(t.keySchema)
        .attributeDefinitions(t.attributes.entrySet().stream()
            .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
            .toList())
        .provisionedThroughput(ProvisionedThroughputDescription.builder()
            .readCapacityUnits(t.rcuOverride != null ? t.rcuOverride : t.rcu)
            .writeCapacityUnits(t.wcu)
            .numberOfDecreasesToday(t.budget.decreasesToday(clock.instant()))
            .lastDecreaseDateTime(t.budget.lastDecrease())
            .lastIncreaseDateTime(t.budget.lastIncrease())
            .build())
        .deletionProtectionEnabled(t.deletionProtection)
        .itemCount(t.itemCount)
        .tableSizeBytes(t.itemCount * 100);
    if (t.billing == BillingMode.PAY_PER_REQUEST || t.lastUpdateToPayPerRequest != null) {
      b.billingModeSummary(BillingModeSummary.builder().billingMode(t.billing)
          .lastUpdateToPayPerRequestDateTime(t.lastUpdateToPayPerRequest).build());
    }
    if (t.billing == BillingMode.PAY_PER_REQUEST) {
      Long maxRead = t.maxReadOverride != null ? t.maxReadOverride : t.maxRead;
      b.onDemandThroughput(OnDemandThroughput.builder()
          .maxReadRequestUnits(maxRead == null ? -1L : maxRead)
          .maxWriteRequestUnits(t.maxWrite == null ? -1L : t.maxWrite).build());
    }
    if (t.stream != null) {
      b.streamSpecification(t.stream);
    }
    if (t.latestStreamArn != null) {
      b.latestStreamArn(t.latestStreamArn).latestStreamLabel(t.latestStreamLabel);
    }
    if (!t.gsis.isEmpty()) {
      b.globalSecondaryIndexes(t.gsis.values().stream().map(ix -> describeIndex(t, ix)).toList());
    }
    if (!t.lsis.isEmpty()) {
      b.localSecondaryIndexes(t.lsis);
    }
    settings.decorate(t, b);
    List<ReplicaDescription> replicas = replicaEntries(t);
    if (!replicas.isEmpty()) {
      b.replicas(replicas)
          .globalTableVersion(GLOBAL_TABLE_VERSION)
          .globalTableSettingsReplicationMode(GlobalTableSettingsReplicationMode.ENABLED_WITH_OVERRIDES);
    }
    return b.build();
  }

  private GlobalSecondaryIndexDescription describeIndex(SimTable t, SimIndex ix) {
    GlobalSecondaryIndexDescription.Builder b = GlobalSecondaryIndexDescription.builder()
        .indexName(ix.name)
        .keySchema(ix.keySchema)
        .projection(ix.projection)
        .indexStatus(ix.status)
        .backfilling(ix.backfilling)
        .indexArn(ix.arn)
        .indexSizeBytes(0L)
        .itemCount(0L)
        .provisionedThroughput(ProvisionedThroughputDescription.builder()
            .readCapacityUnits(ix.rcuOverride != null ? ix.rcuOverride : ix.rcu)
            .writeCapacityUnits(ix.wcu)
            .numberOfDecreasesToday(ix.budget.decreasesToday(clock.instant()))
            .lastDecreaseDateTime(ix.budget.lastDecrease())
            .lastIncreaseDateTime(ix.budget.lastIncrease()).build());
    if (t.billing == BillingMode.PAY_PER_REQUEST) {
      Long maxRead = ix.maxReadOverride != null ? ix.maxReadOverride : ix.maxRead;
      b.onDemandThroughput(OnDemandThroughput.builder()
          .maxReadRequestUnits(maxRead == null ? -1L : maxRead)
          .maxWriteRequestUnits(ix.maxWrite == null ? -1L : ix.maxWrite).build());
    }
    return b.build();
  }

  /** The other members of {@code t}'s group whose entry is visible, in join order. */
  private List<ReplicaDescription> replicaEntries(SimTable t) {
    if (t.group == null) {
      return List.of();
    }
    List<ReplicaDescription> out = new ArrayList<>();
    for (SimTable m : t.group.members) {
      if (m == t || !m.entryVisible) {
        continue;
      }
      ReplicaDescription.Builder b = ReplicaDescription.builder()
          .regionName(m.region)
          .replicaStatus(entryStatus(m))
          .globalTableSettingsReplicationMode(GlobalTableSettingsReplicationMode.ENABLED_WITH_OVERRIDES);
      if (m.phaseDescription != null) {
        b.replicaStatusDescription(m.phaseDescription);
      }
      if (m.phase == SimTable.Phase.CREATING && m.nonEmptyCreate) {
        b.replicaStatusPercentProgress(Long.toString(progressPercent(m)));
      }
      settings.decorateEntry(m, b);
      if (m.rcuOverride != null) {
        b.provisionedThroughputOverride(ProvisionedThroughputOverride.builder().readCapacityUnits(m.rcuOverride)
            .build());
      }
      if (m.maxReadOverride != null) {
        b.onDemandThroughputOverride(OnDemandThroughputOverride.builder().maxReadRequestUnits(m.maxReadOverride)
            .build());
      }
      if (!m.gsis.isEmpty()) {
        b.globalSecondaryIndexes(m.gsis.values().stream().map(ix -> {
          ReplicaGlobalSecondaryIndexDescription.Builder g =
              ReplicaGlobalSecondaryIndexDescription.builder().indexName(ix.name);
          if (ix.rcuOverride != null) {
            g.provisionedThroughputOverride(ProvisionedThroughputOverride.builder()
                .readCapacityUnits(ix.rcuOverride).build());
          }
          if (ix.maxReadOverride != null) {
            g.onDemandThroughputOverride(OnDemandThroughputOverride.builder()
                .maxReadRequestUnits(ix.maxReadOverride).build());
          }
          return g.build();
        }).toList());
      }
      out.add(b.build());
    }
    return out;
  }

  /** What the other members report as this member's ReplicaStatus. */
  static ReplicaStatus entryStatus(SimTable m) {
    return switch (m.phase) {
      case CREATING -> ReplicaStatus.CREATING;
      case CREATION_FAILED -> ReplicaStatus.CREATION_FAILED;
      case DELETING -> ReplicaStatus.DELETING;
      case ACTIVE -> m.status == TableStatus.UPDATING ? ReplicaStatus.UPDATING : ReplicaStatus.ACTIVE;
    };
  }

  private long progressPercent(SimTable m) {
    long total = Duration.between(m.createStart, m.createEnd).toMillis();
    long done = Duration.between(m.createStart, clock.instant()).toMillis();
    return total <= 0 ? 0 : Math.max(0, Math.min(99, done * 100 / total));
  }

  // ------------------------------------------------------------------------------------------------ UpdateTable

  TableDescription updateTable(String region, UpdateTableRequest r) {
    String name = tableName(region, r.tableName());
    boolean replica = r.hasReplicaUpdates();
    if (replica && r.replicaUpdates().isEmpty()) {
      throw SimErrors.validation("1 validation error detected: Value '[]' at 'replicaUpdates' failed to satisfy "
          + "constraint: Member must have length greater than or equal to 1");
    }
    boolean gsiUpdates = r.hasGlobalSecondaryIndexUpdates();
    if (gsiUpdates && r.globalSecondaryIndexUpdates().isEmpty()) {
      throw SimErrors.validation(INVALID + "List of GlobalSecondaryIndexUpdates is empty");
    }
    boolean billing = r.billingMode() != null;
    boolean pt = r.provisionedThroughput() != null;
    boolean stream = r.streamSpecification() != null;
    boolean dp = r.deletionProtectionEnabled() != null;
    boolean odt = r.onDemandThroughput() != null;
    boolean sse = r.sseSpecification() != null;
    boolean tableClass = r.tableClass() != null;
    boolean warm = r.warmThroughput() != null;
    boolean mrc = r.multiRegionConsistency() != null;
    boolean witness = r.hasGlobalTableWitnessUpdates();

    if (!(replica || gsiUpdates || billing || pt || stream || dp || odt || sse || tableClass || warm || witness)) {
      // Only TableName / AttributeDefinitions (/ MultiRegionConsistency): nothing to do.
      throw SimErrors.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
          + "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
          + "ReplicaTransitRoleArn, " + (mrc ? "" : "MultiRegionConsistency, ") + "DeletionProtectionEnabled, "
          + "OnDemandThroughput, WarmThroughput or TableClass is required");
    }
    if (replica && (gsiUpdates || billing || pt || stream || dp || odt || sse || tableClass || warm)) {
      throw SimErrors.validation(INVALID + "Replica modification must be the only operation in the request");
    }
    if (sse && (gsiUpdates || billing || pt || stream || dp || odt || tableClass || warm)) {
      throw SimErrors.validation(INVALID + "Server-Side Encryption modification must be the only operation in the "
          + "request");
    }
    if (tableClass && (gsiUpdates || billing || pt || stream || dp || odt || warm)) {
      throw SimErrors.validation(INVALID + "TableClass modification must be the only operation in the request");
    }
    if (warm || mrc || witness || r.globalTableSettingsReplicationMode() != null) {
      throw unsupported("UpdateTable with WarmThroughput, MultiRegionConsistency, GlobalTableWitnessUpdates or "
          + "GlobalTableSettingsReplicationMode");
    }
    if (replica) {
      return replicaUpdates(region, name, r.replicaUpdates());
    }
    if (sse) {
      return settings.updateSse(region, name, r.sseSpecification());
    }
    if (tableClass) {
      return settings.updateTableClass(region, name, r.tableClassAsString());
    }
    return tableUpdate(region, name, r);
  }

  // ---- ReplicaUpdates

  private record ReplicaAction(String type, String region, ReplicationGroupUpdate update) {}

  private TableDescription replicaUpdates(String region, String name, List<ReplicationGroupUpdate> updates) {
    // Shape: one action per element, at most one Create/Delete, no mixed types.
    List<ReplicaAction> actions = new ArrayList<>();
    for (ReplicationGroupUpdate u : updates) {
      int n = (u.create() != null ? 1 : 0) + (u.update() != null ? 1 : 0) + (u.delete() != null ? 1 : 0);
      if (n == 0) {
        throw SimErrors.validation("There are no actions specified in the Replica Update Action of the request.");
      }
      if (n > 1) {
        throw SimErrors.validation("Update table operation with more than one type of replica actions not allowed");
      }
      ReplicaAction a = u.create() != null ? new ReplicaAction("Create", u.create().regionName(), u)
          : u.update() != null ? new ReplicaAction("Update", u.update().regionName(), u)
          : new ReplicaAction("Delete", u.delete().regionName(), u);
      if (a.type().equals("Create") && actions.stream().anyMatch(x -> x.update().equals(u))) {
        continue; // two identical Creates are de-duplicated and accepted
      }
      actions.add(a);
    }
    if (actions.stream().map(ReplicaAction::type).distinct().count() > 1) {
      throw SimErrors.validation("Update table operation with more than one type of replica actions not allowed");
    }
    String type = actions.get(0).type();
    if (!type.equals("Update") && actions.size() > 1) {
      throw SimErrors.validation("Update table operation with more than one create or delete replica actions not "
          + "allowed");
    }
    for (ReplicaAction a : actions) {
      if (a.type().equals("Update") && !hasOverride(a.update().update())) {
        throw SimErrors.validation("There are no actions specified in the Replica Update Action of the request.");
      }
      if (a.type().equals("Update") || a.type().equals("Create")) {
        rejectUnmodelledReplicaFields(a);
      }
    }

    SimTable t = requireTable(region, name);
    for (ReplicaAction a : actions) {
      if (region.equals(a.region())) {
        throw SimErrors.validation("Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, "
            + "DeleteTable, or UpdateTable as required.");
      }
      if (a.region() == null || !knownRegion(a.region())) {
        throw SimErrors.validation("Region " + a.region() + " is not supported. The latest version of global "
            + "tables are only supported in the following regions: " + regions);
      }
    }
    requireNotCreatingOrDeleting(t);

    List<SimTable> others = t.group == null ? List.of()
        : t.group.members.stream().filter(m -> m != t).toList();
    for (ReplicaAction a : actions) {
      SimTable target = others.stream().filter(m -> m.region.equals(a.region())).findFirst().orElse(null);
      if (a.type().equals("Create")) {
        continue; // checked below, after the "being added" rule
      }
      if (target == null || !target.entryVisible) {
        throw SimErrors.validation("Update global table operation failed because one or more replicas were not "
            + "part of the global table. Please retry the request without these replicas: [" + a.region() + "].");
      }
      if (a.type().equals("Delete")) {
        if (target.deletionProtection && target.phase != SimTable.Phase.CREATION_FAILED) {
          throw SimErrors.validation("Cannot delete table " + name + " in region " + target.region
              + " because it has deletion protection enabled. Disable deletion protection first.");
        }
        checkSourceRule(target);
      } else {
        checkOverrides(t, a.update().update());
      }
    }
    // A replica of a non-empty table being added blocks every other replica action with a ValidationException.
    rejectWhileNonEmptyReplicaIsAdded(t);
    if (type.equals("Create")) {
      String target = actions.get(0).region();
      SimTable member = others.stream().filter(m -> m.region.equals(target)).findFirst().orElse(null);
      SimTable occupant = tables.get(target).get(name);
      boolean memberBeingCreated = member != null && member.phase == SimTable.Phase.CREATING;
      if (!memberBeingCreated && (member != null || (occupant != null && !occupant.removed))) {
        throw SimErrors.validation("Failed to create a the new replica of table with name: \u2018" + name
            + "\u2019 because one or more replicas already existed as tables.");
      }
    }
    if (type.equals("Create")) {
      settings.checkReplicaCreate(t, actions.get(0).update().create());
      requireWriteAutoScaling(t);
    }
    // State: the table, every other member and every index must be quiet.
    if (t.status != TableStatus.ACTIVE) {
      throw SimErrors.inUse(inUseText(t, "Table: " + name + " is in the process of being updated."));
    }
    for (SimTable m : others) {
      ReplicaStatus s = entryStatus(m);
      if (!m.entryVisible || !(s == ReplicaStatus.ACTIVE || s == ReplicaStatus.CREATION_FAILED)) {
        throw SimErrors.inUse(IN_USE_TERSE);
      }
    }
    if (t.hasTransitioningIndex() || others.stream().anyMatch(SimTable::hasTransitioningIndex)) {
      throw SimErrors.inUse(IN_USE_TERSE);
    }
    settings.requireSseSettled(t); // an SSE change in flight blocks replica updates too (aws-semantics 1.4)

    if (type.equals("Update")) {
      for (ReplicaAction a : actions) {
        settings.checkReplicaUpdate(others.stream().filter(m -> m.region.equals(a.region())).findFirst()
            .orElseThrow(), a.update().update());
      }
    }
    switch (type) {
      case "Create" -> createReplica(t, actions.get(0).update().create());
      case "Delete" -> deleteReplica(t, actions.get(0).update().delete());
      default -> actions.forEach(a -> updateReplica(t, a.update().update()));
    }
    return describe(t);
  }

  /**
   * A PROVISIONED table gets a replica only when its write capacity, and every GSI's, is auto scaled in the calling
   * region: target plus TargetTracking policy (aws-semantics 4.1, 9.1). Read auto scaling is not required.
   */
  private void requireWriteAutoScaling(SimTable t) {
    if (t.billing != BillingMode.PROVISIONED || autoScaling == null) {
      return; // on-demand tables (and a plane without auto scaling) have nothing to check
    }
    if (!autoScaling.autoScaled(t.region, "table/" + t.name, ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS)) {
      throw SimErrors.validation("Table write capacity should either be Pay-Per-Request or AutoScaled.");
    }
    for (SimIndex ix : t.gsis.values()) {
      if (!autoScaling.autoScaled(t.region, "table/" + t.name + "/index/" + ix.name,
          ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS)) {
        throw SimErrors.validation("GSI write capacity should either be Pay-Per-Request or AutoScaled.");
      }
    }
  }

  private static boolean hasOverride(UpdateReplicationGroupMemberAction u) {
    boolean gsi = u.hasGlobalSecondaryIndexes() && u.globalSecondaryIndexes().stream()
        .anyMatch(g -> g.provisionedThroughputOverride() != null || g.onDemandThroughputOverride() != null);
    return u.provisionedThroughputOverride() != null || u.onDemandThroughputOverride() != null
        || u.kmsMasterKeyId() != null || u.tableClassOverride() != null || gsi;
  }

  private void rejectUnmodelledReplicaFields(ReplicaAction a) {
    if (a.type().equals("Update")) {
      UpdateReplicationGroupMemberAction u = a.update().update();
      if (u.kmsMasterKeyId() != null) {
        // AWS rejects every ReplicaUpdates.Update carrying a key (aws-semantics 3, KMS).
        throw SimErrors.validation(INVALID + "KMSMasterKeyId must be specified for each replica.");
      }
    }
  }

  private void checkOverrides(SimTable t, UpdateReplicationGroupMemberAction u) {
    if (u.provisionedThroughputOverride() != null && t.billing == BillingMode.PAY_PER_REQUEST) {
      throw SimErrors.validation("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
          + "BillingMode is PAY_PER_REQUEST");
    }
    if (u.onDemandThroughputOverride() != null && t.billing == BillingMode.PROVISIONED) {
      throw SimErrors.validation(INVALID + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the "
          + "table BillingMode is PROVISIONED");
    }
  }

  /** The 24 h source rule: a table that sourced a still-existing replica within 24 h cannot be deleted. */
  private void checkSourceRule(SimTable t) {
    Instant now = clock.instant();
    for (SimTable.Sourced s : t.sourced) {
      boolean stillMember = s.replica().group != null && s.replica().group == t.group;
      if (stillMember && now.isBefore(s.at().plus(timings.sourceRule()))) {
        throw SimErrors.validation("Replica cannot be deleted because it has acted as a source region for new "
            + "replica(s) being added to the table in the last 24 hours.");
      }
    }
  }

  /**
   * While a replica of a non-empty table is being added, other replica actions (and UpdateTimeToLive) get a
   * ValidationException (aws-semantics 1.4, 7.1).
   */
  void rejectWhileNonEmptyReplicaIsAdded(SimTable t) {
    if (t.group == null) {
      return;
    }
    for (SimTable m : t.group.members) {
      if (m != t && m.phase == SimTable.Phase.CREATING && m.nonEmptyCreate) {
        throw SimErrors.validation("Create/Update/Delete of replica is not allowed while the replica is being added "
            + "to table with name: \u2018" + t.name + "\u2019 in region: \u2018" + m.region + "\u2019.");
      }
    }
  }

  /**
   * The state every table-level setting change needs: table ACTIVE (regional tables get the detailed texts) and every
   * other member's entry ACTIVE (or CREATION_FAILED), else the terse ResourceInUseException.
   */
  void requireQuiet(SimTable t) {
    requireNotCreatingOrDeleting(t);
    if (t.status == TableStatus.UPDATING) {
      throw SimErrors.inUse(inUseText(t, "Table: " + t.name + " is in the process of being updated."));
    }
    for (SimTable m : groupMembers(t)) {
      ReplicaStatus s = entryStatus(m);
      if (m != t && (!m.entryVisible || !(s == ReplicaStatus.ACTIVE || s == ReplicaStatus.CREATION_FAILED))) {
        throw SimErrors.inUse(IN_USE_TERSE);
      }
    }
  }

  void requireNotCreatingOrDeleting(SimTable t) {
    if (t.status == TableStatus.CREATING) {
      throw SimErrors.inUse(inUseText(t, "Table is being created: " + t.name));
    }
    if (t.status == TableStatus.DELETING) {
      throw SimErrors.inUse(inUseText(t, "Table is being deleted: " + t.name));
    }
  }

  /** Tables with replicas get the detail-free text; regional tables the detailed one. */
  static String inUseText(SimTable t, String detail) {
    return t.isGlobal() ? IN_USE_TERSE : IN_USE + detail;
  }

  private void createReplica(SimTable source, CreateReplicationGroupMemberAction c) {
    Instant now = clock.instant();
    if (source.group == null) {
      source.group = new SimGroup(source.name);
      source.group.members.add(source);
    }
    SimGroup group = source.group;
    if (source.stream == null) {
      // Adding a replica enables a NEW_AND_OLD_IMAGES stream when there is none; an existing one is kept.
      enableStream(source, StreamViewType.NEW_AND_OLD_IMAGES);
    }
    SimTable old = tables.get(c.regionName()).get(source.name);
    if (old != null && old.removed) {
      tables.get(c.regionName()).remove(source.name);
    }
    SimTable x = newTable(c.regionName(), source.name);
    x.status = TableStatus.CREATING;
    x.visible = false;
    x.keySchema = source.keySchema;
    x.attributes.putAll(source.attributes);
    x.billing = source.billing;
    x.lastUpdateToPayPerRequest = source.lastUpdateToPayPerRequest;
    x.rcu = source.rcu;
    x.wcu = source.wcu;
    x.maxRead = source.maxRead;
    x.maxWrite = source.maxWrite;
    source.gsis.values().forEach(ix -> x.gsis.put(ix.name, ix.copyFor(x.arn)));
    x.lsis = source.lsis.stream().map(l -> l.toBuilder().indexArn(x.arn + "/index/" + l.indexName()).build())
        .toList();
    enableStream(x, source.stream.streamViewType());
    x.itemCount = source.itemCount;
    settings.inherit(source, x, c);
    if (c.provisionedThroughputOverride() != null && x.billing == BillingMode.PROVISIONED) {
      x.rcuOverride = c.provisionedThroughputOverride().readCapacityUnits();
    }
    if (c.onDemandThroughputOverride() != null && x.billing == BillingMode.PAY_PER_REQUEST) {
      x.maxReadOverride = c.onDemandThroughputOverride().maxReadRequestUnits();
    }
    if (c.hasGlobalSecondaryIndexes()) {
      applyGsiOverrides(x, c.globalSecondaryIndexes());
    }
    x.group = group;
    x.phase = SimTable.Phase.CREATING;
    x.entryVisible = false;
    x.nonEmptyCreate = source.itemCount > 0;
    Duration activeAt = x.nonEmptyCreate ? timings.replicaActiveNonEmpty() : timings.replicaActiveEmpty();
    x.createStart = now;
    x.createEnd = now.plus(activeAt);
    group.members.add(x);
    source.sourced.add(new SimTable.Sourced(x, now));
    tables.get(x.region).put(x.name, x);
    boolean fail = faults.takeReplicaCreateFailure(x.region);

    beginUpdating(source);
    after(timings.replicaEntryVisible(), () -> {
      endUpdating(source);
      if (x.phase == SimTable.Phase.CREATING) {
        x.entryVisible = true;
      }
    });
    after(timings.replicaTableVisible(), () -> {
      if (x.phase == SimTable.Phase.CREATING && !fail) {
        x.visible = true;
      }
    });
    after(activeAt, () -> {
      if (x.phase != SimTable.Phase.CREATING) {
        return; // superseded
      }
      if (fail) {
        x.phase = SimTable.Phase.CREATION_FAILED;
        x.phaseDescription = "Replica creation failed in region " + x.region
            + ": failure injected by the simulator (Faults.failReplicaCreate)";
        x.visible = false;
        x.removed = true;
        tables.get(x.region).remove(x.name, x);
      } else {
        x.phase = SimTable.Phase.ACTIVE;
        x.status = TableStatus.ACTIVE;
        x.activeSince = clock.instant();
        if (x.billing == BillingMode.PROVISIONED && autoScaling != null && !source.removed) {
          // DynamoDB copies the source's write auto scaling into the new region once the replica is ACTIVE.
          autoScaling.mirrorWriteAutoScaling(source.region, x.region, x.name, List.copyOf(x.gsis.keySet()));
        }
      }
    });
    lastSummary = "ReplicaUpdates Create " + x.region;
  }

  private void deleteReplica(SimTable caller, DeleteReplicationGroupMemberAction d) {
    SimTable x = caller.group.members.stream().filter(m -> m.region.equals(d.regionName())).findFirst()
        .orElseThrow();
    SimGroup group = caller.group;
    beginUpdating(caller);
    after(timings.replicaDeleteUpdating(), () -> {
      endUpdating(caller);
      x.phase = SimTable.Phase.DELETING;
      x.phaseDescription = null;
      if (!x.removed) {
        x.status = TableStatus.DELETING;
        x.updatingHolds = 0;
        x.stream = null;
      }
    });
    after(timings.replicaEntryRemoved(), () -> {
      group.members.remove(x);
      x.group = null;
      if (group.members.size() == 1) {
        group.members.get(0).group = null; // the last member is a regional table again
        group.members.clear();
      }
    });
    after(timings.replicaTableGone(), () -> {
      x.visible = false;
      x.removed = true;
      tables.get(x.region).remove(x.name, x);
    });
    lastSummary = "ReplicaUpdates Delete " + x.region;
  }

  private void updateReplica(SimTable caller, UpdateReplicationGroupMemberAction u) {
    SimTable x = caller.group.members.stream().filter(m -> m.region.equals(u.regionName())).findFirst()
        .orElseThrow();
    if (u.provisionedThroughputOverride() != null) {
      Long v = u.provisionedThroughputOverride().readCapacityUnits();
      x.rcuOverride = v == null || v == x.rcu ? null : v; // sending the base value clears the override
    }
    if (u.onDemandThroughputOverride() != null) {
      Long v = u.onDemandThroughputOverride().maxReadRequestUnits();
      x.maxReadOverride = v == null || v == -1 || Objects.equals(v, x.maxRead) ? null : v;
    }
    if (u.hasGlobalSecondaryIndexes()) {
      applyGsiOverrides(x, u.globalSecondaryIndexes());
    }
    settings.applyReplicaUpdate(x, u);
    updatingFor(caller, timings.replicaUpdateCycle());
    lastSummary = "ReplicaUpdates Update " + x.region;
  }

  private static void applyGsiOverrides(SimTable x, List<ReplicaGlobalSecondaryIndex> overrides) {
    for (ReplicaGlobalSecondaryIndex g : overrides) {
      SimIndex ix = x.gsis.get(g.indexName());
      if (ix == null) {
        continue; // AWS silently accepts an override for an unknown index
      }
      if (g.provisionedThroughputOverride() != null) {
        Long v = g.provisionedThroughputOverride().readCapacityUnits();
        ix.rcuOverride = v == null || v == ix.rcu ? null : v;
      }
      if (g.onDemandThroughputOverride() != null) {
        Long v = g.onDemandThroughputOverride().maxReadRequestUnits();
        ix.maxReadOverride = v == null || v == -1 || Objects.equals(v, ix.maxRead) ? null : v;
      }
    }
  }

  // ---- Table-level changes

  private TableDescription tableUpdate(String region, String name, UpdateTableRequest r) {
    boolean billing = r.billingMode() != null;
    boolean pt = r.provisionedThroughput() != null;
    boolean stream = r.streamSpecification() != null;
    boolean dp = r.deletionProtectionEnabled() != null;
    boolean odt = r.onDemandThroughput() != null;
    List<GlobalSecondaryIndexUpdate> gsiUpdates =
        r.hasGlobalSecondaryIndexUpdates() ? r.globalSecondaryIndexUpdates() : List.of();
    int createsOrDeletes = 0;
    Set<String> touched = new HashSet<>();
    for (GlobalSecondaryIndexUpdate u : gsiUpdates) {
      int n = (u.create() != null ? 1 : 0) + (u.update() != null ? 1 : 0) + (u.delete() != null ? 1 : 0);
      if (n == 0) {
        throw SimErrors.validation(INVALID + "One of GlobalSecondaryIndexUpdate.Update, "
            + "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
      }
      if (n > 1) {
        throw SimErrors.validation(INVALID + "Only one global secondary index action is allowed per "
            + "GlobalSecondaryIndexUpdate object");
      }
      String ixName = u.create() != null ? u.create().indexName()
          : u.update() != null ? u.update().indexName() : u.delete().indexName();
      if (!touched.add(ixName)) {
        throw SimErrors.validation(INVALID + "Only one global secondary index update per index is allowed "
            + "simultaneously. Index: " + ixName);
      }
      if (u.create() != null || u.delete() != null) {
        createsOrDeletes++;
      }
    }
    boolean indexCreateOrDelete = createsOrDeletes > 0;

    // Single-concern rules.
    if (dp && (billing || pt || stream || odt || !gsiUpdates.isEmpty())) {
      throw SimErrors.validation(INVALID + "DeletionProtection modification must be the only operation in the "
          + "request");
    }
    if (odt && (pt || stream || !gsiUpdates.isEmpty())) {
      throw SimErrors.validation(INVALID + "OnDemandThroughput can only be combined with BillingMode in an "
          + "UpdateTable request");
    }
    if (stream && (pt || r.billingMode() == BillingMode.PROVISIONED)) {
      throw SimErrors.validation(INVALID + "You cannot modify stream status while updating table IOPS");
    }
    if (indexCreateOrDelete && pt) {
      throw SimErrors.validation(INVALID + "You cannot create or delete index while updating table IOPS");
    }
    if (indexCreateOrDelete && stream) {
      throw SimErrors.validation(INVALID + "You cannot create or delete index while changing stream status");
    }
    if (createsOrDeletes > 1) {
      throw SimErrors.limitExceeded(ONE_INDEX);
    }
    if (billing && r.billingMode() == BillingMode.UNKNOWN_TO_SDK_VERSION) {
      throw enumError(r.billingModeAsString(), "billingMode", "[PROVISIONED, PAY_PER_REQUEST]");
    }
    if (r.billingMode() == BillingMode.PAY_PER_REQUEST && pt) {
      throw SimErrors.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
          + "BillingMode is PAY_PER_REQUEST");
    }
    if (pt) {
      checkCapacity(r.provisionedThroughput(), "provisionedThroughput");
    }
    StreamSpecification ss = r.streamSpecification();
    if (stream) {
      if (ss.streamEnabled() == null) {
        throw SimErrors.validation("1 validation error detected: Value null at 'streamSpecification.streamEnabled' "
            + "failed to satisfy constraint: Member must not be null");
      }
      if (ss.streamEnabled() && ss.streamViewType() == null) {
        throw SimErrors.validation(INVALID + "If stream is being enabled then UpdateViewType is required");
      }
      if (!ss.streamEnabled() && ss.streamViewType() != null) {
        throw SimErrors.validation(INVALID + "If stream is being disabled, then UpdateViewType must not be "
            + "specified");
      }
    }

    SimTable t = requireTable(region, name);
    BillingMode targetBilling = billing ? r.billingMode() : t.billing;

    // Content rules that AWS checks before the table's state.
    if (stream) {
      if (!ss.streamEnabled() && t.isGlobal()) {
        throw SimErrors.validation(INVALID + "Disabling Stream is not allowed for a Global Table replica.");
      }
      if (ss.streamEnabled() && t.stream != null) {
        throw SimErrors.validation("Table already has an enabled stream: TableName: " + name);
      }
      if (!ss.streamEnabled() && t.stream == null) {
        throw SimErrors.validation("Table has no stream to disable: TableName: " + name);
      }
    }
    if (targetBilling == BillingMode.PROVISIONED) {
      if (billing && t.billing == BillingMode.PAY_PER_REQUEST && !pt) {
        throw SimErrors.validation(INVALID + "ProvisionedThroughput must be specified when BillingMode is "
            + "PROVISIONED");
      }
      if (billing && t.billing == BillingMode.PAY_PER_REQUEST) {
        for (SimIndex ix : t.gsis.values()) {
          boolean given = gsiUpdates.stream().anyMatch(u -> u.update() != null
              && u.update().indexName().equals(ix.name) && u.update().provisionedThroughput() != null);
          if (!given) {
            throw SimErrors.validation(INVALID + "ProvisionedThroughput must be specified for index: " + ix.name);
          }
        }
      }
    } else if (pt) {
      throw SimErrors.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
          + "BillingMode is PAY_PER_REQUEST");
    }
    if (odt) {
      checkOnDemand(r.onDemandThroughput(), targetBilling, true, "table");
    }
    // The caller's own read capacity, as its DescribeTable reports it (its override, when AWS materialized one there).
    long callerRcu = t.rcuOverride != null ? t.rcuOverride : t.rcu;
    if (pt && !billing && t.billing == BillingMode.PROVISIONED
        && r.provisionedThroughput().readCapacityUnits() == callerRcu
        && r.provisionedThroughput().writeCapacityUnits() == t.wcu) {
      throw SimErrors.validation("The provisioned throughput for the table will not change. The requested value "
          + "equals the current value. Current ReadCapacityUnits provisioned for the table: " + callerRcu
          + ". Requested ReadCapacityUnits: " + callerRcu + ". Current WriteCapacityUnits provisioned for the table: "
          + t.wcu + ". Requested WriteCapacityUnits: " + t.wcu + ". Refer to the Amazon DynamoDB Developer Guide "
          + "for current limits and how to request higher limits.");
    }

    // State.
    requireNotCreatingOrDeleting(t);
    if (t.status == TableStatus.UPDATING) {
      if (dp && !t.isGlobal()) {
        throw SimErrors.inUse("Table needs to be in ACTIVE status to modify deletion protection setting.");
      }
      throw SimErrors.inUse(inUseText(t, "Table: " + name + " is in the process of being updated."));
    }
    List<SimTable> members = groupMembers(t);
    for (SimTable m : members) {
      if (m == t) {
        continue;
      }
      ReplicaStatus s = entryStatus(m);
      if (!m.entryVisible || !(s == ReplicaStatus.ACTIVE || s == ReplicaStatus.CREATION_FAILED)) {
        throw SimErrors.inUse(IN_USE_TERSE);
      }
    }
    settings.requireSseSettled(t); // TableStatus ACTIVE with SSE UPDATING is not quiescent (aws-semantics 1.4)
    SimIndex busy = t.gsis.values().stream().filter(SimIndex::transitioning).findFirst().orElse(null);
    if (busy != null) {
      if (indexCreateOrDelete) {
        boolean deletingTheBackfillingIndex = gsiUpdates.stream().anyMatch(u -> u.delete() != null
            && u.delete().indexName().equals(busy.name) && busy.status == IndexStatus.CREATING
            && Boolean.TRUE.equals(busy.backfilling));
        if (!deletingTheBackfillingIndex) {
          throw SimErrors.limitExceeded(ONE_INDEX);
        }
      }
      String verb = busy.status == IndexStatus.DELETING ? "deleted" : "created";
      if (billing || pt) {
        throw SimErrors.inUse(inUseText(t, "Can't change table IOPS when an index is being " + verb + ". Table: "
            + name + " Indexes: [" + busy.name + "]"));
      }
      if (stream) {
        throw SimErrors.inUse(inUseText(t, "Can't change stream status when an index is being " + verb
            + ". Table: " + name + " Indexes: [" + busy.name + "]"));
      }
    }

    // Index content and quota.
    Map<String, ScalarAttributeType> newDefs = r.hasAttributeDefinitions()
        ? attributeDefinitions(r.attributeDefinitions(), "attributeDefinitions") : Map.of();
    boolean provisionedGlobal = t.isGlobal() && targetBilling == BillingMode.PROVISIONED && autoScaling != null;
    if (provisionedGlobal && gsiUpdates.stream().anyMatch(u -> u.create() != null)) {
      // LAB DDB-TABLE-291: any existing GSI without write auto scaling blocks adding a GSI to the group.
      for (SimIndex ix : t.gsis.values()) {
        if (!autoScaling.autoScaled(t.region, "table/" + name + "/index/" + ix.name,
            ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS)) {
          throw SimErrors.validation("GSI write capacity should either be Pay-Per-Request or AutoScaled.");
        }
      }
    }
    for (GlobalSecondaryIndexUpdate u : gsiUpdates) {
      if (u.create() != null) {
        checkIndexCreate(t, u.create(), newDefs, targetBilling);
      } else if (u.delete() != null) {
        if (!t.gsis.containsKey(u.delete().indexName())) {
          throw SimErrors.notFound("Requested resource not found: Index " + u.delete().indexName()
              + " for table " + name);
        }
      } else {
        checkIndexUpdate(t, u.update(), targetBilling);
      }
    }

    // Budgets: every table or index this call would decrease, in any member, must have one left (atomic).
    // A billing-mode switch sets capacity from or to zero; it is not a throughput decrease or increase.
    boolean countsAgainstBudget = t.billing == BillingMode.PROVISIONED && (!billing
        || r.billingMode() == BillingMode.PROVISIONED);
    if (countsAgainstBudget) {
      Instant now = clock.instant();
      if (pt) {
        for (SimTable m : members) {
          if (decreases(m.rcu, m.wcu, r.provisionedThroughput())) {
            m.budget.checkDecrease(now);
          }
        }
      }
      for (GlobalSecondaryIndexUpdate u : gsiUpdates) {
        if (u.update() == null || u.update().provisionedThroughput() == null) {
          continue; // only throughput updates spend the budget
        }
        for (SimTable m : members) {
          SimIndex ix = m.gsis.get(u.update().indexName());
          if (ix != null && decreases(ix.rcu, ix.wcu, u.update().provisionedThroughput())) {
            ix.budget.checkDecrease(now);
          }
        }
      }
    }

    if (dp && r.deletionProtectionEnabled() != t.deletionProtection) {
      settings.checkDeletionProtectionCooldown(t);
    }

    // Apply.
    List<String> done = new ArrayList<>();
    if (dp) {
      boolean value = r.deletionProtectionEnabled();
      if (value != t.deletionProtection) {
        t.deletionProtection = value;
        settings.deletionProtectionToggled(t);
        if (t.isGlobal()) {
          updatingFor(t, timings.deletionProtectionWithReplicas());
        }
      }
      done.add("DeletionProtectionEnabled=" + value);
    }
    boolean fanOutUpdate = false;
    boolean noOpEcho = false;
    if (billing) {
      if (r.billingMode() == t.billing && r.billingMode() == BillingMode.PAY_PER_REQUEST && !odt
          && gsiUpdates.isEmpty()) {
        noOpEcho = true; // re-sending PAY_PER_REQUEST: 200 echoing UPDATING, nothing happens
      } else if (r.billingMode() != t.billing) {
        for (SimTable m : members) {
          m.billing = r.billingMode();
          if (m.billing == BillingMode.PAY_PER_REQUEST) {
            m.rcu = 0;
            m.wcu = 0;
            m.rcuOverride = null;
            m.lastUpdateToPayPerRequest = clock.instant();
            m.gsis.values().forEach(ix -> {
              ix.rcu = 0;
              ix.wcu = 0;
              ix.rcuOverride = null;
            });
          } else {
            m.maxRead = null;
            m.maxWrite = null;
            m.maxReadOverride = null;
            m.gsis.values().forEach(ix -> {
              ix.maxRead = null;
              ix.maxWrite = null;
              ix.maxReadOverride = null;
            });
          }
        }
        fanOutUpdate = true;
      }
      done.add("BillingMode=" + r.billingMode());
    }
    if (pt) {
      long newRcu = r.provisionedThroughput().readCapacityUnits();
      // The READ setting is modified when the caller's own read changes: then it is overwritten group-wide, every
      // override included (DG-HIW: "if the setting is modified"); a write-only change (the caller's read re-sent, e.g.
      // by write autoscaling) leaves every region's read alone.
      boolean readModified = newRcu != callerRcu;
      for (SimTable m : members) {
        if (countsAgainstBudget) {
          ProvisionedThroughput p = r.provisionedThroughput();
          m.budget.record(clock.instant(), decreases(m.rcu, m.wcu, p), increases(m.rcu, m.wcu, p));
        }
        if (readModified) {
          m.rcuOverride = null;
          m.rcu = newRcu;
        }
        m.wcu = r.provisionedThroughput().writeCapacityUnits();
      }
      fanOutUpdate = true;
      done.add("ProvisionedThroughput=" + t.rcu + "/" + t.wcu);
    }
    if (odt) {
      OnDemandThroughput o = r.onDemandThroughput();
      for (SimTable m : members) {
        m.maxRead = limitValue(o.maxReadRequestUnits(), m.maxRead);
        m.maxWrite = limitValue(o.maxWriteRequestUnits(), m.maxWrite);
      }
      fanOutUpdate = true;
      done.add("OnDemandThroughput=" + o.maxReadRequestUnits() + "/" + o.maxWriteRequestUnits());
    }
    for (GlobalSecondaryIndexUpdate u : gsiUpdates) {
      if (u.update() != null) {
        if (countsAgainstBudget && u.update().provisionedThroughput() != null) {
          ProvisionedThroughput p = u.update().provisionedThroughput();
          for (SimTable m : members) {
            SimIndex ix = m.gsis.get(u.update().indexName());
            if (ix != null) {
              ix.budget.record(clock.instant(), decreases(ix.rcu, ix.wcu, p), increases(ix.rcu, ix.wcu, p));
            }
          }
        }
        applyIndexUpdate(t, members, u.update());
        fanOutUpdate = true;
        done.add("GSI Update " + u.update().indexName());
      }
    }
    if (fanOutUpdate) {
      Duration d = t.isGlobal() ? timings.groupUpdate() : timings.regionalUpdate();
      members.forEach(m -> updatingFor(m, d));
    }
    for (GlobalSecondaryIndexUpdate u : gsiUpdates) {
      if (u.create() != null) {
        newDefs.forEach((k, v) -> members.forEach(m -> m.attributes.putIfAbsent(k, v)));
        startIndexCreate(t, members, u.create());
        if (provisionedGlobal) {
          // DynamoDB keeps the write auto scaling invariant itself: the new GSI gets it in every member region.
          for (SimTable m : members) {
            autoScaling.registerDefaultIndexWriteScaling(m.region, name, u.create().indexName());
          }
        }
        done.add("GSI Create " + u.create().indexName());
      } else if (u.delete() != null) {
        startIndexDelete(members, u.delete().indexName());
        done.add("GSI Delete " + u.delete().indexName());
      }
    }
    if (stream) {
      if (ss.streamEnabled()) {
        enableStream(t, ss.streamViewType());
      } else {
        t.stream = null;
      }
      updatingFor(t, timings.streamToggle());
      done.add("StreamEnabled=" + ss.streamEnabled());
    }
    lastSummary = String.join(", ", done);
    TableDescription out = describe(t);
    if (noOpEcho) {
      out = out.toBuilder().tableStatus(TableStatus.UPDATING).build();
    }
    return out;
  }

  /** Whether {@code p} lowers either dimension (RCU down with WCU up is still one decrease, LAB DDB-TABLE-157). */
  private static boolean decreases(long rcu, long wcu, ProvisionedThroughput p) {
    return p.readCapacityUnits() < rcu || p.writeCapacityUnits() < wcu;
  }

  private static boolean increases(long rcu, long wcu, ProvisionedThroughput p) {
    return p.readCapacityUnits() > rcu || p.writeCapacityUnits() > wcu;
  }

  /** Every member of the table's group with a table (the table alone when regional). */
  static List<SimTable> groupMembers(SimTable t) {
    if (t.group == null) {
      return List.of(t);
    }
    return t.group.members.stream().filter(m -> !m.removed || m == t).toList();
  }

  private void checkIndexCreate(SimTable t, CreateGlobalSecondaryIndexAction c,
      Map<String, ScalarAttributeType> newDefs, BillingMode billing) {
    if (t.gsis.containsKey(c.indexName())) {
      throw SimErrors.validation("Attempting to create an index which already exists");
    }
    checkIndexKeySchema(c.keySchema());
    checkProjection(c.projection());
    Map<String, ScalarAttributeType> defs = new LinkedHashMap<>(t.attributes);
    for (Map.Entry<String, ScalarAttributeType> e : newDefs.entrySet()) {
      ScalarAttributeType old = defs.putIfAbsent(e.getKey(), e.getValue());
      if (old != null && old != e.getValue()) {
        throw SimErrors.validation(INVALID + "Cannot change the type of an existing attribute: " + e.getKey());
      }
    }
    List<String> keys = c.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    if (!defs.keySet().containsAll(keys)) {
      throw SimErrors.validation(INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
          + "Keys: " + keys + ", AttributeDefinitions: " + new ArrayList<>(newDefs.keySet()));
    }
    if (billing == BillingMode.PROVISIONED && c.provisionedThroughput() == null) {
      throw SimErrors.validation(INVALID + "ProvisionedThroughput must be specified for index: " + c.indexName());
    }
    if (billing == BillingMode.PAY_PER_REQUEST && c.provisionedThroughput() != null) {
      throw SimErrors.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for "
          + "index: " + c.indexName() + " when BillingMode is PAY_PER_REQUEST");
    }
    if (c.provisionedThroughput() != null) {
      checkCapacity(c.provisionedThroughput(), "globalSecondaryIndexUpdates.member.create.provisionedThroughput");
    }
    if (c.onDemandThroughput() != null) {
      checkOnDemand(c.onDemandThroughput(), billing, true, "index : " + c.indexName());
    }
    if (t.gsis.size() >= MAX_GSIS) {
      throw SimErrors.limitExceeded("Subscriber limit exceeded: Number of global secondary indexes exceeds "
          + "per-table limit of " + MAX_GSIS);
    }
  }

  private static void checkIndexUpdate(SimTable t, UpdateGlobalSecondaryIndexAction u, BillingMode billing) {
    if (!t.gsis.containsKey(u.indexName())) {
      throw SimErrors.notFound("Requested resource not found: Index " + u.indexName() + " for table " + t.name);
    }
    if (billing == BillingMode.PAY_PER_REQUEST && u.provisionedThroughput() != null) {
      throw SimErrors.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for "
          + "index: " + u.indexName() + " when BillingMode is PAY_PER_REQUEST");
    }
    if (billing == BillingMode.PROVISIONED && u.onDemandThroughput() != null) {
      throw SimErrors.validation(INVALID + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the "
          + "table BillingMode is PROVISIONED for index : " + u.indexName());
    }
    if (u.provisionedThroughput() != null) {
      ProvisionedThroughput p = u.provisionedThroughput();
      if (p.readCapacityUnits() == null || p.writeCapacityUnits() == null) {
        throw SimErrors.validation(INVALID + "Both ReadCapacityUnits and WriteCapacityUnits must be specified for "
            + "index: " + u.indexName());
      }
      checkCapacity(p, "globalSecondaryIndexUpdates.member.update.provisionedThroughput");
    }
    if (u.onDemandThroughput() != null) {
      checkOnDemand(u.onDemandThroughput(), billing, true, "index : " + u.indexName());
    }
    if (u.provisionedThroughput() == null && u.onDemandThroughput() == null) {
      throw unsupported("GlobalSecondaryIndexUpdates Update with WarmThroughput only");
    }
  }

  private static void applyIndexUpdate(SimTable caller, List<SimTable> members, UpdateGlobalSecondaryIndexAction u) {
    SimIndex own = caller.gsis.get(u.indexName());
    // As for the table: the index's read setting is modified when the caller's own index read changes.
    boolean readModified = u.provisionedThroughput() != null && own != null
        && u.provisionedThroughput().readCapacityUnits() != (own.rcuOverride != null ? own.rcuOverride : own.rcu);
    for (SimTable m : members) {
      SimIndex ix = m.gsis.get(u.indexName());
      if (ix == null) {
        continue;
      }
      if (u.provisionedThroughput() != null) {
        if (readModified) {
          ix.rcuOverride = null; // only a change of the index's read setting overwrites its read overrides
          ix.rcu = u.provisionedThroughput().readCapacityUnits();
        }
        ix.wcu = u.provisionedThroughput().writeCapacityUnits();
      }
      if (u.onDemandThroughput() != null) {
        ix.maxRead = limitValue(u.onDemandThroughput().maxReadRequestUnits(), ix.maxRead);
        ix.maxWrite = limitValue(u.onDemandThroughput().maxWriteRequestUnits(), ix.maxWrite);
      }
    }
  }

  /**
   * GSI create: the calling table UPDATING during resource allocation (index CREATING, no backfill yet), then the
   * index backfills (CREATING, Backfilling=true) in every region, then ACTIVE everywhere.
   */
  private void startIndexCreate(SimTable caller, List<SimTable> members, CreateGlobalSecondaryIndexAction c) {
    boolean global = caller.isGlobal();
    Duration allocation = global ? timings.gsiAllocationGroup() : timings.gsiAllocationRegional();
    Duration backfill = global ? timings.gsiBackfillGroup() : timings.gsiBackfillRegional();
    List<SimIndex> created = new ArrayList<>();
    for (SimTable m : members) {
      SimIndex ix = new SimIndex(c.indexName(), c.keySchema(), c.projection(), m.arn + "/index/" + c.indexName(),
          IndexStatus.CREATING);
      ix.backfilling = false;
      if (c.provisionedThroughput() != null) {
        ix.rcu = c.provisionedThroughput().readCapacityUnits();
        ix.wcu = c.provisionedThroughput().writeCapacityUnits();
      }
      if (c.onDemandThroughput() != null) {
        ix.maxRead = limitValue(c.onDemandThroughput().maxReadRequestUnits(), null);
        ix.maxWrite = limitValue(c.onDemandThroughput().maxWriteRequestUnits(), null);
      }
      m.gsis.put(ix.name, ix);
      created.add(ix);
    }
    updatingFor(caller, allocation);
    after(allocation, () -> created.forEach(ix -> {
      if (ix.status == IndexStatus.CREATING) {
        ix.backfilling = true;
      }
    }));
    after(allocation.plus(backfill), () -> created.forEach(ix -> {
      if (ix.status == IndexStatus.CREATING) {
        ix.status = IndexStatus.ACTIVE;
        ix.backfilling = false;
      }
    }));
  }

  /** GSI delete: DELETING in every region, then gone. */
  private void startIndexDelete(List<SimTable> members, String indexName) {
    for (SimTable m : members) {
      SimIndex ix = m.gsis.get(indexName);
      if (ix == null) {
        continue;
      }
      ix.status = IndexStatus.DELETING;
      ix.backfilling = null;
      after(timings.gsiDelete(), () -> {
        if (m.gsis.remove(indexName, ix)) {
          m.settings.insights.remove(indexName);
        }
        pruneAttributeDefinitions(m);
      });
    }
  }

  /**
   * AttributeDefinitions only ever describe key attributes: once an index is gone, a definition no remaining key
   * schema uses disappears (as DynamoDB Local, the real engine, shows after a GSI delete).
   */
  private static void pruneAttributeDefinitions(SimTable t) {
    java.util.Set<String> used = new java.util.HashSet<>();
    t.keySchema.forEach(k -> used.add(k.attributeName()));
    t.lsis.forEach(l -> l.keySchema().forEach(k -> used.add(k.attributeName())));
    t.gsis.values().forEach(g -> g.keySchema.forEach(k -> used.add(k.attributeName())));
    t.attributes.keySet().retainAll(used);
  }

  private void enableStream(SimTable t, StreamViewType viewType) {
    t.stream = StreamSpecification.builder().streamEnabled(true).streamViewType(viewType).build();
    String label = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(STREAM_LABEL);
    if (label.equals(t.latestStreamLabel)) {
      // Every enable mints a new stream; keep labels unique even within one virtual millisecond.
      label = LocalDateTime.ofInstant(clock.instant().plusMillis(1), ZoneOffset.UTC).format(STREAM_LABEL);
    }
    t.latestStreamLabel = label;
    t.latestStreamArn = t.arn + "/stream/" + label;
  }

  // ------------------------------------------------------------------------------------------------ DeleteTable

  TableDescription deleteTable(String region, String nameOrArn) {
    String name = tableName(region, nameOrArn);
    SimTable t = requireTable(region, name);
    if (t.status == TableStatus.DELETING) {
      lastSummary = "already DELETING";
      return describe(t); // already being deleted: no error
    }
    if (t.status == TableStatus.CREATING) {
      throw SimErrors.inUse(inUseText(t, "Table is being created: " + name));
    }
    if (t.status == TableStatus.UPDATING) {
      throw SimErrors.inUse(inUseText(t, "Table: " + name + " is in the process of being updated."));
    }
    if (t.hasTransitioningIndex()) {
      throw SimErrors.inUse(inUseText(t, "Cannot delete table while indexes are being created, updated, or "
          + "deleted."));
    }
    if (clock.instant().isBefore(t.tagLockUntil)) {
      throw SimErrors.inUse(inUseText(t, "Table tags are being updated: " + name));
    }
    if (t.deletionProtection) {
      throw SimErrors.validation("Resource cannot be deleted as it is currently protected against deletion. "
          + "Disable deletion protection first.");
    }
    checkSourceRule(t);
    if (t.isGlobal()) {
      for (SimTable m : t.group.members) {
        ReplicaStatus s = entryStatus(m);
        if (m != t && (!m.entryVisible || !(s == ReplicaStatus.ACTIVE || s == ReplicaStatus.CREATION_FAILED))) {
          throw SimErrors.inUse(IN_USE_TERSE);
        }
      }
      // The reference only records that DeleteTable on a base with replicas was accepted once Replicas[] was empty
      // (aws-semantics 7.6); it gives no text for the rejection, so this one is the simulator's own.
      throw SimErrors.validation(INVALID + "Table " + name + " in region " + region + " still has replicas in "
          + replicaRegions(t) + ". Remove them with UpdateTable ReplicaUpdates Delete before deleting this table "
          + "(simulator rule).");
    }
    t.status = TableStatus.DELETING;
    t.stream = null;
    t.updatingHolds = 0;
    after(timings.tableDelete(), () -> {
      t.visible = false;
      t.removed = true;
      tables.get(region).remove(name, t);
    });
    lastSummary = "deleting " + name;
    return describe(t);
  }

  private static List<String> replicaRegions(SimTable t) {
    return t.group.members.stream().filter(m -> m != t).map(m -> m.region).toList();
  }

  // ------------------------------------------------------------------------------------ replica auto scaling

  TableAutoScalingDescription describeTableReplicaAutoScaling(String region, String nameOrArn) {
    return replicaAutoScaling().describe(region, nameOrArn);
  }

  TableAutoScalingDescription updateTableReplicaAutoScaling(String region, UpdateTableReplicaAutoScalingRequest r) {
    return replicaAutoScaling().update(region, r);
  }

  private ReplicaAutoScaling replicaAutoScaling() {
    if (replicaAutoScaling == null) {
      throw unsupported("Replica auto scaling without an attached Application Auto Scaling plane");
    }
    return replicaAutoScaling;
  }

  // ------------------------------------------------------------------------------------------------ Tags

  /** Resolves a tag API ResourceArn to a table that tag APIs can see (not CREATING, not DELETING). */
  private SimTable tagTarget(String region, String arn) {
    if (arn == null) {
      throw SimErrors.validation("1 validation error detected: Value null at 'resourceArn' failed to satisfy "
          + "constraint: Member must not be null");
    }
    if (!arn.startsWith("arn:")) {
      throw SimErrors.validation(INVALID + "ARNs must start with 'arn:': " + arn);
    }
    String[] p = arn.split(":", 6);
    if (p.length < 6 || !"aws".equals(p[1]) || !"dynamodb".equals(p[2])) {
      throw SimErrors.validation(INVALID + "Provided Arn is not a DynamoDB resource arn: " + arn);
    }
    if (!region.equals(p[3])) {
      throw SimErrors.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }
    if (!account.equals(p[4])) {
      throw SimErrors.accessDenied("Access is denied");
    }
    String resource = p[5];
    if (!resource.startsWith("table/")) {
      throw SimErrors.validation(INVALID + "Invalid resource arn provided, only table or stream is accepted. "
          + "Provided resource arn: " + arn);
    }
    String rest = resource.substring("table/".length());
    if (rest.contains("/index/")) {
      throw SimErrors.validation(INVALID + "Invalid resource arn provided, only table or stream is accepted. "
          + "Provided resource arn: " + arn);
    }
    String name = rest.contains("/") ? null : rest;
    SimTable t = name == null ? null : visible(region, name);
    if (t == null || t.status == TableStatus.CREATING || t.status == TableStatus.DELETING) {
      throw SimErrors.notFound("Requested resource not found: ResourceArn: " + arn + " not found");
    }
    return t;
  }

  void tagResource(String region, String arn, List<Tag> tags) {
    if (tags.isEmpty()) {
      throw SimErrors.validation("Atleast one Tag needs to be provided as Input.");
    }
    Map<String, String> incoming = checkTags(tags);
    SimTable t = tagTarget(region, arn);
    if (clock.instant().isBefore(t.tagLockUntil)) {
      throw SimErrors.limitExceeded("Subscriber limit exceeded: Table tags are being updated: " + t.name);
    }
    Map<String, String> merged = new LinkedHashMap<>(t.tags);
    merged.putAll(incoming);
    if (merged.keySet().stream().filter(k -> !k.startsWith("aws:")).count() > MAX_USER_TAGS) {
      throw SimErrors.validation("Number of Tags exceed the current limit for the provided ResourceArn");
    }
    if (!merged.equals(t.tags)) {
      t.tags.clear();
      t.tags.putAll(merged);
      t.tagLockUntil = clock.instant().plus(timings.tagLock());
    }
    lastSummary = "tagged " + incoming.keySet();
  }

  void untagResource(String region, String arn, List<String> keys) {
    if (keys.isEmpty()) {
      throw SimErrors.validation("Atleast one Tag Key needs to be provided as Input.");
    }
    for (String k : keys) {
      checkTagKey(k);
    }
    SimTable t = tagTarget(region, arn);
    if (clock.instant().isBefore(t.tagLockUntil)) {
      throw SimErrors.limitExceeded("Subscriber limit exceeded: Table tags are being updated: " + t.name);
    }
    boolean changed = false;
    for (String k : keys) {
      changed |= t.tags.remove(k) != null;
    }
    if (changed) {
      t.tagLockUntil = clock.instant().plus(timings.tagLock());
    }
    lastSummary = "untagged " + keys;
  }

  /** One page of tags and the token for the next page (null on the last page). */
  record TagPage(List<Tag> tags, String nextToken) {}

  TagPage listTags(String region, String arn, String nextToken) {
    SimTable t = tagTarget(region, arn);
    int offset = 0;
    if (nextToken != null) {
      offset = decodeToken(nextToken, t);
    }
    List<Tag> all = t.tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    int end = Math.min(all.size(), offset + TAG_PAGE_SIZE);
    List<Tag> page = offset >= all.size() ? List.of() : all.subList(offset, end);
    String next = end < all.size() ? encodeToken(t, end) : null;
    return new TagPage(List.copyOf(page), next);
  }

  private static String encodeToken(SimTable t, int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((t.tableId + ":" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeToken(String token, SimTable t) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = s.lastIndexOf(':');
      if (colon > 0 && s.substring(0, colon).equals(t.tableId)) {
        return Integer.parseInt(s.substring(colon + 1));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the validation error below
    }
    throw SimErrors.validation("Invalid NextToken: " + token);
  }

  private static Map<String, String> checkTags(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Tag tag : tags) {
      checkTagKey(tag.key());
      if (tag.value() == null || tag.value().length() > 256) {
        throw SimErrors.validation("The Tag Value provided is invalid, Value: " + tag.value());
      }
      if (out.put(tag.key(), tag.value()) != null) {
        throw SimErrors.validation("Duplicate Tag Keys provided as input: Duplicate Tag Key found " + tag.key());
      }
    }
    return out;
  }

  private static void checkTagKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 128) {
      throw SimErrors.validation("The Tag Key provided is invalid, Key: " + key);
    }
    if (key.startsWith("aws:")) {
      throw SimErrors.validation("Tag Key cannot be prefixed with aws:, Key: " + key);
    }
  }

  // ------------------------------------------------------------------------------------------------ misc

  void putItems(String region, String name, int count) {
    SimTable t = visible(region, name);
    if (t == null) {
      throw new IllegalArgumentException("no table " + name + " in " + region);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    t.itemCount += count;
    // Replication: items written to a member appear in every member.
    if (t.group != null) {
      t.group.members.stream().filter(m -> m != t).forEach(m -> m.itemCount += count);
    }
  }

  /** Table names in the region that ListTables shows (visible tables, any status), sorted. */
  List<String> tableNames(String region) {
    return tables.get(region).values().stream().filter(t -> t.visible && !t.removed).map(t -> t.name).sorted()
        .toList();
  }

  static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("SimulatedAws does not model " + what);
  }
}
