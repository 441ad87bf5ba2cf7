package dev.globaltable.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.metrics.OperatorMetrics;
import dev.globaltable.operator.testing.OperatorHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** /healthz and /readyz answer from the running operator's state; /metrics with the Prometheus text. */
class HealthServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRunningOperatorIsAliveAndReadyOnceItsInformersHaveSynced() throws Exception {
    try (OperatorHarness h = new OperatorHarness();
        HealthServer health = HealthServer.start(0, h.operator())) {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get(health.port(), "/readyz").statusCode() == 200);
      assertThat(get(health.port(), "/healthz").body()).isEqualTo("ok");
      assertThat(get(health.port(), "/readyz").body()).isEqualTo("ok");
    }
  }

  @Test
  void notReadyIs503WithTheReasonAndOnlyGetIsServed() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (HealthServer health = HealthServer.start(0, () -> true, ready::get)) {
      HttpResponse<String> r = get(health.port(), "/readyz");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("informers not synced");
      ready.set(true);
      assertThat(get(health.port(), "/readyz").statusCode()).isEqualTo(200);
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port()
          + "/healthz")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void metricsAreServedAsPrometheusTextOnGetOnly() throws Exception {
    OperatorMetrics metrics = new OperatorMetrics();
    metrics.awsCall("dynamodb", "DescribeTable", "us-east-1", "success");
    try (HealthServer server = HealthServer.metrics(0, metrics)) {
      HttpResponse<String> r = get(server.port(), "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
      assertThat(r.body()).contains("# TYPE globaltable_aws_calls_total counter\n",
          "globaltable_aws_calls_total{operation=\"DescribeTable\",outcome=\"success\",region=\"us-east-1\","
              + "service=\"dynamodb\"} 1.0\n");
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(get(server.port(), "/healthz").statusCode()).as("the metrics port serves only /metrics").isEqualTo(404);
    }
  }
}
