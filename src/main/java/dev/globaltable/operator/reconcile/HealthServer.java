package dev.globaltable.operator.reconcile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.globaltable.operator.metrics.OperatorMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's small HTTP endpoints on a plain JDK HTTP server, each answering {@code GET} only (405 otherwise):
 * the probes {@code GET /healthz} (liveness: the operator is started) and {@code GET /readyz} (readiness: its
 * informers have synced), 200 with "ok", else 503 with what is missing, used by the Deployment's liveness and readiness
 * probes; and, on a port of its own, {@code GET /metrics} with the Prometheus text ({@link #metrics}).
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** One answer: status code, Content-Type and body. */
  public record Response(int status, String contentType, String body) {
    public Response {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /** Starts serving {@code routes} (path to the answer of a GET) on {@code port} (0: any free port) of every interface. */
  public static HealthServer start(int port, Map<String, Supplier<Response>> routes) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    routes.forEach((path, answer) -> server.createContext(path, ex -> answer(ex, answer)));
    server.setExecutor(null);
    server.start();
    return new HealthServer(server);
  }

  /** Serves the probes {@code /healthz} and {@code /readyz} on {@code port} (0: any free port). */
  public static HealthServer start(int port, BooleanSupplier alive, BooleanSupplier ready) throws IOException {
    Map<String, Supplier<Response>> routes = new LinkedHashMap<>();
    routes.put("/healthz", () -> probe(alive.getAsBoolean(), "not started"));
    routes.put("/readyz", () -> probe(ready.getAsBoolean(), "informers not synced"));
    return start(port, routes);
  }

  /** Probes for a running {@link GlobalTableOperator}. */
  public static HealthServer start(int port, GlobalTableOperator operator) throws IOException {
    return probes(port, () -> operator);
  }

  /**
   * Probes for the operator {@code operator} supplies once it has started (null before: both probes answer 503 "not
   * started", so the server can listen while the informers sync). {@code /readyz} names what is missing: "informers
   * not synced", or the leader-election state ("leader election: candidate" while no Lease holder is known yet).
   */
  public static HealthServer probes(int port, Supplier<GlobalTableOperator> operator) throws IOException {
    Map<String, Supplier<Response>> routes = new LinkedHashMap<>();
    routes.put("/healthz", () -> {
      GlobalTableOperator op = operator.get();
      return probe(op != null && op.alive(), "not started");
    });
    routes.put("/readyz", () -> {
      GlobalTableOperator op = operator.get();
      String why = op == null ? "not started" : op.notReadyBecause();
      return probe(why == null, why);
    });
    return start(port, routes);
  }

  /** Serves {@code GET /metrics}: {@code metrics}' Prometheus text, on {@code port} (0: any free port). */
  public static HealthServer metrics(int port, OperatorMetrics metrics) throws IOException {
    return start(port, Map.of("/metrics", () -> new Response(200, OperatorMetrics.CONTENT_TYPE, metrics.scrape())));
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static Response probe(boolean ok, String why) {
    return new Response(ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok" : why);
  }

  private static void answer(HttpExchange ex, Supplier<Response> answer) throws IOException {
    Response r = "GET".equals(ex.getRequestMethod()) ? answer.get()
        : new Response(405, "text/plain; charset=utf-8", "only GET is served");
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", r.contentType());
    ex.sendResponseHeaders(r.status(), body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
