package dev.globaltable.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.aws.SdkAwsGateway;
import dev.globaltable.operator.sim.SimulatedAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline commands through {@link Main#execute}, without System.exit. */
class MainCommandsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String INVALID = "src/test/resources/manifests/invalid/";

  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(args[0], java.util.Arrays.copyOfRange(args, 1, args.length),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The {@code object} of a case in manifests/invalid, as plain YAML text. */
  private static String caseObject(String file) throws IOException {
    JsonNode testCase = YAML.readTree(Path.of(INVALID, file).toFile());
    return YAML.writeValueAsString(testCase.get("object"));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void everySampleIsValid() throws IOException {
    List<String> args = new ArrayList<>(List.of("validate"));
    try (Stream<Path> files = Files.list(Path.of("config", "samples"))) {
      files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> args.add(p.toString()));
    }
    assertThat(args).hasSizeGreaterThan(1);

    Run r = run(args.toArray(String[]::new));

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.lines()).hasSize(args.size() - 1).allMatch(l -> l.matches("config/samples/.*\\.yaml#1 GlobalTable/\\S+: OK"));
    assertThat(r.out()).contains("config/samples/orders-global.yaml#1 GlobalTable/orders: OK");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void everyValidTestManifestIsValidDespiteStrictTyping() throws IOException {
    List<String> args = new ArrayList<>(List.of("validate"));
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/manifests/valid"))) {
      files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> args.add(p.toString()));
    }
    assertThat(args).hasSizeGreaterThan(1);

    Run r = run(args.toArray(String[]::new));

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.lines()).allMatch(l -> l.endsWith(": OK"));
  }

  @Test
  void invalidManifestPrintsTheValidatorsExactMessage() throws IOException {
    Path file = write("home.yaml", caseObject("home-region-not-in-replicas.yaml"));

    Run r = run("validate", file.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.lines()).containsExactly(
        file + "#1 GlobalTable/orders: INVALID",
        "  spec.homeRegion: must be one of spec.replicas[].region (us-east-1 is not listed)");
  }

  @Test
  void typeErrorsAreThatDocumentsError() throws IOException {
    Path enumValue = write("enum.yaml", caseObject("billing-mode-unknown.yaml"));
    Path number = write("number.yaml", Files.readString(Path.of("config/samples/orders-global.yaml"))
        .replace("maxReadRequestUnits: 4000", "maxReadRequestUnits: lots"));

    Run r = run("validate", enumValue.toString(), number.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.lines()).hasSize(4);
    assertThat(r.lines().get(0)).isEqualTo(enumValue + "#1 GlobalTable/orders: INVALID");
    assertThat(r.lines().get(1)).startsWith("  spec.billing.mode: ").contains("\"Reserved\"", "PayPerRequest");
    assertThat(r.lines().get(2)).isEqualTo(number + "#1 GlobalTable/orders: INVALID");
    assertThat(r.lines().get(3)).startsWith("  spec.billing.maxReadRequestUnits: ").contains("\"lots\"");
  }

  @Test
  void aQuotedNumberOrAnUnquotedNumberForAStringIsATypeErrorAsAtAdmission() throws IOException {
    String sample = Files.readString(Path.of("config/samples/orders-global.yaml"));
    Path quoted = write("quoted.yaml", sample.replace("maxReadRequestUnits: 4000", "maxReadRequestUnits: \"4000\""));
    Path bare = write("bare.yaml", sample.replace("cost-center: \"4711\"", "cost-center: 4711"));

    Run r = run("validate", quoted.toString(), bare.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(quoted + "#1 GlobalTable/orders: INVALID\n  spec.billing.maxReadRequestUnits: ",
        bare + "#1 GlobalTable/orders: INVALID\n  spec.tags.cost-center: ");
  }

  @Test
  void multiDocumentFileReportsEachDocumentAndSkipsOthers() throws IOException {
    String valid = Files.readString(Path.of("config/samples/orders-global.yaml"));
    String invalid = caseObject("home-region-not-in-replicas.yaml").replaceFirst("(?m)^---\\s*\\n", "");
    String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n";
    Path file = write("mixed.yaml", "---\n" + valid + "---\n# only a comment\n---\n" + configMap + "--- \n"
        + invalid.replaceFirst("name: \"?orders\"?", "name: broken") + "\n---\n");

    Run r = run("validate", file.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.lines()).containsExactly(
        file + "#1 GlobalTable/orders: OK",
        file + "#2 ConfigMap/settings: not a dynamodb.globaltable.dev/v1alpha1 GlobalTable (apiVersion v1), skipped",
        file + "#3 GlobalTable/broken: INVALID",
        "  spec.homeRegion: must be one of spec.replicas[].region (us-east-1 is not listed)");
  }

  @Test
  void unknownFieldIsANoteNotAnError() throws IOException {
    Path file = write("typo.yaml", Files.readString(Path.of("config/samples/orders-global.yaml"))
        .replace("  stream: {viewType: NEW_AND_OLD_IMAGES}", "  stream: {viewType: NEW_AND_OLD_IMAGES, enabld: true}")
        .replace("  dashboard: {enabled: true}", "  dashboard: {enabled: true}\n  extra: {deep: [1, 2]}"));

    Run r = run("validate", file.toString());

    assertThat(r.code()).isZero();
    assertThat(r.lines()).containsExactly(file + "#1 GlobalTable/orders: OK",
        "  note: unknown field spec.stream.enabld (ignored by the operator; the API server prunes or rejects it)",
        "  note: unknown field spec.extra (ignored by the operator; the API server prunes or rejects it)");
  }

  @Test
  void missingFileIsExitTwoAndOtherFilesAreStillChecked() {
    Run r = run("validate", "no/such/file.yaml", "config/samples/orders-global.yaml");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("no/such/file.yaml: cannot read: NoSuchFileException");
    assertThat(r.lines()).containsExactly("config/samples/orders-global.yaml#1 GlobalTable/orders: OK");
  }

  @Test
  void usageErrorsAreExitTwo() {
    assertThat(run("validate").code()).isEqualTo(2);
    assertThat(run("validate", "--strict", "x.yaml").code()).isEqualTo(2);
    assertThat(run("plan").code()).isEqualTo(2);
    assertThat(run("plan", "a.yaml", "b.yaml", "--sandbox").code()).isEqualTo(2);
    assertThat(run("plan", "config/samples/orders-global.yaml", "--region", "x").code()).isEqualTo(2);
    assertThat(run("plan", "no/such/file.yaml", "--sandbox").code()).isEqualTo(2);
    Run help = run("validate", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Main validate FILE...", "Main plan FILE [--sandbox]", "SpecValidator");
  }

  @Test
  void sandboxPlanIsTheCreatePlan() {
    Run r = run("plan", "config/samples/orders-global.yaml", "--sandbox");

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.lines()).containsExactly(
        "plan for default/orders (table Orders, home us-east-1):",
        "  1. create table Orders in us-east-1",
        "  2. add replica eu-west-1",
        "  3. add replica ap-northeast-1");
    assertThat(r.err()).startsWith("sandbox: a fresh in-memory SimulatedAws");
  }

  @Test
  void planOnlyReads() {
    SimulatedAws aws = Commands.sandbox();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = Commands.plan("config/samples/orders-global.yaml", gateway(aws),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("  1. create table Orders in us-east-1");
    assertThat(aws.journal().entries()).as("the plan observed AWS").isNotEmpty();
    assertThat(aws.journal().mutations()).as("no mutating call").isEmpty();
  }

  @Test
  void aTableWithoutOurOwnerTagIsNotTakenOver() {
    SimulatedAws aws = Commands.sandbox();
    aws.createForeignTable("us-east-1", "Orders", Map.of("team", "someone-else"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = Commands.plan("config/samples/orders-global.yaml", gateway(aws),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "plan for default/orders (table Orders, home us-east-1):",
        "  blocked (TABLE_OWNED_ELSEWHERE): table Orders in us-east-1 has no globaltable.dev/owner tag: it was not "
            + "created by this operator; not touching it");
    assertThat(aws.journal().mutations()).isEmpty();
  }

  @Test
  void aTableWithOurOwnerTagIsOursAndComparedWithTheSpec() {
    SimulatedAws aws = Commands.sandbox();
    aws.createForeignTable("us-east-1", "Orders", Map.of("globaltable.dev/owner", "default/orders"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = Commands.plan("config/samples/orders-global.yaml", gateway(aws),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertThat(code).isZero();
    // Verified as ours by the owner tag, so the planner compares it with the spec instead of refusing to touch it.
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(2).first()
        .isEqualTo("plan for default/orders (table Orders, home us-east-1):");
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList().get(1))
        .startsWith("  blocked (IMMUTABLE_MISMATCH): table Orders in us-east-1 differs in fields that cannot change");
    assertThat(aws.journal().mutations()).isEmpty();
  }

  @Test
  void invalidSpecIsNotPlanned() throws IOException {
    Path file = write("home.yaml", caseObject("home-region-not-in-replicas.yaml"));
    SimulatedAws aws = Commands.sandbox();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = Commands.plan(file.toString(), gateway(aws), new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);

    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        file + "#1 GlobalTable/orders: INVALID (not planned)",
        "  spec.homeRegion: must be one of spec.replicas[].region (us-east-1 is not listed)");
    assertThat(aws.journal().entries()).as("no AWS call for an invalid spec").isEmpty();
  }

  private static SdkAwsGateway gateway(SimulatedAws aws) {
    return new SdkAwsGateway(RegionalClients.of(aws::dynamoDb, aws::applicationAutoScaling, aws::cloudWatch),
        aws.clock());
  }
}
