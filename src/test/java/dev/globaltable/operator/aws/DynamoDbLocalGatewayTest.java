package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedEncryption;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedSettings;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.PointInTimeRecovery;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;

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
 *   <li>Per-region settings: time to live and deletion protection work as on AWS (including the "TimeToLive is already
 *       enabled/disabled" and "Resource cannot be deleted as it is currently protected" texts; no TTL cooldown and no
 *       15 s deletion-protection throttle). Point-in-time recovery, Contributor Insights and Kinesis streaming answer
 *       UnknownOperationException "An unknown operation was requested."; TableClass and SSESpecification are accepted
 *       by CreateTable but not reported, and alone in an UpdateTable are "Nothing to update".</li>
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

  // ------------------------------------------------------------------------------------ per-region settings

  /** The scenario's CreateTable with {@code options}. */
  private static Step.CreateTable createWith(String table, Step.CreateOptions options) {
    Step.CreateTable c = (Step.CreateTable) SingleRegionScenario.stages(REGION, table).get(0).step();
    return new Step.CreateTable(c.region(), c.tableName(), c.keySchema(), c.attributeDefinitions(), c.billingMode(),
        c.onDemand(), c.globalSecondaryIndexes(), c.localSecondaryIndexes(), c.streamViewType(), c.tags(),
        c.provisioned(), c.indexProvisioned(), c.indexOnDemand(), options);
  }

  /**
   * Local's client with what Local lacks taken out of the way, so that a deep pass reaches the settings reads: tags
   * answer "none" (Local fails them), and PITR, Contributor Insights and Kinesis keep the interface's default
   * (UnsupportedOperationException, which the gateway reports as "not read") instead of Local's
   * UnknownOperationException. Everything the gateway reads or writes that Local has goes to Local unchanged.
   */
  private static DynamoDbClient withoutLocalsMissingApis(DynamoDbClient local) {
    return new DynamoDbClient() {
      @Override
      public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return local.describeTable(request);
      }

      @Override
      public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
        return ListTagsOfResourceResponse.builder().build();
      }

      @Override
      public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
        return local.describeTimeToLive(request);
      }

      @Override
      public String serviceName() {
        return SERVICE_NAME;
      }

      @Override
      public void close() {
      }
    };
  }

  private static void assertRefused(Step step, ErrorKind kind, String code, String message) {
    assertThatThrownBy(() -> gateway.apply(step)).as(step.describe())
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(kind);
          assertThat(e.errorCode()).isEqualTo(code);
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.notBefore()).isNull();
        });
  }

  /**
   * UpdateTimeToLive through the adapter and DescribeTimeToLive through a deep observation, against Local's real TTL
   * engine, including the content checks AWS runs before its cooldown (reference 7.1); Local has no cooldown.
   */
  @Test
  void timeToLiveIsAppliedAndObservedAndItsStalePlanRefusalsAreWaits() {
    String table = "GwTimeToLive";
    SdkAwsGateway deep = new SdkAwsGateway(RegionalClients.of(r -> withoutLocalsMissingApis(clients.dynamoDb(r)),
        clients::applicationAutoScaling));
    gateway.apply(createWith(table, null));
    try {
      assertThat(deep.observe(table, REGION, List.of(REGION), true).home().settings()).isEqualTo(
          new ObservedSettings(null, new ObservedSettings.TimeToLiveState("DISABLED", null), null, null, null));

      gateway.apply(new Step.UpdateTimeToLive(REGION, table, true, "expiresAt", "DISABLED"));
      ObservedSettings enabled = deep.observe(table, REGION, List.of(REGION), true).home().settings();
      assertThat(enabled.timeToLive()).isEqualTo(new ObservedSettings.TimeToLiveState("ENABLED", "expiresAt"));

      assertRefused(new Step.UpdateTimeToLive(REGION, table, true, "expiresAt", "DISABLED"), ErrorKind.WAIT,
          "ValidationException", "TimeToLive is already enabled");
      // AWS adds ": current AttributeName is <a>"; Local stops after the sentence. Same prefix, same WAIT.
      assertRefused(new Step.UpdateTimeToLive(REGION, table, true, "ttl", "ENABLED on expiresAt"), ErrorKind.WAIT,
          "ValidationException", "TimeToLive is active on a different AttributeName");

      gateway.apply(new Step.UpdateTimeToLive(REGION, table, false, "expiresAt", "ENABLED on expiresAt"));
      assertThat(deep.observe(table, REGION, List.of(REGION), true).home().settings().timeToLive())
          .isEqualTo(new ObservedSettings.TimeToLiveState("DISABLED", null));
      assertRefused(new Step.UpdateTimeToLive(REGION, table, false, "expiresAt", "DISABLED"), ErrorKind.WAIT,
          "ValidationException", "TimeToLive is already disabled");
    } finally {
      gateway.apply(new Step.DeleteTable(REGION, table));
    }
  }

  /**
   * Deletion protection end to end: CreateTable with DeletionProtectionEnabled, DeleteTable refused with AWS's own
   * text (TERMINAL: a person must act), UpdateDeletionProtection off, then DeleteTable succeeds. Local also shows what
   * it ignores: TableClass and SSESpecification are accepted on CreateTable but not reported (AWS reports both).
   */
  @Test
  void deletionProtectionIsCreatedObservedTurnedOffAndRefusesDeleteMeanwhile() {
    String table = "GwProtected";
    gateway.apply(createWith(table, new Step.CreateOptions("STANDARD_INFREQUENT_ACCESS", true,
        EncryptionType.AWS_MANAGED, null)));
    boolean deleted = false;
    try {
      RegionalTable created = gateway.observe(table, REGION, List.of(REGION), false).homeTable();
      assertThat(created.deletionProtection()).isTrue();
      // Local deviations, pinned so that a Local that starts reporting them is noticed.
      assertThat(created.tableClass()).as("Local ignores TableClass").isEqualTo("STANDARD");
      assertThat(created.encryption()).as("Local ignores SSESpecification").isEqualTo(ObservedEncryption.AWS_OWNED);

      assertRefused(new Step.DeleteTable(REGION, table), ErrorKind.TERMINAL, "ValidationException",
          "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection "
              + "first.");
      assertThat(gateway.observe(table, REGION, List.of(REGION), false).homeTable()).isNotNull();

      gateway.apply(new Step.UpdateDeletionProtection(REGION, table, false));
      assertThat(gateway.observe(table, REGION, List.of(REGION), false).homeTable().deletionProtection()).isFalse();
      gateway.apply(new Step.UpdateDeletionProtection(REGION, table, true));
      assertThat(gateway.observe(table, REGION, List.of(REGION), false).homeTable().deletionProtection()).isTrue();
      gateway.apply(new Step.UpdateDeletionProtection(REGION, table, false));

      gateway.apply(new Step.DeleteTable(REGION, table));
      deleted = true;
      assertThat(gateway.observe(table, REGION, List.of(REGION), false).homeTable()).isNull();
    } finally {
      if (!deleted) {
        gateway.apply(new Step.UpdateDeletionProtection(REGION, table, false));
        gateway.apply(new Step.DeleteTable(REGION, table));
      }
    }
  }

  /**
   * What Local does not have: point-in-time recovery, Contributor Insights and Kinesis streaming answer
   * UnknownOperationException (TERMINAL, never mistaken for a wait), and a lone SSESpecification or TableClass update
   * is "Nothing to update". These are covered by the simulator and the recording unit tests only.
   */
  @Test
  void localHasNoPitrContributorInsightsKinesisEncryptionOrTableClassUpdates() {
    String table = "GwUnsupported";
    gateway.apply(createWith(table, null));
    try {
      String unknown = "An unknown operation was requested.";
      assertRefused(new Step.UpdatePointInTimeRecovery(REGION, table, PointInTimeRecovery.desired(true, 7),
          "disabled"), ErrorKind.TERMINAL, "UnknownOperationException", unknown);
      assertRefused(new Step.UpdateContributorInsights(REGION, table, null, true, "DISABLED"), ErrorKind.TERMINAL,
          "UnknownOperationException", unknown);
      assertRefused(new Step.EnableKinesisStreaming(REGION, table,
          "arn:aws:kinesis:us-east-1:000000000000:stream/changes", "none"), ErrorKind.TERMINAL,
          "UnknownOperationException", unknown);
      assertRefused(new Step.UpdateEncryption(REGION, table, EncryptionType.AWS_MANAGED, null, "AWS owned key"),
          ErrorKind.TERMINAL, "ValidationException", "Nothing to update");
      assertRefused(new Step.UpdateTableClass(REGION, table, "STANDARD_INFREQUENT_ACCESS", "STANDARD"),
          ErrorKind.TERMINAL, "ValidationException", "Nothing to update");
      // The deep-pass read fails the same way (after tags, which Local also lacks).
      assertThatThrownBy(() -> clients.dynamoDb(REGION).describeContinuousBackups(b -> b.tableName(table)))
          .hasMessageStartingWith(unknown);
    } finally {
      gateway.apply(new Step.DeleteTable(REGION, table));
    }
  }
}
