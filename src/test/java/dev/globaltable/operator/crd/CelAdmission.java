package dev.globaltable.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the CRD's {@code x-kubernetes-validations} the way the API server does, with CEL-Java: each rule runs at
 * every node its schema describes, with {@code self} bound to that node; transition rules (those naming
 * {@code oldSelf}) run only on updates where the old object has a value at the same place. As in the API server, the
 * root sees only metadata.name, list items are not correlated with old items (lists are atomic), map values are
 * correlated by key. A rule that fails to compile or to evaluate fails the test: the API server would reject the CRD or
 * the request with an error nobody can act on.
 */
final class CelAdmission {
  /** One compiled rule at one schema location. */
  record Rule(String rule, String message, String fieldPath, boolean transition, CelRuntime.Program program) {}

  private static final Cel CEL = CelFactory.standardCelBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addCompilerLibraries(CelExtensions.strings())
      .addRuntimeLibraries(CelExtensions.strings())
      .addVar("self", SimpleType.DYN)
      .addVar("oldSelf", SimpleType.DYN)
      .setResultType(SimpleType.BOOL)
      .build();

  private final JsonNode schema;
  private final Map<JsonNode, List<Rule>> rules = new HashMap<>();
  private int ruleCount;

  CelAdmission(JsonNode openApiV3Schema) {
    this.schema = openApiV3Schema;
    compileAll(openApiV3Schema);
  }

  int ruleCount() {
    return ruleCount;
  }

  /**
   * Every failed rule as {@code "cel: <path>: <message>"}, in schema walk order.
   *
   * @param object the (defaulted) object being admitted
   * @param old the stored object for an update, or null for a create
   */
  List<String> validate(Map<String, Object> object, Map<String, Object> old) {
    List<String> failures = new ArrayList<>();
    walk(schema, rootView(object), old == null ? null : rootView(old), "", failures);
    return failures;
  }

  private static Map<String, Object> rootView(Map<String, Object> object) {
    Map<String, Object> view = new LinkedHashMap<>(object);
    Object metadata = object.get("metadata");
    Map<String, Object> visible = new LinkedHashMap<>();
    if (metadata instanceof Map<?, ?> m) {
      if (m.containsKey("name")) {
        visible.put("name", m.get("name"));
      }
      if (m.containsKey("generateName")) {
        visible.put("generateName", m.get("generateName"));
      }
    }
    view.put("metadata", visible);
    return view;
  }

  private void compileAll(JsonNode node) {
    JsonNode validations = node.path("x-kubernetes-validations");
    if (validations.isArray()) {
      List<Rule> compiled = new ArrayList<>();
      for (JsonNode v : validations) {
        String rule = v.path("rule").asText();
        String message = v.path("message").asText(null);
        if (message == null || message.isBlank()) {
          throw new AssertionError("CEL rule without a message: " + rule);
        }
        try {
          CelRuntime.Program program = CEL.createProgram(CEL.compile(rule).getAst());
          compiled.add(new Rule(rule, message, v.path("fieldPath").asText(""), rule.contains("oldSelf"), program));
          ruleCount++;
        } catch (CelValidationException | CelEvaluationException e) {
          throw new AssertionError("CEL rule does not compile: " + rule + "\n" + e.getMessage(), e);
        }
      }
      rules.put(node, compiled);
    }
    node.path("properties").forEach(this::compileAll);
    if (node.has("items")) {
      compileAll(node.get("items"));
    }
    if (node.path("additionalProperties").isObject()) {
      compileAll(node.get("additionalProperties"));
    }
  }

  @SuppressWarnings("unchecked")
  private void walk(JsonNode node, Object value, Object old, String path, List<String> failures) {
    for (Rule rule : rules.getOrDefault(node, List.of())) {
      if (rule.transition() && old == null) {
        continue; // transition rules only run when the old object has this value
      }
      Map<String, Object> vars = new HashMap<>();
      vars.put("self", value);
      if (rule.transition()) {
        vars.put("oldSelf", old);
      }
      Object result;
      try {
        result = rule.program().eval(vars);
      } catch (CelEvaluationException e) {
        throw new AssertionError("CEL rule failed to evaluate at " + display(path) + ": " + rule.rule() + "\n"
            + e.getMessage(), e);
      }
      if (!Boolean.TRUE.equals(result)) {
        failures.add("cel: " + display(path + rule.fieldPath()) + ": " + rule.message());
      }
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> oldMap = old instanceof Map<?, ?> o ? (Map<String, Object>) o : null;
      Iterator<Map.Entry<String, JsonNode>> properties = node.path("properties").fields();
      while (properties.hasNext()) {
        Map.Entry<String, JsonNode> p = properties.next();
        if (map.containsKey(p.getKey())) {
          walk(p.getValue(), map.get(p.getKey()), oldMap == null ? null : oldMap.get(p.getKey()),
              path + "." + p.getKey(), failures);
        }
      }
      if (node.path("additionalProperties").isObject()) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          walk(node.get("additionalProperties"), e.getValue(), oldMap == null ? null : oldMap.get(e.getKey()),
              path + "[" + e.getKey() + "]", failures);
        }
      }
    } else if (value instanceof List<?> list && node.has("items")) {
      for (int i = 0; i < list.size(); i++) {
        walk(node.get("items"), list.get(i), null, path + "[" + i + "]", failures);
      }
    }
  }

  private static String display(String path) {
    return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "<root>" : path;
  }
}
