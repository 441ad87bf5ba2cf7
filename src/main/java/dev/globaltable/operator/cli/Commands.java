package dev.globaltable.operator.cli;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.aws.AwsGateway;
import dev.globaltable.operator.aws.AwsSettings;
import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.aws.SdkAwsGateway;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.DesiredMapper;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.plan.Blocker;
import dev.globaltable.operator.plan.Managed;
import dev.globaltable.operator.plan.Plan;
import dev.globaltable.operator.plan.Planner;
import dev.globaltable.operator.reconcile.GlobalTableReconciler;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import dev.globaltable.operator.validate.SpecValidator;
import dev.globaltable.operator.validate.Violation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline commands: {@code validate} (no AWS, no cluster) and {@code plan} (reads AWS, never changes it). Each
 * returns its exit code instead of exiting, so tests can run it.
 */
final class Commands {
  static final int OK = 0;
  /** A manifest is invalid or unreadable as a GlobalTable. */
  static final int INVALID = 1;
  /** Wrong arguments, or a file that cannot be read. */
  static final int USAGE = 2;
  /** {@code plan} could not observe AWS. */
  static final int AWS_FAILED = 3;

  /** The sandbox's regions and account, as in the embedded sandbox ({@code exec:java@sandbox}). */
  static final List<String> SANDBOX_REGIONS = List.of("us-east-1", "eu-west-1", "ap-northeast-1");
  static final String SANDBOX_ACCOUNT = "111122223333";
  /** Namespace of a manifest that names none (what kubectl apply would use with a default context). */
  static final String DEFAULT_NAMESPACE = "default";

  private Commands() {}

  /** {@code validate FILE...}. */
  static int validate(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.stream().anyMatch(a -> a.startsWith("--"))) {
      err.println(args.isEmpty() ? "validate: no FILE given" : "validate: unknown option " + firstOption(args));
      err.println("usage: validate FILE...   (see help)");
      return USAGE;
    }
    SpecValidator validator = new SpecValidator();
    int code = OK;
    for (String file : args) {
      List<ManifestDocuments.Document> documents;
      try {
        documents = ManifestDocuments.read(Path.of(file));
      } catch (IOException | RuntimeException e) {
        err.println(file + ": cannot read: " + describe(e));
        code = Math.max(code, USAGE);
        continue;
      }
      boolean any = false;
      for (ManifestDocuments.Document d : documents) {
        if (!d.isGlobalTable()) {
          note(out, d);
          continue;
        }
        any = true;
        List<String> problems = problems(validator, d);
        out.println(d.label() + " " + d.title() + ": " + (problems.isEmpty() ? "OK" : "INVALID"));
        problems.forEach(p -> out.println("  " + p));
        d.notes().forEach(n -> out.println("  note: " + n));
        if (!problems.isEmpty()) {
          code = Math.max(code, INVALID);
        }
      }
      if (!any) {
        out.println(file + ": no GlobalTable documents");
      }
    }
    return code;
  }

  /** {@code plan FILE [--sandbox]}: real AWS (default credential chain) or a fresh SimulatedAws. */
  static int plan(List<String> args, PrintStream out, PrintStream err) {
    List<String> files = new ArrayList<>();
    boolean sandbox = false;
    for (String a : args) {
      if (a.equals("--sandbox")) {
        sandbox = true;
      } else if (a.startsWith("--")) {
        err.println("plan: unknown option " + a);
        err.println("usage: plan FILE [--sandbox]   (see help)");
        return USAGE;
      } else {
        files.add(a);
      }
    }
    if (files.size() != 1) {
      err.println(files.isEmpty() ? "plan: no FILE given" : "plan: exactly one FILE, got " + files.size());
      err.println("usage: plan FILE [--sandbox]   (see help)");
      return USAGE;
    }
    if (sandbox) {
      SimulatedAws aws = sandbox();
      err.println("sandbox: a fresh in-memory SimulatedAws (" + String.join(", ", SANDBOX_REGIONS)
          + "); no table exists there, so this is the plan that creates it");
      return plan(files.get(0), new SdkAwsGateway(
          RegionalClients.of(aws::dynamoDb, aws::applicationAutoScaling, aws::cloudWatch), aws.clock()), out, err);
    }
    try (RegionalClients clients = RegionalClients.real(AwsSettings.defaults())) {
      return plan(files.get(0), new SdkAwsGateway(clients), out, err);
    }
  }

  /** A fresh simulator with the sandbox's regions and a manual clock (nothing happens unless advanced). */
  static SimulatedAws sandbox() {
    return new SimulatedAws(SimClock.manual(Instant.parse("2026-11-23T09:00:00Z")), SANDBOX_ACCOUNT,
        SANDBOX_REGIONS);
  }

  /**
   * Validates each GlobalTable of {@code file}, observes AWS through {@code aws} (reads only) and prints the plan the
   * operator would follow in a first pass for a new resource: no status yet, so nothing recorded as managed but what
   * the observation shows the spec already has, and the table counted as this resource's only when its owner tag says
   * so. Never calls {@link AwsGateway#apply}.
   */
  static int plan(String file, AwsGateway aws, PrintStream out, PrintStream err) {
    List<ManifestDocuments.Document> documents;
    try {
      documents = ManifestDocuments.read(Path.of(file));
    } catch (IOException | RuntimeException e) {
      err.println(file + ": cannot read: " + describe(e));
      return USAGE;
    }
    SpecValidator validator = new SpecValidator();
    Planner planner = new Planner();
    int code = OK;
    boolean any = false;
    for (ManifestDocuments.Document d : documents) {
      if (!d.isGlobalTable()) {
        note(out, d);
        continue;
      }
      any = true;
      List<String> problems = problems(validator, d);
      if (!problems.isEmpty()) {
        out.println(d.label() + " " + d.title() + ": INVALID (not planned)");
        problems.forEach(p -> out.println("  " + p));
        code = Math.max(code, INVALID);
        continue;
      }
      GlobalTable resource = d.resource();
      String namespace = resource.getMetadata().getNamespace() == null ? DEFAULT_NAMESPACE
          : resource.getMetadata().getNamespace();
      Desired desired = DesiredMapper.toDesired(namespace, d.name(), resource.getSpec());
      out.println("plan for " + namespace + "/" + d.name() + " (table " + desired.tableName() + ", home "
          + desired.homeRegion() + "):");
      Observed observed;
      try {
        observed = aws.observe(desired.tableName(), desired.homeRegion(),
            GlobalTableReconciler.regionsOfInterest(desired, null, Managed.NONE), true,
            GlobalTableReconciler.observeOptions(desired, null, Managed.NONE));
      } catch (RuntimeException e) {
        out.println("  cannot observe AWS: " + describe(e));
        code = Math.max(code, AWS_FAILED);
        continue;
      }
      // As the reconciler's first pass: what exists of the spec counts as managed (Planner.nextManaged from nothing).
      Managed managed = Planner.nextManaged(desired, observed, Managed.NONE);
      Plan plan = planner.plan(desired, observed, managed, verifiedTableId(desired, observed));
      print(out, plan);
    }
    if (!any) {
      out.println(file + ": no GlobalTable documents");
    }
    return code;
  }

  private static void print(PrintStream out, Plan plan) {
    if (plan.isConverged()) {
      out.println("  converged");
      return;
    }
    for (int i = 0; i < plan.steps().size(); i++) {
      out.println("  " + (i + 1) + ". " + plan.steps().get(i).describe());
    }
    Blocker blocker = plan.blocker();
    if (blocker != null) {
      out.println("  " + (blocker.isWait() ? "waiting" : "blocked") + " (" + blocker.reason() + "): "
          + blocker.message() + (blocker.notBefore() == null ? "" : " (not before " + blocker.notBefore() + ")"));
    }
    for (Blocker problem : plan.problems()) {
      if (!problem.equals(blocker)) {
        out.println("  step blocked (" + problem.reason() + "): " + problem.message());
      }
    }
  }

  /** The home table's TableId when its owner tag names this resource (as the reconciler's rememberOwnership). */
  static String verifiedTableId(Desired desired, Observed observed) {
    RegionalTable home = observed.homeTable();
    if (home == null || observed.home().tags() == null) {
      return null;
    }
    return desired.owner().equals(observed.home().tags().get(Desired.OWNER_TAG)) ? home.tableId() : null;
  }

  /** Read errors, then SpecValidator's messages (no recorded identity: there is no status offline). */
  private static List<String> problems(SpecValidator validator, ManifestDocuments.Document d) {
    if (!d.errors().isEmpty()) {
      return d.errors();
    }
    return validator.validate(d.name(), d.resource().getSpec(), null).stream().map(Violation::message).toList();
  }

  private static void note(PrintStream out, ManifestDocuments.Document d) {
    d.notes().forEach(n -> out.println(d.label() + " " + d.title() + ": " + n));
  }

  private static String firstOption(List<String> args) {
    return args.stream().filter(a -> a.startsWith("--")).findFirst().orElse("");
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
