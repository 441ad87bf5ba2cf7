package dev.globaltable.operator.testing;

import static org.awaitility.Awaitility.await;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.aws.SdkAwsGateway;
import dev.globaltable.operator.metrics.MeteredRegionalClients;
import dev.globaltable.operator.metrics.OperatorMetrics;
import dev.globaltable.operator.reconcile.GlobalTableOperator;
import dev.globaltable.operator.reconcile.OperatorSettings;
import dev.globaltable.operator.sim.JournalEntry;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The real operator (JOSDK + reconciler + SDK gateway) against the fabric8 mock server and SimulatedAws on an
 * accelerated clock. One reconcile thread, and every pass marks the simulator journal, so tests can check "at most one
 * mutating call per pass" from the journal alone.
 */
public final class OperatorHarness implements AutoCloseable {
  public static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-northeast-1");
  public static final String NAMESPACE = "default";
  /** Simulated seconds per wall second. */
  public static final double SPEED = 100;

  public final SimClock clock = SimClock.accelerated(Instant.parse("2026-11-23T00:00:00Z"), SPEED);
  public final SimulatedAws aws = new SimulatedAws(clock, "111122223333", REGIONS);
  public final MockCluster cluster = MockCluster.start();
  /** The operator's metrics, as {@code run} wires them: AWS calls counted by the gateway's clients, JOSDK's own too. */
  public final OperatorMetrics metrics = new OperatorMetrics();
  private GlobalTableOperator operator;

  private final OperatorSettings settings;

  public OperatorHarness() {
    this(settings());
  }

  /** With other timings (e.g. a faster resync for tests that watch many passes). */
  public OperatorHarness(OperatorSettings settings) {
    this.settings = settings;
    startOperator();
  }

  public static OperatorSettings settings() {
    // 5 s of simulated time while busy; retry backoff short so fault tests finish quickly.
    return new OperatorSettings(Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(20),
        Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(300), Set.of(), 1);
  }

  public void startOperator() {
    operator = GlobalTableOperator.start(cluster.client(), new SdkAwsGateway(new MeteredRegionalClients(
        RegionalClients.of(aws::dynamoDb, aws::applicationAutoScaling, aws::cloudWatch), metrics), clock), clock,
        settings, resource -> aws.journal().mark("pass " + resource.getMetadata().getName()), metrics, null);
  }

  /** The running operator (null while stopped). */
  public GlobalTableOperator operator() {
    return operator;
  }

  public void stopOperator() {
    operator.close();
    operator = null;
  }

  public GlobalTable apply(GlobalTable gt) {
    gt.getMetadata().setNamespace(NAMESPACE);
    return cluster.client().resources(GlobalTable.class).inNamespace(NAMESPACE).resource(gt).createOr(
        existing -> existing.patch());
  }

  /** A spec edit as kubectl would make it, retried on a 409 (the operator may have just written the status). */
  public GlobalTable update(String name, java.util.function.Consumer<GlobalTable> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return cluster.client().resources(GlobalTable.class).inNamespace(NAMESPACE).withName(name).edit(gt -> {
          change.accept(gt);
          return gt;
        });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 10) {
          throw e;
        }
      }
    }
  }

  public void delete(String name) {
    cluster.client().resources(GlobalTable.class).inNamespace(NAMESPACE).withName(name).delete();
  }

  public GlobalTable get(String name) {
    return cluster.get(NAMESPACE, name);
  }

  /**
   * Creates, in {@code aws}, the Kinesis data streams {@code gt}'s replicas stream to (they exist in a real account; the
   * operator attaches a table to a stream, it does not create streams). Returns their ARNs.
   */
  public static List<String> createKinesisStreams(GlobalTable gt, dev.globaltable.operator.sim.SimulatedAws aws) {
    List<String> created = new ArrayList<>();
    for (var replica : gt.getSpec().replicas) {
      String arn = replica.kinesisStreamArn;
      if (arn != null && arn.contains(":stream/")) {
        aws.createKinesisStream(replica.region, arn.substring(arn.indexOf(":stream/") + ":stream/".length()));
        created.add(arn);
      }
    }
    return created;
  }

  public static GlobalTable sample(String file) {
    try (InputStream in = Files.newInputStream(Path.of("config", "samples", file))) {
      return Serialization.unmarshal(in, GlobalTable.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Condition condition(GlobalTable gt, String type) {
    if (gt == null || gt.getStatus() == null || gt.getStatus().conditions == null) {
      return null;
    }
    return gt.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  public static boolean isReady(GlobalTable gt) {
    Condition c = condition(gt, "Ready");
    return c != null && "True".equals(c.getStatus())
        && gt.getMetadata().getGeneration().equals(gt.getStatus().observedGeneration);
  }

  public GlobalTable awaitStatus(String name, Duration timeout, Predicate<GlobalTable> until) {
    List<GlobalTable> last = new ArrayList<>(1);
    last.add(null);
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
        GlobalTable gt = get(name);
        last.set(0, gt);
        return gt != null && until.test(gt);
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("timed out; last status: " + (last.get(0) == null ? "none"
          : Serialization.asYaml(last.get(0).getStatus())) + "\njournal tail:\n" + journalTail(30), e);
    }
    return last.get(0);
  }

  /** Waits until Stalled=True and returns the resource. */
  public GlobalTable awaitStalled(String name, Duration timeout) {
    return awaitStatus(name, timeout, gt -> {
      Condition c = condition(gt, "Stalled");
      return c != null && "True".equals(c.getStatus());
    });
  }

  public GlobalTable awaitReady(String name) {
    return awaitStatus(name, Duration.ofSeconds(60), OperatorHarness::isReady);
  }

  public void awaitGone(String name, Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> get(name) == null);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      GlobalTable last = get(name);
      throw new AssertionError("still present; last status: "
          + (last == null ? "none" : Serialization.asYaml(last.getStatus())) + "\njournal tail:\n" + journalTail(30), e);
    }
  }

  /**
   * A change a person makes in AWS outside the operator, retried while AWS answers {@code busy} (the table may be
   * briefly UPDATING, or its tags locked), as a person would.
   */
  public void outOfBand(Class<? extends Throwable> busy, Runnable call) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreException(busy).until(() -> {
      call.run();
      return true;
    });
  }

  public boolean tableExists(String region, String table) {
    try {
      aws.dynamoDb(region).describeTable(b -> b.tableName(table));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  public List<JournalEntry> calls() {
    return aws.journal().entries().stream().filter(e -> !"MARK".equals(e.operation())).toList();
  }

  /**
   * Calls AWS refused. A not-found answer to a read (ResourceNotFoundException; TableNotFoundException from
   * DescribeContinuousBackups; CloudWatch's ResourceNotFound for a dashboard) is how absence is observed (a table not
   * created yet, a replica region before the replica exists, a table deleted between two reads), not a refusal.
   */
  public List<JournalEntry> rejected() {
    return calls().stream()
        .filter(e -> !"OK".equals(e.outcome()))
        .filter(e -> e.mutating() || !("ResourceNotFoundException".equals(e.outcome())
            || "ResourceNotFound".equals(e.outcome()) || "TableNotFoundException".equals(e.outcome())))
        .toList();
  }

  public List<JournalEntry> mutations(String operation) {
    return aws.journal().mutations().stream().filter(e -> e.operation().equals(operation)).toList();
  }

  /** The most mutating calls seen between two pass markers. */
  public int maxMutationsPerPass() {
    int max = 0;
    int current = 0;
    for (JournalEntry e : aws.journal().entries()) {
      if ("MARK".equals(e.operation())) {
        current = 0;
      } else if (e.mutating()) {
        current++;
        max = Math.max(max, current);
      }
    }
    return max;
  }

  public List<Event> events(String name) {
    return cluster.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }

  public String journalTail(int n) {
    List<JournalEntry> all = aws.journal().entries();
    StringBuilder sb = new StringBuilder();
    all.subList(Math.max(0, all.size() - n), all.size()).forEach(e -> sb.append("  ").append(e).append('\n'));
    return sb.toString();
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    cluster.close();
  }
}
