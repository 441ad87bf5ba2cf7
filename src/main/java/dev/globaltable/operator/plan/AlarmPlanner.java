package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.AlarmDefinition;
import dev.globaltable.operator.model.AlarmDefinition.MetricQuery;
import dev.globaltable.operator.model.AlarmNames;
import dev.globaltable.operator.model.AlarmThreshold;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.Monitoring;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedAlarm;
import dev.globaltable.operator.model.ObservedDashboard;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CloudWatch alarms and dashboard the operator owns for a table (spec.alarms, spec.dashboard), and the per-region
 * steps that converge them.
 *
 * <p>The desired alarm set is a pure function of the spec and the observed group: its members are the home region and
 * every replica the home table lists (not DELETING) that is also in the spec, and its indexes are the spec's GSIs that
 * the home table lists. Every alarm is a static-threshold alarm on an AWS/DynamoDB metric (GreaterThanOrEqualToThreshold,
 * TreatMissingData notBreaching) whose description starts with {@link AlarmDefinition#ownerMarker}: only alarms that
 * carry this resource's marker are ever updated or deleted. An alarm of a desired name that lacks the marker is never
 * overwritten: its step carries a {@link BlockReason#NOT_ALLOWED} blocker naming it. Alarms AWS creates
 * (TargetTracking-*) never carry the marker (nor the name prefix).
 *
 * <p>Steps are per-region (not table mutations) and run one per pass: deletes first (every region read, in spec order,
 * then regions that left the spec in name order; at most 100 names per DeleteAlarms), then creates and updates (member
 * regions in spec order), then the dashboard, which lists the alarms.
 */
public final class AlarmPlanner {

  /** ComparisonOperator of every operator-owned alarm. */
  public static final String COMPARISON = "GreaterThanOrEqualToThreshold";
  /** TreatMissingData of every operator-owned alarm. */
  public static final String TREAT_MISSING_DATA = "notBreaching";
  /** The data-plane operations whose SystemErrors the systemErrors alarm sums (ids m1..m10 in this order). */
  public static final List<String> OPERATIONS = List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
      "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems");
  /** DeleteAlarms takes at most this many names per call (reference 6.2). */
  static final int DELETE_BATCH = 100;

  private AlarmPlanner() {}

  // ---------------------------------------------------------------------------------------------------------------
  // the desired set

  /**
   * The member regions of the group in spec order: the home region and every spec region the home table lists as a
   * replica that is not DELETING.
   */
  public static List<String> members(Desired desired, RegionalTable home) {
    List<String> out = new ArrayList<>();
    for (String region : desired.regions()) {
      if (home.hasLiveMember(region)) {
        out.add(region);
      }
    }
    return out;
  }

  /** The spec's GSIs (spec order) that the home table lists: the indexes whose metrics exist. */
  public static List<String> indexes(Desired desired, RegionalTable home) {
    return desired.globalSecondaryIndexes().stream().map(IndexDefinition::name)
        .filter(name -> home.index(name).isPresent()).toList();
  }

  /**
   * Every alarm the spec asks for, member region by member region (spec order); within a region: replication latency
   * to each other member (spec order), read and write throttling of the table then of each index, system errors, and
   * the on-demand maximum throttling of the table then of each index. Empty when spec.alarms is absent.
   */
  public static List<AlarmDefinition> desiredAlarms(Desired desired, RegionalTable home) {
    Monitoring mon = desired.monitoring();
    List<AlarmDefinition> out = new ArrayList<>();
    if (!mon.alarmsEnabled()) {
      // spec.alarms absent: the operator owns no alarms (and deletes those it made).
      return out;
    }
    List<String> members = members(desired, home);
    List<String> indexes = indexes(desired, home);
    String t = desired.tableName();
    for (String region : members) {
      Alarms a = new Alarms(desired, region);
      AlarmThreshold latency = mon.replicationLatency();
      if (latency != null && members.size() >= 2) {
        for (String to : members) {
          if (!to.equals(region)) {
            out.add(a.single(AlarmNames.replicationLatency(t, to), latency, AlarmNames.REPLICATION_LATENCY,
                Map.of("TableName", t, "ReceivingRegion", to), "Average",
                "Replication latency of table " + t + " from " + region + " to " + to
                    + " (Average ReplicationLatency in ms, kept in the source region): writes made in " + region
                    + " reach " + to + " late, or replication to " + to + " has stopped."));
          }
        }
      }
      AlarmThreshold throttling = mon.throttling();
      if (throttling != null) {
        a.throttle(out, throttling, AlarmNames.READ_THROTTLE, null, "Read");
        a.throttle(out, throttling, AlarmNames.WRITE_THROTTLE, null, "Write");
        for (String i : indexes) {
          a.throttle(out, throttling, AlarmNames.READ_THROTTLE, i, "Read");
          a.throttle(out, throttling, AlarmNames.WRITE_THROTTLE, i, "Write");
        }
      }
      if (mon.systemErrors() != null) {
        out.add(a.systemErrors(mon.systemErrors()));
      }
      AlarmThreshold max = mon.maxThroughputThrottling();
      if (max != null && !desired.provisioned()) {
        if (desired.maxReadRequestUnits(region) != null) {
          a.maxThrottle(out, max, AlarmNames.READ_MAX_ON_DEMAND_THROTTLE, null, "read", "maxReadRequestUnits");
        }
        if (desired.onDemand().maxWriteRequestUnits() != null) {
          a.maxThrottle(out, max, AlarmNames.WRITE_MAX_ON_DEMAND_THROTTLE, null, "write", "maxWriteRequestUnits");
        }
        for (String i : indexes) {
          if (desired.indexMaxReadRequestUnits(region, i) != null) {
            a.maxThrottle(out, max, AlarmNames.READ_MAX_ON_DEMAND_THROTTLE, i, "read", "maxReadRequestUnits");
          }
          if (desired.index(i).onDemand().maxWriteRequestUnits() != null) {
            a.maxThrottle(out, max, AlarmNames.WRITE_MAX_ON_DEMAND_THROTTLE, i, "write", "maxWriteRequestUnits");
          }
        }
      }
    }
    return out;
  }

  /** Builds the alarms of one region. */
  private record Alarms(Desired d, String region) {
    AlarmDefinition single(String name, AlarmThreshold th, String metric, Map<String, String> dims, String stat,
        String words) {
      return new AlarmDefinition(region, name, describe(words), metric, dims, stat, List.of(), th.periodSeconds(),
          th.evaluationPeriods(), th.datapointsToAlarm(), th.threshold(), COMPARISON, TREAT_MISSING_DATA,
          d.monitoring().actionsIn(region));
    }

    void throttle(List<AlarmDefinition> out, AlarmThreshold th, String metric, String index, String kind) {
      out.add(single(AlarmNames.metric(d.tableName(), metric, index), th, metric, dims(index), "Sum",
          kind + " throttle events on " + what(index) + " in " + region + " (Sum of " + metric + "): requests are "
              + "rejected because they exceed the provisioned capacity or a partition's limits."));
    }

    void maxThrottle(List<AlarmDefinition> out, AlarmThreshold th, String metric, String index, String kind,
        String field) {
      out.add(single(AlarmNames.metric(d.tableName(), metric, index), th, metric, dims(index), "Sum",
          "On-demand " + kind + " requests to " + what(index) + " in " + region + " throttled by its maximum (Sum of "
              + metric + "): raise " + field + " if this traffic is expected."));
    }

    AlarmDefinition systemErrors(AlarmThreshold th) {
      List<MetricQuery> metrics = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < OPERATIONS.size(); i++) {
        String id = "m" + (i + 1);
        ids.add(id);
        metrics.add(new MetricQuery(id, null, AlarmNames.SYSTEM_ERRORS,
            Map.of("TableName", d.tableName(), "Operation", OPERATIONS.get(i)), "Sum", th.periodSeconds(), false));
      }
      metrics.add(new MetricQuery("errors", "SUM([" + String.join(",", ids) + "])", null, Map.of(), null, 0, true));
      return new AlarmDefinition(region, AlarmNames.systemErrors(d.tableName()),
          describe("DynamoDB system errors (HTTP 500) on table " + d.tableName() + " in " + region + " (Sum of "
              + "SystemErrors over the data-plane operations): requests fail on the AWS side and clients must retry."),
          null, Map.of(), null, metrics, th.periodSeconds(), th.evaluationPeriods(), th.datapointsToAlarm(),
          th.threshold(), COMPARISON, TREAT_MISSING_DATA, d.monitoring().actionsIn(region));
    }

    private Map<String, String> dims(String index) {
      return index == null ? Map.of("TableName", d.tableName())
          : Map.of("TableName", d.tableName(), "GlobalSecondaryIndexName", index);
    }

    private String what(String index) {
      return index == null ? "table " + d.tableName() : "index " + index + " of table " + d.tableName();
    }

    private String describe(String words) {
      String full = AlarmDefinition.ownerMarker(d.owner()) + " " + words;
      // CloudWatch caps AlarmDescription at 1024 characters (long owner, table and index names add up).
      return full.length() <= AlarmDefinition.MAX_DESCRIPTION ? full
          : full.substring(0, AlarmDefinition.MAX_DESCRIPTION - 3) + "...";
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // planning

  /**
   * The alarm and dashboard steps of a normal pass: owned alarms nothing wants any more are deleted in every region
   * whose alarms were read, desired alarms are created or updated in every member region whose alarms were read and
   * whose table exists, then the dashboard.
   */
  static List<PlannedStep> plan(Desired d, Observed o, RegionalTable home) {
    List<PlannedStep> out = new ArrayList<>();
    if (d.owner() == null) {
      // Without an owner there is no marker to tell our alarms from anyone else's: touch nothing.
      return out;
    }
    List<AlarmDefinition> want = desiredAlarms(d, home);
    Map<String, Map<String, AlarmDefinition>> wantByRegion = new LinkedHashMap<>();
    want.forEach(a -> wantByRegion.computeIfAbsent(a.region(), r -> new LinkedHashMap<>()).put(a.name(), a));

    out.addAll(Planner.unblocked(deleteOwned(d, o, wantByRegion)));

    for (String region : members(d, home)) {
      RegionObservation ro = o.regions().get(region);
      if (ro == null || ro.alarms() == null || ro.table() == null) {
        // Alarms not read this pass (the next deep pass decides), or the regional table is not there to watch.
        continue;
      }
      Map<String, ObservedAlarm> have = new LinkedHashMap<>();
      ro.alarms().forEach(a -> have.put(a.name(), a));
      for (AlarmDefinition w : wantByRegion.getOrDefault(region, Map.of()).values()) {
        ObservedAlarm h = have.get(w.name());
        Map<String, String> tags = Map.of(Desired.OWNER_TAG, d.owner());
        if (h == null) {
          out.add(new PlannedStep(new Step.PutMetricAlarm(region, w, tags, true), null));
        } else if (!h.definition().ownedBy(d.owner())) {
          out.add(new PlannedStep(new Step.PutMetricAlarm(region, w, tags, false), new Blocker(
              BlockReason.NOT_ALLOWED, "spec.alarms: an alarm named " + w.name() + " already exists in " + region
                  + " that this resource did not create (its description lacks \"" + AlarmDefinition.ownerMarker(
                  d.owner()) + "\"); the operator does not overwrite it: delete or rename that alarm")));
        } else if (!h.definition().sameConfigurationAs(w)) {
          out.add(new PlannedStep(new Step.PutMetricAlarm(region, w, tags, false), null));
        }
      }
    }

    PlannedStep dashboard = planDashboard(d, o, home, want);
    if (dashboard != null) {
      out.add(dashboard);
    }
    return out;
  }

  private static PlannedStep planDashboard(Desired d, Observed o, RegionalTable home, List<AlarmDefinition> alarms) {
    ObservedDashboard have = o.dashboard();
    if (have == null) {
      // Not read this pass: the next pass that reads it decides.
      return null;
    }
    String name = AlarmNames.dashboard(d.tableName());
    boolean ours = have.exists() && DashboardBuilder.ownedBy(have.body(), d.owner());
    if (!d.monitoring().dashboard()) {
      // Not wanted: remove ours; a dashboard of that name someone else made is none of our business.
      return ours ? new PlannedStep(new Step.DeleteDashboard(home.region(), name), null) : null;
    }
    String body = DashboardBuilder.body(d, home, alarms);
    if (!have.exists()) {
      return new PlannedStep(new Step.PutDashboard(home.region(), name, body, true), null);
    }
    if (!ours) {
      return new PlannedStep(new Step.PutDashboard(home.region(), name, body, false), new Blocker(
          BlockReason.NOT_ALLOWED, "spec.dashboard: a CloudWatch dashboard named " + name + " already exists that "
              + "this resource did not create (its body lacks \"" + AlarmDefinition.ownerMarker(d.owner())
              + "\"); the operator does not overwrite it: delete or rename that dashboard"));
    }
    if (DashboardBuilder.sameBody(have.body(), body)) {
      // Already as built.
      return null;
    }
    return new PlannedStep(new Step.PutDashboard(home.region(), name, body, false), null);
  }

  /**
   * Deletion of the resource (deletionPolicy Delete): every alarm this resource owns in every region whose alarms were
   * read, and its dashboard, so that nothing is left behind.
   */
  static List<Step> deleteEverything(Desired d, Observed o) {
    List<Step> out = new ArrayList<>();
    if (d.owner() == null) {
      // Without an owner there is no marker to tell our alarms from anyone else's: touch nothing.
      return out;
    }
    out.addAll(deleteOwned(d, o, Map.of()));
    ObservedDashboard dash = o.dashboard();
    if (dash != null && dash.exists() && DashboardBuilder.ownedBy(dash.body(), d.owner())) {
      out.add(new Step.DeleteDashboard(o.homeRegion(), AlarmNames.dashboard(d.tableName())));
    }
    return out;
  }

  /**
   * A wait while the spec has alarms (or a dashboard) and some region's alarms (or the dashboard) were not read this
   * pass; null when everything asked for was read.
   */
  static Blocker unread(Desired d, Observed o) {
    if (d.monitoring().alarmsEnabled()) {
      for (RegionObservation ro : o.regions().values()) {
        if (ro.alarms() == null) {
          return new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, "the CloudWatch alarms in " + ro.region()
              + " were not read in this pass; the table is deleted once this resource's alarms are known to be gone");
        }
      }
    }
    if (d.monitoring().dashboard() && o.dashboard() == null) {
      return new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, "the dashboard was not read in this pass; the table is "
          + "deleted once this resource's dashboard is known to be gone");
    }
    return null;
  }

  /**
   * A wait for a replica region leaving the spec: its alarms that this resource owns are deleted before the replica
   * (once its table is gone the region is no longer read, and they would be orphaned); null when there are none, or
   * the spec has no alarms and none were read there.
   */
  static Blocker leavingRegionAlarms(Desired d, Observed o, String region) {
    RegionObservation ro = o.regions().get(region);
    if (ro == null || ro.alarms() == null) {
      return d.monitoring().alarmsEnabled() ? new Blocker(BlockReason.NEEDS_DEEP_OBSERVATION, "the CloudWatch alarms "
          + "in " + region + " were not read in this pass; the replica is removed once its alarms are deleted") : null;
    }
    boolean left = d.owner() != null && ro.alarms().stream().anyMatch(a -> ours(a, d));
    return left ? new Blocker(BlockReason.QUEUED, "after: delete the CloudWatch alarms this resource owns in "
        + region) : null;
  }

  /**
   * Whether the operator may update or delete {@code a}: it carries this resource's owner marker and this table's name
   * prefix (both, so that neither another resource's alarm nor one of ours for another table name is ever touched).
   */
  private static boolean ours(ObservedAlarm a, Desired d) {
    return a.name().startsWith(AlarmNames.prefix(d.tableName())) && a.definition().ownedBy(d.owner());
  }

  /** Regions whose alarms were read this pass: spec regions in spec order, then the others by name. */
  private static List<String> regionsInOrder(Desired d, Observed o) {
    Set<String> ordered = new LinkedHashSet<>();
    d.regions().stream().filter(o.regions()::containsKey).forEach(ordered::add);
    new TreeSet<>(o.regions().keySet()).forEach(ordered::add);
    return ordered.stream().filter(r -> o.regions().get(r).alarms() != null).toList();
  }

  private static List<Step> deleteSteps(String region, Set<String> sortedNames) {
    List<String> names = new ArrayList<>(sortedNames);
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i += DELETE_BATCH) {
      out.add(new Step.DeleteAlarms(region, names.subList(i, Math.min(names.size(), i + DELETE_BATCH))));
    }
    return out;
  }

  /** DeleteAlarms for every alarm of ours in every region read, except those {@code keep} lists for its region. */
  private static List<Step> deleteOwned(Desired d, Observed o, Map<String, Map<String, AlarmDefinition>> keep) {
    List<Step> out = new ArrayList<>();
    for (String region : regionsInOrder(d, o)) {
      Set<String> names = new TreeSet<>();
      for (ObservedAlarm a : o.regions().get(region).alarms()) {
        if (ours(a, d) && !keep.getOrDefault(region, Map.of()).containsKey(a.name())) {
          names.add(a.name());
        }
      }
      out.addAll(deleteSteps(region, names));
    }
    return out;
  }
}
