package dev.globaltable.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.aws.SdkAwsGateway;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import dev.globaltable.operator.testing.MockCluster;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator instances on one (mock) cluster and one simulated AWS account, with leader election on a Lease: only the
 * holder reconciles, the other stands by (and is ready), and takes over when the holder stops.
 */
class LeaderElectionIntegrationTest {
  private static final String LEASE = "globaltable-operator-test";

  private final SimClock clock = SimClock.accelerated(Instant.parse("2026-11-23T00:00:00Z"), OperatorHarness.SPEED);
  private final SimulatedAws aws = new SimulatedAws(clock, "111122223333", OperatorHarness.REGIONS);
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** Exits the operators would have made (the exit is counted, not made). */
  private final AtomicInteger exits = new AtomicInteger();

  private static LeaderElection election(String identity) {
    // A 20 s lease and a 250 ms retry: a takeover within seconds proves the stopping leader released the Lease rather
    // than letting it expire. exitOnLoss as in production; the exit itself is counted by the test.
    return new LeaderElection(LEASE, OperatorHarness.NAMESPACE, identity, Duration.ofSeconds(20),
        Duration.ofSeconds(15), Duration.ofMillis(250), true);
  }

  private GlobalTableOperator start(MockCluster cluster, String identity, AtomicInteger passes) {
    return start(cluster, election(identity), passes);
  }

  private GlobalTableOperator start(MockCluster cluster, LeaderElection election, AtomicInteger passes) {
    GlobalTableOperator operator = GlobalTableOperator.start(cluster.client(), new SdkAwsGateway(
        RegionalClients.of(aws::dynamoDb, aws::applicationAutoScaling, aws::cloudWatch), clock), clock,
        OperatorHarness.settings(), resource -> passes.incrementAndGet(), null, election, exits::incrementAndGet);
    open.add(operator);
    return operator;
  }

  private static String holder(MockCluster cluster) {
    Lease lease = cluster.client().leases().inNamespace(OperatorHarness.NAMESPACE).withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void onlyTheLeaseHolderReconciles_theOtherStandsByReady_andTakesOverWhenTheHolderStops() throws Exception {
    MockCluster cluster = MockCluster.start();
    open.add(cluster);
    AtomicInteger passesA = new AtomicInteger();
    AtomicInteger passesB = new AtomicInteger();
    GlobalTableOperator a = start(cluster, "operator-a", passesA);
    await().atMost(Duration.ofSeconds(20)).until(() -> a.leaderState() == LeaderState.LEADING && a.ready());
    GlobalTableOperator b = start(cluster, "operator-b", passesB);
    await().atMost(Duration.ofSeconds(20)).until(() -> b.leaderState() == LeaderState.STANDING_BY && b.ready());
    assertThat(b.notReadyBecause()).isNull();
    assertThat(holder(cluster)).isEqualTo("operator-a");
    // The standby's readiness probe passes: a rolling update may stop the old leader once the new pod stands by.
    try (HealthServer probes = HealthServer.start(0, b)) {
      assertThat(get(probes.port(), "/readyz")).isEqualTo("200 ok");
    }

    GlobalTable gt = OperatorHarness.sample("orders-single-region.yaml");
    gt.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
    cluster.client().resource(gt).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> OperatorHarness.isReady(cluster.get("default", "carts")));
    assertThat(passesA.get()).isPositive();
    assertThat(passesB.get()).as("the standby never reconciles").isZero();

    a.close();
    open.remove(a);
    assertThat(a.leaderState()).isEqualTo(LeaderState.LOST);
    assertThat(holder(cluster)).as("released by the stopping leader").isEmpty();
    assertThat(exits).as("stopping is not losing: no exit from inside the shutdown").hasValue(0);
    await().atMost(Duration.ofSeconds(5)).until(() -> b.leaderState() == LeaderState.LEADING);
    assertThat(holder(cluster)).isEqualTo("operator-b");
    assertThat(b.ready()).isTrue();

    // The new leader acts on the next change: a spec edit is reconciled (observedGeneration catches up) by b alone.
    long generation = cluster.client().resources(GlobalTable.class).inNamespace("default").withName("carts")
        .edit(g -> {
          g.getSpec().tags = new HashMap<>(g.getSpec().tags);
          g.getSpec().tags.put("owner", "payments");
          return g;
        }).getMetadata().getGeneration();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      GlobalTable now = cluster.get("default", "carts");
      return now.getStatus() != null && now.getStatus().observedGeneration != null
          && now.getStatus().observedGeneration == generation && OperatorHarness.isReady(now);
    });
    assertThat(passesB.get()).isPositive();
    assertThat(aws.dynamoDb("us-east-1").listTagsOfResource(r -> r.resourceArn(
        cluster.get("default", "carts").getStatus().tableArn)).tags())
        .anyMatch(t -> t.key().equals("owner") && t.value().equals("payments"));
  }

  @Test
  void probesAnswerNotStartedUntilTheOperatorIsThere() throws Exception {
    try (HealthServer probes = HealthServer.probes(0, () -> null)) {
      assertThat(get(probes.port(), "/healthz")).isEqualTo("503 not started");
      assertThat(get(probes.port(), "/readyz")).isEqualTo("503 not started");
    }
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  @Test
  void aLeaderThatCannotRenewStopsActingAndExits() {
    MockCluster cluster = MockCluster.start();
    open.add(cluster);
    GlobalTableOperator a = start(cluster, new LeaderElection(LEASE, OperatorHarness.NAMESPACE, "operator-a",
        Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(250), true), new AtomicInteger());
    await().atMost(Duration.ofSeconds(20)).until(() -> a.leaderState() == LeaderState.LEADING);

    // Another holder writes itself into the Lease (as after a network partition): a's renewals fail.
    cluster.client().leases().inNamespace(OperatorHarness.NAMESPACE).withName(LEASE).edit(l -> {
      l.getSpec().setHolderIdentity("operator-x");
      l.getSpec().setLeaseDurationSeconds(60);
      l.getSpec().setRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
      return l;
    });

    await().atMost(Duration.ofSeconds(10)).until(() -> a.leaderState() == LeaderState.LOST);
    await().atMost(Duration.ofSeconds(2)).until(() -> exits.get() == 1);
    assertThat(a.ready()).isFalse();
    assertThat(a.notReadyBecause()).isEqualTo("leader election: lost");
    assertThat(holder(cluster)).isEqualTo("operator-x");
  }

  @Test
  void withoutRightsOnLeasesTheOperatorRefusesToStartAndSaysWhy() {
    MockCluster cluster = MockCluster.start(false);
    open.add(cluster);
    assertThatThrownBy(() -> start(cluster, "operator-a", new AtomicInteger()))
        .rootCause()
        .hasMessage("No permission to lease resource. in namespace: default; missing required verbs: [create, update, get]");
  }

  @Test
  void aNewLeaderIsStandingByOnlyWhenItIsAnother() {
    assertThat(GlobalTableOperator.nextOnNewLeader(LeaderState.CANDIDATE, "b", "a")).isEqualTo(LeaderState.STANDING_BY);
    assertThat(GlobalTableOperator.nextOnNewLeader(LeaderState.CANDIDATE, "a", "a")).isEqualTo(LeaderState.CANDIDATE);
    assertThat(GlobalTableOperator.nextOnNewLeader(LeaderState.LEADING, "b", "a")).isEqualTo(LeaderState.LEADING);
    assertThat(GlobalTableOperator.nextOnNewLeader(LeaderState.STANDING_BY, "", "a")).isEqualTo(LeaderState.CANDIDATE);
    assertThat(GlobalTableOperator.nextOnNewLeader(LeaderState.LOST, "b", "a")).isEqualTo(LeaderState.LOST);
    assertThat(List.of(LeaderState.values())).filteredOn(LeaderState::ready)
        .containsExactly(LeaderState.DISABLED, LeaderState.LEADING, LeaderState.STANDING_BY);
  }

  @Test
  void timingsMustLeaveRoomToRenew() {
    assertThatThrownBy(() -> new LeaderElection(LEASE, null, null, Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(2), true))
        .hasMessage("leader election needs leaseDuration > renewDeadline > retryPeriod, got PT10S, PT10S, PT2S");
  }
}
