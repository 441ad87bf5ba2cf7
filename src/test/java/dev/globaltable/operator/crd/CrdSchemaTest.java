package dev.globaltable.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties of the shipped CRD schema as a whole. */
class CrdSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final JsonNode schema = CrdFiles.shippedSchema();

  @Test
  void everyPropertyHasADescriptionSoKubectlExplainIsUseful() {
    List<String> undocumented = new ArrayList<>();
    List<String> documented = new ArrayList<>();
    collectDescriptions(schema, "", undocumented, documented);
    assertThat(undocumented).as("properties without a description").isEmpty();
    assertThat(documented).contains("spec", "spec.homeRegion", "spec.replicas[].region",
        "spec.globalSecondaryIndexes[].projection.nonKeyAttributes", "status.conditions[].reason",
        "spec.billing.readCapacity.autoscaling.targetUtilization", "spec.globalSecondaryIndexes[].writeCapacity.units",
        "spec.replicas[].globalSecondaryIndexes[].readCapacity.autoscaling.disableScaleIn",
        "spec.replicas[].maxReadRequestUnits", "spec.timeToLive.enabled", "spec.pointInTimeRecovery.recoveryPeriodInDays",
        "spec.encryption.type", "spec.tableClass", "spec.deletionProtection", "spec.contributorInsights",
        "spec.replicas[].kmsKeyId", "spec.replicas[].pointInTimeRecovery.enabled", "spec.replicas[].kinesisStreamArn",
        "spec.replicas[].tags", "spec.alarms.actions", "spec.alarms.replicationLatency.thresholdMillis",
        "spec.alarms.throttling.datapointsToAlarm", "spec.alarms.systemErrors.enabled",
        "spec.alarms.maxThroughputThrottling.periodSeconds", "spec.dashboard.enabled");
  }

  @Test
  void everyCelRuleCompilesAndHasAMessageNamingTheField() {
    CelAdmission cel = new CelAdmission(schema);
    List<String> messages = new ArrayList<>();
    collectRuleMessages(schema, messages);
    assertThat(cel.ruleCount()).isEqualTo(messages.size()).isGreaterThanOrEqualTo(17);
    // Rules of reused objects (projection, capacity, autoscaling, point-in-time recovery, the counting alarm kinds)
    // name the field relative to the object: the API server prefixes the message with the full path.
    assertThat(messages).allSatisfy(m -> assertThat(m).containsAnyOf("spec.", "projection.", "metadata.name",
        "capacity ", "autoscaling.", "pointInTimeRecovery.", "alarms."));
  }

  @Test
  void everyListStringAndMapUnderSpecIsBoundedForTheCelCostEstimate() {
    List<String> unbounded = new ArrayList<>();
    collectUnbounded(schema.path("properties").path("spec"), "spec", unbounded);
    assertThat(unbounded).as("spec fields without maxItems / maxLength / maxProperties").isEmpty();
  }

  @Test
  void allowedUpdatesPassTheTransitionRules() throws IOException {
    CelAdmission cel = new CelAdmission(schema);
    JsonNode old = YAML.readTree(getClass().getResource("/manifests/valid/three-regions-gsi-lsi.yaml"));
    ObjectNode updated = old.deepCopy();
    ObjectNode spec = (ObjectNode) updated.get("spec");
    ((ArrayNode) spec.get("replicas")).addObject().put("region", "eu-central-1");
    ((ArrayNode) spec.get("globalSecondaryIndexes")).addObject().put("name", "ByAmount")
        .set("partitionKey", YAML.createObjectNode().put("name", "Amount").put("type", "N"));
    ((ObjectNode) spec.get("tags")).put("tier", "gold");
    spec.put("deletionPolicy", "Delete");

    assertThat(cel.validate(cast(Manifests.toCel(updated)), cast(Manifests.toCel(old)))).isEmpty();
  }

  @Test
  void anEmptyLocalIndexListIsTheSameAsNone() throws IOException {
    CelAdmission cel = new CelAdmission(schema);
    JsonNode old = YAML.readTree(getClass().getResource("/manifests/valid/single-region.yaml"));
    ObjectNode updated = old.deepCopy();
    ((ObjectNode) updated.get("spec")).putArray("localSecondaryIndexes");

    assertThat(cel.validate(cast(Manifests.toCel(updated)), cast(Manifests.toCel(old)))).isEmpty();
  }

  @Test
  void defaultsAreDeclaredForDeletionPolicySuspendAndBillingMode() {
    JsonNode spec = schema.path("properties").path("spec").path("properties");
    assertThat(spec.path("deletionPolicy").path("default").asText()).isEqualTo("Retain");
    assertThat(spec.path("suspend").path("default").asBoolean(true)).isFalse();
    assertThat(spec.path("billing").path("properties").path("mode").path("default").asText())
        .isEqualTo("PayPerRequest");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }

  private static void collectDescriptions(JsonNode node, String path, List<String> undocumented,
      List<String> documented) {
    Iterator<Map.Entry<String, JsonNode>> properties = node.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> p = properties.next();
      String child = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
      if (p.getValue().path("description").asText("").isBlank()) {
        undocumented.add(child);
      } else {
        documented.add(child);
      }
      collectDescriptions(p.getValue(), child, undocumented, documented);
    }
    if (node.has("items")) {
      collectDescriptions(node.get("items"), path + "[]", undocumented, documented);
    }
    if (node.path("additionalProperties").isObject()) {
      collectDescriptions(node.get("additionalProperties"), path + "{}", undocumented, documented);
    }
  }

  private static void collectRuleMessages(JsonNode node, List<String> messages) {
    node.path("x-kubernetes-validations").forEach(v -> messages.add(v.path("message").asText()));
    node.path("properties").forEach(p -> collectRuleMessages(p, messages));
    if (node.has("items")) {
      collectRuleMessages(node.get("items"), messages);
    }
  }

  private static void collectUnbounded(JsonNode node, String path, List<String> unbounded) {
    String type = node.path("type").asText();
    boolean bounded = switch (type) {
      case "array" -> node.has("maxItems");
      case "string" -> node.has("maxLength") || node.has("enum");
      case "object" -> node.has("properties") || node.has("maxProperties");
      default -> true;
    };
    if (!bounded) {
      unbounded.add(path);
    }
    node.path("properties").fields().forEachRemaining(p ->
        collectUnbounded(p.getValue(), path + "." + p.getKey(), unbounded));
    if (node.has("items")) {
      collectUnbounded(node.get("items"), path + "[]", unbounded);
    }
    if (node.path("additionalProperties").isObject()) {
      collectUnbounded(node.get("additionalProperties"), path + "{}", unbounded);
    }
  }
}
