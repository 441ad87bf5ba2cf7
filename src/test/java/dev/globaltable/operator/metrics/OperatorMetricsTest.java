package dev.globaltable.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-resource gauges and time to Ready, driven the way the reconciler and StatusWriter drive them. */
class OperatorMetricsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final OperatorMetrics metrics = new OperatorMetrics();

  private Timer timeToReady() {
    return metrics.registry().get(OperatorMetrics.TIME_TO_READY).timer();
  }

  private void status(long generation, boolean ready, Integer desired, List<String> replicas, int second) {
    metrics.statusReported("prod", "orders", "uid-1", generation, ready, ready ? generation : null, desired, replicas,
        T0.plusSeconds(second));
  }

  @Test
  void timeToReadyRunsFromTheFirstPassThatSawTheGenerationNotReadyAndIsRecordedOncePerGeneration() {
    metrics.generationSeen("uid-1", 1L, false, T0);
    status(1, false, 2, List.of("CREATING", "NOT_FOUND"), 5);
    metrics.generationSeen("uid-1", 1L, false, T0.plusSeconds(10));
    status(1, true, 2, List.of("ACTIVE", "ACTIVE"), 90);
    // Ready again later for the same generation (after a blip): not recorded a second time.
    metrics.generationSeen("uid-1", 1L, false, T0.plusSeconds(100));
    status(1, true, 2, List.of("ACTIVE", "ACTIVE"), 120);
    // A new generation already Ready when first seen (restart, no-op change) is not timed.
    metrics.generationSeen("uid-1", 2L, true, T0.plusSeconds(200));
    status(2, true, 2, List.of("ACTIVE", "ACTIVE"), 200);
    // A real change: timed from its first pass.
    metrics.generationSeen("uid-1", 3L, false, T0.plusSeconds(300));
    status(3, true, 3, List.of("ACTIVE", "ACTIVE", "ACTIVE"), 330);

    assertThat(timeToReady().count()).isEqualTo(2);
    assertThat(timeToReady().totalTime(TimeUnit.SECONDS)).isEqualTo(90 + 30);
    assertThat(timeToReady().max(TimeUnit.SECONDS)).isEqualTo(90);
  }

  @Test
  void gaugesShowTheLastStatusAndLeaveTheScrapeWhenTheResourceIsForgotten() {
    status(1, false, 3, List.of("ACTIVE", "CREATING", "NOT_FOUND", "INACCESSIBLE_ENCRYPTION_CREDENTIALS"), 1);
    String scrape = metrics.scrape();
    assertThat(scrape).contains("globaltable_ready{name=\"orders\",namespace=\"prod\"} 0.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"desired\"} 3.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"active\"} 1.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"creating\"} 1.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"not_found\"} 1.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"other\"} 1.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"updating\"} 0.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"deleting\"} 0.0");
    // An invalid spec (no desired count) keeps the last desired value.
    status(2, true, null, List.of("ACTIVE"), 2);
    assertThat(metrics.scrape()).contains("globaltable_ready{name=\"orders\",namespace=\"prod\"} 1.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"desired\"} 3.0",
        "globaltable_replicas{name=\"orders\",namespace=\"prod\",state=\"creating\"} 0.0");

    metrics.forget("prod", "orders", "uid-1");

    assertThat(metrics.scrape()).doesNotContain("globaltable_ready{", "globaltable_replicas{");
  }

  @Test
  void passesAreTimedByResult() {
    long started = metrics.passStarted();
    metrics.passFinished(started, "ready");
    metrics.passFinished(metrics.passStarted(), "error");

    assertThat(metrics.registry().get(OperatorMetrics.RECONCILE_DURATION).tag("outcome", "ready").timer().count())
        .isEqualTo(1);
    assertThat(metrics.scrape()).contains("globaltable_reconcile_duration_seconds_count{outcome=\"error\"} 1");
  }

  @Test
  void runAddsJvmAndProcessSeriesTestsDoNot() {
    assertThat(metrics.scrape()).doesNotContain("jvm_memory_used_bytes");
    String scrape = metrics.withJvmMetrics().scrape();
    assertThat(scrape).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_threads_live_threads ",
        "process_uptime_seconds ", "jvm_classes_loaded_classes ");
  }
}
