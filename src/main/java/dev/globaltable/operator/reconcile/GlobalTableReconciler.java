package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.api.CooldownStatus;
import dev.globaltable.operator.api.DeletionPolicy;
import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.GlobalTableStatus;
import dev.globaltable.operator.api.ReplicaStatus;
import dev.globaltable.operator.api.TableIdentity;
import dev.globaltable.operator.aws.AwsCallException;
import dev.globaltable.operator.aws.AwsGateway;
import dev.globaltable.operator.aws.ErrorClassifier;
import dev.globaltable.operator.aws.ErrorKind;
import dev.globaltable.operator.metrics.OperatorMetrics;
import dev.globaltable.operator.logging.LogFields;
import dev.globaltable.operator.logging.MdcScope;
import dev.globaltable.operator.model.AlarmNames;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.DesiredMapper;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedSettings;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.plan.BlockReason;
import dev.globaltable.operator.plan.Blocker;
import dev.globaltable.operator.plan.Cooldowns;
import dev.globaltable.operator.plan.Drift;
import dev.globaltable.operator.plan.Managed;
import dev.globaltable.operator.plan.Plan;
import dev.globaltable.operator.plan.PlannedStep;
import dev.globaltable.operator.plan.Planner;
import dev.globaltable.operator.plan.Step;
import dev.globaltable.operator.validate.SpecValidator;
import dev.globaltable.operator.validate.Violation;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observe, plan, act one step, record. Each pass makes at most one mutating AWS call and never waits for AWS: it
 * reschedules instead. Status is produced by {@link StatusWriter} only.
 */
public final class GlobalTableReconciler implements Reconciler<GlobalTable>, Cleaner<GlobalTable> {
  private static final Logger LOG = LoggerFactory.getLogger(GlobalTableReconciler.class);

  private final AwsGateway aws;
  private final Planner planner = new Planner();
  private final SpecValidator validator = new SpecValidator();
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final Clock clock;
  private final OperatorSettings settings;
  private final PassListener listener;
  /** Null: no metrics. */
  private final OperatorMetrics metrics;

  /** When each resource (by uid) last had every region described. In memory: a restart starts with a deep pass. */
  private final Map<String, Instant> lastDeep = new ConcurrentHashMap<>();
  /** TableId whose owner tag was verified, per resource uid; a new incarnation is verified again. */
  private final Map<String, String> verifiedTableId = new ConcurrentHashMap<>();
  /** When this process sent CreateTable for a resource (uid): guards deletion against DescribeTable's lag. */
  private final Map<String, Instant> createSent = new ConcurrentHashMap<>();
  /** How long a just-created table may stay invisible to DescribeTable before deletion stops waiting for it. */
  static final Duration CREATE_VISIBILITY_GRACE = Duration.ofMinutes(2);
  /** The step AWS rejected as invalid, per resource uid, keyed with the generation it was rejected for. */
  private final Map<String, String> rejected = new ConcurrentHashMap<>();
  /** How long AWS's last "busy" answer suggests waiting, per resource uid (consumed by the next reschedule). */
  private final Map<String, Duration> waitHint = new ConcurrentHashMap<>();
  /** Last warning emitted per resource uid, so a stalled resource does not flood the event stream. */
  private final Map<String, String> lastWarning = new ConcurrentHashMap<>();
  /** Generation each resource (by uid) was last Ready for; a settings step after that corrects drift. In memory. */
  private final Map<String, Long> convergedGeneration = new ConcurrentHashMap<>();
  /** Drift already reported for a suspended resource (by uid), so that each difference gets one Event. */
  private final Map<String, Set<String>> reportedDrift = new ConcurrentHashMap<>();
  /** The refused mutation (by uid) the gateway has logged already, so that the retry's error is not logged again. */
  private final Map<String, AwsCallException> refusalLogged = new ConcurrentHashMap<>();

  public GlobalTableReconciler(AwsGateway aws, EventRecorder events, Clock clock, OperatorSettings settings,
      PassListener listener) {
    this(aws, events, clock, settings, listener, null);
  }

  /**
   * A reconciler that records each pass's duration and result, and (through its {@link StatusWriter}) the per-resource
   * gauges and time to Ready, in {@code metrics} (null: no metrics).
   */
  public GlobalTableReconciler(AwsGateway aws, EventRecorder events, Clock clock, OperatorSettings settings,
      PassListener listener, OperatorMetrics metrics) {
    this.aws = aws;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.listener = listener == null ? PassListener.NONE : listener;
    this.metrics = metrics;
    this.statusWriter = new StatusWriter(clock, metrics);
  }

  @Override
  public UpdateControl<GlobalTable> reconcile(GlobalTable resource, Context<GlobalTable> context) {
    if (metrics == null) {
      return reconcilePass(resource, context);
    }
    long started = metrics.passStarted();
    metrics.generationSeen(resource.getMetadata().getUid(), resource.getMetadata().getGeneration(),
        wasReadyForThisGeneration(resource), clock.instant());
    String result = "error";
    try {
      UpdateControl<GlobalTable> control = reconcilePass(resource, context);
      result = passResult(resource.getStatus());
      return control;
    } finally {
      metrics.passFinished(started, result);
    }
  }

  /**
   * The result of a finished pass, as {@code globaltable_reconcile_duration_seconds} tags it: the phase its status
   * shows ({@code ready}, {@code progressing}, {@code stalled}, {@code suspended}). Every pass that returns has set the
   * resource's status to the one it computed (changed or not).
   */
  static String passResult(GlobalTableStatus status) {
    Phase phase = Phase.SUSPENDED;
    if (isTrue(status, ConditionType.Ready)) {
      phase = Phase.READY;
    } else if (isTrue(status, ConditionType.Stalled)) {
      phase = Phase.STALLED;
    } else if (isTrue(status, ConditionType.Reconciling)) {
      phase = Phase.PROGRESSING;
    }
    return phase.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean isTrue(GlobalTableStatus status, ConditionType type) {
    Condition c = StatusWriter.find(status, type);
    return c != null && "True".equals(c.getStatus());
  }

  private UpdateControl<GlobalTable> reconcilePass(GlobalTable resource, Context<GlobalTable> context) {
    listener.passStarted(resource);
    String uid = resource.getMetadata().getUid();
    GlobalTableSpec spec = resource.getSpec();
    GlobalTableStatus previous = resource.getStatus();

    List<Violation> violations = validator.validate(resource.getMetadata().getName(), spec,
        previous == null ? null : previous.identity);
    if (!violations.isEmpty()) {
      String message = describe(violations);
      warnOnce(resource, Reason.InvalidSpec, message);
      // Why: no AWS call on an invalid spec; the next spec change triggers a new pass, so no reschedule.
      return statusWriter.control(resource,
          new StatusWriter.PassFacts(null, null, null, Outcome.stalled(Reason.InvalidSpec, message), null, null));
    }

    Desired desired = DesiredMapper.toDesired(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
        spec);
    Managed previousManaged = managedFrom(previous);
    List<String> regions = regionsOfInterest(desired, previous, previousManaged);

    PassNotes notes = new PassNotes(cooldownsFrom(previous).prune(clock.instant()));
    Planned planned;
    try {
      planned = observeAndPlan(uid, desired, regions, deepDue(resource, uid), previous, previousManaged,
          notes.cooldowns);
      if (!planned.observed().deep() && needsDeep(planned.plan())) {
        // Why: the plan cannot decide without per-region state (ownership tags, index backfill in every region).
        planned = observeAndPlan(uid, desired, regions, true, previous, previousManaged, notes.cooldowns);
      }
    } catch (AwsCallException e) {
      Outcome failed = observationFailed(resource, e);
      return statusWriter.control(resource, new StatusWriter.PassFacts(desired, null, null, failed, null, null))
          .rescheduleAfter(delayFor(failed));
    }
    Observed observed = planned.observed();
    Plan plan = planned.plan();
    if (observed.deep() && settingsComplete(observed) && monitoringComplete(desired, observed)) {
      lastDeep.put(uid, clock.instant());
    }

    TableIdentity identity = identityIfOurs(resource, observed, plan, previous);
    Outcome outcome = withProblems(act(resource, desired, plan, notes), plan);
    if (outcome.phase() == Phase.READY && observed.deep() && settingsComplete(observed)) {
      // Why only a complete deep pass: a setting that could not be read is not known to be in place, and correcting
      // it later would be mistaken for drift.
      convergedGeneration.put(uid, resource.getMetadata().getGeneration());
    }
    if (observed.deep() && desired.suspend()) {
      reportDrift(resource, plan);
    }
    if (outcome.applied() instanceof Step.CreateTable) {
      identity = DesiredMapper.identityOf(resource.getMetadata().getName(), spec);
      createSent.put(uid, clock.instant());
    }
    Managed managed = Planner.recordApplied(planned.managed(), outcome.applied());
    Instant earliest = plan.earliestNotBefore();
    if (outcome.applied() == null && plan.next().isEmpty() && earliest != null
        && (plan.blocker() == null || plan.blocker().notBefore() != null)) {
      // Why: all that is left waits for an instant AWS named or implies (the decrease budget, a cooldown); look again
      // then, not every few seconds. A wait without a known end (AWS busy) keeps the short requeue.
      Duration until = Duration.between(clock.instant(), earliest);
      if (until.compareTo(settings.resync()) > 0) {
        // Why: never sleep past the resync interval, however far off the instant is: the plan itself holds the step
        // until then (status.cooldowns, the decrease budget), so waking early costs one DescribeTable and no call AWS
        // would refuse, and a clock that jumps (or a cooldown recorded too long) cannot silence the resource.
        until = settings.resync();
      }
      if (!until.isNegative()) {
        waitHint.merge(uid, until, (a, b) -> a.compareTo(b) < 0 ? a : b);
      }
    }

    StatusWriter.PassFacts facts = new StatusWriter.PassFacts(desired, observed, plan, outcome, managed, identity,
        notes.cooldowns, notes.driftCorrected);
    return statusWriter.control(resource, facts).rescheduleAfter(delayFor(resource, outcome));
  }

  /** One observation and the plan made from it. */
  private record Planned(Observed observed, Managed managed, Plan plan) {}

  private Planned observeAndPlan(String uid, Desired desired, List<String> regions, boolean deep,
      GlobalTableStatus previous, Managed previousManaged, Cooldowns cooldowns) {
    Observed observed = aws.observe(desired.tableName(), desired.homeRegion(), regions, deep,
        observeOptions(desired, previous, previousManaged));
    rememberOwnership(uid, desired, observed, previous);
    Managed managed = Planner.nextManaged(desired, observed, previousManaged);
    return new Planned(observed, managed, planner.plan(desired, observed, managed, verifiedTableId.get(uid),
        cooldowns));
  }

  /**
   * The MDC of one step: the resource (JOSDK's own keys, which it has already set during a reconcile or cleanup; set
   * here only when it has not, e.g. when the reconciler is called directly), table, region and step. The gateway logs
   * the call's outcome inside it and adds service and operation. Closing it removes what it set, so nothing carries
   * over to the next resource on this thread.
   */
  private static MdcScope stepContext(GlobalTable resource, Desired desired, Step step) {
    return MdcScope.open()
        .putIfAbsent(LogFields.RESOURCE_NAMESPACE, resource.getMetadata().getNamespace())
        .putIfAbsent(LogFields.RESOURCE_NAME, resource.getMetadata().getName())
        .put(LogFields.TABLE, desired.tableName())
        .put(LogFields.REGION, step.region())
        .put(LogFields.STEP, step.describe());
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::message).collect(Collectors.joining("; "));
  }

  /** A blocker only a person can clear: Stalled with its reason, and one Warning per distinct message. */
  private Outcome stalledBy(GlobalTable resource, Blocker blocker) {
    Reason reason = Reasons.forBlock(blocker.reason());
    warnOnce(resource, reason, blocker.message());
    return Outcome.stalled(reason, blocker.message());
  }

  /** Adds step-level problems (e.g. a stream change AWS forbids) to a progressing pass's message, so none is hidden. */
  private static Outcome withProblems(Outcome outcome, Plan plan) {
    if (outcome.phase() != Phase.PROGRESSING || plan.problems().isEmpty()) {
      return outcome;
    }
    String problems = plan.problems().stream().map(b -> b.message()).collect(Collectors.joining("; "));
    return new Outcome(outcome.phase(), outcome.reason(), outcome.message() + "; also: " + problems,
        outcome.applied());
  }

  /** What a pass learned beyond the plan: cooldowns to keep and drift corrected, per region. */
  private static final class PassNotes {
    Cooldowns cooldowns;
    final Map<String, Integer> driftCorrected = new java.util.TreeMap<>();

    PassNotes(Cooldowns cooldowns) {
      this.cooldowns = cooldowns;
    }
  }

  /** Applies the first runnable step, or explains why nothing runs. */
  private Outcome act(GlobalTable resource, Desired desired, Plan plan, PassNotes notes) {
    if (plan.isStalled()) {
      return stalledBy(resource, plan.blocker());
    }
    if (plan.isConverged()) {
      lastWarning.remove(resource.getMetadata().getUid());
      return Outcome.ready("table " + desired.tableName() + " is ACTIVE in " + desired.regions().size()
          + (desired.regions().size() == 1 ? " region" : " regions"));
    }
    if (plan.steps().isEmpty() && plan.blocker() != null && plan.blocker().reason().isUpdateInPlace()
        && wasReadyForThisGeneration(resource)) {
      // Why: nothing is left to do for this spec and the table was Ready for it; AWS updating the table on its own
      // (Application Auto Scaling changing capacity) does not make it less ready.
      return Outcome.ready("table " + desired.tableName() + " is serving in " + desired.regions().size()
          + (desired.regions().size() == 1 ? " region" : " regions") + "; AWS is updating it (" + plan.blocker().message()
          + ")");
    }
    if (desired.suspend()) {
      // Why: suspend means observe and report only; never mutate AWS.
      return Outcome.suspended("suspend is true; " + plan.steps().size() + " step(s) pending: "
          + String.join(", ", plan.describe()));
    }
    var next = plan.next();
    if (next.isEmpty()) {
      PlannedStep first = plan.steps().isEmpty() ? null : plan.steps().get(0);
      var blocker = plan.blocker() != null ? plan.blocker() : first == null ? null : first.blockedBy();
      if (blocker == null) {
        return Outcome.progressing(Reason.WaitingForAws, "waiting for AWS");
      }
      if (!blocker.isWait()) {
        return stalledBy(resource, blocker);
      }
      if (blocker.notBefore() != null) {
        // Why: a wait with a known end reads best as the step and its instant ("... (not before T: why)").
        Blocker b = blocker;
        String when = plan.steps().stream().filter(ps -> b.equals(ps.blockedBy())).findFirst()
            .map(PlannedStep::describe).orElse(blocker.message());
        return Outcome.progressing(Reasons.forBlock(blocker.reason()), when);
      }
      return Outcome.progressing(Reasons.forBlock(blocker.reason()), blocker.message());
    }
    return applyStep(resource, desired, next.get(), Reasons.forStep(next.get()), notes);
  }

  /**
   * Suspended: every difference between the spec and a per-region setting is reported once as a DriftDetected Warning
   * (and stays visible in status.pending); nothing is corrected.
   */
  private void reportDrift(GlobalTable resource, Plan plan) {
    Set<String> seen = reportedDrift.computeIfAbsent(resource.getMetadata().getUid(),
        k -> ConcurrentHashMap.newKeySet());
    Set<String> now = new LinkedHashSet<>();
    for (PlannedStep ps : plan.steps()) {
      Drift d = ps.step().drift();
      if (d != null) {
        now.add(d.describe());
      }
    }
    for (String d : now) {
      if (seen.add(d)) {
        events.warning(resource, Reason.DriftDetected.name(), d + "; not corrected because suspend is true");
      }
    }
    // Why: a difference that went away and comes back is reported again.
    seen.retainAll(now);
  }

  /** The cooldowns recorded in status (unparseable entries are dropped: AWS would answer with the budget again). */
  static Cooldowns cooldownsFrom(GlobalTableStatus status) {
    if (status == null || status.cooldowns == null) {
      return Cooldowns.NONE;
    }
    Cooldowns out = Cooldowns.NONE;
    for (CooldownStatus c : status.cooldowns) {
      try {
        out = out.with(c.key, Instant.parse(c.notBefore), c.reason);
      } catch (RuntimeException e) {
        LOG.debug("ignoring unreadable cooldown {}: {}", c.key, e.toString());
      }
    }
    return out;
  }

  /**
   * Whether this generation was seen converged on a complete deep pass (in memory: after a restart, drift is counted
   * again once the first complete pass has found the table converged).
   */
  private boolean convergedForThisGeneration(GlobalTable resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation != null && generation.equals(convergedGeneration.get(resource.getMetadata().getUid()));
  }

  /**
   * The one way a step reaches AWS, for reconcile and cleanup alike: a call AWS rejected for this generation is not
   * sent again; an accepted call is logged once (by the gateway, inside the step's MDC) and gets one Event; a busy
   * answer leaves the wait it implies for the next reschedule; a rejection is Stalled with AWS's words; transient
   * failures go to the framework's retry.
   */
  private Outcome applyStep(GlobalTable resource, Desired desired, Step step, Reason reason, PassNotes notes) {
    try (MdcScope mdc = stepContext(resource, desired, step)) {
      return applyStepInContext(resource, desired, step, reason, notes);
    }
  }

  private Outcome applyStepInContext(GlobalTable resource, Desired desired, Step step, Reason reason,
      PassNotes notes) {
    String uid = resource.getMetadata().getUid();
    if (rejectionKey(resource, step).equals(rejected.get(uid))) {
      // Why: AWS rejected exactly this call for this generation; sending it again cannot succeed until the spec
      // changes. The pass still observes, so status stays current.
      return Outcome.stalled(Reason.AwsRejected, "AWS rejected \"" + step.describe() + "\" for this spec "
          + "(generation " + resource.getMetadata().getGeneration() + "); change the spec to try again");
    }
    try {
      // Why no log line here: the gateway logs the call's outcome once, with this step's MDC.
      aws.apply(step);
      events.normal(resource, reason.name(), eventMessage(step));
      if (notes != null && step.cooldownAfter() != null) {
        // Why: AWS refuses the next such change for a while and no Describe call shows it; remember it in status.
        notes.cooldowns = notes.cooldowns.with(step.cooldownKey(), clock.instant().plus(step.cooldownAfter()),
            step.cooldownReason());
      }
      Drift drift = step.drift();
      if (notes != null && drift != null && convergedForThisGeneration(resource)) {
        notes.driftCorrected.merge(drift.region(), 1, Integer::sum);
        events.warning(resource, Reason.DriftCorrected.name(), drift.describe() + "; set back to the spec");
      }
      return Outcome.applied(reason, step);
    } catch (AwsCallException e) {
      if (e.kind() == ErrorKind.WAIT && notes != null && e.notBefore() != null && step.cooldownKey() != null) {
        // Why: AWS named (or implied) when its budget allows this step again; hold it until then, in status, so the
        // plan shows the instant and no call is wasted before it.
        notes.cooldowns = notes.cooldowns.with(step.cooldownKey(), e.notBefore(),
            e.cooldownReason() != null ? e.cooldownReason() : "AWS budget");
      }
      if (e.kind() == ErrorKind.WAIT) {
        // Why: AWS is busy with this table; the same step is planned again after the wait AWS's answer implies
        // (e.g. minutes for the 24-hour replica-source rule), never sooner than the busy requeue.
        Duration wait = ErrorClassifier.suggestedWait(e);
        if (e.notBefore() != null && wait.compareTo(settings.resync()) > 0) {
          // Why: the cooldown now lives in status and holds the step; the resource is still looked at every resync.
          wait = settings.resync();
        }
        waitHint.put(uid, wait);
        return new Outcome(Phase.PROGRESSING, reason == Reason.Deleting ? Reason.Deleting : Reason.WaitingForAws,
            step.describe() + ": " + e.describe(), null);
      }
      if (e.kind() == ErrorKind.TERMINAL) {
        String message = step.describe() + ": " + e.describe();
        rejected.put(uid, rejectionKey(resource, step));
        warnOnce(resource, Reason.AwsRejected, message);
        return Outcome.stalled(Reason.AwsRejected, message);
      }
      refusalLogged.put(uid, e);
      throw e;
    }
  }

  @Override
  public DeleteControl cleanup(GlobalTable resource, Context<GlobalTable> context) {
    if (metrics == null) {
      return cleanupPass(resource, context);
    }
    long started = metrics.passStarted();
    String result = "error";
    try {
      DeleteControl control = cleanupPass(resource, context);
      result = control.isRemoveFinalizer() ? "deleted" : passResult(resource.getStatus());
      return control;
    } finally {
      metrics.passFinished(started, result);
    }
  }

  private DeleteControl cleanupPass(GlobalTable resource, Context<GlobalTable> context) {
    listener.passStarted(resource);
    GlobalTableSpec spec = resource.getSpec();
    if (spec == null || spec.deletionPolicy != DeletionPolicy.Delete) {
      // Why: Retain (the default) leaves every region's table in AWS.
      String table = resource.getStatus() != null && resource.getStatus().tableName != null
          ? resource.getStatus().tableName : resource.getMetadata().getName();
      events.normal(resource, "Retained", "deletionPolicy Retain: table " + table + " left in AWS");
      forget(resource);
      return DeleteControl.defaultDelete();
    }
    GlobalTableStatus previous = resource.getStatus();
    List<Violation> violations = validator.validate(resource.getMetadata().getName(), spec,
        previous == null ? null : previous.identity);
    if (!violations.isEmpty()) {
      // Why: without a valid spec we cannot know which table to delete; never guess when deleting.
      String message = "deletionPolicy Delete cannot proceed with an invalid spec: " + describe(violations);
      return holdDeletion(context, resource, null, null, null, null, Outcome.stalled(Reason.InvalidSpec, message));
    }
    Desired desired = DesiredMapper.toDesired(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
        spec);
    Observed first;
    try {
      first = aws.observe(desired.tableName(), desired.homeRegion(), List.of(desired.homeRegion()), false);
    } catch (AwsCallException e) {
      Outcome failed = observationFailed(resource, e);
      return holdDeletion(context, resource, desired, null, null, null, failed);
    }
    RegionalTable home = first.homeTable();
    Instant created = createSent.get(resource.getMetadata().getUid());
    if (home == null && created != null && clock.instant().isBefore(created.plus(CREATE_VISIBILITY_GRACE))) {
      // Why: DescribeTable is eventually consistent right after CreateTable (reference 2.1); the table this resource
      // created moments ago may not be visible yet, and concluding "nothing to delete" would orphan it.
      return holdDeletion(context, resource, desired, first, null, null, new Outcome(Phase.PROGRESSING, Reason.Deleting,
          "waiting for table " + desired.tableName() + ", created moments ago, to become visible before deleting it",
          null));
    }
    boolean monitoringLeft = previous != null && (previous.dashboard != null || alarmsListed(previous));
    if (home == null && (previous == null || previous.identity == null || previous.tableArn == null)
        && !monitoringLeft) {
      // Why: nothing was ever created by this resource and nothing exists: nothing to delete.
      events.normal(resource, "Deleted", "no table " + desired.tableName() + " exists; nothing to delete");
      forget(resource);
      return DeleteControl.defaultDelete();
    }
    Observed observed = first;
    AwsGateway.ObserveOptions options = observeOptions(desired, previous, managedFrom(previous));
    // Why deep also when the table is gone (deleted outside the operator): its alarms and dashboard are this
    // resource's to delete; they are only found by reading CloudWatch in every region the table had.
    if (home != null || options.readsCloudWatch()) {
      try {
        observed = aws.observe(desired.tableName(), desired.homeRegion(), deletionRegions(desired, first, previous),
            true, options);
      } catch (AwsCallException e) {
        Outcome failed = observationFailed(resource, e);
        return holdDeletion(context, resource, desired, null, null, null, failed);
      }
    }
    rememberOwnership(resource.getMetadata().getUid(), desired, observed, previous);
    // Why refresh: a write target AWS mirrors into a replica that became ACTIVE while deletion runs is ours to remove.
    Managed managed = Planner.nextManaged(desired, observed, managedFrom(previous));
    Plan plan = planner.planDeletion(desired, observed, verifiedTableId.get(resource.getMetadata().getUid()),
        managed);

    if (plan.isConverged()) {
      events.normal(resource, "Deleted", "table " + desired.tableName() + " deleted in every region");
      forget(resource);
      return DeleteControl.defaultDelete();
    }
    if (plan.blocker() != null && plan.blocker().reason() == BlockReason.TABLE_OWNED_ELSEWHERE) {
      // Why: the table is not ours; deleting this resource must neither touch it nor hang on it.
      events.warning(resource, Reason.TableOwnedElsewhere.name(),
          "not deleting table " + desired.tableName() + ": " + plan.blocker().message());
      forget(resource);
      return DeleteControl.defaultDelete();
    }
    if (plan.isStalled()) {
      return holdDeletion(context, resource, desired, observed, plan, managed, stalledBy(resource, plan.blocker()));
    }
    if (desired.suspend()) {
      String message = "deletionPolicy Delete is on hold while suspend is true; set suspend to false to proceed, "
          + "or deletionPolicy to Retain to keep the table";
      return holdDeletion(context, resource, desired, observed, plan, managed, Outcome.suspended(message));
    }
    var next = plan.next();
    if (next.isEmpty()) {
      var blocker = plan.blocker() != null ? plan.blocker() : plan.steps().get(0).blockedBy();
      Outcome waiting = new Outcome(Phase.PROGRESSING, Reason.Deleting,
          blocker == null ? "waiting for AWS" : blocker.message(), null);
      return holdDeletion(context, resource, desired, observed, plan, managed, waiting);
    }
    Outcome outcome = applyStep(resource, desired, next.get(), Reason.Deleting, null);
    return holdDeletion(context, resource, desired, observed, plan, managed, outcome);
  }

  /** Every region deletion must look at: those a normal pass reads, plus every replica the home table lists. */
  private static List<String> deletionRegions(Desired desired, Observed first, GlobalTableStatus previous) {
    Set<String> regions = new LinkedHashSet<>(regionsOfInterest(desired, previous, managedFrom(previous)));
    if (first.homeTable() != null) {
      first.homeTable().replicas().forEach(r -> regions.add(r.region()));
    }
    return List.copyOf(regions);
  }

  /**
   * A failed read: transient failures go to the framework's retry (rethrown); AWS being busy waits; anything else (no
   * permission, a disabled region) is Stalled with AWS's words, because retrying will not fix it.
   */
  private Outcome observationFailed(GlobalTable resource, AwsCallException e) {
    if (e.kind() == ErrorKind.RETRY) {
      throw e;
    }
    if (e.kind() == ErrorKind.WAIT) {
      return Outcome.progressing(Reason.WaitingForAws, e.describe());
    }
    String message = "reading the table failed: " + e.describe();
    warnOnce(resource, Reason.AwsRejected, message);
    return Outcome.stalled(Reason.AwsRejected, message);
  }

  private DeleteControl holdDeletion(Context<GlobalTable> context, GlobalTable resource, Desired desired,
      Observed observed, Plan plan, Managed managed, Outcome outcome) {
    GlobalTableStatus previous = resource.getStatus();
    StatusWriter.PassFacts facts = new StatusWriter.PassFacts(desired, observed, plan, outcome, managed, null);
    statusWriter.patchNow(context.getClient(), resource, facts);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(delayFor(resource, outcome).toMillis());
  }

  @Override
  public ErrorStatusUpdateControl<GlobalTable> updateErrorStatus(GlobalTable resource, Context<GlobalTable> context,
      Exception thrown) {
    Exception e = unwrap(thrown);
    boolean aws = e instanceof AwsCallException;
    String message = aws ? ((AwsCallException) e).describe() : e.getClass().getSimpleName() + ": " + e.getMessage();
    // Why DEBUG for a refused mutation: the gateway logged it already, with the step; one line per refusal. Why the
    // stack trace only when not from AWS: this is the one line about the failure (logback.xml mutes JOSDK's own
    // warning of it), and an unexpected exception needs its origin.
    boolean logged = aws && refusalLogged.remove(resource.getMetadata().getUid(), e);
    LOG.atLevel(logged ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.WARN).setCause(aws ? null : e)
        .log("transient failure for {}/{}: {}", resource.getMetadata().getNamespace(),
            resource.getMetadata().getName(), message);
    return statusWriter.errorControl(resource, new StatusWriter.PassFacts(null, null, null,
        Outcome.progressing(aws ? Reason.AwsUnavailable : Reason.OperatorError, message + " (retrying)"), null, null));
  }

  /**
   * The exception the pass threw. JOSDK's micrometer metrics time each pass and hand a failure on wrapped in an
   * {@link io.javaoperatorsdk.operator.OperatorException}; the AWS error inside decides the status reason.
   */
  static Exception unwrap(Exception e) {
    Exception current = e;
    while (current instanceof io.javaoperatorsdk.operator.OperatorException && current.getCause() instanceof Exception c
        && c != current) {
      current = c;
    }
    return current;
  }

  private static boolean wasReadyForThisGeneration(GlobalTable resource) {
    Condition ready = StatusWriter.find(resource.getStatus(), ConditionType.Ready);
    return ready != null && "True".equals(ready.getStatus()) && resource.getMetadata().getGeneration() != null
        && resource.getMetadata().getGeneration().equals(ready.getObservedGeneration());
  }

  private boolean deepDue(GlobalTable resource, String uid) {
    Instant last = lastDeep.get(uid);
    if (last == null) {
      return true;
    }
    GlobalTableStatus status = resource.getStatus();
    boolean ready = isTrue(status, ConditionType.Ready);
    boolean specChanged = status == null || status.observedGeneration == null
        || !status.observedGeneration.equals(resource.getMetadata().getGeneration());
    // Why: a converged, unchanged table costs one DescribeTable per resync; every region is re-read only on the
    // deep cadence or while work is in flight.
    return !ready || specChanged || !last.plus(settings.deepCheckInterval()).isAfter(clock.instant());
  }

  /**
   * Whether every ACTIVE table of this pass had all its per-region settings read. A read AWS throttled (or failed with a
   * 5xx) leaves a setting unknown; the next pass then observes deeply again instead of waiting a whole deep cadence.
   */
  static boolean settingsComplete(Observed observed) {
    for (RegionObservation ro : observed.regions().values()) {
      if (ro.table() == null || !ro.table().isActive()) {
        continue;
      }
      ObservedSettings s = ro.settings();
      if (s == null || s.pointInTimeRecovery() == null || s.timeToLive() == null || s.contributorInsights() == null
          || s.kinesisDestinations() == null) {
        return false;
      }
    }
    return true;
  }

  /** Whether the alarms and dashboard the spec asks for were read (a throttled read is retried on the next pass). */
  static boolean monitoringComplete(Desired desired, Observed observed) {
    if (desired.monitoring().alarmsEnabled()
        && observed.regions().values().stream().anyMatch(ro -> ro.alarms() == null)) {
      return false;
    }
    return !desired.monitoring().dashboard() || observed.dashboard() != null;
  }

  private static boolean needsDeep(Plan plan) {
    if (plan.blocker() != null && plan.blocker().reason() == BlockReason.NEEDS_DEEP_OBSERVATION) {
      return true;
    }
    return plan.steps().stream().anyMatch(s -> s.blockedBy() != null
        && s.blockedBy().reason() == BlockReason.NEEDS_DEEP_OBSERVATION);
  }

  private void rememberOwnership(String uid, Desired desired, Observed observed, GlobalTableStatus previous) {
    RegionalTable home = observed.homeTable();
    if (home == null) {
      return;
    }
    if (observed.home().tags() == null) {
      if ("CREATING".equals(home.status()) && previous != null && previous.identity != null
          && previous.tableArn == null && !verifiedTableId.containsKey(uid)) {
        // Why: this resource sent CreateTable (identity recorded, no table seen before) and AWS cannot list the
        // tags of a CREATING table; the CREATING table is the one just created.
        verifiedTableId.put(uid, home.tableId());
      }
      return;
    }
    if (desired.owner().equals(observed.home().tags().get(Desired.OWNER_TAG))) {
      verifiedTableId.put(uid, home.tableId());
    } else {
      verifiedTableId.remove(uid);
    }
  }

  /** The identity to record: kept once recorded; recorded when the existing table is verified as ours. */
  private TableIdentity identityIfOurs(GlobalTable resource, Observed observed, Plan plan,
      GlobalTableStatus previous) {
    if (previous != null && previous.identity != null) {
      return previous.identity;
    }
    if (plan.blocker() != null && plan.blocker().reason() == BlockReason.IMMUTABLE_MISMATCH) {
      // Why: the spec describes another table than the one in AWS; recording it would lock the wrong identity in.
      return null;
    }
    RegionalTable home = observed.homeTable();
    if (home != null && home.tableId() != null
        && home.tableId().equals(verifiedTableId.get(resource.getMetadata().getUid()))) {
      return DesiredMapper.identityOf(resource.getMetadata().getName(), resource.getSpec());
    }
    return null;
  }

  private static Managed managedFrom(GlobalTableStatus status) {
    if (status == null) {
      return Managed.NONE;
    }
    return new Managed(Set.copyOf(status.managedReplicas), Set.copyOf(status.managedIndexes),
        status.managedTagKeys == null ? Set.of() : Set.copyOf(status.managedTagKeys),
        status.managedScalableTargets == null ? Set.of() : Set.copyOf(status.managedScalableTargets),
        status.managedKinesisDestinations == null ? Set.of() : Set.copyOf(status.managedKinesisDestinations),
        status.managedKmsKeys == null ? Set.of() : Set.copyOf(status.managedKmsKeys));
  }

  /**
   * What a pass reads besides the tables: autoscaling where this resource manages targets; CloudWatch alarms while the
   * spec has alarms or the last status still lists alarms of this resource (to delete them once the spec dropped them);
   * replication latency only while the spec has alarms; the dashboard while the spec asks for one or the last status
   * names one.
   */
  public static AwsGateway.ObserveOptions observeOptions(Desired desired, GlobalTableStatus previous,
      Managed managed) {
    boolean alarmsOn = desired.monitoring().alarmsEnabled();
    boolean alarmsLeft = alarmsListed(previous);
    boolean dashboard = desired.monitoring().dashboard() || (previous != null && previous.dashboard != null);
    return new AwsGateway.ObserveOptions(scalingRegions(managed), alarmsOn || alarmsLeft, alarmsOn,
        dashboard ? AlarmNames.dashboard(desired.tableName()) : null);
  }

  /** Whether the last status lists alarms of this resource in any region (so they are read, and deleted if dropped). */
  private static boolean alarmsListed(GlobalTableStatus previous) {
    return previous != null && previous.replicas != null
        && previous.replicas.stream().anyMatch(r -> r.alarms != null && !r.alarms.isEmpty());
  }

  /** Regions where this resource manages autoscaling targets (read there even when the table is on demand). */
  private static Set<String> scalingRegions(Managed managed) {
    Set<String> out = new LinkedHashSet<>();
    managed.scalableTargets().forEach(k -> out.add(k.substring(0, k.indexOf(' '))));
    return out;
  }

  public static List<String> regionsOfInterest(Desired desired, GlobalTableStatus previous, Managed managed) {
    Set<String> regions = new LinkedHashSet<>();
    regions.add(desired.homeRegion());
    regions.addAll(desired.regions());
    regions.addAll(managed.replicas());
    // Where this resource has autoscaling to update or remove (e.g. a replica that is leaving).
    managed.scalableTargets().forEach(k -> regions.add(k.substring(0, k.indexOf(' '))));
    if (previous != null && previous.replicas != null) {
      for (ReplicaStatus r : previous.replicas) {
        regions.add(r.region);
      }
    }
    return new ArrayList<>(regions);
  }

  /** The outcome's delay, stretched to the wait AWS's last busy answer implied (consumed once). */
  private Duration delayFor(GlobalTable resource, Outcome outcome) {
    Duration delay = delayFor(outcome);
    Duration hint = waitHint.remove(resource.getMetadata().getUid());
    return hint != null && hint.compareTo(delay) > 0 ? hint : delay;
  }

  private Duration delayFor(Outcome outcome) {
    return switch (outcome.phase()) {
      case READY, SUSPENDED -> settings.resync();
      case STALLED -> settings.stalledRecheck();
      case PROGRESSING -> settings.requeueBusy();
    };
  }

  private void warnOnce(GlobalTable resource, Reason reason, String message) {
    String key = resource.getMetadata().getGeneration() + "|" + reason + "|" + message;
    String previous = lastWarning.put(resource.getMetadata().getUid(), key);
    if (!key.equals(previous)) {
      // Why a log line too: on-call reads logs as well as Events, and Events expire after an hour. Same dedupe.
      LOG.atWarn().addKeyValue("reason", reason.name()).log(message);
      events.warning(resource, reason.name(), message);
    }
  }

  private static String rejectionKey(GlobalTable resource, Step step) {
    return resource.getMetadata().getGeneration() + "|" + step;
  }

  private void forget(GlobalTable resource) {
    String uid = resource.getMetadata().getUid();
    rejected.remove(uid);
    waitHint.remove(uid);
    lastDeep.remove(uid);
    verifiedTableId.remove(uid);
    lastWarning.remove(uid);
    createSent.remove(uid);
    convergedGeneration.remove(uid);
    reportedDrift.remove(uid);
    refusalLogged.remove(uid);
    if (metrics != null) {
      // Why here: forget runs exactly when the finalizer is released; the resource's series must not outlive it.
      metrics.forget(resource.getMetadata().getNamespace(), resource.getMetadata().getName(), uid);
    }
  }

  /** What was done and where: the step's words, plus the region the call went to when the words do not say it. */
  static String eventMessage(Step step) {
    String what = capitalize(step.describe());
    return what.contains(step.region()) ? what : what + " (sent to " + step.region() + ")";
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
