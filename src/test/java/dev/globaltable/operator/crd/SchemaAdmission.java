package dev.globaltable.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Set;

/**
 * Validates objects against the CRD's whole openAPIV3Schema with json-schema-validator (types, enums, required,
 * patterns, lengths, item and property counts, minimum). The x-kubernetes-* keywords are not JSON Schema and are
 * ignored here; {@link CelAdmission} evaluates the CEL rules.
 */
final class SchemaAdmission {
  private final Schema schema;

  SchemaAdmission(JsonNode openApiV3Schema) {
    this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(openApiV3Schema);
  }

  /** Every schema error as {@code "schema: <instance location> <message>"}. */
  List<String> validate(JsonNode object) {
    return errors(object).stream().map(e -> "schema: " + e.toString()).toList();
  }

  List<Error> errors(JsonNode object) {
    return schema.validate(object);
  }

  /**
   * Whether the API server would skip the CEL rules: it does when schema validation found a missing required field, a
   * wrong type or a value outside an enum ("some validation rules were not checked because the object was invalid").
   */
  static boolean blocksCel(List<Error> errors) {
    return errors.stream().anyMatch(e -> BLOCKING.contains(e.getKeyword()));
  }

  private static final Set<String> BLOCKING = Set.of("required", "type", "enum");
}
