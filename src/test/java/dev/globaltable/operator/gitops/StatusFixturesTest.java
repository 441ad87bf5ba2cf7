package dev.globaltable.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.api.GlobalTableStatus;
import dev.globaltable.operator.model.AlarmDefinition;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.DesiredMapper;
import dev.globaltable.operator.model.ObservedAlarm;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.plan.AlarmPlanner;
import dev.globaltable.operator.plan.BlockReason;
import dev.globaltable.operator.plan.Blocker;
import dev.globaltable.operator.plan.Managed;
import dev.globaltable.operator.plan.Plan;
import dev.globaltable.operator.plan.PlannedStep;
import dev.globaltable.operator.plan.Step;
import dev.globaltable.operator.reconcile.Outcome;
import dev.globaltable.operator.reconcile.Reason;
import dev.globaltable.operator.reconcile.StatusWriter;
import dev.globaltable.operator.testing.OperatorHarness;
import dev.globaltable.operator.validate.SpecValidator;
import dev.globaltable.operator.validate.Violation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The GlobalTable documents the Argo CD health check (config/argocd/health.lua, tested by src/test/lua/health_test.lua)
 * is tested against. Each is built by the real {@link StatusWriter} from one pass's facts, in the words the reconciler
 * uses, and must equal the committed file under src/test/resources/argocd/, so the Lua test never runs on statuses the
 * operator no longer writes. The same documents are checked against the kstatus conventions.
 */
class StatusFixturesTest {
  static final Path FIXTURES = Path.of("src", "test", "resources", "argocd");
  static final Path REGENERATED = Path.of("target", "argocd");

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final String ACCOUNT = "111122223333";
  private static final ObjectMapper PRETTY = Serialization.jsonMapper().copy()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** The writer with a fixed clock; each pass may move it on (lastTransitionTime must be reproducible). */
  private static final class FixedClock extends Clock {
    Instant now = NOW;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  // ---- the cases ------------------------------------------------------------------------------------------------

  /** Case name (file name without .json) to the document; insertion order is the order the files are listed in. */
  static Map<String, Supplier<GlobalTable>> cases() {
    Map<String, Supplier<GlobalTable>> cases = new LinkedHashMap<>();
    cases.put("ready", StatusFixturesTest::ready);
    cases.put("ready-alarming", StatusFixturesTest::readyAlarming);
    cases.put("progressing-replica-creating", StatusFixturesTest::progressingReplicaCreating);
    cases.put("stalled-invalid-spec", StatusFixturesTest::stalledInvalidSpec);
    cases.put("suspended", StatusFixturesTest::suspended);
    cases.put("new-generation-not-observed", StatusFixturesTest::newGenerationNotObserved);
    cases.put("no-status", StatusFixturesTest::noStatus);
    cases.put("aws-unavailable-after-ready", StatusFixturesTest::awsUnavailableAfterReady);
    return cases;
  }

  /** The orders sample (three regions, a GSI, alarms, a dashboard) as the API server returns it at generation 3. */
  private static GlobalTable orders(long generation) {
    GlobalTable gt = OperatorHarness.sample("orders-global.yaml");
    gt.getMetadata().setGeneration(generation);
    gt.getMetadata().setUid("6f1c2a8e-3d4b-4f5a-9b7c-0e1d2c3b4a59");
    gt.getMetadata().setCreationTimestamp("2026-11-23T08:55:00Z");
    return gt;
  }

  private static Desired desired(GlobalTable gt) {
    return DesiredMapper.toDesired(gt.getMetadata().getNamespace(), gt.getMetadata().getName(), gt.getSpec());
  }

  private static RegionalTable table(Desired d, String region, String status, List<ObservedReplica> replicas) {
    List<ObservedIndex> gsis = d.globalSecondaryIndexes().stream()
        .map(i -> new ObservedIndex(i, "ACTIVE", false, null, null)).toList();
    return new RegionalTable(region, d.tableName(), "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/"
        + d.tableName(), "4e1f0c7a-" + region, status, d.keySchema(), d.attributeDefinitions(), "PAY_PER_REQUEST",
        d.onDemand(), d.streamViewType(), gsis, d.localSecondaryIndexes(), replicas, false,
        Instant.parse("2026-11-23T09:00:00Z"), "2019.11.21");
  }

  /**
   * A deep observation of the table in every region listed in {@code replicaStates} (home first), with the alarms the
   * spec asks for in the regions whose table is ACTIVE, all OK but {@code firing} (name, in ALARM).
   */
  private static Observed observed(Desired d, Map<String, String> replicaStates, Map<String, Integer> progress,
      Set<String> firing) {
    String home = d.homeRegion();
    List<ObservedReplica> fromHome = new ArrayList<>();
    replicaStates.forEach((region, state) -> {
      if (!region.equals(home)) {
        fromHome.add(new ObservedReplica(region, state, null, progress.get(region)));
      }
    });
    RegionalTable homeTable = table(d, home, "ACTIVE", fromHome);
    List<AlarmDefinition> alarms = AlarmPlanner.desiredAlarms(d, homeTable);
    Map<String, RegionObservation> regions = new LinkedHashMap<>();
    replicaStates.forEach((region, state) -> {
      if (!"ACTIVE".equals(state)) {
        return;
      }
      List<ObservedReplica> others = new ArrayList<>();
      replicaStates.forEach((r, s) -> {
        if (!r.equals(region)) {
          others.add(new ObservedReplica(r, s, null, progress.get(r)));
        }
      });
      RegionalTable t = region.equals(home) ? homeTable : table(d, region, "ACTIVE", others);
      List<ObservedAlarm> here = alarms.stream().filter(a -> a.region().equals(region))
          .map(a -> firing.contains(a.name())
              ? new ObservedAlarm(a, "ALARM", "Threshold Crossed: 5 out of the last 5 datapoints were greater than "
                  + "the threshold (60000.0).", arn(region, a.name()))
              : new ObservedAlarm(a, "OK", null, arn(region, a.name())))
          .toList();
      Map<String, Double> latency = new TreeMap<>();
      replicaStates.forEach((r, s) -> {
        if (!r.equals(region) && "ACTIVE".equals(s)) {
          latency.put(r, firing.isEmpty() ? 850.0 : 72000.0);
        }
      });
      regions.put(region, new RegionObservation(region, t, Map.of(), null, null, here, latency));
    });
    return new Observed(home, regions, true, NOW);
  }

  private static String arn(String region, String name) {
    return "arn:aws:cloudwatch:" + region + ":" + ACCOUNT + ":alarm:" + name;
  }

  private static Map<String, String> allActive(Desired d) {
    Map<String, String> states = new LinkedHashMap<>();
    states.put(d.homeRegion(), "ACTIVE");
    d.regions().forEach(r -> states.putIfAbsent(r, "ACTIVE"));
    return states;
  }

  private static Managed managed(Desired d) {
    return new Managed(Set.copyOf(d.regions()), Set.of("ByCustomer"), d.tags().keySet());
  }

  /** As the reconciler words a converged pass. */
  private static Outcome readyOutcome(Desired d) {
    return Outcome.ready("table " + d.tableName() + " is ACTIVE in " + d.regions().size() + " regions");
  }

  private static GlobalTable withStatus(GlobalTable gt, StatusWriter writer, StatusWriter.PassFacts facts) {
    gt.setStatus(writer.build(gt, facts));
    return gt;
  }

  /** Converged: every replica ACTIVE, every alarm OK. */
  static GlobalTable ready() {
    GlobalTable gt = orders(3);
    Desired d = desired(gt);
    return withStatus(gt, new StatusWriter(new FixedClock()), new StatusWriter.PassFacts(d,
        observed(d, allActive(d), Map.of(), Set.of()), Plan.converged(), readyOutcome(d), managed(d), null));
  }

  /** Converged while an alarm the operator owns is in ALARM: Ready stays True with reason Alarming. */
  static GlobalTable readyAlarming() {
    GlobalTable gt = orders(3);
    Desired d = desired(gt);
    String latency = dev.globaltable.operator.model.AlarmNames.replicationLatency(d.tableName(), "us-east-1");
    return withStatus(gt, new StatusWriter(new FixedClock()), new StatusWriter.PassFacts(d,
        observed(d, allActive(d), Map.of(), Set.of(latency)), Plan.converged(), readyOutcome(d), managed(d), null));
  }

  /** The third region is being added: the plan waits on the replica (the reconciler's wording for that blocker). */
  static GlobalTable progressingReplicaCreating() {
    GlobalTable gt = orders(3);
    Desired d = desired(gt);
    Map<String, String> states = allActive(d);
    states.put("ap-northeast-1", "CREATING");
    Blocker wait = new Blocker(BlockReason.REPLICA_CREATING, "ap-northeast-1 is CREATING (45%)");
    return withStatus(gt, new StatusWriter(new FixedClock()), new StatusWriter.PassFacts(d,
        observed(d, states, Map.of("ap-northeast-1", 45), Set.of()), new Plan(List.of(), wait),
        Outcome.progressing(Reason.ReplicaCreating, wait.message()),
        new Managed(Set.of("us-east-1", "eu-west-1", "ap-northeast-1"), Set.of("ByCustomer"), d.tags().keySet()),
        null));
  }

  /**
   * Was ready at generation 3; generation 4 names a home region outside spec.replicas. The message is the real
   * validator's, joined as the reconciler joins it; an invalid spec is not observed, so the rest is kept.
   */
  static GlobalTable stalledInvalidSpec() {
    FixedClock clock = new FixedClock();
    StatusWriter writer = new StatusWriter(clock);
    GlobalTable gt = ready();
    gt.getMetadata().setGeneration(4L);
    gt.getSpec().homeRegion = "us-west-2";
    List<Violation> violations = new SpecValidator().validate(gt.getMetadata().getName(), gt.getSpec(),
        gt.getStatus().identity);
    assertThat(violations).as("the spec must be invalid").isNotEmpty();
    String message = violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    clock.now = NOW.plusSeconds(600);
    return withStatus(gt, writer, new StatusWriter.PassFacts(null, null, null,
        Outcome.stalled(Reason.InvalidSpec, message), null, null));
  }

  /** suspend: true with a tag change pending: observe and report only. */
  static GlobalTable suspended() {
    FixedClock clock = new FixedClock();
    StatusWriter writer = new StatusWriter(clock);
    GlobalTable gt = ready();
    gt.getMetadata().setGeneration(4L);
    gt.getSpec().suspend = true;
    gt.getSpec().tags = new TreeMap<>(gt.getSpec().tags);
    gt.getSpec().tags.put("tier", "gold");
    Desired d = desired(gt);
    Step tag = new Step.TagTable("us-east-1", "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/Orders", d.tags());
    Plan plan = new Plan(List.of(new PlannedStep(tag, null)), null);
    clock.now = NOW.plusSeconds(600);
    return withStatus(gt, writer, new StatusWriter.PassFacts(d, observed(d, allActive(d), Map.of(), Set.of()), plan,
        Outcome.suspended("suspend is true; " + plan.steps().size() + " step(s) pending: "
            + String.join(", ", plan.describe())), managed(d), null));
  }

  /** The ready document right after a spec edit: generation 4, status still from generation 3. */
  static GlobalTable newGenerationNotObserved() {
    GlobalTable gt = ready();
    gt.getMetadata().setGeneration(4L);
    gt.getSpec().tags = new TreeMap<>(gt.getSpec().tags);
    gt.getSpec().tags.put("tier", "gold");
    return gt;
  }

  /** Just applied; the operator has not written a status yet. */
  static GlobalTable noStatus() {
    return orders(1);
  }

  /**
   * Ready, then a pass whose reads were throttled: Ready is kept as it was (so health does not flap on one throttled
   * read) and only Reconciling says a retry is under way.
   */
  static GlobalTable awsUnavailableAfterReady() {
    FixedClock clock = new FixedClock();
    StatusWriter writer = new StatusWriter(clock);
    GlobalTable gt = ready();
    clock.now = NOW.plusSeconds(300);
    return withStatus(gt, writer, new StatusWriter.PassFacts(desired(gt), null, null,
        Outcome.progressing(Reason.AwsUnavailable, "DescribeTable in eu-west-1 was throttled "
            + "(ThrottlingException); retrying with backoff"), null, null));
  }

  // ---- serialization --------------------------------------------------------------------------------------------

  /** Serialization.asJson, indented so that a changed fixture reads as a small diff. */
  static String json(GlobalTable gt) {
    try {
      return PRETTY.writeValueAsString(PRETTY.readTree(Serialization.asJson(gt))) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode committed(String name) throws IOException {
    return PRETTY.readTree(Files.readString(FIXTURES.resolve(name + ".json"), StandardCharsets.UTF_8));
  }

  // ---- tests ----------------------------------------------------------------------------------------------------

  @Test
  void committedFixturesAreWhatTheStatusWriterWritesToday() throws IOException {
    List<String> stale = new ArrayList<>();
    for (var c : cases().entrySet()) {
      String actual = json(c.getValue().get());
      Path file = FIXTURES.resolve(c.getKey() + ".json");
      String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      if (!actual.equals(expected)) {
        Files.createDirectories(REGENERATED);
        Files.writeString(REGENERATED.resolve(c.getKey() + ".json"), actual, StandardCharsets.UTF_8);
        stale.add(c.getKey());
      }
    }
    if (!stale.isEmpty()) {
      fail("The operator now writes other status documents for " + stale + ". Review them, then copy them over the "
          + "fixtures: cp " + stale.stream().map(n -> REGENERATED.resolve(n + ".json").toString())
          .collect(Collectors.joining(" ")) + " " + FIXTURES + "/ (and run lua5.1 src/test/lua/health_test.lua: "
          + "its expected health per case may need to follow)");
    }
    try (var files = Files.list(FIXTURES)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted())
          .as("no fixture without a case here")
          .containsExactlyInAnyOrderElementsOf(cases().keySet().stream().map(n -> n + ".json").toList());
    }
  }

  private static final Pattern CAMEL_CASE = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern RFC3339 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  /**
   * kstatus conventions on the committed documents (the bytes the Lua test reads): the three condition types once each,
   * each with the generation it describes; never Reconciling and Stalled both True; Ready True only with both False; a
   * True abnormal condition says why.
   */
  @Test
  void fixturesFollowKstatus() throws IOException {
    for (String name : cases().keySet()) {
      JsonNode doc = committed(name);
      long generation = doc.path("metadata").path("generation").asLong(-1);
      assertThat(generation).as(name + ": metadata.generation").isPositive();
      JsonNode status = doc.get("status");
      if (status == null) {
        assertThat(name).isEqualTo("no-status");
        continue;
      }
      assertThat(status.has("observedGeneration")).as(name + ": status.observedGeneration").isTrue();
      long observed = status.get("observedGeneration").asLong();
      assertThat(observed).as(name + ": observedGeneration is never ahead").isLessThanOrEqualTo(generation);

      Map<String, JsonNode> byType = new LinkedHashMap<>();
      for (JsonNode c : status.path("conditions")) {
        assertThat(byType.put(c.path("type").asText(), c)).as(name + ": one condition per type").isNull();
        assertThat(c.path("status").asText()).as(name + ": status").isIn("True", "False", "Unknown");
        assertThat(c.path("reason").asText()).as(name + ": reason is CamelCase").matches(CAMEL_CASE);
        assertThat(c.path("lastTransitionTime").asText()).as(name + ": lastTransitionTime").matches(RFC3339);
        assertThat(c.has("observedGeneration")).as(name + ": condition observedGeneration").isTrue();
        long conditionGeneration = c.get("observedGeneration").asLong();
        assertThat(conditionGeneration).as(name + ": a condition is never ahead of the status")
            .isLessThanOrEqualTo(observed);
        if (observed == generation && !"Ready".equals(c.path("type").asText())) {
          // Ready alone may be carried over unchanged from an earlier pass (a throttled pass keeps it).
          assertThat(conditionGeneration).as(name + ": " + c.path("type").asText() + " describes this generation")
              .isEqualTo(generation);
        }
      }
      assertThat(byType.keySet()).as(name + ": condition types").containsExactly("Ready", "Reconciling", "Stalled");
      boolean ready = isTrue(byType.get("Ready"));
      boolean reconciling = isTrue(byType.get("Reconciling"));
      boolean stalled = isTrue(byType.get("Stalled"));
      assertThat(reconciling && stalled).as(name + ": Reconciling and Stalled both True").isFalse();
      if (ready && !reconciling) {
        assertThat(byType.get("Ready").get("observedGeneration").asLong())
            .as(name + ": a Ready=True that stands describes this generation").isEqualTo(observed);
      }
      if (ready) {
        assertThat(stalled).as(name + ": Ready and Stalled both True").isFalse();
      }
      if (reconciling) {
        assertThat(byType.get("Reconciling").path("message").asText()).as(name + ": Reconciling says why").isNotBlank();
      }
      if (stalled) {
        assertThat(ready).as(name + ": Stalled and Ready both True").isFalse();
        assertThat(byType.get("Stalled").path("message").asText()).as(name + ": Stalled says why").isNotBlank();
      }
      if (!ready && !reconciling && !stalled) {
        assertThat(byType.get("Ready").path("reason").asText()).as(name + ": all False only while suspended")
            .isEqualTo("Suspended");
      }
    }
  }

  /** What kstatus (and so Flux's health checks) computes for each document, case by case. */
  @Test
  void kstatusResultPerCase() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("ready", "Current");
    expected.put("ready-alarming", "Current");
    expected.put("progressing-replica-creating", "InProgress");
    expected.put("stalled-invalid-spec", "Failed");
    expected.put("suspended", "Current");
    expected.put("new-generation-not-observed", "InProgress");
    // kstatus defaults a missing observedGeneration to the generation: with no conditions either, it has nothing to
    // wait on. The Argo CD script waits for the operator instead.
    expected.put("no-status", "Current");
    expected.put("aws-unavailable-after-ready", "InProgress");
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(cases().keySet());
    for (var e : expected.entrySet()) {
      assertThat(kstatus(committed(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  /** kstatus's generic rules for a custom resource (sigs.k8s.io/cli-utils pkg/kstatus/status, checkGenericProperties). */
  static String kstatus(JsonNode doc) {
    if (!doc.path("metadata").path("deletionTimestamp").asText("").isEmpty()) {
      return "Terminating";
    }
    long generation = doc.path("metadata").path("generation").asLong(-1);
    long observed = doc.path("status").path("observedGeneration").asLong(generation);
    if (observed != generation) {
      return "InProgress";
    }
    for (Iterator<JsonNode> it = doc.path("status").path("conditions").elements(); it.hasNext(); ) {
      JsonNode c = it.next();
      if ("Reconciling".equals(c.path("type").asText()) && isTrue(c)) {
        return "InProgress";
      }
      if ("Stalled".equals(c.path("type").asText()) && isTrue(c)) {
        return "Failed";
      }
    }
    return "Current";
  }

  private static boolean isTrue(JsonNode condition) {
    return condition != null && "True".equals(condition.path("status").asText());
  }

  @Test
  void theCasesShowWhatTheirNamesSay() {
    GlobalTableStatus alarming = readyAlarming().getStatus();
    assertThat(alarming.conditions.get(0).getReason()).isEqualTo("Alarming");
    assertThat(alarming.conditions.get(0).getStatus()).isEqualTo("True");
    GlobalTableStatus creating = progressingReplicaCreating().getStatus();
    assertThat(creating.regions).isEqualTo("2/3");
    assertThat(stalledInvalidSpec().getStatus().conditions.get(2).getReason()).isEqualTo("InvalidSpec");
    assertThat(suspended().getStatus().pending).isNotEmpty();
  }
}
