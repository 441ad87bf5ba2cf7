package dev.globaltable.operator.reconcile;

import static dev.globaltable.operator.testing.OperatorHarness.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.metrics.OperatorMetrics;
import dev.globaltable.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The running operator's metrics, as GET /metrics shows them, while a sample table converges and after its resource is
 * deleted: the AWS calls it made, the per-resource gauges, time to Ready, pass durations and JOSDK's own metrics.
 */
class MetricsIntegrationTest {

  private static List<String> lines(String scrape, String prefix) {
    return Arrays.stream(scrape.split("\n")).filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void aConvergingSampleIsVisibleInTheScrapeAndItsSeriesLeaveWithIt() {
    try (OperatorHarness h = new OperatorHarness()) {
      h.apply(sample("sessions-delete.yaml"));
      h.awaitReady("sessions");

      String scrape = h.metrics.scrape();
      assertThat(scrape).contains(
          "globaltable_aws_calls_total{operation=\"CreateTable\",outcome=\"success\",region=\"eu-west-1\","
              + "service=\"dynamodb\"} 1.0",
          "globaltable_aws_calls_total{operation=\"UpdateTable\",outcome=\"success\",region=\"eu-west-1\","
              + "service=\"dynamodb\"} 1.0",
          "globaltable_ready{name=\"sessions\",namespace=\"default\"} 1.0",
          "globaltable_replicas{name=\"sessions\",namespace=\"default\",state=\"desired\"} 2.0",
          "globaltable_replicas{name=\"sessions\",namespace=\"default\",state=\"active\"} 2.0",
          "globaltable_replicas{name=\"sessions\",namespace=\"default\",state=\"creating\"} 0.0",
          "globaltable_time_to_ready_seconds_count 1",
          // JOSDK's own metrics, through micrometer-support
          "operator_sdk_reconciliations_started_total");
      // Every call the operator made is counted, and it made no call AWS refused besides "not there yet" reads.
      long metered = lines(scrape, "globaltable_aws_calls_total{").stream()
          .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
      assertThat(metered).isEqualTo(h.calls().size());
      assertThat(lines(scrape, "globaltable_aws_calls_total{")).allMatch(l -> l.contains("outcome=\"success\"")
          || l.contains("outcome=\"ResourceNotFoundException\"") || l.contains("outcome=\"TableNotFoundException\""));
      double readyPasses = h.metrics.registry().get(OperatorMetrics.RECONCILE_DURATION).tag("outcome", "ready")
          .timer().count();
      double progressingPasses = h.metrics.registry().get(OperatorMetrics.RECONCILE_DURATION)
          .tag("outcome", "progressing").timer().count();
      assertThat(readyPasses).isPositive();
      assertThat(progressingPasses).isPositive();
      // Simulated time from the first pass to Ready: at least the replica's creation, well under an hour.
      double toReady = h.metrics.registry().get(OperatorMetrics.TIME_TO_READY).timer()
          .totalTime(java.util.concurrent.TimeUnit.SECONDS);
      assertThat(toReady).isPositive().isLessThan(3600);

      h.delete("sessions");
      h.awaitGone("sessions", Duration.ofSeconds(60));

      String after = h.metrics.scrape();
      assertThat(after).doesNotContain("globaltable_ready{", "globaltable_replicas{");
      assertThat(after).contains("globaltable_aws_calls_total{operation=\"DeleteTable\",outcome=\"success\","
          + "region=\"eu-west-1\",service=\"dynamodb\"} 1.0");
      assertThat(h.metrics.registry().get(OperatorMetrics.RECONCILE_DURATION).tag("outcome", "deleted").timer()
          .count()).isEqualTo(1);
    }
  }
}
