package dev.globaltable.operator.sim;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * An in-memory, multi-region AWS control plane for DynamoDB global tables (version 2019.11.21): independent regional
 * control planes linked into replica groups, asynchronous transitions on an injectable {@link SimClock}, the exact error
 * codes and texts of aws-semantics.md, fault injection and a journal of every call. The operator's SDK adapter code
 * talks to it through {@link #dynamoDb(String)}, a real {@link DynamoDbClient}.
 *
 * <p>Thread-safe: every call runs under one lock. Nothing runs in the background; transitions due at the current
 * virtual time are applied at the start of each call.
 */
public final class SimulatedAws {
  private final SimClock clock;
  private final String accountId;
  private final Faults faults = new Faults();
  private final Journal journal;
  private final DynamoDbControlPlane dynamo;
  private final SimInspector inspector;
  private final Map<String, DynamoDbClient> clients = new ConcurrentHashMap<>();
  private final CloudWatchPlane cloudWatch;
  private final MetricStore metricStore;
  private final DashboardStore dashboards;
  private final AutoScalingPlane autoScaling;
  private final Map<String, ApplicationAutoScalingClient> aasClients = new ConcurrentHashMap<>();
  private final Map<String, CloudWatchClient> cwClients = new ConcurrentHashMap<>();

  /**
   * @param clock virtual time (manual for tests, accelerated for the sandbox)
   * @param accountId the account in every ARN, e.g. "111122223333"
   * @param regions the regions that exist, e.g. us-east-1, eu-west-1, ap-northeast-1
   */
  public SimulatedAws(SimClock clock, String accountId, Collection<String> regions) {
    this(clock, accountId, regions, SimTimings.defaults());
  }

  /** As {@link #SimulatedAws(SimClock, String, Collection)} with custom transition durations. */
  public SimulatedAws(SimClock clock, String accountId, Collection<String> regions, SimTimings timings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("at least one region is required");
    }
    this.journal = new Journal(clock);
    this.dynamo = new DynamoDbControlPlane(clock, accountId, regions, Objects.requireNonNull(timings, "timings"),
        faults);
    this.metricStore = new MetricStore(regions);
    this.cloudWatch = new CloudWatchPlane(clock, accountId, regions, metricStore);
    this.dashboards = new DashboardStore(clock, accountId, regions);
    this.autoScaling = new AutoScalingPlane(clock, accountId, regions, dynamo, cloudWatch);
    this.inspector = new SimInspector(dynamo, autoScaling);
    dynamo.attachAutoScaling(autoScaling);
  }

  /** The virtual clock every transition and journal entry uses. */
  public SimClock clock() {
    return clock;
  }

  /** The account id in every ARN. */
  public String accountId() {
    return accountId;
  }

  /**
   * The DynamoDB client for {@code region} (one instance per region). For a region the simulator does not have, every call fails like an
   * unresolvable endpoint (SdkClientException caused by UnknownHostException); ReplicaUpdates naming such a region get
   * AWS's "Region X is not supported" ValidationException.
   */
  public DynamoDbClient dynamoDb(String region) {
    return clients.computeIfAbsent(Objects.requireNonNull(region, "region"),
        r -> new SimDynamoDbClient(dynamo, r, faults, journal));
  }

  /**
   * The Application Auto Scaling client for {@code region} (one instance per region; journal service
   * "application-autoscaling"): scalable targets and TargetTrackingScaling policies of the dynamodb namespace, each
   * policy owning four alarms in the same region's {@link #cloudWatch(String)}. Unknown regions fail like an
   * unresolvable endpoint. DynamoDB's UpdateTableReplicaAutoScaling / DescribeTableReplicaAutoScaling work on this
   * same state; the changes DynamoDB makes on a caller's behalf are not journalled as auto scaling calls.
   */
  public ApplicationAutoScalingClient applicationAutoScaling(String region) {
    return aasClients.computeIfAbsent(Objects.requireNonNull(region, "region"),
        r -> new SimApplicationAutoScalingClient(autoScaling, dynamo, r, faults, journal));
  }

  /**
   * The CloudWatch client for {@code region} (one instance per region; journal service "cloudwatch"): metric alarms
   * (PutMetricAlarm, DescribeAlarms, DeleteAlarms; regional, evaluated against {@link #metrics(String)}), tags of
   * alarms and dashboards (TagResource, UntagResource, ListTagsForResource), dashboards (PutDashboard, GetDashboard,
   * DeleteDashboards, ListDashboards; global, the same through every region's client) and GetMetricData. Unknown
   * regions fail like an unresolvable endpoint.
   */
  public CloudWatchClient cloudWatch(String region) {
    return cwClients.computeIfAbsent(Objects.requireNonNull(region, "region"),
        r -> new SimCloudWatchClient(cloudWatch, dashboards, dynamo, r, faults, journal));
  }

  /**
   * The metric series of {@code region} that GetMetricData reads and alarms of that region evaluate against, e.g.
   * {@code aws.metrics("us-east-1").constant("AWS/DynamoDB", "ReplicationLatency", Map.of("TableName", "Orders",
   * "ReceivingRegion", "eu-west-1"), 15000)}.
   *
   * @throws IllegalArgumentException for a region the simulator does not have
   */
  public SimMetrics metrics(String region) {
    requireRegion(region);
    return new SimMetrics(dynamo, metricStore, region, clock);
  }

  /**
   * Switches CloudWatch's PutMetricAlarm rate (3 calls per simulated second per region, aws-semantics 6.2/8) on or
   * off; a 4th call within one second of virtual time fails with error code "Throttling" ("Rate exceeded") and
   * changes nothing. Off by default: with a manual clock, tests that create several alarms at one instant would
   * otherwise be throttled.
   */
  public void cloudWatchPutMetricAlarmRateLimit(boolean on) {
    synchronized (dynamo) {
      cloudWatch.rateLimited(on);
    }
  }

  /**
   * Sets how many metric alarms {@code region} may hold (unlimited by default, as in AWS); creating one more fails
   * with LimitExceededException (code "LimitExceeded", "The quota for alarms for this customer has already been
   * reached"). Updates of existing alarms are not affected.
   */
  public void cloudWatchAlarmQuota(String region, int alarms) {
    synchronized (dynamo) {
      requireRegion(region);
      cloudWatch.alarmQuota(region, alarms);
    }
  }

  /**
   * Makes the next mutating Application Auto Scaling call in {@code region} (Register/Deregister, Put/Delete policy)
   * fail with ConcurrentUpdateException before it changes anything, as AWS does while an update to the same resource
   * is pending. One shot.
   */
  public void armAutoScalingConcurrentUpdate(String region) {
    synchronized (dynamo) {
      requireRegion(region);
      autoScaling.armConcurrentUpdate(region);
    }
  }

  /**
   * Scales as Application Auto Scaling would: sets one dimension of the provisioned throughput of the table (or of
   * its index {@code indexNameOrNull}) in {@code region} to {@code units} through DynamoDB's own UpdateTable path, so
   * its rules (state gating, unchanged-value and decrease errors, fan-out of write capacity to replicas) apply as for
   * any caller. Not journalled and never faulted: it is AWS acting, not the operator. Read dimensions are
   * regional: every other replica keeps its read capacity, as a materialized ProvisionedThroughputOverride equal to
   * its old RCU when it had none (aws-semantics 2.2, LAB DDB-TABLE-321); write capacity fans out as usual.
   *
   * @return the table description UpdateTable returned
   * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException whatever UpdateTable would throw
   */
  public TableDescription autoScale(String region, String tableName, String indexNameOrNull,
      ScalableDimension dimension, long units) {
    synchronized (dynamo) {
      dynamo.settle();
      requireRegion(region);
      boolean index = dimension == ScalableDimension.DYNAMODB_INDEX_READ_CAPACITY_UNITS
          || dimension == ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS;
      boolean read = dimension == ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS
          || dimension == ScalableDimension.DYNAMODB_INDEX_READ_CAPACITY_UNITS;
      if (index != (indexNameOrNull != null) || (!index && !read
          && dimension != ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS)) {
        throw new IllegalArgumentException("dimension " + dimension + " does not fit index " + indexNameOrNull);
      }
      SimTable t = dynamo.visible(region, tableName);
      if (t == null || (index && !t.gsis.containsKey(indexNameOrNull))) {
        throw new IllegalArgumentException("no table " + tableName + (index ? " index " + indexNameOrNull : "")
            + " in " + region);
      }
      // The region's own read as it reports it (its override, when it has one): a write-only scaling re-sends it.
      SimIndex ownIndex = index ? t.gsis.get(indexNameOrNull) : null;
      long rcu = index ? (ownIndex.rcuOverride != null ? ownIndex.rcuOverride : ownIndex.rcu)
          : (t.rcuOverride != null ? t.rcuOverride : t.rcu);
      long wcu = index ? t.gsis.get(indexNameOrNull).wcu : t.wcu;
      ProvisionedThroughput pt = ProvisionedThroughput.builder().readCapacityUnits(read ? units : rcu)
          .writeCapacityUnits(read ? wcu : units).build();
      UpdateTableRequest.Builder r = UpdateTableRequest.builder().tableName(tableName);
      if (index) {
        r.globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .update(u -> u.indexName(indexNameOrNull).provisionedThroughput(pt)).build());
      } else {
        r.provisionedThroughput(pt);
      }
      // Read scaling is regional: replicas keep their read capacity. Those without an override get one equal to
      // their old RCU (materialized, LAB DDB-TABLE-321); existing overrides survive the base change.
      List<SimTable> others = t.group == null ? List.of()
          : t.group.members.stream().filter(m -> m != t && !m.removed).toList();
      Map<SimTable, Long> keep = new HashMap<>();
      if (read) {
        for (SimTable m : others) {
          if (index) {
            SimIndex ix = m.gsis.get(indexNameOrNull);
            if (ix != null) {
              keep.put(m, ix.rcuOverride != null ? ix.rcuOverride : ix.rcu);
            }
          } else {
            keep.put(m, m.rcuOverride != null ? m.rcuOverride : m.rcu);
          }
        }
      }
      try {
        TableDescription out = dynamo.updateTable(region, r.build());
        if (keep.isEmpty()) {
          return out;
        }
        keep.forEach((m, old) -> {
          if (index) {
            SimIndex ix = m.gsis.get(indexNameOrNull);
            ix.rcuOverride = old == ix.rcu ? null : old;
          } else {
            m.rcuOverride = old == m.rcu ? null : old;
          }
        });
        return dynamo.describe(t);
      } finally {
        dynamo.takeSummary(); // the journal summary belongs to journalled calls only
      }
    }
  }

  /**
   * Creates a Kinesis data stream named {@code streamName} in {@code region} (the only thing the simulator models of
   * Kinesis: whether a stream exists, which decides whether a streaming destination becomes ACTIVE or ENABLE_FAILED).
   *
   * @return the stream ARN "arn:aws:kinesis:&lt;region&gt;:&lt;account&gt;:stream/&lt;name&gt;"
   */
  public String createKinesisStream(String region, String streamName) {
    synchronized (dynamo) {
      requireRegion(region);
      return dynamo.settings.createKinesisStream(region, Objects.requireNonNull(streamName, "streamName"));
    }
  }

  /**
   * The ARN the simulator gives the AWS managed KMS key for DynamoDB (alias/aws/dynamodb) in {@code region}:
   * "arn:aws:kms:&lt;region&gt;:&lt;account&gt;:key/aws-managed-dynamodb". Any other key ARN is a customer managed key.
   */
  public String awsManagedKmsKey(String region) {
    return dynamo.settings.awsManagedKey(region);
  }

  /**
   * Sets the CloudWatch Contributor Insights rule quota of {@code region} (default 100 rules; a hash-only table or GSI
   * needs 2, one with a range key 4). Enabling past it ends in FAILED.
   */
  public void contributorInsightsRuleQuota(String region, int rules) {
    synchronized (dynamo) {
      requireRegion(region);
      dynamo.settings.contributorInsightsQuota(region, rules);
    }
  }

  /**
   * Drift switches: changes made by hand in {@code region}, bypassing budgets and cooldowns, never journalled.
   *
   * @see OutOfBand
   */
  public OutOfBand outOfBand(String region) {
    requireRegion(region);
    return new OutOfBand(dynamo, region);
  }

  /** The regions the simulator has, in configuration order. */
  public List<String> regions() {
    return dynamo.regions();
  }

  /** Fault-injection switches, shared by every region's client. */
  public Faults faults() {
    return faults;
  }

  /** Every call made through any client, in order. */
  public Journal journal() {
    return journal;
  }

  /** Read-only view of the current state (never faulted, never journalled). */
  public SimInspector inspect() {
    return inspector;
  }

  /**
   * Writes {@code count} items to the table (and, through replication, to its replicas). A replica of a non-empty table
   * takes minutes to create instead of seconds.
   */
  public void putItems(String region, String tableName, int count) {
    synchronized (dynamo) {
      dynamo.settle();
      requireRegion(region);
      dynamo.putItems(region, tableName, count);
    }
  }

  /**
   * Creates, outside any journalled call, an ACTIVE table not made by the operator: partition key "id" (S),
   * PAY_PER_REQUEST, with the given tags.
   */
  public void createForeignTable(String region, String tableName, Map<String, String> tags) {
    synchronized (dynamo) {
      dynamo.settle();
      requireRegion(region);
      dynamo.createForeignTable(region, tableName, tags);
    }
  }

  private void requireRegion(String region) {
    if (!dynamo.knownRegion(region)) {
      throw new IllegalArgumentException("unknown region " + region + "; the simulator has " + dynamo.regions());
    }
  }
}
