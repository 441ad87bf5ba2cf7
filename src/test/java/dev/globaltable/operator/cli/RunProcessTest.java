package dev.globaltable.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.testing.MockCluster;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The production {@code run} command as a separate process, the way a container starts it: {@code java ... Main run}
 * with nothing but the environment (KUBECONFIG, AWS_REGION, dummy keys, HOSTNAME) and flags. Against the fabric8 mock
 * API server ({@link MockCluster}: CRD installed, the shipped Lease Role enforced, SelfSubjectRulesReview answered) and
 * DynamoDB Local over HTTP, it proves that the whole wiring of {@code Main.startOperator} works outside a test JVM:
 * <ul>
 *   <li>the client is built from KUBECONFIG; leader election passes JOSDK's RBAC check, takes the Lease under the
 *       HOSTNAME identity, and {@code /readyz} answers 200 "ok" once it leads and the informers synced;</li>
 *   <li>the real, metered AWS SDK clients reach the overridden DynamoDB endpoint: the sample
 *       {@code orders-single-region.yaml} is created as a table with its key schema and billing mode;</li>
 *   <li>what DynamoDB Local lacks surfaces in the status: it has no tagging, and a deep pass reads the tags of every
 *       existing table, so the resource cannot become Ready there; it stalls (reason AwsRejected) with Local's own
 *       message naming ListTagsOfResource. On-demand tables without alarms need no Application Auto Scaling or
 *       CloudWatch, which {@code --dynamodb-endpoint} switches off;</li>
 *   <li>{@code /metrics} serves the AWS call counters (the one CreateTable, the refused tag reads), the resource's
 *       Ready gauge (0), JVM and JOSDK series;</li>
 *   <li>{@code --log-format json} makes the shipped logback.xml write one JSON object per line on stderr, with the
 *       mutation's MDC;</li>
 *   <li>SIGTERM ends the process promptly (exit 143, the shutdown hook does not hang) and releases the Lease.</li>
 * </ul>
 * The child's classpath is the test classpath without the test classes, so the shipped logback.xml configures logging,
 * not the tests' logback-test.xml.
 */
class RunProcessTest {
  private static final String IDENTITY = "run-process-test";
  private static final String LEASE = "globaltable-operator";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private MockCluster cluster;
  private DynamoDBProxyServer dynamoDb;
  private Process process;
  private Path stderr;
  private Path stdout;
  private URI dynamoDbEndpoint;

  @BeforeEach
  void startBackends() throws Exception {
    cluster = MockCluster.start();
    int dynamoDbPort = freePort();
    dynamoDb = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(dynamoDbPort)});
    dynamoDb.start();
    dynamoDbEndpoint = URI.create("http://localhost:" + dynamoDbPort);
  }

  @AfterEach
  void stopEverything() throws Exception {
    try {
      if (process != null && process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      try {
        if (dynamoDb != null) {
          dynamoDb.stop();
        }
      } finally {
        if (cluster != null) {
          cluster.close();
        }
      }
    }
  }

  @Test
  void runLeadsServesProbesMetricsAndJsonLogsCreatesTheTableAndReleasesTheLeaseOnSigterm() throws Exception {
    int healthPort = freePort();
    int metricsPort = freePort();
    Path kubeconfig = writeKubeconfig(cluster.client().getMasterUrl().toString());
    stderr = dir.resolve("stderr.log");
    stdout = dir.resolve("stdout.log");

    List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", childClasspath(),
        Main.class.getName(), "run",
        "--dynamodb-endpoint", dynamoDbEndpoint.toString(),
        "--health-port", Integer.toString(healthPort),
        "--metrics-port", Integer.toString(metricsPort),
        "--log-format", "json",
        "--lease-namespace", "default",
        "--resync-seconds", "2",
        "--requeue-busy-seconds", "1"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
        .redirectError(stderr.toFile()).redirectOutput(stdout.toFile());
    Map<String, String> env = builder.environment();
    // Why: nothing inherited may choose the options, the cluster or the AWS account; only what is set below.
    env.keySet().removeIf(k -> k.startsWith("GT_") || k.startsWith("AWS_") || k.startsWith("KUBERNETES_")
        || k.equals("KUBECONFIG") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "dummy");
    env.put("AWS_SECRET_ACCESS_KEY", "dummy");
    env.put("HOSTNAME", IDENTITY);
    process = builder.start();

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      // 1. Ready: informers synced and this instance leads, under the HOSTNAME identity.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
          .until(() -> {
            assertThat(process.isAlive()).as("the operator process is running").isTrue();
            HttpResponse<String> r = get(http, healthPort, "/readyz");
            return r.statusCode() == 200 && r.body().equals("ok");
          });
      assertThat(get(http, healthPort, "/healthz").body()).isEqualTo("ok");
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(IDENTITY);

      // 2. The sample against DynamoDB Local: the table is created with the spec's key schema, and the next (deep)
      // pass stalls on ListTagsOfResource, which Local does not implement. Ready is not reachable on Local: a deep pass
      // reads the tags of every existing table (DynamoDbLocalGatewayTest documents the gap).
      GlobalTable carts = OperatorHarness.sample("orders-single-region.yaml");
      cluster.client().resource(carts).create();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
        Condition stalled = OperatorHarness.condition(cluster.get("default", "carts"), "Stalled");
        return stalled != null && "True".equals(stalled.getStatus());
      });
      GlobalTable stalled = cluster.get("default", "carts");
      String why = "reading the table failed: ListTagsOfResource in us-east-1 failed: UnknownOperationException: "
          + "Tagging is not currently supported in DynamoDB Local.";
      for (String type : List.of("Stalled", "Ready")) {
        Condition c = OperatorHarness.condition(stalled, type);
        assertThat(c.getReason()).as(type).isEqualTo("AwsRejected");
        assertThat(c.getMessage()).as(type).isEqualTo(why);
      }
      assertThat(OperatorHarness.condition(stalled, "Ready").getStatus()).isEqualTo("False");
      TableDescription table;
      try (DynamoDbClient local = localDynamoDb()) {
        table = local.describeTable(b -> b.tableName("Carts")).table();
      }
      assertThat(table.keySchema()).containsExactly(
          KeySchemaElement.builder().attributeName("CustomerId").keyType(KeyType.HASH).build(),
          KeySchemaElement.builder().attributeName("ItemId").keyType(KeyType.RANGE).build());
      assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);

      // 3. Metrics: AWS calls (through the metered real clients: the one CreateTable and the refused tag reads), the
      // resource's gauge, JVM and JOSDK series.
      String metrics = get(http, metricsPort, "/metrics").body();
      List<String> lines = Arrays.asList(metrics.split("\n"));
      assertThat(lines).as(metrics).contains(
          "globaltable_aws_calls_total{operation=\"CreateTable\",outcome=\"success\",region=\"us-east-1\","
              + "service=\"dynamodb\"} 1.0",
          "globaltable_ready{name=\"carts\",namespace=\"default\"} 0.0");
      assertThat(lines).as(metrics).anyMatch(l -> l.startsWith("globaltable_aws_calls_total{operation="
          + "\"ListTagsOfResource\",outcome=\"UnknownOperationException\",region=\"us-east-1\",service="
          + "\"dynamodb\"} "));
      assertThat(lines).as(metrics).anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"));
      assertThat(lines).as(metrics).anyMatch(l -> l.startsWith("operator_sdk_"));

      // 4. The shipped logback.xml in JSON: exactly one event for the CreateTable, with the step's MDC.
      List<JsonNode> created = logEvents().stream()
          .filter(e -> e.path("formattedMessage").asText().equals("applied CreateTable")).toList();
      assertThat(created).hasSize(1);
      JsonNode mdc = created.get(0).path("mdc");
      assertThat(mdc.path("region").asText()).isEqualTo("us-east-1");
      assertThat(mdc.path("resource.name").asText()).isEqualTo("carts");
      assertThat(mdc.path("table").asText()).isEqualTo("Carts");
      assertThat(mdc.path("operation").asText()).isEqualTo("CreateTable");
      // The stall is logged once, at WARN, with its reason and the resource, besides the Warning Event.
      List<JsonNode> stallLines = logEvents().stream().filter(e -> e.path("formattedMessage").asText().equals(
          "reading the table failed: ListTagsOfResource in us-east-1 failed: UnknownOperationException: Tagging is "
              + "not currently supported in DynamoDB Local.")).toList();
      assertThat(stallLines).hasSize(1);
      assertThat(stallLines.get(0).path("level").asText()).isEqualTo("WARN");
      assertThat(stallLines.get(0).path("kvpList").toString()).isEqualTo("[{\"reason\":\"AwsRejected\"}]");
      assertThat(stallLines.get(0).path("mdc").path("resource.name").asText()).isEqualTo("carts");

      // 5. SIGTERM: the shutdown hook stops the operator and releases the Lease, and the JVM exits promptly.
      long sent = System.nanoTime();
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
      assertThat(process.exitValue()).isEqualTo(128 + 15);
      System.out.printf("exited %d ms after SIGTERM%n", (System.nanoTime() - sent) / 1_000_000);
      assertThat(lease().getSpec().getHolderIdentity()).isEmpty();
      assertThat(logEvents()).anyMatch(e -> e.path("formattedMessage").asText()
          .equals("released Lease default/" + LEASE + " held by " + IDENTITY));
      // Everything the operator logs goes to stderr (logback.xml); run writes nothing else.
      assertThat(Files.readString(stdout)).isEmpty();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n--- operator stderr ---\n" + tail(stderr) + "\n--- status ---\n"
          + status(), e);
    }
  }

  private String status() {
    GlobalTable gt = cluster.get("default", "carts");
    return gt == null ? "(no resource)" : io.fabric8.kubernetes.client.utils.Serialization.asYaml(gt.getStatus());
  }

  private Lease lease() {
    return cluster.client().leases().inNamespace("default").withName(LEASE).get();
  }

  private DynamoDbClient localDynamoDb() {
    return DynamoDbClient.builder().endpointOverride(dynamoDbEndpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
        .build();
  }

  /** Every JSON line the operator wrote to stderr (a line that is not JSON fails the test: the format is json). */
  private List<JsonNode> logEvents() throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A kubeconfig for the mock server: plain http, no credentials, namespace default. */
  private Path writeKubeconfig(String masterUrl) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: mock",
        "  cluster:",
        "    server: " + masterUrl,
        "contexts:",
        "- name: mock",
        "  context:",
        "    cluster: mock",
        "    namespace: default",
        "    user: anonymous",
        "current-context: mock",
        "users:",
        "- name: anonymous",
        "  user: {}",
        ""));
    return file;
  }

  /** The java binary running this test. */
  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * The test JVM's classpath minus the test classes. surefire.test.class.path is the test classpath however surefire
   * handed it to the fork (with a manifest-only booter jar, java.class.path names only that jar); java.class.path
   * outside surefire. Why without the test classes: their logback-test.xml would take precedence over the shipped
   * logback.xml this test checks.
   */
  static String childClasspath() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path testClasses = testClassesDirectory();
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(testClasses))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Path testClassesDirectory() {
    try {
      return Path.of(RunProcessTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath().normalize();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
