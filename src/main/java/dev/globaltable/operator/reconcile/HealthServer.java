package dev.globaltable.operator.reconcile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The operator's probe endpoints on a plain JDK HTTP server: {@code GET /healthz} (liveness: the operator is started)
 * and {@code GET /readyz} (readiness: its informers have synced). 200 with "ok", else 503 with what is missing. Used by
 * the Deployment's liveness and readiness probes.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving on {@code port} (0: any free port) of every interface. */
  public static HealthServer start(int port, BooleanSupplier alive, BooleanSupplier ready) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", ex -> answer(ex, alive.getAsBoolean(), "not started"));
    server.createContext("/readyz", ex -> answer(ex, ready.getAsBoolean(), "informers not synced"));
    server.setExecutor(null);
    server.start();
    return new HealthServer(server);
  }

  /** Probes for a running {@link GlobalTableOperator}. */
  public static HealthServer start(int port, GlobalTableOperator operator) throws IOException {
    return start(port, operator::alive, operator::ready);
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange ex, boolean ok, String why) throws IOException {
    byte[] body = (ok ? "ok" : why).getBytes(StandardCharsets.UTF_8);
    int code = !"GET".equals(ex.getRequestMethod()) ? 405 : ok ? 200 : 503;
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
