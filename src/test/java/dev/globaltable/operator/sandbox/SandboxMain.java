package dev.globaltable.operator.sandbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.aws.SdkAwsGateway;
import dev.globaltable.operator.metrics.MeteredRegionalClients;
import dev.globaltable.operator.metrics.OperatorMetrics;
import dev.globaltable.operator.reconcile.GlobalTableOperator;
import dev.globaltable.operator.reconcile.OperatorSettings;
import dev.globaltable.operator.reconcile.PassListener;
import dev.globaltable.operator.sim.JournalEntry;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import dev.globaltable.operator.testing.MockCluster;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The embedded sandbox: the real operator against an in-process Kubernetes API (fabric8 mock server) and SimulatedAws
 * (three simulated regions on an accelerated clock). Applies {@code config/samples/}, prints a live
 * {@code kubectl get globaltables} view and the Events, then each sample's final status; then deletes the sample with
 * {@code deletionPolicy: Delete} and shows it leave every region. Exits 0 when everything converged, 1 otherwise.
 */
public final class SandboxMain {
  static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-northeast-1");
  static final String ACCOUNT = "111122223333";

  private final PrintStream out = System.out;
  private final double speed;
  private final Duration limit;
  private final Path samples;
  private final long startNanos = System.nanoTime();

  SandboxMain(double speed, Duration limit, Path samples) {
    this.speed = speed;
    this.limit = limit;
    this.samples = samples;
  }

  public static void main(String[] args) throws Exception {
    // Why: the output is the kubectl view and the Events; per-request logs of the mock server and the operator's
    // INFO lines would bury them. Warnings still show.
    // Set here rather than left to logback-test.xml, so that the sandbox stays quiet whichever logback file it meets.
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    // fabric8 warns once that v1alpha1 is not a stable version: true, and said in the README, not news here
    logs.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils")
        .setLevel(Level.ERROR);
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    double speed = 10;
    Duration limit = Duration.ofSeconds(180);
    Path samples = Path.of("config", "samples");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--speed" -> speed = Double.parseDouble(args[++i]);
        case "--timeout-seconds" -> limit = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--samples" -> samples = Path.of(args[++i]);
        default -> {
          System.err.println("usage: sandbox [--speed N] [--timeout-seconds S] [--samples DIR]");
          System.exit(2);
        }
      }
    }
    int code = new SandboxMain(speed, limit, samples).run();
    System.exit(code);
  }

  int run() throws Exception {
    banner();
    SimClock clock = SimClock.accelerated(Instant.parse("2026-11-23T09:00:00Z"), speed);
    SimulatedAws aws = new SimulatedAws(clock, ACCOUNT, REGIONS);
    OperatorSettings settings = new OperatorSettings(
        virtual(Duration.ofSeconds(5)), // requeue while AWS is busy: 5 s of simulated time
        Duration.ofSeconds(10), virtual(Duration.ofMinutes(30)), Duration.ofSeconds(30),
        Duration.ofMillis(200), Duration.ofSeconds(2), Set.of(), 4);
    OperatorMetrics metrics = new OperatorMetrics();
    try (MockCluster cluster = MockCluster.start();
        GlobalTableOperator operator = GlobalTableOperator.start(cluster.client(), new SdkAwsGateway(
            new MeteredRegionalClients(RegionalClients.of(aws::dynamoDb, aws::applicationAutoScaling,
                aws::cloudWatch), metrics), clock),
            clock, settings, PassListener.NONE, metrics, null)) {
      KubernetesClient k8s = cluster.client();
      List<GlobalTable> applied = applySamples(k8s, aws);
      Watcher watcher = new Watcher(k8s, clock);
      boolean ready = watcher.until(() -> allReady(k8s, applied), limit);
      if (!ready) {
        out.println();
        out.println("NOT READY within " + limit.toSeconds() + " s:");
        for (GlobalTable gt : list(k8s)) {
          Condition c = ready(gt);
          out.printf("  %s: %s %s%n", gt.getMetadata().getName(), c == null ? "no status" : c.getReason(),
              c == null ? "" : c.getMessage());
        }
        return 1;
      }
      double readySeconds = elapsed();
      Duration readyVirtual = Duration.between(Instant.parse("2026-11-23T09:00:00Z"), clock.instant());
      out.println();
      out.printf("All %d GlobalTables Ready after %.1f s wall time (%d s of simulated AWS time).%n", applied.size(),
          readySeconds, readyVirtual.toSeconds());
      if (!showMonitoring(k8s, aws, clock, watcher, applied)) {
        return 1;
      }
      printFinalStatus(k8s);

      GlobalTable doomed = applied.stream()
          .filter(g -> g.getSpec().deletionPolicy == dev.globaltable.operator.api.DeletionPolicy.Delete)
          .findFirst().orElse(null);
      if (doomed != null) {
        String table = doomed.getSpec().tableName;
        out.println();
        out.printf("Deleting %s (deletionPolicy: Delete): replicas go newest first, then the home table.%n",
            doomed.getMetadata().getName());
        k8s.resources(GlobalTable.class).inNamespace(doomed.getMetadata().getNamespace())
            .withName(doomed.getMetadata().getName()).delete();
        boolean gone = watcher.until(() -> cluster.get(doomed.getMetadata().getNamespace(),
            doomed.getMetadata().getName()) == null && REGIONS.stream().noneMatch(r -> exists(aws, r, table)),
            limit);
        if (!gone) {
          out.println("deletion of " + doomed.getMetadata().getName() + " did not finish within "
              + limit.toSeconds() + " s");
          return 1;
        }
        out.printf("%s is gone from Kubernetes and from every simulated region.%n", table);
      }
      summary(aws, metrics);
      return 0;
    }
  }

  private void banner() {
    out.println("==============================================================================");
    out.println(" globaltable-operator SANDBOX -- AWS IS SIMULATED. No AWS account, no cluster.");
    out.printf(" Simulated AWS regions: %s (account %s), clock x%.0f%n", String.join(", ", REGIONS), ACCOUNT, speed);
    out.println(" Kubernetes API: in-process fabric8 mock server. Samples: " + samples);
    out.println("==============================================================================");
  }

  private List<GlobalTable> applySamples(KubernetesClient k8s, SimulatedAws aws) throws IOException {
    List<GlobalTable> applied = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(samples)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        GlobalTable gt = Serialization.unmarshal(in, GlobalTable.class);
        String ns = gt.getMetadata().getNamespace() == null ? "default" : gt.getMetadata().getNamespace();
        gt.getMetadata().setNamespace(ns);
        createKinesisStreams(gt, aws);
        feedMetrics(gt, aws);
        applied.add(k8s.resources(GlobalTable.class).inNamespace(ns).resource(gt).create());
        out.printf("applied %s -> globaltable.dynamodb.globaltable.dev/%s%n", file, gt.getMetadata().getName());
      }
    }
    return applied;
  }

  /**
   * Simulated CloudWatch data for every sample with alarms: replication latency for each ordered pair of regions (one
   * pair of orders-global deliberately slow, to show an alarm firing) and zero throttles and errors, so that the
   * alarms have data to evaluate.
   */
  private void feedMetrics(GlobalTable gt, SimulatedAws aws) {
    if (gt.getSpec().alarms == null || gt.getSpec().replicas == null) {
      return;
    }
    String table = gt.getSpec().tableName != null ? gt.getSpec().tableName : gt.getMetadata().getName();
    List<String> regions = gt.getSpec().replicas.stream().map(r -> r.region).toList();
    int i = 0;
    for (String source : regions) {
      for (String receiving : regions) {
        if (source.equals(receiving)) {
          continue;
        }
        boolean slow = "orders".equals(gt.getMetadata().getName()) && "ap-northeast-1".equals(receiving)
            && "us-east-1".equals(source);
        aws.metrics(source).constant("AWS/DynamoDB", "ReplicationLatency",
            Map.of("TableName", table, "ReceivingRegion", receiving), slow ? 14_000 : 650 + 90 * i++);
      }
    }
    List<String> indexes = gt.getSpec().globalSecondaryIndexes == null ? List.of()
        : gt.getSpec().globalSecondaryIndexes.stream().map(g -> g.name).toList();
    for (String region : regions) {
      for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents",
          "ReadMaxOnDemandThroughputThrottleEvents", "WriteMaxOnDemandThroughputThrottleEvents")) {
        aws.metrics(region).constant("AWS/DynamoDB", metric, Map.of("TableName", table), 0);
        for (String index : indexes) {
          aws.metrics(region).constant("AWS/DynamoDB", metric,
              Map.of("TableName", table, "GlobalSecondaryIndexName", index), 0);
        }
      }
      for (String operation : List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
          "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems")) {
        aws.metrics(region).constant("AWS/DynamoDB", "SystemErrors",
            Map.of("TableName", table, "Operation", operation), 0);
      }
    }
    out.printf("feeding simulated CloudWatch metrics for %s (replication latency per region pair%s)%n",
        gt.getMetadata().getName(), "orders".equals(gt.getMetadata().getName())
            ? "; us-east-1 -> ap-northeast-1 deliberately slow at 14 s" : "");
  }

  /**
   * Lets CloudWatch evaluate: moves the simulated clock past one deep check (alarm states and latency are read on the
   * deep cadence, not every pass), and waits for the next pass (the resync) to read them, until every sample with alarms
   * reports its replication latency. Prints what each region reports.
   */
  private boolean showMonitoring(KubernetesClient k8s, SimulatedAws aws, SimClock clock, Watcher watcher,
      List<GlobalTable> applied) throws InterruptedException {
    List<GlobalTable> monitored = applied.stream().filter(g -> g.getSpec().alarms != null
        && g.getSpec().replicas.size() > 1).toList();
    if (monitored.isEmpty()) {
      return true;
    }
    out.println();
    out.println("Advancing the simulated clock 31 minutes: CloudWatch evaluates the alarms and the next deep check reads"
        + " their states and the replication latency.");
    clock.advance(Duration.ofMinutes(31));
    boolean seen = watcher.until(() -> monitored.stream().allMatch(gt -> {
      GlobalTable now = k8s.resources(GlobalTable.class).inNamespace(gt.getMetadata().getNamespace())
          .withName(gt.getMetadata().getName()).get();
      // Every alarm has had data to evaluate (none INSUFFICIENT_DATA any more) and latency is known everywhere.
      return now != null && now.getStatus() != null && now.getStatus().replicas.stream()
          .allMatch(r -> r.replicationLatencyMillis != null && r.alarms != null
              && r.alarms.stream().noneMatch(a -> "INSUFFICIENT_DATA".equals(a.state)));
    }), limit);
    if (!seen) {
      out.println("replication latency and alarm states did not show within " + limit.toSeconds() + " s");
      return false;
    }
    out.println();
    out.printf("  %-10s %-15s %-12s %s%n", "NAME", "REGION", "LATENCY(ms)", "ALARMS");
    for (GlobalTable gt : monitored) {
      GlobalTable now = k8s.resources(GlobalTable.class).inNamespace(gt.getMetadata().getNamespace())
          .withName(gt.getMetadata().getName()).get();
      for (var r : now.getStatus().replicas) {
        Map<String, Long> states = new java.util.TreeMap<>();
        r.alarms.forEach(a -> states.merge(a.state, 1L, Long::sum));
        out.printf("  %-10s %-15s %-12s %s%n", gt.getMetadata().getName(), r.region, r.replicationLatencyMillis,
            states);
      }
      Condition c = ready(now);
      out.printf("  %-10s Ready=%s reason=%s%n", gt.getMetadata().getName(), c.getStatus(), c.getReason());
    }
    return true;
  }

  /**
   * The Kinesis data streams a sample streams changes to exist in the sandbox account, as they would in a real one
   * (the operator attaches a table to a stream; it does not create streams).
   */
  private void createKinesisStreams(GlobalTable gt, SimulatedAws aws) {
    OperatorHarness.createKinesisStreams(gt, aws).forEach(arn -> out.printf("created simulated Kinesis stream %s%n",
        arn));
  }

  private static boolean allReady(KubernetesClient k8s, List<GlobalTable> applied) {
    List<GlobalTable> now = list(k8s);
    return now.size() == applied.size() && now.stream().allMatch(g -> {
      Condition c = ready(g);
      return c != null && "True".equals(c.getStatus()) && g.getStatus().observedGeneration != null
          && g.getStatus().observedGeneration.equals(g.getMetadata().getGeneration());
    });
  }

  static List<GlobalTable> list(KubernetesClient k8s) {
    return k8s.resources(GlobalTable.class).inAnyNamespace().list().getItems().stream()
        .sorted(Comparator.comparing(g -> g.getMetadata().getName())).toList();
  }

  static Condition ready(GlobalTable gt) {
    if (gt.getStatus() == null || gt.getStatus().conditions == null) {
      return null;
    }
    return gt.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
  }

  private static boolean exists(SimulatedAws aws, String region, String table) {
    try {
      aws.dynamoDb(region).describeTable(b -> b.tableName(table));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private void printFinalStatus(KubernetesClient k8s) {
    for (GlobalTable gt : list(k8s)) {
      out.println();
      out.println("--- status of " + gt.getMetadata().getName() + " ---");
      out.print(Serialization.asYaml(gt.getStatus()).replaceFirst("^---\n", ""));
    }
  }

  private void summary(SimulatedAws aws, OperatorMetrics metrics) {
    List<JournalEntry> entries = aws.journal().entries().stream().filter(e -> !"MARK".equals(e.operation())).toList();
    long mutations = entries.stream().filter(JournalEntry::mutating).count();
    java.util.function.Predicate<JournalEntry> absent = e -> !e.mutating()
        && Set.of("ResourceNotFoundException", "TableNotFoundException", "ResourceNotFound").contains(e.outcome());
    long notFound = entries.stream().filter(absent).count();
    List<JournalEntry> refused = entries.stream().filter(e -> !"OK".equals(e.outcome()))
        .filter(absent.negate()).toList();
    out.println();
    out.printf("Simulated AWS calls: %d (%d mutating); %d reads found nothing there yet (no table, no dashboard); "
        + "%d calls refused by AWS rules.%n", entries.size(), mutations, notFound, refused.size());
    Map<String, Long> why = new java.util.TreeMap<>();
    refused.forEach(e -> why.merge(e.operation() + " " + e.outcome(), 1L, Long::sum));
    why.forEach((k, n) -> out.printf("  refused: %d x %s%n", n, k));
    // From the operator's own metrics (what GET /metrics reports): its calls only, not the sandbox's own checks.
    var calls = metrics.registry().find(OperatorMetrics.AWS_CALLS).counters();
    double total = calls.stream().mapToDouble(c -> c.count()).sum();
    double failed = calls.stream().filter(c -> !OperatorMetrics.SUCCESS.equals(c.getId().getTag("outcome")))
        .mapToDouble(c -> c.count()).sum();
    var toReady = metrics.registry().get(OperatorMetrics.TIME_TO_READY).timer();
    out.printf("Metrics: globaltable_aws_calls_total = %.0f (%.0f not success); time to Ready: %d generation(s), "
        + "mean %.0f s, max %.0f s of simulated time.%n", total, failed, toReady.count(),
        toReady.mean(java.util.concurrent.TimeUnit.SECONDS), toReady.max(java.util.concurrent.TimeUnit.SECONDS));
    out.printf("Sandbox finished in %.1f s.%n", elapsed());
  }

  private Duration virtual(Duration d) {
    return Duration.ofMillis(Math.max(50, (long) (d.toMillis() / speed)));
  }

  private double elapsed() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Prints a kubectl-style table whenever it changes, and new Events as they arrive. */
  private final class Watcher {
    private final KubernetesClient k8s;
    private final SimClock clock;
    private final Set<String> seenEvents = new HashSet<>();
    private String lastTable = "";

    Watcher(KubernetesClient k8s, SimClock clock) {
      this.k8s = k8s;
      this.clock = clock;
    }

    boolean until(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        render();
        if (done.getAsBoolean()) {
          render();
          return true;
        }
        Thread.sleep(200);
      }
      render();
      return false;
    }

    private void render() {
      List<Event> events = k8s.v1().events().inAnyNamespace().list().getItems().stream()
          .sorted(Comparator.comparing(e -> e.getMetadata().getName())).toList();
      for (Event e : events) {
        if (seenEvents.add(e.getMetadata().getUid() == null ? e.getMetadata().getName() : e.getMetadata().getUid())) {
          out.printf("[%6.1fs | sim %s] event %-7s %-10s %-16s %s%n", elapsed(), simTime(), e.getType(),
              e.getInvolvedObject().getName(), e.getReason(), e.getMessage());
        }
      }
      String table = table(list(k8s));
      if (!table.equals(lastTable)) {
        lastTable = table;
        out.printf("[%6.1fs | sim %s] $ kubectl get globaltables -o wide%n%s", elapsed(), simTime(), table);
      }
    }

    private String simTime() {
      return clock.instant().toString().substring(11, 19);
    }
  }

  static String table(List<GlobalTable> items) {
    String fmt = "  %-9s %-9s %-8s %-14s %-6s %-16s %s%n";
    StringBuilder sb = new StringBuilder(String.format(fmt, "NAME", "TABLE", "REGIONS", "BILLING", "READY", "REASON",
        "NEXT"));
    for (GlobalTable g : items) {
      var s = g.getStatus();
      Condition c = ready(g);
      sb.append(String.format(fmt, g.getMetadata().getName(), s == null ? "" : nz(s.tableName),
          s == null ? "" : nz(s.regions), s == null ? "" : nz(s.billingMode), c == null ? "" : c.getStatus(),
          c == null ? "" : c.getReason(), s == null || s.pending == null || s.pending.isEmpty() ? "" : s.pending.get(0)));
    }
    return sb.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
