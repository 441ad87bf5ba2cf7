package dev.globaltable.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.globaltable.operator.api.AlarmStatus;
import dev.globaltable.operator.api.CapacityStatus;
import dev.globaltable.operator.api.CooldownStatus;
import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.api.GlobalTableStatus;
import dev.globaltable.operator.api.IndexStatus;
import dev.globaltable.operator.api.PointInTimeRecoveryStatus;
import dev.globaltable.operator.api.ReplicaIndexStatus;
import dev.globaltable.operator.api.ReplicaStatus;
import dev.globaltable.operator.api.SettingStatus;
import dev.globaltable.operator.api.TableIdentity;
import dev.globaltable.operator.model.CapacityDimension;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedAlarm;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedDashboard;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.ObservedSettings;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.metrics.OperatorMetrics;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.plan.Cooldowns;
import dev.globaltable.operator.plan.DashboardBuilder;
import dev.globaltable.operator.plan.Managed;
import dev.globaltable.operator.plan.Plan;
import dev.globaltable.operator.plan.PlannedStep;
import dev.globaltable.operator.plan.Step;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The only code that writes {@code .status}. Builds the whole status from one pass's facts (spec, observation, plan,
 * outcome), keeps {@code lastTransitionTime} of conditions whose status did not change, and skips the write when nothing
 * changed.
 */
public final class StatusWriter {
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private final Clock clock;
  private final OperatorMetrics metrics;

  public StatusWriter(Clock clock) {
    this(clock, null);
  }

  /**
   * A writer that also reports every status it computes to {@code metrics} (the per-resource gauges and time to Ready),
   * so the metrics show exactly what the status shows. {@code metrics} may be null (no metrics).
   */
  public StatusWriter(Clock clock, OperatorMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Everything one pass learned; any part but outcome may be null (e.g. invalid spec: no observation).
   *
   * @param cooldowns the AWS cooldowns to keep (null: keep the previous ones)
   * @param driftCorrected drift corrections made in this pass, by region (added to each replica's counter)
   */
  public record PassFacts(
      Desired desired,
      Observed observed,
      Plan plan,
      Outcome outcome,
      Managed managed,
      TableIdentity identity,
      Cooldowns cooldowns,
      Map<String, Integer> driftCorrected) {
    public PassFacts {
      driftCorrected = driftCorrected == null ? Map.of() : Map.copyOf(driftCorrected);
    }

    /** Without cooldowns or drift (paths that apply no settings step). */
    public PassFacts(Desired desired, Observed observed, Plan plan, Outcome outcome, Managed managed,
        TableIdentity identity) {
      this(desired, observed, plan, outcome, managed, identity, null, null);
    }
  }

  /** Builds the status a pass would write. Pure apart from the clock; visible for tests. */
  public GlobalTableStatus build(GlobalTable resource, PassFacts facts) {
    GlobalTableStatus previous = resource.getStatus();
    GlobalTableStatus s = new GlobalTableStatus();
    s.observedGeneration = resource.getMetadata().getGeneration();
    Desired desired = facts.desired();
    Observed observed = facts.observed();
    RegionalTable home = observed == null ? null : observed.homeTable();

    s.tableName = desired != null ? desired.tableName() : previous == null ? null : previous.tableName;
    if (observed == null) {
      // Why: no observation this pass (invalid spec); keep what was last seen rather than inventing values.
      if (previous != null) {
        s.tableArn = previous.tableArn;
        s.tableStatus = previous.tableStatus;
        s.billingMode = previous.billingMode;
        s.regions = previous.regions;
        s.replicas = previous.replicas;
        s.indexes = previous.indexes;
      }
    } else {
      s.tableArn = home == null ? null : home.arn();
      s.tableStatus = home == null ? "NOT_FOUND" : home.status();
      s.billingMode = billingColumn(home != null ? home.billingMode() : desired == null ? null : desired.billingMode());
      s.replicas = replicas(desired, observed, facts.managed() == null ? null : facts.managed().replicas(), previous);
      for (ReplicaStatus r : s.replicas) {
        settings(r, observed, previousEntry(previous, r.region));
        monitoring(r, desired, observed, previousEntry(previous, r.region));
      }
      s.indexes = indexes(desired, observed);
      s.regions = regionsColumn(desired, s.replicas);
    }
    if (facts.plan() == null && facts.outcome().reason() == Reason.AwsUnavailable && previous != null) {
      // Why: a transient AWS failure changes nothing about the plan; keep showing it.
      s.pending = previous.pending;
    } else {
      s.pending = pending(facts.plan(), facts.outcome());
    }
    s.identity = facts.identity() != null ? facts.identity() : previous == null ? null : previous.identity;
    Managed managed = facts.managed();
    // Managed keeps its sets sorted, so the recorded lists are stable from pass to pass.
    s.managedReplicas = managed != null ? List.copyOf(managed.replicas())
        : previous == null ? List.of() : previous.managedReplicas;
    s.managedIndexes = managed != null ? List.copyOf(managed.indexes())
        : previous == null ? List.of() : previous.managedIndexes;
    s.managedTagKeys = managed != null ? List.copyOf(managed.tagKeys())
        : previous == null ? List.of() : previous.managedTagKeys;
    s.managedScalableTargets = managed != null ? List.copyOf(managed.scalableTargets())
        : previous == null ? List.of() : previous.managedScalableTargets;
    s.managedKinesisDestinations = managed != null ? List.copyOf(managed.kinesisDestinations())
        : previous == null || previous.managedKinesisDestinations == null ? List.of()
        : previous.managedKinesisDestinations;
    s.managedKmsKeys = managed != null ? List.copyOf(managed.kmsKeys())
        : previous == null || previous.managedKmsKeys == null ? List.of() : previous.managedKmsKeys;
    for (ReplicaStatus r : s.replicas) {
      ReplicaStatus before = previousEntry(previous, r.region);
      int count = (before == null || before.driftCorrections == null ? 0 : before.driftCorrections)
          + facts.driftCorrected().getOrDefault(r.region, 0);
      r.driftCorrections = count == 0 ? null : count;
    }
    s.cooldowns = cooldowns(facts.cooldowns(), previous);
    s.dashboard = dashboard(desired, observed, facts.outcome().applied(), previous);
    recordCreatedAlarm(s.replicas, facts.outcome().applied());
    s.conditions = conditions(alarming(facts.outcome(), s.replicas), s.observedGeneration, previous);
    return s;
  }

  /**
   * An alarm this pass created is listed at once (INSUFFICIENT_DATA, as CloudWatch creates it): were the spec to drop it
   * before the next read, the listing is what makes that read (and the deletion) happen.
   */
  private static void recordCreatedAlarm(List<ReplicaStatus> replicas, Step applied) {
    if (!(applied instanceof Step.PutMetricAlarm put) || !put.create() || replicas == null) {
      return;
    }
    for (ReplicaStatus r : replicas) {
      if (r.region.equals(put.region())) {
        List<AlarmStatus> alarms = r.alarms == null ? new ArrayList<>() : new ArrayList<>(r.alarms);
        if (alarms.stream().noneMatch(a -> a.name.equals(put.alarm().name()))) {
          alarms.add(new AlarmStatus(put.alarm().name(), "INSUFFICIENT_DATA", null));
          alarms.sort(Comparator.comparing(a -> a.name));
        }
        r.alarms = alarms;
      }
    }
  }

  /**
   * A Ready pass while an alarm the operator owns is in ALARM stays Ready (the table is as specified) with reason
   * Alarming, naming what is alarming and where.
   */
  private static Outcome alarming(Outcome outcome, List<ReplicaStatus> replicas) {
    if (outcome.phase() != Phase.READY || replicas == null) {
      return outcome;
    }
    List<String> firing = new ArrayList<>();
    for (ReplicaStatus r : replicas) {
      if (r.alarms == null) {
        continue;
      }
      for (AlarmStatus a : r.alarms) {
        if ("ALARM".equals(a.state)) {
          firing.add(a.name + " in " + r.region + (a.reason == null ? "" : " (" + a.reason + ")"));
        }
      }
    }
    if (firing.isEmpty()) {
      return outcome;
    }
    return new Outcome(Phase.READY, Reason.Alarming, outcome.message() + "; in ALARM: "
        + String.join("; ", firing), outcome.applied());
  }

  /**
   * The name of the dashboard this resource owns while it exists: from this pass's read (exists and carries our
   * marker), or the dashboard this pass created, else as last recorded. Kept after the spec drops the dashboard until a
   * read shows it gone, so that it is read (and deleted) until then.
   */
  private static String dashboard(Desired desired, Observed observed, Step applied, GlobalTableStatus previous) {
    if (applied instanceof Step.PutDashboard put) {
      return put.name();
    }
    if (desired != null && observed != null && observed.dashboard() != null) {
      ObservedDashboard d = observed.dashboard();
      return d.exists() && DashboardBuilder.ownedBy(d.body(), desired.owner()) ? d.name() : null;
    }
    return previous == null ? null : previous.dashboard;
  }

  /**
   * The replica's replication latency (the highest recent average any other region reports into it) and the alarms
   * this resource owns in its region with their state; from this pass's reads where there were any, else as last
   * recorded.
   */
  private static void monitoring(ReplicaStatus r, Desired desired, Observed observed, ReplicaStatus previous) {
    boolean latencyRead = false;
    Double highest = null;
    for (RegionObservation source : observed.regions().values()) {
      if (source.replicationLatency() == null || source.region().equals(r.region)) {
        continue;
      }
      latencyRead = true;
      Double v = source.replicationLatency().get(r.region);
      if (v != null && (highest == null || v > highest)) {
        highest = v;
      }
    }
    if (latencyRead) {
      r.replicationLatencyMillis = highest == null ? null : Math.round(highest);
    } else if (previous != null && (desired == null || desired.monitoring().alarmsEnabled())) {
      // Why: not read this pass; the last reading stands (latency is only read while the spec has alarms).
      r.replicationLatencyMillis = previous.replicationLatencyMillis;
    }
    RegionObservation here = observed.region(r.region).orElse(null);
    if (here != null && here.alarms() != null) {
      List<AlarmStatus> mine = new ArrayList<>();
      here.alarms().stream()
          .filter(a -> desired == null || a.definition().ownedBy(desired.owner()))
          .sorted(Comparator.comparing(ObservedAlarm::name))
          .forEach(a -> mine.add(new AlarmStatus(a.name(), a.state(),
              "ALARM".equals(a.state()) ? a.stateReason() : null)));
      r.alarms = mine.isEmpty() ? null : mine;
    } else if (previous != null) {
      // Why: not read this pass; also keeps alarms the spec dropped listed (and so read, and deleted) until they are gone.
      r.alarms = previous.alarms;
    }
  }

  /** The cooldowns still running now, from this pass or else the previous status, sorted by key. */
  private List<CooldownStatus> cooldowns(Cooldowns pass, GlobalTableStatus previous) {
    if (pass == null) {
      // Why: this pass did not plan (invalid spec, AWS unavailable); the recorded holds still stand.
      return previous == null || previous.cooldowns == null ? List.of() : previous.cooldowns;
    }
    List<CooldownStatus> out = new ArrayList<>();
    pass.prune(clock.instant()).until().forEach((key, hold) -> out.add(new CooldownStatus(key,
        DateTimeFormatter.ISO_INSTANT.format(hold.notBefore()), hold.reason())));
    return out;
  }

  /**
   * The per-region settings of {@code r} as AWS reported them: from this pass's reads where there were any (the region's
   * own DescribeTable, and the settings' Describe calls on a deep pass), else as last recorded (a shallow pass reads only
   * the home table).
   */
  private static void settings(ReplicaStatus r, Observed observed, ReplicaStatus previous) {
    RegionObservation ro = observed.region(r.region).orElse(null);
    RegionalTable own = ro == null ? null : ro.table();
    if (own != null) {
      r.tableClass = own.tableClass();
      r.deletionProtection = own.deletionProtection();
      r.encryption = own.encryption().kms() ? "KMS" : "AWS_OWNED";
      r.kmsKeyArn = own.encryption().kms() ? own.encryption().kmsKeyArn() : null;
    } else if (previous != null && !"NOT_FOUND".equals(r.status)) {
      r.tableClass = previous.tableClass;
      r.deletionProtection = previous.deletionProtection;
      r.encryption = previous.encryption;
      r.kmsKeyArn = previous.kmsKeyArn;
    }
    ObservedSettings read = ro == null || own == null ? null : ro.settings();
    if (read == null) {
      if (previous != null && !"NOT_FOUND".equals(r.status)) {
        // Why: not read this pass; what the last deep check saw still stands.
        r.pointInTimeRecovery = previous.pointInTimeRecovery;
        r.timeToLive = previous.timeToLive;
        r.contributorInsights = previous.contributorInsights;
        r.kinesis = previous.kinesis;
      }
      return;
    }
    if (read.pointInTimeRecovery() == null && previous != null) {
      // Why per field: one throttled read leaves just that setting unknown; the last value seen still stands.
      r.pointInTimeRecovery = previous.pointInTimeRecovery;
    }
    if (read.pointInTimeRecovery() != null) {
      PointInTimeRecoveryStatus p = new PointInTimeRecoveryStatus();
      p.status = read.pointInTimeRecovery().status() != null ? read.pointInTimeRecovery().status()
          : read.pointInTimeRecovery().enabled() ? "ENABLED" : "DISABLED";
      p.recoveryPeriodInDays = read.pointInTimeRecovery().enabled()
          ? read.pointInTimeRecovery().recoveryPeriodInDays() : null;
      r.pointInTimeRecovery = p;
    }
    if (read.timeToLive() != null) {
      r.timeToLive = new SettingStatus(read.timeToLive().status(), read.timeToLive().attributeName(), null);
    } else if (previous != null) {
      r.timeToLive = previous.timeToLive;
    }
    List<SettingStatus> insights = new ArrayList<>();
    if (read.contributorInsights() != null) {
      insights.add(new SettingStatus(read.contributorInsights().status(), null, read.contributorInsights().failure()));
    }
    if (read.indexContributorInsights() != null) {
      new TreeMap<>(read.indexContributorInsights()).forEach((index, state) ->
          insights.add(new SettingStatus(state.status(), index, state.failure())));
    }
    r.contributorInsights = insights.isEmpty() ? null : insights;
    if (read.contributorInsights() == null && previous != null) {
      r.contributorInsights = previous.contributorInsights;
    }
    if (read.kinesisDestinations() != null) {
      ObservedSettings.KinesisDestination shown = read.liveDestination().orElse(
          read.kinesisDestinations().stream().filter(k -> "ENABLE_FAILED".equals(k.status())).reduce((a, b) -> b)
              .orElse(null));
      r.kinesis = shown == null ? null : new SettingStatus(shown.status(), shown.streamArn(), shown.description());
    } else if (previous != null) {
      r.kinesis = previous.kinesis;
    }
  }

  /** The reconcile's answer: patch the status only when it changed. */
  public UpdateControl<GlobalTable> control(GlobalTable resource, PassFacts facts) {
    // Why noUpdate: when nothing changed, a write would only bump resourceVersion and wake watchers.
    return applyIfChanged(resource, facts) ? UpdateControl.patchStatus(resource) : UpdateControl.noUpdate();
  }

  /** The answer to a failed pass (the framework retries it): patch the status only when it changed. */
  public ErrorStatusUpdateControl<GlobalTable> errorControl(GlobalTable resource, PassFacts facts) {
    return applyIfChanged(resource, facts) ? ErrorStatusUpdateControl.patchStatus(resource)
        : ErrorStatusUpdateControl.noStatusUpdate();
  }

  /**
   * Direct status write for the cleanup path, where JOSDK offers no status patch in DeleteControl. Sends a JSON Patch
   * computed against the cached object, exactly what JOSDK's own non-SSA status patch sends ({@code editStatus}); a
   * bare {@code patchStatus()} would merge lists instead of replacing them.
   */
  public void patchNow(KubernetesClient client, GlobalTable resource, PassFacts facts) {
    GlobalTableStatus next = build(resource, facts);
    report(resource, facts, next);
    if (sameStatus(resource.getStatus(), next)) {
      return;
    }
    client.resource(resource).editStatus(r -> {
      r.setStatus(next);
      return r;
    });
    resource.setStatus(next);
  }

  /** Builds the pass's status and sets it on the resource when it differs; true when it did. */
  private boolean applyIfChanged(GlobalTable resource, PassFacts facts) {
    GlobalTableStatus next = build(resource, facts);
    report(resource, facts, next);
    if (sameStatus(resource.getStatus(), next)) {
      return false;
    }
    resource.setStatus(next);
    return true;
  }

  /** Feeds a pass's status to the metrics: Ready, desired and per-state replica counts, time to Ready. */
  private void report(GlobalTable resource, PassFacts facts, GlobalTableStatus status) {
    if (metrics == null) {
      return;
    }
    Condition ready = find(status, ConditionType.Ready);
    List<String> replicaStatuses = status.replicas == null ? null
        : status.replicas.stream().map(r -> r.status).toList();
    metrics.statusReported(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
        resource.getMetadata().getUid(), resource.getMetadata().getGeneration(),
        ready != null && "True".equals(ready.getStatus()), ready == null ? null : ready.getObservedGeneration(),
        facts.desired() == null ? null : facts.desired().regions().size(), replicaStatuses, clock.instant());
  }

  static boolean sameStatus(GlobalTableStatus a, GlobalTableStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    JsonNode left = JSON.valueToTree(a);
    JsonNode right = JSON.valueToTree(b);
    return left.equals(right);
  }

  private static String billingColumn(String awsMode) {
    if (awsMode == null) {
      return null;
    }
    return switch (awsMode) {
      case "PAY_PER_REQUEST" -> "PayPerRequest";
      case "PROVISIONED" -> "Provisioned";
      default -> awsMode;
    };
  }

  private static List<ReplicaStatus> replicas(Desired desired, Observed observed, java.util.Set<String> managed,
      GlobalTableStatus previous) {
    RegionalTable home = observed.homeTable();
    Set<String> regions = new LinkedHashSet<>();
    regions.add(observed.homeRegion());
    if (desired != null) {
      regions.addAll(desired.regions());
    }
    if (home != null) {
      home.replicas().forEach(r -> regions.add(r.region()));
    }
    List<ReplicaStatus> out = new ArrayList<>();
    for (String region : regions) {
      ReplicaStatus r = new ReplicaStatus();
      r.region = region;
      boolean wanted = desired == null || desired.regions().contains(region);
      if (region.equals(observed.homeRegion())) {
        r.home = true;
        r.status = home == null ? "NOT_FOUND" : home.status();
        if (home == null) {
          r.message = "not created yet";
        } else {
          capacity(r, observed, home.capacity(), home.globalSecondaryIndexes(), ReplicaOverrides.NONE, home,
              previousEntry(previous, region));
        }
      } else {
        ObservedReplica entry = home == null ? null : home.replica(region).orElse(null);
        if (entry == null) {
          r.status = "NOT_FOUND";
          r.message = wanted ? "not added yet" : null;
        } else {
          r.status = entry.status();
          r.progressPercent = entry.progressPercent();
          r.message = entry.statusDescription();
          if (!wanted) {
            boolean isManaged = managed != null && managed.contains(region);
            r.message = isManaged ? "removed from spec; being removed"
                : "not in spec and not managed by this resource; left alone";
          }
          RegionalTable own = observed.region(region).map(RegionObservation::table).orElse(null);
          if (own != null) {
            // Deep pass: the region's own DescribeTable reports its effective capacity (override included).
            capacity(r, observed, own.capacity(), own.globalSecondaryIndexes(), ReplicaOverrides.NONE, home,
                previousEntry(previous, region));
          } else {
            // Shallow pass (or not describable yet): derive from the home table and this replica's overrides there.
            capacity(r, observed, home.capacity(), home.globalSecondaryIndexes(), entry.overrides(), home,
                previousEntry(previous, region));
          }
        }
      }
      out.add(r);
    }
    return out;
  }

  /**
   * Sets the replica's capacity fields when the table is PROVISIONED: {@code current} from {@code capacity} and
   * {@code gsis} (read replaced by the replica's override where it has one; write is group-wide), min/max from the
   * region's autoscaling targets when they were read this pass, else carried over from {@code previous}.
   */
  private static void capacity(ReplicaStatus r, Observed observed, ObservedCapacity capacity, List<ObservedIndex> gsis,
      ReplicaOverrides overrides, RegionalTable home, ReplicaStatus previous) {
    if (!home.provisioned()) {
      // Why: an on-demand table has no provisioned capacity to show (DescribeTable reports 0/0).
      return;
    }
    RegionObservation ro = observed.region(r.region).orElse(null);
    long read = overrides.readCapacityUnits() != null ? overrides.readCapacityUnits() : capacity.read();
    r.readCapacity = capacityStatus(read, ro, CapacityDimension.TABLE_READ, null,
        previous == null ? null : previous.readCapacity);
    r.writeCapacity = capacityStatus(capacity.write(), ro, CapacityDimension.TABLE_WRITE, null,
        previous == null ? null : previous.writeCapacity);
    List<ReplicaIndexStatus> indexes = new ArrayList<>();
    for (ObservedIndex oi : gsis.stream().sorted(Comparator.comparing(ObservedIndex::name)).toList()) {
      ReplicaIndexStatus previousIndex = previous == null || previous.indexes == null ? null
          : previous.indexes.stream().filter(i -> oi.name().equals(i.name)).findFirst().orElse(null);
      ReplicaIndexStatus i = new ReplicaIndexStatus();
      i.name = oi.name();
      Long readOverride = overrides.indexReadCapacityUnits().get(oi.name());
      i.readCapacity = capacityStatus(readOverride != null ? readOverride : oi.capacity().read(), ro,
          CapacityDimension.INDEX_READ, oi.name(), previousIndex == null ? null : previousIndex.readCapacity);
      i.writeCapacity = capacityStatus(oi.capacity().write(), ro, CapacityDimension.INDEX_WRITE, oi.name(),
          previousIndex == null ? null : previousIndex.writeCapacity);
      indexes.add(i);
    }
    r.indexes = indexes.isEmpty() ? null : indexes;
  }

  private static CapacityStatus capacityStatus(long current, RegionObservation ro, CapacityDimension dimension,
      String indexName, CapacityStatus previous) {
    CapacityStatus c = new CapacityStatus(current, null, null);
    if (ro != null && ro.scaling() != null) {
      ro.scaling(dimension, indexName).ifPresent(t -> {
        c.min = t.min();
        c.max = t.max();
      });
    } else if (previous != null) {
      // Why: autoscaling was not read this pass (shallow); the bounds last read still stand, and dropping them would
      // make every shallow pass patch the status.
      c.min = previous.min;
      c.max = previous.max;
    }
    return c;
  }

  private static ReplicaStatus previousEntry(GlobalTableStatus previous, String region) {
    if (previous == null || previous.replicas == null) {
      return null;
    }
    return previous.replicas.stream().filter(p -> region.equals(p.region)).findFirst().orElse(null);
  }

  private static List<IndexStatus> indexes(Desired desired, Observed observed) {
    Map<String, IndexStatus> byName = new TreeMap<>();
    if (desired != null) {
      desired.globalSecondaryIndexes().forEach(g -> {
        IndexStatus i = new IndexStatus();
        i.name = g.name();
        i.status = "NOT_FOUND";
        i.backfilling = false;
        i.message = "not created yet";
        byName.put(g.name(), i);
      });
    }
    Map<String, List<String>> unsettled = new TreeMap<>();
    RegionalTable home = observed.homeTable();
    for (RegionObservation ro : observed.regions().values()) {
      boolean member = home != null && (ro.region().equals(observed.homeRegion()) || home.replica(ro.region()).isPresent());
      if (ro.table() == null || !member) {
        // Why: only the group's members count; a same-name table elsewhere is not this global table.
        continue;
      }
      for (ObservedIndex oi : ro.table().globalSecondaryIndexes()) {
        IndexStatus i = byName.computeIfAbsent(oi.name(), n -> {
          IndexStatus x = new IndexStatus();
          x.name = n;
          x.backfilling = false;
          return x;
        });
        if (i.status == null || "NOT_FOUND".equals(i.status) || rank(oi.status()) > rank(i.status)) {
          i.status = oi.status();
        }
        i.backfilling = Boolean.TRUE.equals(i.backfilling) || oi.backfilling();
        if (!oi.isActive() || oi.backfilling()) {
          unsettled.computeIfAbsent(oi.name(), n -> new ArrayList<>())
              .add(oi.status() + (oi.backfilling() ? " (backfilling)" : "") + " in " + ro.region());
        }
        i.message = null;
      }
    }
    unsettled.forEach((name, where) -> byName.get(name).message = String.join(", ", where));
    if (desired != null) {
      byName.values().forEach(i -> {
        boolean wanted = desired.globalSecondaryIndexes().stream().anyMatch(g -> g.name().equals(i.name));
        if (!wanted && i.message == null) {
          i.message = "not in spec";
        }
      });
    }
    return new ArrayList<>(byName.values());
  }

  /** Higher = less settled; the aggregate shows the least settled status over regions. */
  private static int rank(String status) {
    return switch (status) {
      case "ACTIVE" -> 0;
      case "UPDATING" -> 1;
      case "CREATING" -> 2;
      case "DELETING" -> 3;
      default -> 4;
    };
  }

  private static String regionsColumn(Desired desired, List<ReplicaStatus> replicas) {
    if (desired == null) {
      return null;
    }
    // A region counts while it serves data: ACTIVE, or UPDATING (configuration changing, data plane available, reference
    // 2.1). Otherwise the home table would drop out of the count every time a replica is added.
    long active = replicas.stream()
        .filter(r -> desired.regions().contains(r.region) && ("ACTIVE".equals(r.status) || "UPDATING".equals(r.status)))
        .count();
    return active + "/" + desired.regions().size();
  }

  private static List<String> pending(Plan plan, Outcome outcome) {
    if (plan == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    boolean skippedApplied = false;
    for (PlannedStep ps : plan.steps()) {
      if (!skippedApplied && outcome.applied() != null && ps.step().equals(outcome.applied())) {
        // Why: the step just sent is AWS's work now; pending lists what the operator still has to do.
        skippedApplied = true;
        continue;
      }
      out.add(ps.describe());
    }
    return out;
  }

  private List<Condition> conditions(Outcome outcome, Long generation, GlobalTableStatus previous) {
    String readyStatus;
    String reconciling;
    String stalled;
    switch (outcome.phase()) {
      case READY -> {
        readyStatus = "True";
        reconciling = "False";
        stalled = "False";
      }
      case PROGRESSING -> {
        readyStatus = "False";
        reconciling = "True";
        stalled = "False";
      }
      case STALLED -> {
        readyStatus = "False";
        reconciling = "False";
        stalled = "True";
      }
      default -> {
        readyStatus = "False";
        reconciling = "False";
        stalled = "False";
      }
    }
    String reason = outcome.reason().name();
    List<Condition> out = new ArrayList<>();
    Condition previousReady = find(previous, ConditionType.Ready);
    if ((outcome.reason() == Reason.AwsUnavailable || outcome.reason() == Reason.OperatorError)
        && previousReady != null) {
      // Why: one throttled read says nothing about the table; flipping Ready would make GitOps health flap. Only
      // Reconciling says a retry is under way.
      out.add(previousReady);
    } else {
      out.add(condition(ConditionType.Ready, readyStatus, reason, outcome.message(), generation, previous));
    }
    out.add(condition(ConditionType.Reconciling, reconciling, reason,
        "True".equals(reconciling) ? outcome.message() : "", generation, previous));
    out.add(condition(ConditionType.Stalled, stalled, reason,
        "True".equals(stalled) ? outcome.message() : "", generation, previous));
    return out;
  }

  /** The condition of {@code type} in {@code status}, or null. */
  static Condition find(GlobalTableStatus status, ConditionType type) {
    if (status == null || status.conditions == null) {
      return null;
    }
    return status.conditions.stream().filter(c -> type.name().equals(c.getType())).findFirst().orElse(null);
  }

  private Condition condition(ConditionType type, String status, String reason, String message, Long generation,
      GlobalTableStatus previous) {
    String transition = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    if (previous != null && previous.conditions != null) {
      for (Condition c : previous.conditions) {
        if (type.name().equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
          // Why: lastTransitionTime moves only when the condition's status flips (Kubernetes convention).
          transition = c.getLastTransitionTime();
        }
      }
    }
    return new ConditionBuilder()
        .withType(type.name())
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build();
  }
}
