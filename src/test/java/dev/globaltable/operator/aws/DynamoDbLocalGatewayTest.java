package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.plan.Step;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against a real DynamoDB engine: DynamoDB Local 2.6.1, in-process, once for the whole class. Clients come
 * from {@link RegionalClients#real} (Apache HTTP client, default credentials chain fed dummy keys through system
 * properties, endpoint override), so the production client construction is exercised as well.
 *
 * <p>What DynamoDB Local does not do (so what this test cannot check; the simulator and the unit tests cover it):
 * <ul>
 *   <li>Tagging: CreateTable silently drops Tags; TagResource, UntagResource and ListTagsOfResource fail with
 *       UnknownOperationException "Tagging is not currently supported in DynamoDB Local." A deep observe of an existing
 *       table therefore fails on Local; the test asserts exactly that failure.</li>
 *   <li>Global tables: ReplicaUpdates are rejected ("Nothing to update"); there are no replicas, no
 *       GlobalTableVersion.</li>
 *   <li>Table-level OnDemandThroughput: reported by DescribeTable only when BOTH limits are set; a single limit (the
 *       other -1) is accepted but reads back as absent, where AWS reports it.</li>
 *   <li>Billing switch to PAY_PER_REQUEST: each GSI keeps reporting its last provisioned throughput, where AWS reports
 *       0/0 (the table's own throughput does read 0/0).</li>
 *   <li>Application Auto Scaling: none. The clients say so ({@link RegionalClients#withoutApplicationAutoScaling}), so
 *       autoscaling is covered by the simulator only.</li>
 *   <li>Transitions: CreateTable and DeleteTable are synchronous (never CREATING/DELETING); GSI create and delete take
 *       about a second. TableId is not reported. ARNs use the region "ddblocal".</li>
 *   <li>Regions: Local keeps one database per access key and region, so each "region" is an independent, empty
 *       engine, which is what lets the deep observe see the table missing elsewhere.</li>
 * </ul>
 */
class DynamoDbLocalGatewayTest {

  private static final String REGION = "us-east-1";
  private static final String OTHER_REGION = "eu-west-1";
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
  private static final String NO_AUTO_SCALING = "DynamoDB Local has no Application Auto Scaling";

  private static DynamoDBProxyServer server;
  private static RegionalClients clients;
  private static SdkAwsGateway gateway;
  private static String previousAccessKey;
  private static String previousSecretKey;

  @BeforeAll
  static void startDynamoDbLocal() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
    server.start();
    previousAccessKey = System.getProperty("aws.accessKeyId");
    previousSecretKey = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.accessKeyId", "dummy");
    System.setProperty("aws.secretAccessKey", "dummy");
    // Local has no Application Auto Scaling: say so, rather than let autoscaling calls reach real AWS.
    clients = RegionalClients.real(AwsSettings.defaults().withDynamoDbEndpoint(URI.create("http://localhost:" + port))
        .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10)))
        .withoutApplicationAutoScaling(NO_AUTO_SCALING);
    gateway = new SdkAwsGateway(clients);
  }

  @AfterAll
  static void stopDynamoDbLocal() throws Exception {
    if (clients != null) {
      clients.close();
    }
    if (server != null) {
      server.stop();
    }
    restore("aws.accessKeyId", previousAccessKey);
    restore("aws.secretAccessKey", previousSecretKey);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /** DynamoDB Local's documented deviations from AWS, applied to an AWS-semantics expectation. */
  static ObservedShape onDynamoDbLocal(ObservedShape awsExpectation) {
    if (awsExpectation == null) {
      return null;
    }
    OnDemandLimits limits = awsExpectation.onDemand();
    boolean partial = (limits.maxReadRequestUnits() == null) != (limits.maxWriteRequestUnits() == null);
    // A single on-demand limit is accepted but not reported by Local.
    return partial ? awsExpectation.withOnDemand(OnDemandLimits.NONE) : awsExpectation;
  }

  /** Observes until the stage has settled (bounded; the test's own poll loop, never production code). */
  private static RegionalTable observeSettled(String table, SingleRegionScenario.Stage stage)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    RegionalTable observed;
    do {
      observed = gateway.observe(table, REGION, List.of(REGION), false).homeTable();
      if (SingleRegionScenario.settled(observed, stage)) {
        return observed;
      }
      Thread.sleep(100);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("stage '" + stage.name() + "' did not settle within " + SETTLE_TIMEOUT + "; last: "
        + observed);
  }

  @Test
  void singleRegionScenarioProducesTheExpectedModelAfterEveryStep() throws Exception {
    runScenario("GwScenario", SingleRegionScenario.stages(REGION, "GwScenario"));
  }

  /**
   * The capacity calls of a provisioned table, each applied through the adapter against the real engine and
   * re-observed: PROVISIONED CreateTable with GSI capacity, UpdateProvisionedThroughput of the table (up and down) and
   * of a GSI, CreateIndex with its capacity, SwitchBillingMode to PAY_PER_REQUEST (with limits) and back to PROVISIONED
   * seeding the table and both GSIs.
   */
  @Test
  void provisionedScenarioProducesTheExpectedModelAfterEveryStep() throws Exception {
    List<SingleRegionScenario.Stage> stages = ProvisionedScenario.stages(REGION, "GwProvisioned");
    // Local accepts every call as AWS does. One deviation in what it reports: after the switch to PAY_PER_REQUEST each
    // GSI keeps its last provisioned throughput (ByCustomer 6/3, ByStatus 2/1) where AWS (and the simulator) report
    // 0/0; the table's own throughput does go to 0/0. Pinned here, so that a Local that changes is noticed.
    SingleRegionScenario.Stage toOnDemand = stages.get(5);
    assertThat(toOnDemand.step()).isInstanceOf(Step.SwitchBillingMode.class);
    ObservedShape aws = toOnDemand.expected();
    ObservedShape local = new ObservedShape(aws.tableName(), aws.status(), aws.keySchema(), aws.attributeDefinitions(),
        aws.billingMode(), aws.onDemand(), aws.streamViewType(), List.of(
            new ObservedIndex(ProvisionedScenario.BY_CUSTOMER, "ACTIVE", false, new ObservedCapacity(6, 3, 0, null),
                OnDemandLimits.NONE),
            new ObservedIndex(ProvisionedScenario.BY_STATUS, "ACTIVE", false, new ObservedCapacity(2, 1, 0, null),
                OnDemandLimits.NONE)),
        aws.localSecondaryIndexes(), aws.replicas(), aws.deletionProtection(), aws.globalTableVersion(),
        aws.capacity());
    runScenario("GwProvisioned", stages, Map.of(toOnDemand.name(), local));
  }

  private static void runScenario(String table, List<SingleRegionScenario.Stage> stages) throws Exception {
    runScenario(table, stages, Map.of());
  }

  /**
   * Applies each stage through the adapter and compares the settled observation with the stage's AWS expectation
   * adjusted by {@link #onDynamoDbLocal}, or with {@code localAnswers} where a stage's Local answer is pinned.
   */
  private static void runScenario(String table, List<SingleRegionScenario.Stage> stages,
      Map<String, ObservedShape> localAnswers) throws Exception {
    Instant before = Instant.now().minusSeconds(5);
    assertThat(gateway.observe(table, REGION, List.of(REGION), false).homeTable()).isNull();

    for (SingleRegionScenario.Stage stage : stages) {
      gateway.apply(stage.step());
      RegionalTable observed = observeSettled(table, stage);

      assertThat(ObservedShape.of(observed)).as(stage.name())
          .isEqualTo(localAnswers.getOrDefault(stage.name(), onDynamoDbLocal(stage.expected())));
      if (observed != null) {
        // Identity fields are engine-specific, so they are checked here rather than in the shape.
        assertThat(observed.region()).as(stage.name()).isEqualTo(REGION);
        assertThat(observed.arn()).as(stage.name()).isEqualTo("arn:aws:dynamodb:ddblocal:000000000000:table/" + table);
        assertThat(observed.tableId()).as(stage.name() + ": Local reports no TableId").isNull();
        assertThat(observed.creationTime()).as(stage.name()).isBetween(before, Instant.now().plusSeconds(5));
      }
    }
  }

  @Test
  void anIndexBeingCreatedIsReportedAsCreatingAndASecondIndexChangeMustWait() {
    // Local builds a new index on a one-second scheduler tick, so on a busy machine the index can be ACTIVE at the
    // first look, or finish between the look and the second change. Such an attempt shows nothing and is repeated on
    // a fresh table; five in a row would mean Local no longer reports the transition, and the test fails.
    for (int attempt = 1; attempt <= 5; attempt++) {
      String table = "GwIndexWait" + attempt;
      List<SingleRegionScenario.Stage> stages = SingleRegionScenario.stages(REGION, table);
      gateway.apply(stages.get(0).step());
      try {
        gateway.apply(stages.get(1).step());
        RegionalTable justAfter = gateway.observe(table, REGION, List.of(REGION), false).homeTable();
        ObservedIndex index = justAfter.index("ByFingerprint").orElseThrow();
        assertThat(index.definition()).isEqualTo(SingleRegionScenario.BY_FINGERPRINT);
        if (!index.status().equals("CREATING")) {
          assertThat(index.status()).isEqualTo("ACTIVE");
          continue;
        }
        AwsCallException wait = catchThrowableOfType(AwsCallException.class,
            () -> gateway.apply(new Step.DeleteIndex(REGION, table, "ByStatus")));
        if (wait == null) {
          // The index finished between the look and the delete, which Local then accepted.
          continue;
        }
        // One online index change at a time: a real LimitExceededException that must become a WAIT.
        assertThat(wait.kind()).isEqualTo(ErrorKind.WAIT);
        assertThat(wait.operation()).isEqualTo("UpdateTable");
        assertThat(wait.region()).isEqualTo(REGION);
        assertThat(wait.errorCode()).isEqualTo("LimitExceededException");
        assertThat(wait.getMessage()).isEqualTo("Subscriber limit exceeded: Only 1 online index can be created or "
            + "deleted simultaneously per table");
        return;
      } finally {
        gateway.apply(new Step.DeleteTable(REGION, table));
        assertThat(gateway.observe(table, REGION, List.of(REGION), false).homeTable()).isNull();
      }
    }
    fail("DynamoDB Local never reported index ByFingerprint as CREATING in 5 attempts");
  }

  @Test
  void deepObserveSeesEachRegionOnItsOwnAndHitsLocalsMissingTagApi() {
    String table = "GwDeep";
    Observed nothing = gateway.observe(table, REGION, List.of(REGION, OTHER_REGION), true);
    assertThat(nothing.deep()).isTrue();
    assertThat(nothing.regions().values()).containsExactly(new RegionObservation(REGION, null, null),
        new RegionObservation(OTHER_REGION, null, null));

    // Create the table in the OTHER region only: the home region still sees nothing on a shallow pass.
    SingleRegionScenario.Stage create = SingleRegionScenario.stages(OTHER_REGION, table).get(0);
    gateway.apply(create.step());
    try {
      assertThat(gateway.observe(table, REGION, List.of(REGION, OTHER_REGION), false).regions().values())
          .containsExactly(new RegionObservation(REGION, null, null));
      RegionalTable elsewhere = gateway.observe(table, OTHER_REGION, List.of(OTHER_REGION), false).homeTable();
      assertThat(ObservedShape.of(elsewhere)).isEqualTo(onDynamoDbLocal(create.expected()));
      assertThat(elsewhere.region()).isEqualTo(OTHER_REGION);

      // A deep pass reads tags where the table exists; Local has no tagging, which must surface, not be hidden.
      assertThatThrownBy(() -> gateway.observe(table, REGION, List.of(REGION, OTHER_REGION), true))
          .isInstanceOfSatisfying(AwsCallException.class, e -> {
            assertThat(e.operation()).isEqualTo("ListTagsOfResource");
            assertThat(e.region()).isEqualTo(OTHER_REGION);
            assertThat(e.errorCode()).isEqualTo("UnknownOperationException");
            assertThat(e.getMessage()).isEqualTo("Tagging is not currently supported in DynamoDB Local.");
            assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          });
    } finally {
      gateway.apply(new Step.DeleteTable(OTHER_REGION, table));
    }
  }

  @Test
  void realEngineErrorsAreClassified() {
    String table = "GwErrors";
    // A mutation of a table that does not exist: terminal (the plan was wrong).
    assertThatThrownBy(() -> gateway.apply(new Step.DeleteIndex(REGION, table, "ByStatus")))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
          assertThat(e.getMessage()).isEqualTo("Cannot do operations on a non-existent table");
        });
    // Deleting what is already gone: the next observation shows it gone, so wait for it.
    assertThatThrownBy(() -> gateway.apply(new Step.DeleteTable(REGION, table)))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
          assertThat(e.operation()).isEqualTo("DeleteTable");
          assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
        });

    gateway.apply(SingleRegionScenario.stages(REGION, table).get(0).step());
    try {
      // Local has no global tables: ReplicaUpdates alone is "Nothing to update" (a ValidationException).
      assertThatThrownBy(() -> gateway.apply(new Step.AddReplica(REGION, table, OTHER_REGION)))
          .isInstanceOfSatisfying(AwsCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
            assertThat(e.errorCode()).isEqualTo("ValidationException");
            assertThat(e.getMessage()).isEqualTo("Nothing to update");
          });
      // Local's duplicate-create text differs from AWS's permanent "Table already exists: <t>", so it reads as a
      // transient ResourceInUse; the planner never re-creates an observed table, so this only documents Local.
      assertThatThrownBy(() -> gateway.apply(SingleRegionScenario.stages(REGION, table).get(0).step()))
          .isInstanceOfSatisfying(AwsCallException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("ResourceInUseException");
            assertThat(e.getMessage()).isEqualTo("Cannot create preexisting table");
            assertThat(e.kind()).isEqualTo(ErrorKind.WAIT);
          });
      assertThatThrownBy(() -> gateway.apply(new Step.TagTable(REGION,
          "arn:aws:dynamodb:ddblocal:000000000000:table/" + table, Map.of("team", "payments"))))
          .isInstanceOfSatisfying(AwsCallException.class, e -> {
            assertThat(e.operation()).isEqualTo("TagResource");
            assertThat(e.errorCode()).isEqualTo("UnknownOperationException");
            assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          });
    } finally {
      gateway.apply(new Step.DeleteTable(REGION, table));
    }
  }
}
