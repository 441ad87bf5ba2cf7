package dev.globaltable.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between manifests as Jackson trees and the plain values CEL works on, and schema defaulting. */
final class Manifests {
  private Manifests() {}

  /** JSON tree to CEL values: objects to maps, arrays to lists, integers to Long, other numbers to Double. */
  static Object toCel(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(e -> list.add(toCel(e)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  /**
   * Applies the schema's defaults in place, as the API server does before validation: a property with a default that
   * is absent from an object present in the manifest gets the default.
   */
  static void applyDefaults(JsonNode schema, JsonNode value) {
    if (value instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
      while (properties.hasNext()) {
        Map.Entry<String, JsonNode> p = properties.next();
        if (!object.has(p.getKey()) && p.getValue().has("default")) {
          object.set(p.getKey(), p.getValue().get("default").deepCopy());
        }
        if (object.has(p.getKey())) {
          applyDefaults(p.getValue(), object.get(p.getKey()));
        }
      }
    } else if (value != null && value.isArray() && schema.has("items")) {
      value.forEach(item -> applyDefaults(schema.get("items"), item));
    }
  }
}
