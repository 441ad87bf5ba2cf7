package dev.globaltable.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.TableIdentity;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.DesiredMapper;
import dev.globaltable.operator.validate.SpecValidator;
import dev.globaltable.operator.validate.Violation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validation twice, on the same manifests: admission (the shipped CRD's openAPIV3Schema with json-schema-validator,
 * then its CEL rules with CEL-Java) and the operator's {@link SpecValidator}.
 *
 * <p>{@code manifests/valid/*.yaml} and {@code config/samples/*.yaml} are plain GlobalTable manifests that both
 * layers accept. Each
 * {@code manifests/invalid/*.yaml} is a case: {@code object} (the manifest), optionally {@code old} (the stored object,
 * making it an update; the validator then gets {@code identityOf(old)} as the recorded identity), and {@code expect}:
 * the exact admission messages ({@code schema: ...} / {@code cel: ...}) and the exact SpecValidator messages, or
 * {@code unreadable: <field>} when the operator cannot even deserialize the spec.
 */
class ManifestCasesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  /** What the API server adds instead of evaluating CEL rules on an object with blocking schema errors. */
  static final String CEL_SKIPPED = "cel: <root>: some validation rules were not checked because the object was "
      + "invalid; correct the existing errors to complete validation";
  private static JsonNode openApi;
  private static SchemaAdmission schema;
  private static CelAdmission cel;

  @BeforeAll
  static void loadShippedCrd() {
    openApi = CrdFiles.shippedSchema();
    schema = new SchemaAdmission(openApi);
    cel = new CelAdmission(openApi);
  }

  /** The valid manifests, and every sample in config/samples (what the README tells people to apply). */
  static Stream<Named<Path>> valid() throws IOException, URISyntaxException {
    return Stream.concat(list("manifests/valid"), samples());
  }

  static Stream<Named<Path>> samples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("config", "samples"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).as("samples in config/samples").isNotEmpty();
      return yaml.stream().map(p -> Named.of("config/samples/" + p.getFileName(), p));
    }
  }

  static Stream<Named<Path>> invalid() throws IOException, URISyntaxException {
    return list("manifests/invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validManifestPassesBothLayers(Path file) throws IOException {
    JsonNode object = YAML.readTree(file.toFile());
    assertThat(admission(object, null)).as("admission of " + file.getFileName()).isEmpty();
    GlobalTableSpec spec = YAML.treeToValue(object.path("spec"), GlobalTableSpec.class);
    String name = object.path("metadata").path("name").asText();
    assertThat(new SpecValidator().validate(name, spec, null)).as("SpecValidator").isEmpty();
    Desired desired = DesiredMapper.toDesired("default", name, spec);
    assertThat(desired.regions()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidManifestIsRejectedByBothLayersWithExactMessages(Path file) throws IOException {
    JsonNode testCase = YAML.readTree(file.toFile());
    JsonNode object = testCase.path("object");
    JsonNode old = testCase.has("old") ? testCase.get("old") : null;
    JsonNode expect = testCase.path("expect");

    assertThat(admission(object, old)).as("admission messages of " + file.getFileName())
        .containsExactlyElementsOf(strings(expect.path("admission")));
    assertThat(strings(expect.path("admission"))).as("a case must be rejected at admission").isNotEmpty();

    String name = object.path("metadata").path("name").asText();
    if (expect.has("unreadable")) {
      assertThatThrownBy(() -> YAML.treeToValue(object.path("spec"), GlobalTableSpec.class))
          .isInstanceOf(InvalidFormatException.class)
          .hasMessageContaining(expect.path("unreadable").asText());
      return;
    }
    GlobalTableSpec spec = YAML.treeToValue(object.path("spec"), GlobalTableSpec.class);
    TableIdentity recorded = old == null ? null : DesiredMapper.identityOf(old.path("metadata").path("name").asText(),
        YAML.treeToValue(old.path("spec"), GlobalTableSpec.class));
    List<String> violations = new SpecValidator().validate(name, spec, recorded).stream()
        .map(Violation::message).toList();
    assertThat(violations).as("SpecValidator messages of " + file.getFileName())
        .containsExactlyElementsOf(strings(expect.path("validator")));
    assertThat(violations).as("a case must be rejected by SpecValidator").isNotEmpty();
  }

  /** Schema errors, then CEL failures, of an object defaulted as the API server would. */
  static List<String> admission(JsonNode object, JsonNode old) {
    JsonNode defaulted = object.deepCopy();
    Manifests.applyDefaults(openApi, defaulted);
    List<String> messages = new ArrayList<>(schema.validate(defaulted));
    if (SchemaAdmission.blocksCel(schema.errors(defaulted))) {
      // As the API server: required/type/enum errors stop CEL evaluation.
      messages.add(CEL_SKIPPED);
      return messages;
    }
    Map<String, Object> oldValue = null;
    if (old != null) {
      JsonNode oldDefaulted = old.deepCopy();
      Manifests.applyDefaults(openApi, oldDefaulted);
      assertThat(schema.validate(oldDefaulted)).as("the stored object of an update case must be valid").isEmpty();
      oldValue = cast(Manifests.toCel(oldDefaulted));
      assertThat(cel.validate(oldValue, null)).as("the stored object of an update case must be valid").isEmpty();
    }
    messages.addAll(cel.validate(cast(Manifests.toCel(defaulted)), oldValue));
    return messages;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static Stream<Named<Path>> list(String dir) throws IOException, URISyntaxException {
    Path root = Path.of(ManifestCasesTest.class.getClassLoader().getResource(dir).toURI());
    try (Stream<Path> files = Files.list(root)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).as("manifests in " + dir).isNotEmpty();
      return yaml.stream().map(p -> Named.of(p.getFileName().toString(), p));
    }
  }
}
