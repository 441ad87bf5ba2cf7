package dev.globaltable.operator.validate;

import static dev.globaltable.operator.validate.ValidationPatterns.ATTRIBUTE_NAME_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.AWS_TAG_PREFIX;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_GLOBAL_INDEXES;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_LOCAL_INDEXES;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_NON_KEY_ATTRIBUTES;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_REPLICAS;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_SPEC_TAGS;
import static dev.globaltable.operator.validate.ValidationPatterns.MAX_TAGS;
import static dev.globaltable.operator.validate.ValidationPatterns.NAME_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.NAME_MIN;
import static dev.globaltable.operator.validate.ValidationPatterns.OWNER_TAG;
import static dev.globaltable.operator.validate.ValidationPatterns.REGION_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.TAG_KEY_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.TAG_VALUE_MAX;

import dev.globaltable.operator.api.GlobalSecondaryIndexSpec;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.KeyAttributeSpec;
import dev.globaltable.operator.api.KeySchemaSpec;
import dev.globaltable.operator.api.LocalSecondaryIndexSpec;
import dev.globaltable.operator.api.ProjectionSpec;
import dev.globaltable.operator.api.ProjectionType;
import dev.globaltable.operator.api.ReplicaSpec;
import dev.globaltable.operator.api.TableIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a GlobalTable spec in the operator: the same rules as the CRD's schema and CEL rules (for objects that
 * bypassed admission: old API servers, edits with validation off, a resource re-created under the same name), the rules
 * CEL does not carry, and immutability against the identity the operator recorded when it created or adopted the table.
 *
 * <p>Pure: no I/O, no AWS or Kubernetes client types. Null-safe: Jackson does not enforce required fields, so every
 * field may be absent. Violations come in spec field order; every message is {@code "<field path>: <rule>"}. The
 * throughput rules (billing mode, capacity, autoscaling, per-replica overrides) are in {@link ThroughputRules}; the
 * per-region settings rules (time to live, point-in-time recovery, encryption keys, Kinesis streams, the tag count of
 * each region) in {@link RegionSettingsRules}; the alarm and dashboard rules in {@link MonitoringRules}.
 */
public final class SpecValidator {
  /** AWS limit of projected non-key attributes summed over all indexes of a table. */
  public static final int MAX_NON_KEY_ATTRIBUTES_PER_TABLE = 100;

  private static final Pattern NAME = Pattern.compile(ValidationPatterns.NAME);
  private static final Pattern REGION = Pattern.compile(ValidationPatterns.REGION);

  /**
   * Every violation of {@code spec}, in spec field order; empty when the spec is valid.
   *
   * @param metadataName metadata.name of the resource: the table name when spec.tableName is absent
   * @param spec the spec as read from the cluster (may be null)
   * @param recorded identity the operator recorded in status when it created or adopted the table; null when there is
   *     nothing to compare against yet
   */
  public List<Violation> validate(String metadataName, GlobalTableSpec spec, TableIdentity recorded) {
    List<Violation> out = new ArrayList<>();
    if (spec == null) {
      // Nothing else can be checked without a spec.
      out.add(Violation.of("spec", "is required"));
      return out;
    }
    String tableName = tableName(metadataName, spec, out);
    homeRegion(spec, out);
    KeySchemaSpec keySchema = spec.keySchema;
    keySchema(keySchema, out);
    ThroughputRules.billing(spec, out);
    Map<String, String> indexNames = new HashMap<>();
    globalIndexes(spec, indexNames, out);
    localIndexes(spec.localSecondaryIndexes, keySchema, indexNames, out);
    attributeTypes(spec, out);
    nonKeyAttributeTotal(spec, out);
    if (spec.stream != null && spec.stream.viewType == null) {
      out.add(Violation.of("spec.stream.viewType", "is required when spec.stream is set"));
    }
    RegionSettingsRules.table(spec, out);
    tags("spec.tags", spec.tags, out);
    replicas(spec, out);
    MonitoringRules.check(spec, out);
    if (recorded != null) {
      immutability(tableName, spec, recorded, out);
    }
    return out;
  }

  private static String tableName(String metadataName, GlobalTableSpec spec, List<Violation> out) {
    if (spec.tableName != null) {
      name("spec.tableName", spec.tableName, out);
      return spec.tableName;
    }
    if (metadataName == null || !validName(metadataName)) {
      out.add(Violation.of("metadata.name", "is the table name because spec.tableName is absent, and must be "
          + NAME_MIN + "-" + NAME_MAX + " characters of [A-Za-z0-9_.-] (got \"" + metadataName
          + "\"); set spec.tableName"));
    }
    return metadataName;
  }

  private static void homeRegion(GlobalTableSpec spec, List<Violation> out) {
    if (spec.homeRegion == null) {
      out.add(Violation.of("spec.homeRegion", "is required"));
      return;
    }
    if (!region("spec.homeRegion", spec.homeRegion, out)) {
      // A malformed region cannot be matched against the replicas meaningfully.
      return;
    }
    boolean listed = spec.replicas != null
        && spec.replicas.stream().anyMatch(r -> r != null && spec.homeRegion.equals(r.region));
    if (!listed) {
      out.add(Violation.of("spec.homeRegion", "must be one of spec.replicas[].region (" + spec.homeRegion
          + " is not listed)"));
    }
  }

  private static void keySchema(KeySchemaSpec keySchema, List<Violation> out) {
    if (keySchema == null) {
      out.add(Violation.of("spec.keySchema", "is required"));
      return;
    }
    keyAttribute("spec.keySchema.partitionKey", keySchema.partitionKey, true, out);
    keyAttribute("spec.keySchema.sortKey", keySchema.sortKey, false, out);
  }

  private static void globalIndexes(GlobalTableSpec spec, Map<String, String> indexNames, List<Violation> out) {
    List<GlobalSecondaryIndexSpec> gsis = spec.globalSecondaryIndexes;
    if (gsis == null) {
      return;
    }
    if (gsis.size() > MAX_GLOBAL_INDEXES) {
      out.add(Violation.of("spec.globalSecondaryIndexes", "at most " + MAX_GLOBAL_INDEXES
          + " global secondary indexes per table, got " + gsis.size()));
    }
    for (int i = 0; i < gsis.size(); i++) {
      String path = "spec.globalSecondaryIndexes[" + i + "]";
      GlobalSecondaryIndexSpec gsi = gsis.get(i);
      if (gsi == null) {
        out.add(Violation.of(path, "must not be null"));
        continue;
      }
      indexName(path, gsi.name, indexNames, out);
      keyAttribute(path + ".partitionKey", gsi.partitionKey, true, out);
      keyAttribute(path + ".sortKey", gsi.sortKey, false, out);
      projection(path + ".projection", gsi.projection, out);
      ThroughputRules.globalIndex(path, gsi, spec, out);
    }
  }

  private static void localIndexes(List<LocalSecondaryIndexSpec> lsis, KeySchemaSpec keySchema,
      Map<String, String> indexNames, List<Violation> out) {
    if (lsis == null || lsis.isEmpty()) {
      return;
    }
    if (lsis.size() > MAX_LOCAL_INDEXES) {
      out.add(Violation.of("spec.localSecondaryIndexes", "at most " + MAX_LOCAL_INDEXES
          + " local secondary indexes per table, got " + lsis.size()));
    }
    if (keySchema != null && keySchema.sortKey == null) {
      out.add(Violation.of("spec.localSecondaryIndexes", "need spec.keySchema.sortKey: a local index keeps the "
          + "table's partition key and only works on a table with a sort key"));
    }
    for (int i = 0; i < lsis.size(); i++) {
      String path = "spec.localSecondaryIndexes[" + i + "]";
      LocalSecondaryIndexSpec lsi = lsis.get(i);
      if (lsi == null) {
        out.add(Violation.of(path, "must not be null"));
        continue;
      }
      indexName(path, lsi.name, indexNames, out);
      keyAttribute(path + ".sortKey", lsi.sortKey, true, out);
      projection(path + ".projection", lsi.projection, out);
    }
  }

  private static void indexName(String path, String name, Map<String, String> indexNames, List<Violation> out) {
    if (name == null) {
      out.add(Violation.of(path + ".name", "is required"));
      return;
    }
    name(path + ".name", name, out);
    String first = indexNames.putIfAbsent(name, path + ".name");
    if (first != null) {
      out.add(Violation.of(path + ".name", "duplicate index name " + name + " (also " + first
          + "); index names are unique per table"));
    }
  }

  private static void projection(String path, ProjectionSpec projection, List<Violation> out) {
    if (projection == null) {
      return;
    }
    if (projection.type == null) {
      out.add(Violation.of(path + ".type", "is required (All, KeysOnly or Include)"));
      return;
    }
    List<String> nonKey = projection.nonKeyAttributes;
    if (projection.type == ProjectionType.Include) {
      if (nonKey == null || nonKey.isEmpty()) {
        out.add(Violation.of(path + ".nonKeyAttributes", "is required when projection.type is Include"));
        return;
      }
      if (nonKey.size() > MAX_NON_KEY_ATTRIBUTES) {
        out.add(Violation.of(path + ".nonKeyAttributes", "at most " + MAX_NON_KEY_ATTRIBUTES
            + " attributes per index, got " + nonKey.size()));
      }
      for (int i = 0; i < nonKey.size(); i++) {
        String attribute = nonKey.get(i);
        if (attribute == null || attribute.isEmpty() || attribute.length() > ATTRIBUTE_NAME_MAX) {
          out.add(Violation.of(path + ".nonKeyAttributes[" + i + "]", "must be 1-" + ATTRIBUTE_NAME_MAX
              + " characters"));
        }
      }
    } else if (nonKey != null) {
      out.add(Violation.of(path + ".nonKeyAttributes", "is only allowed when projection.type is Include (type is "
          + projection.type + ")"));
    }
  }

  /** One attribute name, one type: AttributeDefinitions holds each name once. Declarations are compared in order. */
  private static void attributeTypes(GlobalTableSpec spec, List<Violation> out) {
    Map<String, String> firstPath = new LinkedHashMap<>();
    Map<String, String> firstType = new HashMap<>();
    List<String[]> declarations = new ArrayList<>();
    if (spec.keySchema != null) {
      declarations.add(declaration("spec.keySchema.partitionKey", spec.keySchema.partitionKey));
      declarations.add(declaration("spec.keySchema.sortKey", spec.keySchema.sortKey));
    }
    if (spec.globalSecondaryIndexes != null) {
      for (int i = 0; i < spec.globalSecondaryIndexes.size(); i++) {
        GlobalSecondaryIndexSpec gsi = spec.globalSecondaryIndexes.get(i);
        if (gsi != null) {
          declarations.add(declaration("spec.globalSecondaryIndexes[" + i + "].partitionKey", gsi.partitionKey));
          declarations.add(declaration("spec.globalSecondaryIndexes[" + i + "].sortKey", gsi.sortKey));
        }
      }
    }
    if (spec.localSecondaryIndexes != null) {
      for (int i = 0; i < spec.localSecondaryIndexes.size(); i++) {
        LocalSecondaryIndexSpec lsi = spec.localSecondaryIndexes.get(i);
        if (lsi != null) {
          declarations.add(declaration("spec.localSecondaryIndexes[" + i + "].sortKey", lsi.sortKey));
        }
      }
    }
    for (String[] d : declarations) {
      if (d == null) {
        continue;
      }
      String path = d[0];
      String name = d[1];
      String type = d[2];
      String seenType = firstType.putIfAbsent(name, type);
      firstPath.putIfAbsent(name, path);
      if (seenType != null && !seenType.equals(type)) {
        out.add(Violation.of(path, "attribute " + name + " is declared as " + seenType + " in " + firstPath.get(name)
            + " and " + type + " here; one attribute has one type"));
      }
    }
  }

  private static String[] declaration(String path, KeyAttributeSpec key) {
    return key == null || key.name == null || key.type == null ? null
        : new String[] {path, key.name, key.type.name()};
  }

  private static void nonKeyAttributeTotal(GlobalTableSpec spec, List<Violation> out) {
    int total = 0;
    if (spec.globalSecondaryIndexes != null) {
      for (GlobalSecondaryIndexSpec gsi : spec.globalSecondaryIndexes) {
        total += gsi == null ? 0 : nonKeyCount(gsi.projection);
      }
    }
    if (spec.localSecondaryIndexes != null) {
      for (LocalSecondaryIndexSpec lsi : spec.localSecondaryIndexes) {
        total += lsi == null ? 0 : nonKeyCount(lsi.projection);
      }
    }
    if (total > MAX_NON_KEY_ATTRIBUTES_PER_TABLE) {
      out.add(Violation.of("spec", "at most " + MAX_NON_KEY_ATTRIBUTES_PER_TABLE
          + " projected non-key attributes across all indexes of a table, got " + total));
    }
  }

  private static int nonKeyCount(ProjectionSpec projection) {
    return projection == null || projection.type != ProjectionType.Include || projection.nonKeyAttributes == null
        ? 0 : projection.nonKeyAttributes.size();
  }

  /** spec.tags or spec.replicas[i].tags: count, key and value rules; reserved keys. */
  private static void tags(String field, Map<String, String> tags, List<Violation> out) {
    if (tags == null) {
      return;
    }
    if (tags.size() > MAX_SPEC_TAGS) {
      out.add(Violation.of(field, "at most " + MAX_SPEC_TAGS + " tags (AWS allows " + MAX_TAGS + " per table and the "
          + "operator adds " + OWNER_TAG + "), got " + tags.size()));
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      String path = field + "[" + key + "]";
      if (key == null || key.isEmpty() || key.length() > TAG_KEY_MAX) {
        out.add(Violation.of(path, "tag keys must be 1-" + TAG_KEY_MAX + " characters"));
      } else if (key.startsWith(AWS_TAG_PREFIX)) {
        out.add(Violation.of(path, "tag keys starting with 'aws:' are reserved by AWS"));
      } else if (key.equals(OWNER_TAG)) {
        out.add(Violation.of(path, "is reserved: the operator sets " + OWNER_TAG + " to <namespace>/<name>"));
      }
      if (tag.getValue() != null && tag.getValue().length() > TAG_VALUE_MAX) {
        out.add(Violation.of(path, "tag values must be at most " + TAG_VALUE_MAX + " characters, got "
            + tag.getValue().length()));
      }
    }
  }

  private static void replicas(GlobalTableSpec spec, List<Violation> out) {
    List<ReplicaSpec> replicas = spec.replicas;
    if (replicas == null || replicas.isEmpty()) {
      out.add(Violation.of("spec.replicas", "at least one region is required (the home region)"));
      return;
    }
    if (replicas.size() > MAX_REPLICAS) {
      out.add(Violation.of("spec.replicas", "at most " + MAX_REPLICAS + " regions, got " + replicas.size()));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < replicas.size(); i++) {
      String path = "spec.replicas[" + i + "].region";
      ReplicaSpec replica = replicas.get(i);
      if (replica == null) {
        out.add(Violation.of(path, "is required"));
        continue;
      }
      boolean regionOk = false;
      if (replica.region == null) {
        out.add(Violation.of(path, "is required"));
      } else if (region(path, replica.region, out)) {
        regionOk = true;
        if (!seen.add(replica.region)) {
          out.add(Violation.of(path, "duplicate region " + replica.region));
        }
      }
      String at = "spec.replicas[" + i + "]";
      ThroughputRules.replica(at, replica, spec, out);
      RegionSettingsRules.replica(at, replica, regionOk, spec, out);
      tags(at + ".tags", replica.tags, out);
      RegionSettingsRules.mergedTags(at + ".tags", replica, spec, out);
    }
  }

  private static void immutability(String tableName, GlobalTableSpec spec, TableIdentity recorded,
      List<Violation> out) {
    if (recorded.tableName != null && tableName != null && !recorded.tableName.equals(tableName)) {
      out.add(Violation.of("spec.tableName", "is immutable: the table was created as " + recorded.tableName
          + ", the spec now says " + tableName));
    }
    if (recorded.homeRegion != null && spec.homeRegion != null && !recorded.homeRegion.equals(spec.homeRegion)) {
      out.add(Violation.of("spec.homeRegion", "is immutable: the table was created in " + recorded.homeRegion
          + ", the spec now says " + spec.homeRegion));
    }
    if (recorded.keySchema != null && spec.keySchema != null
        && !describe(recorded.keySchema).equals(describe(spec.keySchema))) {
      out.add(Violation.of("spec.keySchema", "is immutable: the table was created with "
          + describe(recorded.keySchema) + ", the spec now says " + describe(spec.keySchema)));
    }
    String recordedLsis = describeLocal(recorded.localSecondaryIndexes);
    String specLsis = describeLocal(spec.localSecondaryIndexes);
    if (!recordedLsis.equals(specLsis)) {
      out.add(Violation.of("spec.localSecondaryIndexes", "is immutable (AWS creates local indexes only with the "
          + "table): the table was created with " + recordedLsis + ", the spec now says " + specLsis));
    }
  }

  /** Canonical text of a key schema, e.g. "PK(S), SK(S)". */
  static String describe(KeySchemaSpec keySchema) {
    String pk = describe(keySchema.partitionKey);
    return keySchema.sortKey == null ? pk : pk + ", " + describe(keySchema.sortKey);
  }

  private static String describe(KeyAttributeSpec key) {
    return key == null ? "?" : key.name + "(" + key.type + ")";
  }

  /**
   * Canonical text of LSIs: absent and empty are the same, an absent projection is All, and non-key attributes compare
   * as a set (sorted here), so only real changes count.
   */
  static String describeLocal(List<LocalSecondaryIndexSpec> lsis) {
    if (lsis == null || lsis.isEmpty()) {
      return "no local indexes";
    }
    return lsis.stream().filter(Objects::nonNull).map(lsi -> {
      ProjectionSpec p = lsi.projection;
      ProjectionType type = p == null || p.type == null ? ProjectionType.All : p.type;
      String nonKey = type == ProjectionType.Include && p.nonKeyAttributes != null
          ? " " + p.nonKeyAttributes.stream().filter(Objects::nonNull).sorted().collect(Collectors.toList()) : "";
      return lsi.name + " (sort key " + describe(lsi.sortKey) + ", projection " + type + nonKey + ")";
    }).collect(Collectors.joining(", ", "[", "]"));
  }

  private static void keyAttribute(String path, KeyAttributeSpec key, boolean required, List<Violation> out) {
    if (key == null) {
      if (required) {
        out.add(Violation.of(path, "is required"));
      }
      return;
    }
    if (key.name == null || key.name.isEmpty()) {
      out.add(Violation.of(path + ".name", "is required"));
    } else if (key.name.length() > ATTRIBUTE_NAME_MAX) {
      out.add(Violation.of(path + ".name", "must be at most " + ATTRIBUTE_NAME_MAX + " characters, got "
          + key.name.length()));
    }
    if (key.type == null) {
      out.add(Violation.of(path + ".type", "is required (S, N or B)"));
    }
  }

  private static void name(String path, String value, List<Violation> out) {
    if (!validName(value)) {
      out.add(Violation.of(path, "must be " + NAME_MIN + "-" + NAME_MAX + " characters of [A-Za-z0-9_.-], got \""
          + value + "\""));
    }
  }

  private static boolean validName(String value) {
    return value.length() >= NAME_MIN && value.length() <= NAME_MAX && NAME.matcher(value).matches();
  }

  /** Checks the region format; true when it is well formed. */
  private static boolean region(String path, String value, List<Violation> out) {
    if (value.length() > REGION_MAX || !REGION.matcher(value).matches()) {
      out.add(Violation.of(path, "\"" + value + "\" is not an AWS region name like eu-west-1"));
      return false;
    }
    return true;
  }
}
