package dev.globaltable.operator.reconcile;

import static dev.globaltable.operator.testing.OperatorHarness.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.aws.AwsCallException;
import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.aws.SdkAwsGateway;
import dev.globaltable.operator.sim.JournalEntry;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import dev.globaltable.operator.testing.CapturedLogs;
import dev.globaltable.operator.testing.OperatorHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The log events of AWS mutations: one INFO "applied" event per call AWS accepted and one "refused" event per call it
 * did not, each with the resource (JOSDK's MDC keys), table, region, step, service and operation in its MDC; and no
 * MDC entry outliving its step.
 */
class MutationLoggingTest {
  private static final String GATEWAY = SdkAwsGateway.class.getName();

  private final CapturedLogs logs = CapturedLogs.of("dev.globaltable.operator", Level.INFO);

  @AfterEach
  void release() {
    logs.close();
    MDC.clear();
  }

  private static Map<String, String> createTableContext(String name) {
    return Map.of("resource.namespace", "default", "resource.name", name, "table", "Orders", "region", "us-east-1",
        "step", "create table Orders in us-east-1", "service", "dynamodb", "operation", "CreateTable");
  }

  @Test
  void anOperatorRunLogsEachAcceptedMutationOnceAndTheRefusedCreateTableOnce() {
    List<JournalEntry> accepted;
    try (OperatorHarness h = new OperatorHarness()) {
      h.aws.faults().throttleNext("CreateTable");
      h.apply(sample("orders-global.yaml"));
      h.awaitReady("orders");
      h.stopOperator();
      accepted = h.aws.journal().mutations().stream().filter(JournalEntry::ok).toList();
      assertThat(h.mutations("CreateTable")).extracting(JournalEntry::outcome)
          .containsExactly("ThrottlingException", "OK");
    }

    List<ILoggingEvent> refused = logs.startingWith("refused ");
    assertThat(refused).hasSize(1);
    ILoggingEvent r = refused.get(0);
    assertThat(r.getLevel()).isEqualTo(Level.WARN);
    assertThat(r.getLoggerName()).isEqualTo(GATEWAY);
    assertThat(r.getFormattedMessage())
        .isEqualTo("refused CreateTable: Rate exceeded");
    assertThat(r.getMDCPropertyMap()).containsAllEntriesOf(createTableContext("orders"));
    assertThat(CapturedLogs.keyValues(r)).containsExactlyInAnyOrderEntriesOf(
        Map.of("kind", "RETRY", "errorCode", "ThrottlingException"));

    List<ILoggingEvent> applied = logs.startingWith("applied ");
    List<ILoggingEvent> createTable = logs.startingWith("applied CreateTable");
    assertThat(createTable).hasSize(1);
    ILoggingEvent c = createTable.get(0);
    assertThat(c.getLevel()).isEqualTo(Level.INFO);
    assertThat(c.getLoggerName()).isEqualTo(GATEWAY);
    assertThat(c.getFormattedMessage()).isEqualTo("applied CreateTable");
    assertThat(c.getMDCPropertyMap()).containsAllEntriesOf(createTableContext("orders"));
    assertThat(CapturedLogs.keyValues(c)).isEmpty();

    // Exactly one "applied" event per mutation the simulator accepted, for the same operation and region.
    assertThat(applied).extracting(e -> e.getMDCPropertyMap().get("operation") + " " + e.getMDCPropertyMap().get(
        "region")).containsExactlyInAnyOrderElementsOf(accepted.stream().map(e -> e.operation() + " " + e.region())
        .toList());
    assertThat(applied).allSatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.INFO);
      assertThat(e.getMDCPropertyMap()).containsEntry("resource.namespace", "default")
          .containsEntry("resource.name", "orders").containsEntry("table", "Orders")
          .containsKeys("region", "step", "service", "operation");
    });
    // The pass's own failure line is not a second report of the refusal.
    assertThat(logs.events()).noneMatch(e -> e.getFormattedMessage().startsWith("transient failure"));
  }

  @Test
  void aPassCalledDirectlySetsTheResourceItselfAndLeavesNoMdcBehindAcceptedOrRefused() {
    SimClock clock = SimClock.manual(Instant.parse("2026-11-23T10:00:00Z"));
    SimulatedAws aws = new SimulatedAws(clock, "111122223333", OperatorHarness.REGIONS);
    GlobalTableReconciler reconciler = new GlobalTableReconciler(
        new SdkAwsGateway(RegionalClients.of(aws::dynamoDb, aws::applicationAutoScaling, aws::cloudWatch), clock),
        new EventRecorder() {
          @Override
          public void normal(GlobalTable resource, String reason, String message) {}

          @Override
          public void warning(GlobalTable resource, String reason, String message) {}
        }, clock, OperatorHarness.settings(), PassListener.NONE);
    GlobalTable gt = sample("orders-global.yaml");
    gt.getMetadata().setNamespace("default");
    gt.getMetadata().setUid("uid-1");
    gt.getMetadata().setGeneration(1L);
    MDC.put("trace", "outer");

    aws.faults().throttleNext("CreateTable");
    assertThatThrownBy(() -> reconciler.reconcile(gt, null)).isInstanceOf(AwsCallException.class);
    assertThat(MDC.getCopyOfContextMap()).containsExactlyEntriesOf(Map.of("trace", "outer"));

    reconciler.reconcile(gt, null);
    assertThat(MDC.getCopyOfContextMap()).containsExactlyEntriesOf(Map.of("trace", "outer"));

    Map<String, String> expected = new java.util.HashMap<>(createTableContext("orders"));
    expected.put("trace", "outer");
    assertThat(logs.startingWith("refused CreateTable")).singleElement()
        .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsExactlyInAnyOrderEntriesOf(expected));
    assertThat(logs.startingWith("applied ")).singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).isEqualTo("applied CreateTable"))
        .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsExactlyInAnyOrderEntriesOf(expected));
    assertThat(aws.journal().mutations()).extracting(JournalEntry::operation, JournalEntry::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CreateTable", "ThrottlingException"),
            org.assertj.core.groups.Tuple.tuple("CreateTable", "OK"));
  }
}
