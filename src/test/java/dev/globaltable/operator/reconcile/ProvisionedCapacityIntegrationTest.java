package dev.globaltable.operator.reconcile;

import static dev.globaltable.operator.testing.OperatorHarness.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.sim.JournalEntry;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Provisioned capacity end to end: the real operator against the fabric8 mock server and SimulatedAws (with its
 * Application Auto Scaling), driven by {@code config/samples/inventory-provisioned.yaml}.
 */
class ProvisionedCapacityIntegrationTest {
  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String AP = "ap-northeast-1";
  private static final String T = "Inventory";
  private static final String SAMPLE = "inventory-provisioned.yaml";

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static String sampleYaml() {
    try {
      return Files.readString(Path.of("config", "samples", SAMPLE));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sample with textual edits applied (a person editing the manifest). */
  private static GlobalTable variant(UnaryOperator<String> edit) {
    return Serialization.unmarshal(edit.apply(sampleYaml()), GlobalTable.class);
  }

  private void applySpecOf(GlobalTable edited) {
    h.update("inventory", gt -> gt.setSpec(edited.getSpec()));
  }

  private GlobalTable awaitReadyAfterChange() {
    return h.awaitStatus("inventory", Duration.ofSeconds(90), OperatorHarness::isReady);
  }

  private TableDescription describe(String region) {
    return h.aws.inspect().describe(region, T).orElseThrow();
  }

  private ReplicaDescription replicaEntry(String region) {
    return describe(US).replicas().stream().filter(r -> r.regionName().equals(region)).findFirst().orElseThrow();
  }

  /** The operator's mutating calls, as "Operation region", in order. */
  private List<String> mutationsInOrder() {
    List<String> out = new ArrayList<>();
    for (JournalEntry e : h.aws.journal().mutations()) {
      out.add(e.operation() + " " + e.region());
    }
    return out;
  }

  /** Consecutive equal entries folded to "entry xN". */
  private static List<String> runs(List<String> calls) {
    List<String> out = new ArrayList<>();
    String last = null;
    int n = 0;
    for (String c : calls) {
      if (c.equals(last)) {
        n++;
        continue;
      }
      if (last != null) {
        out.add(n == 1 ? last : last + " x" + n);
      }
      last = c;
      n = 1;
    }
    if (last != null) {
      out.add(n == 1 ? last : last + " x" + n);
    }
    return out;
  }

  private static Map<String, Integer> counts(List<JournalEntry> entries) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (JournalEntry e : entries) {
      out.merge(e.service() + ":" + e.operation(), 1, Integer::sum);
    }
    return out;
  }

  @Test
  void aProvisionedThreeRegionTableWithTwoGsisAndReadOverridesConvergesWithoutARejectedCall() {
    h = new OperatorHarness();
    h.apply(sample(SAMPLE));
    GlobalTable gt = h.awaitStatus("inventory", Duration.ofSeconds(90), OperatorHarness::isReady);

    assertThat(h.rejected()).isEmpty();
    assertThat(h.maxMutationsPerPass()).isEqualTo(1);
    // Write autoscaling of the table and both indexes is registered in the home region before the first replica.
    List<String> calls = mutationsInOrder();
    int firstReplica = calls.indexOf("UpdateTable " + US);
    assertThat(calls.subList(0, firstReplica)).containsSubsequence("CreateTable " + US,
        "RegisterScalableTarget " + US, "PutScalingPolicy " + US);
    System.out.println("provisioned 3-region scenario, mutations in order: " + runs(calls));
    System.out.println("provisioned 3-region scenario, every call by operation: " + counts(h.calls()));

    // Capacity in every region: eu-west-1 reads 20 (table) and 8 (ByWarehouse) through overrides; ByWarehouse reads 10
    // elsewhere; write capacity is group-wide.
    assertThat(replicaEntry(EU).provisionedThroughputOverride().readCapacityUnits()).isEqualTo(20L);
    assertThat(describe(EU).provisionedThroughput().readCapacityUnits()).isEqualTo(20L);
    assertThat(describe(EU).globalSecondaryIndexes().stream().filter(i -> i.indexName().equals("ByWarehouse"))
        .findFirst().orElseThrow().provisionedThroughput().readCapacityUnits()).isEqualTo(8L);
    assertThat(describe(AP).globalSecondaryIndexes().stream().filter(i -> i.indexName().equals("ByWarehouse"))
        .findFirst().orElseThrow().provisionedThroughput().readCapacityUnits()).isEqualTo(10L);

    // Autoscaling: writes everywhere (home registered by the operator, replicas mirrored by AWS), reads per region.
    String w = "DynamoDBWriteCapacityUtilization:table/" + T;
    String r = "DynamoDBReadCapacityUtilization:table/" + T;
    assertThat(h.aws.inspect().scalableTargets(US)).containsExactlyInAnyOrder(
        "table/Inventory dynamodb:table:WriteCapacityUnits 5..1000 [" + w + "@70.0]",
        "table/Inventory/index/BySku dynamodb:index:WriteCapacityUnits 5..400 [" + w + "/index/BySku@70.0]",
        "table/Inventory/index/ByWarehouse dynamodb:index:WriteCapacityUnits 5..400 [" + w + "/index/ByWarehouse@70.0]",
        "table/Inventory dynamodb:table:ReadCapacityUnits 5..500 [" + r + "@70.0]",
        "table/Inventory/index/BySku dynamodb:index:ReadCapacityUnits 5..200 [" + r + "/index/BySku@70.0]");
    assertThat(h.aws.inspect().scalableTargets(EU)).containsExactlyInAnyOrder(
        "table/Inventory dynamodb:table:WriteCapacityUnits 5..1000 [" + w + "@70.0]",
        "table/Inventory/index/BySku dynamodb:index:WriteCapacityUnits 5..400 [" + w + "/index/BySku@70.0]",
        "table/Inventory/index/ByWarehouse dynamodb:index:WriteCapacityUnits 5..400 [" + w + "/index/ByWarehouse@70.0]",
        "table/Inventory/index/BySku dynamodb:index:ReadCapacityUnits 5..200 [" + r + "/index/BySku@70.0]");
    assertThat(h.aws.inspect().scalableTargets(AP)).containsExactlyInAnyOrder(
        "table/Inventory dynamodb:table:WriteCapacityUnits 5..1000 [" + w + "@70.0]",
        "table/Inventory/index/BySku dynamodb:index:WriteCapacityUnits 5..400 [" + w + "/index/BySku@70.0]",
        "table/Inventory/index/ByWarehouse dynamodb:index:WriteCapacityUnits 5..400 [" + w + "/index/ByWarehouse@70.0]",
        "table/Inventory dynamodb:table:ReadCapacityUnits 2..100 [" + r + "@60.0]",
        "table/Inventory/index/BySku dynamodb:index:ReadCapacityUnits 5..200 [" + r + "/index/BySku@70.0]");

    var s = gt.getStatus();
    assertThat(s.billingMode).isEqualTo("Provisioned");
    assertThat(s.pending).isEmpty();
    assertThat(s.managedScalableTargets).hasSize(14);
    var eu = s.replicas.stream().filter(x -> x.region.equals(EU)).findFirst().orElseThrow();
    assertThat(eu.readCapacity.current).isEqualTo(20L);
    assertThat(eu.readCapacity.min).isNull();
    assertThat(eu.writeCapacity.current).isEqualTo(5L);
    assertThat(eu.writeCapacity.min).isEqualTo(5L);
    assertThat(eu.writeCapacity.max).isEqualTo(1000L);
    var ap = s.replicas.stream().filter(x -> x.region.equals(AP)).findFirst().orElseThrow();
    assertThat(ap.readCapacity.min).isEqualTo(2L);
    assertThat(ap.readCapacity.max).isEqualTo(100L);
  }

  @Test
  void changingMinMaxAndTargetUpdatesEveryRegion() {
    h = new OperatorHarness();
    h.apply(sample(SAMPLE));
    h.awaitStatus("inventory", Duration.ofSeconds(90), OperatorHarness::isReady);
    int before = h.aws.journal().mutations().size();

    applySpecOf(variant(y -> y.replace(
        "autoscaling: {min: 5, max: 1000, targetUtilization: 70, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60}",
        "autoscaling: {min: 10, max: 2000, targetUtilization: 50, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60}")));
    awaitReadyAfterChange();

    List<JournalEntry> changes = h.aws.journal().mutations().subList(before, h.aws.journal().mutations().size());
    assertThat(changes).extracting(e -> e.operation() + " " + e.region()).containsExactlyInAnyOrder(
        "RegisterScalableTarget " + US, "PutScalingPolicy " + US,
        "RegisterScalableTarget " + EU, "PutScalingPolicy " + EU,
        "RegisterScalableTarget " + AP, "PutScalingPolicy " + AP);
    String w = "DynamoDBWriteCapacityUtilization:table/" + T;
    for (String region : List.of(US, EU, AP)) {
      assertThat(h.aws.inspect().scalableTargets(region))
          .contains("table/Inventory dynamodb:table:WriteCapacityUnits 10..2000 [" + w + "@50.0]");
    }
    assertThat(h.rejected()).isEmpty();
  }

  @Test
  void awsAutoscalingChangingCapacityForASimulatedDayCausesNoOperatorMutation() {
    h = new OperatorHarness(fastResync());
    h.apply(sample(SAMPLE));
    h.awaitStatus("inventory", Duration.ofSeconds(90), OperatorHarness::isReady);
    int before = h.aws.journal().mutations().size();
    int passesBefore = passes();

    // 96 quarter-hours: AAS raises and lowers capacity within the bounds, in the home region and in the replicas.
    long[] reads = {40, 60, 35, 80, 50, 45};
    for (int i = 0; i < 96; i++) {
      h.clock.advance(Duration.ofMinutes(15));
      long units = reads[i % reads.length];
      String region = List.of(US, AP).get(i % 2);
      scaleQuietly(region, null, ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS, units);
      if (i % 8 == 0) {
        scaleQuietly(US, null, ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS, 20 + i);
        scaleQuietly(EU, "BySku", ScalableDimension.DYNAMODB_INDEX_READ_CAPACITY_UNITS, 7 + i % 3);
      }
      pause(40);
    }
    h.awaitStatus("inventory", Duration.ofSeconds(30), OperatorHarness::isReady);

    assertThat(passes() - passesBefore).as("the operator kept observing").isGreaterThan(20);
    assertThat(h.aws.journal().mutations().subList(before, h.aws.journal().mutations().size())).isEmpty();
  }

  @Test
  void switchingPayPerRequestToProvisionedAndBackWorks() {
    h = new OperatorHarness();
    GlobalTable onDemand = variant(y -> y
        .replace("    mode: Provisioned\n", "    mode: PayPerRequest\n")
        .replaceAll("(?m)^    (read|write)Capacity:.*\\n(      autoscaling: .*\\n)?", "")
        .replaceAll("(?m)^      (read|write)Capacity: .*\\n", "")
        .replaceAll("(?m)^      globalSecondaryIndexes:\\n        - name: ByWarehouse\\n          readCapacity: .*\\n", ""));
    h.apply(onDemand);
    h.awaitStatus("inventory", Duration.ofSeconds(90), OperatorHarness::isReady);
    assertThat(describe(US).billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
    assertThat(h.aws.inspect().scalableTargets(US)).isEmpty();

    applySpecOf(sample(SAMPLE));
    GlobalTable provisioned = awaitReadyAfterChange();
    assertThat(provisioned.getStatus().billingMode).isEqualTo("Provisioned");
    assertThat(describe(EU).provisionedThroughput().readCapacityUnits()).isEqualTo(20L);
    assertThat(h.aws.inspect().scalableTargets(AP)).hasSize(5);

    applySpecOf(onDemand);
    GlobalTable back = awaitReadyAfterChange();
    assertThat(back.getStatus().billingMode).isEqualTo("PayPerRequest");
    for (String region : List.of(US, EU, AP)) {
      assertThat(h.aws.inspect().scalableTargets(region)).as(region).isEmpty();
    }
    assertThat(back.getStatus().managedScalableTargets).isEmpty();
    assertThat(h.rejected()).isEmpty();
  }

  @Test
  void removingAReplicaThenDeletingTheTableLeavesNoScalableTargetOrPolicyInAnyRegion() {
    h = new OperatorHarness();
    h.apply(variant(y -> y.replace("  replicas:\n", "  deletionPolicy: Delete\n  replicas:\n")));
    h.awaitStatus("inventory", Duration.ofSeconds(90), OperatorHarness::isReady);

    applySpecOf(variant(y -> y.replace("  replicas:\n", "  deletionPolicy: Delete\n  replicas:\n")
        .replace("    - region: ap-northeast-1\n      readCapacity: {autoscaling: {min: 2, max: 100, targetUtilization: "
            + "60}}\n", "")));
    awaitReadyAfterChange();
    assertThat(h.aws.inspect().scalableTargets(AP)).isEmpty();
    assertThat(h.aws.inspect().tableExists(AP, T)).isFalse();

    h.delete("inventory");
    h.awaitGone("inventory", Duration.ofSeconds(90));
    for (String region : List.of(US, EU, AP)) {
      assertThat(h.aws.inspect().scalableTargets(region)).as(region).isEmpty();
      assertThat(h.aws.cloudWatch(region).describeAlarms().metricAlarms()).as(region).isEmpty();
      assertThat(h.aws.inspect().tableExists(region, T)).as(region).isFalse();
    }
    assertThat(h.rejected()).isEmpty();
  }

  private void scaleQuietly(String region, String index, ScalableDimension d, long units) {
    try {
      h.aws.autoScale(region, T, index, d, units);
    } catch (RuntimeException e) {
      // AWS's own scaling is refused now and then (table busy, same value, decrease budget); AAS tries again later.
    }
  }

  private int passes() {
    return (int) h.aws.journal().entries().stream().filter(e -> "MARK".equals(e.operation())).count();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Resync every 100 ms wall (10 s simulated), deep check every 300 ms wall. */
  private static OperatorSettings fastResync() {
    OperatorSettings s = OperatorHarness.settings();
    return new OperatorSettings(s.requeueBusy(), Duration.ofMillis(100), Duration.ofMillis(300), s.stalledRecheck(),
        s.retryInitial(), s.retryMax(), s.namespaces(), s.reconcileThreads());
  }
}
