package dev.globaltable.operator.bench;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.aws.SdkAwsGateway;
import dev.globaltable.operator.reconcile.EventRecorder;
import dev.globaltable.operator.reconcile.GlobalTableReconciler;
import dev.globaltable.operator.reconcile.OperatorSettings;
import dev.globaltable.operator.reconcile.PassListener;
import dev.globaltable.operator.sim.JournalEntry;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import dev.globaltable.operator.testing.OperatorHarness;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Measures what a GlobalTable costs in AWS calls: the real reconciler (production settings) against SimulatedAws on a
 * manual clock, each pass followed by exactly the delay the pass asked for. Reports the calls to converge a sample and
 * the calls a converged table makes over one simulated day. No Kubernetes: the reconciler is called directly, the way
 * JOSDK calls it.
 *
 * <p>Run: {@code mvn -B -q test-compile exec:java@cost-benchmark} (optional arg: sample file name).
 */
public final class CostBenchmark {
  private CostBenchmark() {}

  public static void main(String[] args) {
    String sample = args.length > 0 ? args[0] : "orders-global.yaml";
    SimClock clock = SimClock.manual(Instant.parse("2026-11-23T00:00:00Z"));
    SimulatedAws aws = new SimulatedAws(clock, "111122223333", OperatorHarness.REGIONS);
    OperatorSettings settings = OperatorSettings.defaults();
    GlobalTableReconciler reconciler = new GlobalTableReconciler(new SdkAwsGateway(
        RegionalClients.of(aws::dynamoDb, aws::applicationAutoScaling, aws::cloudWatch), clock), new EventRecorder() {
      @Override
      public void normal(GlobalTable resource, String reason, String message) {
      }

      @Override
      public void warning(GlobalTable resource, String reason, String message) {
      }
    }, clock, settings, PassListener.NONE);

    GlobalTable gt = OperatorHarness.sample(sample);
    gt.getMetadata().setUid("bench");
    OperatorHarness.createKinesisStreams(gt, aws);
    gt.getMetadata().setGeneration(1L);

    int passes = 0;
    Instant start = clock.instant();
    Duration delay = Duration.ZERO;
    while (!OperatorHarness.isReady(gt)) {
      if (++passes > 10_000) {
        throw new IllegalStateException("did not converge: " + gt.getStatus());
      }
      clock.advance(delay);
      delay = pass(reconciler, gt);
      if (System.getenv("BENCH_TRACE") != null) {
        var ready = gt.getStatus().conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        System.out.printf("  pass %d t+%ds: %s %s -> next in %ds%n", passes,
            Duration.between(start, clock.instant()).toSeconds(), ready.getReason(), ready.getMessage(),
            delay.toSeconds());
      }
    }
    Duration toReady = Duration.between(start, clock.instant());
    clock.advance(delay);
    List<JournalEntry> converge = calls(aws);
    System.out.printf("sample %s (settings: busy %ds, resync %ds, deep check %d min)%n", sample,
        settings.requeueBusy().toSeconds(), settings.resync().toSeconds(), settings.deepCheckInterval().toMinutes());
    System.out.printf("converge: %d passes, %d s of simulated time, %d AWS calls (%d mutating)%n", passes,
        toReady.toSeconds(), converge.size(), converge.stream().filter(JournalEntry::mutating).count());
    System.out.println("  " + byOperation(converge));
    System.out.println("  mutations in order:");
    converge.stream().filter(JournalEntry::mutating)
        .forEach(e -> System.out.println("    " + e.operation() + "@" + e.region() + "  " + e.message()));

    aws.journal().clear();
    Instant dayEnd = clock.instant().plus(Duration.ofDays(1));
    int dayPasses = 0;
    while (clock.instant().isBefore(dayEnd)) {
      dayPasses++;
      clock.advance(pass(reconciler, gt));
    }
    List<JournalEntry> day = calls(aws);
    System.out.printf("one converged day: %d passes, %d AWS calls (%d mutating)%n", dayPasses, day.size(),
        day.stream().filter(JournalEntry::mutating).count());
    System.out.println("  " + byOperation(day));
  }

  private static Duration pass(GlobalTableReconciler reconciler, GlobalTable gt) {
    UpdateControl<GlobalTable> control = reconciler.reconcile(gt, null);
    return Duration.ofMillis(control.getScheduleDelay().orElseThrow());
  }

  private static List<JournalEntry> calls(SimulatedAws aws) {
    return aws.journal().entries().stream().filter(e -> !"MARK".equals(e.operation())).toList();
  }

  private static Map<String, Long> byOperation(List<JournalEntry> calls) {
    return calls.stream().collect(Collectors.groupingBy(e -> e.operation() + "@" + e.region(), TreeMap::new,
        Collectors.counting()));
  }
}
