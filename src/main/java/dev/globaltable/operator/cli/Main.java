package dev.globaltable.operator.cli;

import dev.globaltable.operator.aws.AwsSettings;
import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.aws.SdkAwsGateway;
import dev.globaltable.operator.metrics.MeteredRegionalClients;
import dev.globaltable.operator.metrics.OperatorMetrics;
import dev.globaltable.operator.logging.LogSettings;
import dev.globaltable.operator.reconcile.GlobalTableOperator;
import dev.globaltable.operator.reconcile.HealthServer;
import dev.globaltable.operator.reconcile.LeaderElection;
import dev.globaltable.operator.reconcile.OperatorSettings;
import dev.globaltable.operator.reconcile.PassListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Command line entry point. {@code run} (the default) starts the operator against the current Kubernetes context (or
 * the in-cluster service account) and real AWS through the default credential chain, so IRSA and EKS Pod Identity
 * work without configuration. Every option can also be given as an environment variable (shown in {@code --help}).
 */
public final class Main {
  private Main() {}

  /** Options: flag name -> environment variable. */
  private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("--namespaces", "GT_NAMESPACES");
    OPTIONS.put("--requeue-busy-seconds", "GT_REQUEUE_BUSY_SECONDS");
    OPTIONS.put("--resync-seconds", "GT_RESYNC_SECONDS");
    OPTIONS.put("--deep-check-minutes", "GT_DEEP_CHECK_MINUTES");
    OPTIONS.put("--threads", "GT_RECONCILE_THREADS");
    OPTIONS.put("--dynamodb-endpoint", "GT_DYNAMODB_ENDPOINT");
    OPTIONS.put("--health-port", "GT_HEALTH_PORT");
    OPTIONS.put("--metrics-port", "GT_METRICS_PORT");
    OPTIONS.put("--leader-election", "GT_LEADER_ELECTION");
    OPTIONS.put("--lease-name", "GT_LEASE_NAME");
    OPTIONS.put("--lease-namespace", "GT_LEASE_NAMESPACE");
    OPTIONS.put("--log-format", LogSettings.FORMAT);
    OPTIONS.put("--log-level", LogSettings.LEVEL);
  }

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "run";
    String[] rest = args.length > 0 && !args[0].startsWith("--") ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (command) {
      case "run" -> {
        int code = run(rest, System.out, System.err, Main::startOperator);
        if (code != 0) {
          // Why only then: after a normal stop the operator returns while the JVM is already shutting down (SIGTERM),
          // and System.exit would block for good there.
          System.exit(code);
        }
      }
      case "validate", "plan" -> {
        // Why here too: logback.xml reads GT_LOG_FORMAT and GT_LOG_LEVEL from the environment for these commands.
        if (!configureLogging(parse(new String[0]), System.err)) {
          System.exit(Commands.USAGE);
        }
        System.exit(execute(command, rest, System.out, System.err));
      }
      case "help", "--help", "-h" -> usage(System.out);
      default -> {
        System.err.println("unknown command: " + command);
        usage(System.err);
        System.exit(2);
      }
    }
  }

  /**
   * The offline commands ({@code validate}, {@code plan}), returning the exit code instead of exiting: 0 all valid (and
   * planned), 1 a manifest is invalid, 2 wrong arguments or an unreadable file, 3 ({@code plan}) AWS could not be read.
   */
  static int execute(String command, String[] args, PrintStream out, PrintStream err) {
    java.util.List<String> rest = Arrays.asList(args);
    if (rest.contains("--help")) {
      usage(out);
      return 0;
    }
    return switch (command) {
      case "validate" -> Commands.validate(rest, out, err);
      case "plan" -> Commands.plan(rest, out, err);
      default -> {
        err.println("unknown command: " + command);
        usage(err);
        yield Commands.USAGE;
      }
    };
  }

  /** What {@code run} starts once its options are read (the operator; a stand-in in tests). */
  @FunctionalInterface
  interface Starter {
    void start(Map<String, String> values) throws Exception;
  }

  /**
   * The {@code run} command up to starting the operator: reads the options (environment, then flags) and sets the log
   * format and level before anything logs, then hands the options to {@code starter}. Returns 0 after {@code --help}
   * or once the starter returns, 2 (nothing started) for an unknown option or an unknown log format or level.
   */
  static int run(String[] args, PrintStream out, PrintStream err, Starter starter) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      usage(out);
      return 0;
    }
    Map<String, String> values;
    try {
      values = parse(args);
      check(values);
    } catch (IllegalArgumentException e) {
      err.println("globaltable-operator: " + e.getMessage());
      return Commands.USAGE;
    }
    if (!configureLogging(values, err)) {
      return Commands.USAGE;
    }
    starter.start(values);
    return 0;
  }

  /**
   * Applies {@code --log-format} and {@code --log-level} (or GT_LOG_FORMAT and GT_LOG_LEVEL) as the system properties
   * logback.xml reads; must run before the first logger is created. False, after saying why on {@code err}, for a
   * value logback.xml does not know (it would otherwise fall back silently).
   */
  static boolean configureLogging(Map<String, String> values, PrintStream err) {
    try {
      LogSettings.apply(values.get("--log-format"), values.get("--log-level"));
      return true;
    } catch (IllegalArgumentException e) {
      err.println("globaltable-operator: " + e.getMessage());
      return false;
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    OPTIONS.forEach((flag, env) -> {
      String v = System.getenv(env);
      if (v != null && !v.isBlank()) {
        values.put(flag, v.trim());
      }
    });
    for (int i = 0; i < args.length; i++) {
      if (!OPTIONS.containsKey(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option: " + args[i] + " (see --help)");
      }
      values.put(args[i], args[++i]);
    }
    return values;
  }

  static OperatorSettings settings(Map<String, String> values) {
    OperatorSettings d = OperatorSettings.defaults();
    Set<String> namespaces = values.containsKey("--namespaces")
        ? Arrays.stream(values.get("--namespaces").split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toSet())
        : Set.of();
    return new OperatorSettings(
        seconds(values, "--requeue-busy-seconds", d.requeueBusy()),
        seconds(values, "--resync-seconds", d.resync()),
        values.containsKey("--deep-check-minutes")
            ? Duration.ofMinutes(number(values, "--deep-check-minutes", 1, 1440)) : d.deepCheckInterval(),
        d.stalledRecheck(), d.retryInitial(), d.retryMax(), namespaces,
        values.containsKey("--threads") ? (int) number(values, "--threads", 1, 100) : d.reconcileThreads());
  }

  /**
   * Leader election from the options: on unless {@code --leader-election false}; the Lease {@code --lease-name}
   * (default {@value LeaderElection#DEFAULT_LEASE_NAME}) in {@code --lease-namespace} (default: the client's namespace,
   * in a pod its service account's). Returns null when off.
   */
  static LeaderElection leaderElection(Map<String, String> values) {
    String enabled = values.getOrDefault("--leader-election", "true").toLowerCase(java.util.Locale.ROOT);
    if (!enabled.equals("true") && !enabled.equals("false")) {
      throw new IllegalArgumentException("--leader-election (GT_LEADER_ELECTION) must be true or false, got: "
          + values.get("--leader-election"));
    }
    if (enabled.equals("false")) {
      return null;
    }
    return LeaderElection.of(values.getOrDefault("--lease-name", LeaderElection.DEFAULT_LEASE_NAME),
        values.get("--lease-namespace"));
  }

  /** A port option (0 turns its endpoint off). */
  static int port(Map<String, String> values, String flag, int fallback) {
    return values.containsKey(flag) ? (int) number(values, flag, 0, 65_535) : fallback;
  }

  /** A whole-number option within [min, max], or an IllegalArgumentException naming the flag and its variable. */
  static long number(Map<String, String> values, String flag, long min, long max) {
    String raw = values.get(flag);
    try {
      long n = Long.parseLong(raw);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Why no rethrow: the message below says what is allowed.
    }
    throw new IllegalArgumentException(flag + " (" + OPTIONS.get(flag) + ") must be a whole number from " + min
        + " to " + max + ", got: " + raw);
  }

  /** Every option's value checked, so that a wrong one stops {@code run} before anything starts. */
  static void check(Map<String, String> values) {
    settings(values);
    leaderElection(values);
    port(values, "--health-port", 8081);
    port(values, "--metrics-port", 8080);
  }

  private static Duration seconds(Map<String, String> values, String flag, Duration fallback) {
    return values.containsKey(flag) ? Duration.ofSeconds(number(values, flag, 1, 86_400)) : fallback;
  }

  private static void startOperator(Map<String, String> values) throws InterruptedException {
    OperatorSettings settings = settings(values);
    LeaderElection election = leaderElection(values);
    AwsSettings aws = AwsSettings.defaults();
    if (values.containsKey("--dynamodb-endpoint")) {
      aws = aws.withDynamoDbEndpoint(URI.create(values.get("--dynamodb-endpoint")));
    }
    int metricsPort = port(values, "--metrics-port", 8080);
    OperatorMetrics metrics = new OperatorMetrics().withJvmMetrics();
    KubernetesClient client = new KubernetesClientBuilder().build();
    // Why metered here, under the no-autoscaling wrapper: every call that reaches AWS is counted, and a call refused
    // locally because the service is not used with an overridden endpoint is not (it never left the process).
    RegionalClients realClients = new MeteredRegionalClients(RegionalClients.real(aws), metrics);
    // Why: an AWS-compatible DynamoDB endpoint (DynamoDB Local, a test stack) has no Application Auto Scaling or
    // CloudWatch, and the regional ones belong to real AWS: autoscaling or alarming a same-named real table from here
    // would be wrong. Provisioned tables with autoscaling, and tables with alarms or a dashboard, then stall with a
    // message saying so; other tables work.
    RegionalClients clients = values.containsKey("--dynamodb-endpoint")
        ? realClients.withoutApplicationAutoScaling("the DynamoDB endpoint is overridden (--dynamodb-endpoint); "
            + "Application Auto Scaling and CloudWatch are only used against real AWS")
        : realClients;
    int healthPort = port(values, "--health-port", 8081);
    java.util.concurrent.atomic.AtomicReference<GlobalTableOperator> started =
        new java.util.concurrent.atomic.AtomicReference<>();
    HealthServer health = null;
    if (healthPort > 0) {
      try {
        // Why before the operator: the probes answer (503 "not started") while the informers sync; port 0 turns them
        // off.
        health = HealthServer.probes(healthPort, started::get);
      } catch (java.io.IOException e) {
        System.err.println("globaltable-operator could not serve /healthz and /readyz on port " + healthPort + ": "
            + e.getMessage());
        clients.close();
        client.close();
        System.exit(1);
        return;
      }
    }
    GlobalTableOperator operator;
    try {
      operator = GlobalTableOperator.start(client, new SdkAwsGateway(clients), Clock.systemUTC(), settings,
          PassListener.NONE, metrics, election);
    } catch (RuntimeException e) {
      // Why: the usual cause is no reachable cluster, a missing CRD or missing RBAC; say so in one line, not a stack
      // trace.
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      System.err.println("globaltable-operator could not start against the Kubernetes API at " + client.getMasterUrl()
          + ": " + e.getMessage() + " (root cause: " + root + "). Is the cluster reachable, the CRD in crds/ "
          + "installed, and (with leader election) may the service account get, create, update and patch Leases in "
          + "the lease namespace? To try the operator without a cluster: mvn -B -q test-compile exec:java@sandbox");
      if (health != null) {
        health.close();
      }
      clients.close();
      client.close();
      System.exit(1);
      return;
    }
    started.set(operator);
    HealthServer scrape = null;
    if (metricsPort > 0) {
      try {
        // Why a port of its own: Prometheus scrapes it (pod annotations or a ServiceMonitor); 0 turns it off.
        scrape = HealthServer.metrics(metricsPort, metrics);
      } catch (java.io.IOException e) {
        System.err.println("globaltable-operator could not serve /metrics on port " + metricsPort + ": "
            + e.getMessage());
        if (health != null) {
          health.close();
        }
        operator.close();
        clients.close();
        client.close();
        System.exit(1);
        return;
      }
    }
    HealthServer probes = health;
    HealthServer metricsServer = scrape;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (probes != null) {
        probes.close();
      }
      if (metricsServer != null) {
        metricsServer.close();
      }
      operator.close();
      realClients.close();
      client.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }

  static void usage(PrintStream out) {
    out.println("globaltable-operator: Kubernetes operator for DynamoDB global tables");
    out.println();
    out.println("usage: Main [run] [options]     run the operator (current kube context or in-cluster; real AWS)");
    out.println("       Main validate FILE...        check GlobalTable manifests offline (no cluster, no AWS)");
    out.println("       Main plan FILE [--sandbox]   print the steps the operator would take; changes nothing");
    out.println("       Main help");
    out.println();
    out.println("options (each also read from the environment variable shown):");
    out.println("  --namespaces a,b            GT_NAMESPACES            namespaces to watch (default: all)");
    out.println("  --requeue-busy-seconds N    GT_REQUEUE_BUSY_SECONDS  re-check delay while AWS is busy (10)");
    out.println("  --resync-seconds N          GT_RESYNC_SECONDS        re-check delay once converged (300)");
    out.println("  --health-port N             GT_HEALTH_PORT           port of /healthz and /readyz; 0 turns them off (8081)");
    out.println("  --metrics-port N            GT_METRICS_PORT          port of /metrics (Prometheus); 0 turns it off (8080)");
    out.println("  --deep-check-minutes N      GT_DEEP_CHECK_MINUTES    every-region check cadence (30)");
    out.println("  --threads N                 GT_RECONCILE_THREADS     concurrent reconciliations (5)");
    out.println("  --dynamodb-endpoint URL     GT_DYNAMODB_ENDPOINT     DynamoDB endpoint override (all regions)");
    out.println("  --leader-election B         GT_LEADER_ELECTION       true: only the holder of a Lease acts (true)");
    out.println("  --lease-name NAME           GT_LEASE_NAME            the Lease (" + LeaderElection.DEFAULT_LEASE_NAME + ")");
    out.println("  --lease-namespace NS        GT_LEASE_NAMESPACE       its namespace (default: the pod's namespace)");
    out.println("  --log-format text|json      GT_LOG_FORMAT            log lines as text or one JSON object each (text)");
    out.println("  --log-level LEVEL           GT_LOG_LEVEL             TRACE, DEBUG, INFO, WARN, ERROR or OFF (INFO)");
    out.println();
    out.println("validate: every GlobalTable document of each FILE (multi-document YAML) is read with the CRD's types");
    out.println("  and checked by the operator's SpecValidator, which implements the same rules as the CRD's schema");
    out.println("  and CEL rules (a test holds them to the same manifests); the API server's own CEL evaluation is not");
    out.println("  run here. Other kinds are skipped with a note. Prints FILE#N kind/name: OK or INVALID and one line");
    out.println("  per violation. Exit 0 all valid, 1 any invalid, 2 usage error or unreadable file.");
    out.println("plan: validates each GlobalTable of FILE, reads its table in AWS (home and replica regions) and prints");
    out.println("  the operator's plan for a new resource (namespace " + Commands.DEFAULT_NAMESPACE
        + " when the manifest names none); never");
    out.println("  calls a mutating AWS API. --sandbox: against a fresh in-memory simulator (us-east-1, eu-west-1,");
    out.println("  ap-northeast-1) where nothing exists yet. Exit 0 planned, 1 invalid, 2 usage, 3 AWS not readable.");
    out.println();
    out.println("AWS credentials and region come from the default chain (env, profile, IRSA, Pod Identity).");
    out.println("To try the operator without AWS or a cluster: mvn -B -q test-compile exec:java@sandbox");
  }
}
