package dev.globaltable.operator.aws;

import dev.globaltable.operator.logging.LogFields;
import dev.globaltable.operator.logging.MdcScope;
import dev.globaltable.operator.model.AlarmDefinition;
import dev.globaltable.operator.model.AlarmNames;
import dev.globaltable.operator.model.AutoScaling;
import dev.globaltable.operator.model.CapacityDimension;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedAlarm;
import dev.globaltable.operator.model.ObservedDashboard;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedScaling;
import dev.globaltable.operator.model.ObservedSettings;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.ProvisionedUnits;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ReplicaOverrides;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Step;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteDashboardsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsAction;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.KinesisDataStreamDestination;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoverySpecification;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughputOverride;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputOverride;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The {@link AwsGateway} over the AWS SDK v2 {@link DynamoDbClient}, {@link ApplicationAutoScalingClient} and
 * {@link CloudWatchClient}: real AWS, DynamoDB Local and the simulator alike.
 *
 * <p>observe: DescribeTable in the home region; on a deep pass also in every other region and, in each region where
 * the table exists and is neither CREATING nor DELETING, its tags, its per-region settings (where it is ACTIVE or
 * UPDATING) and its autoscaling. {@link Observed#observedAt()} is read from the injected {@link Clock} before the first
 * call. The calls of one deep pass, per such region, in order, each sent through that region's own client with the
 * table NAME (or that region's own ARN for tags; never another region's, reference 7.2 and 9.7):
 * <ol>
 *   <li>DescribeTable(TableName) - 1 call;</li>
 *   <li>ListTagsOfResource(ResourceArn = the region's own ARN) - 1 call per page of tags (usually 1);</li>
 *   <li>DescribeContinuousBackups(TableName) - 1 call (point-in-time recovery, per region);</li>
 *   <li>DescribeTimeToLive(TableName) - 1 call (group-wide in AWS, but read everywhere so that each region's status
 *       shows what that region reports while a change propagates);</li>
 *   <li>DescribeContributorInsights(TableName), then DescribeContributorInsights(TableName, IndexName) for every GSI
 *       the region's DescribeTable lists that is not DELETING - 1 + G calls (1 when the table's own read could not
 *       answer);</li>
 *   <li>DescribeKinesisStreamingDestination(TableName) - 1 call;</li>
 *   <li>Application Auto Scaling DescribeScalableTargets(ServiceNamespace=dynamodb, ResourceIds=[table/&lt;t&gt;,
 *       table/&lt;t&gt;/index/&lt;i&gt; for every GSI the region's DescribeTable lists]) - 1 call per page of 50
 *       targets (always 1 in practice: a table and its at most 20 GSIs have at most 42 targets); only where the table
 *       is PROVISIONED or the caller names the region in {@code scalingRegions};</li>
 *   <li>Application Auto Scaling DescribeScalingPolicies(ServiceNamespace=dynamodb, ResourceId=r) for each resource r
 *       (table, then GSIs in DescribeTable's order) that has at least one scalable target - 1 call per page of 10
 *       policies (1 for the usual one policy per dimension). Policies are read per resource, not per target: one
 *       call covers both dimensions, and unlike a region-wide listing it never pages through other tables'
 *       policies.</li>
 * </ol>
 * Then, only when the caller asks ({@link AwsGateway.ObserveOptions}) and in every region where the table exists (any
 * status), through that region's CloudWatch client:
 * <ol start="9">
 *   <li>CloudWatch DescribeAlarms(AlarmNamePrefix = "globaltable/&lt;t&gt;/", AlarmTypes = [MetricAlarm], MaxRecords
 *       = 100) - 1 call per page of 100 alarms (1 in practice) when alarms are asked for;</li>
 *   <li>CloudWatch GetMetricData(one ReplicationLatency query per other region of interest) - 1 call (per page; 1 in
 *       practice: at most 3 datapoints per query) when replication latency is asked for and there is another region;
 *       </li>
 * </ol>
 * and once per deep pass, when a dashboard name is given: CloudWatch GetDashboard(name) through the home region's
 * client (dashboards are global). None of these is called on a shallow pass or when not asked for.
 * So an ACTIVE on-demand table with G GSIs costs 6 + G calls per region per deep pass; a PROVISIONED one whose table
 * and N of its G indexes autoscale costs 6 + G + 1 + (1 + N) (8 + 2G when every index autoscales); a PROVISIONED
 * region without any target costs 7 + G. Where the table is missing, CREATING or DELETING only DescribeTable is
 * called and tags, settings and scaling are null (not read); where it is in another state (e.g.
 * INACCESSIBLE_ENCRYPTION_CREDENTIALS) settings are null too. On a shallow pass only the home region's DescribeTable
 * is called. A settings read that cannot answer for a clear reason (the table or index vanished after DescribeTable,
 * "not in a valid state" while it transitions, or an engine without the API throws UnsupportedOperationException)
 * leaves its field null; any other failure, AccessDenied included,
 * fails the observation as a classified {@link AwsCallException}.
 * Scalable targets are mapped to {@link ObservedScaling} with every policy on them, whatever its name, sorted by
 * resource (table first), dimension and policy name so that the observation does not depend on AWS's listing order.
 *
 * <p>apply: exactly one SDK call per {@link Step}, sent to {@link Step#region()}; replica changes go to the home region
 * and never name it; autoscaling steps go to the Application Auto Scaling endpoint of their region. Alarm steps
 * (PutMetricAlarm, DeleteAlarms) and dashboard steps (PutDashboard, DeleteDashboards) go to the CloudWatch endpoint of
 * their region (for a dashboard: the home region's; dashboards are global). Each request
 * carries exactly what the step says (a field the step leaves null is not sent), so an inconsistent step meets AWS's
 * own validation rather than being silently repaired here. Per-region settings go to the step's region with the table
 * name: UpdateTimeToLive, UpdateTable SSESpecification / TableClass / DeletionProtectionEnabled, UpdateContinuousBackups,
 * UpdateContributorInsights, Enable/DisableKinesisStreamingDestination; a replica's table class is a ReplicaUpdates
 * Update sent to the home region. A budget refusal carries its hold ({@link AwsCallException#notBefore()}) placed with
 * the injected clock. The legacy 2017.11.29 global-table APIs are never called.
 * Every mutation is logged once, at INFO when accepted and at INFO or WARN when refused, with service, table, region,
 * operation and step in the MDC (see {@link #call}); every failure becomes a classified
 * {@link AwsCallException} (see {@link ErrorClassifier}).
 */
public final class SdkAwsGateway implements AwsGateway {

  private static final Logger LOG = LoggerFactory.getLogger(SdkAwsGateway.class);

  /**
   * Table states in which the tag APIs answer ResourceNotFound or are pointless (reference 7.3). Autoscaling is not
   * read there either: a replica gets its mirrored write targets only once ACTIVE (4.1). Consequence: targets AWS
   * orphans in a region whose table is DELETING or gone (4.1) are never observed, so they must be deregistered before
   * the replica or the table is removed.
   */
  private static final Set<String> TAGS_UNREADABLE_STATES = Set.of("CREATING", "DELETING");
  /**
   * Table states in which PITR, TTL, Contributor Insights and Kinesis can be read. CREATING and DELETING tables refuse
   * ("Cannot describe time to live while table is in CREATING state", reference 7.1); the rare other states
   * (INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING, ...) have nothing the operator could change anyway.
   */
  private static final Set<String> SETTINGS_READABLE_STATES = Set.of("ACTIVE", "UPDATING");
  /** ValidationException of a settings call on a table or index that is transitioning (reference 7.4, 7.5). */
  private static final String NOT_IN_A_VALID_STATE = "not in a valid state";
  /** DescribeTimeToLive on a CREATING/DELETING table (reference 7.1). */
  private static final String CANNOT_DESCRIBE_TTL_WHILE = "Cannot describe time to live while table is in";

  /** DescribeAlarms page size (its maximum). */
  static final int DESCRIBE_ALARMS_PAGE = 100;
  /** ReplicationLatency is a 5-minute metric (reference 6.1). */
  static final int LATENCY_PERIOD_SECONDS = 300;
  /** How far back the replication latency is averaged: the last three 5-minute periods. */
  static final java.time.Duration LATENCY_WINDOW = java.time.Duration.ofMinutes(15);

  private final RegionalClients clients;
  private final Clock clock;

  /** A gateway that stamps observations with the system clock (UTC). */
  public SdkAwsGateway(RegionalClients clients) {
    this(clients, Clock.systemUTC());
  }

  /**
   * @param clients the regional clients
   * @param clock the time source of {@link Observed#observedAt()} (the simulator's clock in tests and the sandbox)
   */
  public SdkAwsGateway(RegionalClients clients, Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep) {
    return observe(tableName, homeRegion, regions, deep, Set.of());
  }

  @Override
  public Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep,
      Set<String> scalingRegions) {
    return observe(tableName, homeRegion, regions, deep, ObserveOptions.scaling(scalingRegions));
  }

  @Override
  public Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep,
      ObserveOptions options) {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(homeRegion, "homeRegion");
    ObserveOptions asked = options == null ? ObserveOptions.NONE : options;
    // Taken before the first call: a budget computed against it errs on the side of "not yet allowed".
    Instant observedAt = clock.instant();
    Map<String, RegionObservation> observations = new LinkedHashMap<>();
    Set<String> alsoScaling = asked.scalingRegions();
    // Regions of interest, home first: the receiving regions of the replication latency read from each of them.
    Set<String> ofInterest = new LinkedHashSet<>();
    ofInterest.add(homeRegion);
    if (deep && regions != null) {
      ofInterest.addAll(regions);
    }
    for (String region : ofInterest) {
      RegionObservation observation = observeRegion(tableName, region, deep, alsoScaling.contains(region));
      if (deep) {
        observation = withMonitoring(tableName, observation, asked, ofInterest, observedAt);
      }
      observations.put(region, observation);
    }
    ObservedDashboard dashboard = deep && asked.dashboardName() != null
        ? readDashboard(homeRegion, asked.dashboardName()) : null;
    return new Observed(homeRegion, observations, deep, observedAt, dashboard);
  }

  /**
   * {@code observation} with the CloudWatch reads {@code options} asks for: DescribeAlarms (every page) and
   * GetMetricData (ReplicationLatency to every other region of interest). Alarms are read whether or not the table
   * exists there (a region whose replica is gone, or a table deleted behind the operator's back, may still hold alarms
   * this resource must delete); latency only where the table exists (no table, no replication source).
   */
  private RegionObservation withMonitoring(String tableName, RegionObservation observation, ObserveOptions options,
      Set<String> ofInterest, Instant now) {
    if (!(options.alarms() || options.replicationLatency())) {
      // Why: what was not asked costs no call.
      return observation;
    }
    String region = observation.region();
    List<ObservedAlarm> alarms = options.alarms() ? readAlarms(tableName, region) : null;
    Map<String, Double> latency = null;
    if (options.replicationLatency() && observation.exists()) {
      List<String> receivers = ofInterest.stream().filter(r -> !r.equals(region)).toList();
      latency = readReplicationLatency(tableName, region, receivers, now);
    }
    return new RegionObservation(region, observation.table(), observation.tags(), observation.scaling(),
        observation.settings(), alarms, latency);
  }

  /**
   * Every page of DescribeAlarms(AlarmNamePrefix = the table's alarm prefix, AlarmTypes = [MetricAlarm], MaxRecords
   * 100) in {@code region}, mapped by {@link #observedAlarm}; null (not read) when CloudWatch throttled or failed
   * transiently (the alarms are unknown this pass: nothing is planned from them). Any other failure (AccessDenied, a
   * CloudWatch the engine does not have) fails the observation, classified.
   */
  private List<ObservedAlarm> readAlarms(String tableName, String region) {
    CloudWatchClient client = clients.cloudWatch(region);
    List<ObservedAlarm> alarms = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String nextToken = null;
    try {
      do {
        DescribeAlarmsResponse page = client.describeAlarms(DescribeAlarmsRequest.builder()
            .alarmNamePrefix(AlarmNames.prefix(tableName)).alarmTypes(AlarmType.METRIC_ALARM)
            .maxRecords(DESCRIBE_ALARMS_PAGE).nextToken(nextToken).build());
        page.metricAlarms().forEach(a -> alarms.add(observedAlarm(region, a)));
        nextToken = checkedToken(page.nextToken(), seenTokens, "DescribeAlarms", AlarmNames.prefix(tableName));
      } while (nextToken != null);
    } catch (RuntimeException e) {
      // Why: a throttled alarm listing (9 per second per region) must not cost the table's whole pass.
      return notReadThisPass(ErrorClassifier.CLOUDWATCH, "DescribeAlarms", region, e);
    }
    return alarms;
  }

  /**
   * The mean ReplicationLatency (ms) of the last 15 minutes from {@code region} (the source, where AWS stores it) to
   * each of {@code receivers}: one GetMetricData (every page) with one query per receiver, Id "r0", "r1", ... in
   * order, MetricStat {AWS/DynamoDB ReplicationLatency, TableName, ReceivingRegion; Period 300; Average}, StartTime
   * = now floored to the minute - 15 min, EndTime = now floored to the minute. A receiver without any datapoint is left
   * out (the map is empty when none has data; no call is made when there is no receiver). Null (not read) when
   * CloudWatch throttled or failed transiently, or the engine does not model GetMetricData (latency is only reported,
   * never planned from); any other failure fails the observation, classified.
   */
  private Map<String, Double> readReplicationLatency(String tableName, String region, List<String> receivers,
      Instant now) {
    if (receivers.isEmpty()) {
      // Why: a single-region table replicates nowhere; nothing to ask.
      return Map.of();
    }
    GetMetricDataRequest first = replicationLatencyRequest(tableName, receivers, now);
    Map<String, List<Double>> values = new HashMap<>();
    Set<String> seenTokens = new HashSet<>();
    String nextToken = null;
    try {
      do {
        GetMetricDataResponse page = clients.cloudWatch(region).getMetricData(
            first.toBuilder().nextToken(nextToken).build());
        for (MetricDataResult result : page.metricDataResults()) {
          values.computeIfAbsent(result.id(), id -> new ArrayList<>()).addAll(result.values());
        }
        nextToken = checkedToken(page.nextToken(), seenTokens, "GetMetricData", tableName);
      } while (nextToken != null);
    } catch (UnsupportedOperationException e) {
      // Why: an engine that does not model GetMetricData (a simulator without metrics): the latency is unknown, which
      // null says; it is only reported. (A CloudWatch the engine does not have at all fails at DescribeAlarms.)
      return null;
    } catch (RuntimeException e) {
      AwsCallException classified = ErrorClassifier.toAwsCallException(ErrorClassifier.CLOUDWATCH, "GetMetricData",
          region, e);
      // Why: latency is only reported, never planned from: no failure of it (throttling, or a missing
      // cloudwatch:GetMetricData permission) may cost the table's pass. Unknown this pass; a denial is logged.
      if (classified.kind() == ErrorKind.RETRY) {
        LOG.debug("GetMetricData in {} not read this pass: {}", region, classified.describe());
      } else {
        LOG.warn("GetMetricData in {} failed; replication latency is not reported: {}", region,
            classified.describe());
      }
      return null;
    }
    return meanByReceiver(receivers, values);
  }

  /** The mean of the values of query "r&lt;i&gt;" for receiver i, for every receiver with at least one value. */
  static Map<String, Double> meanByReceiver(List<String> receivers, Map<String, List<Double>> valuesById) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < receivers.size(); i++) {
      List<Double> values = valuesById.getOrDefault(latencyQueryId(i), List.of());
      if (!values.isEmpty()) {
        out.put(receivers.get(i), values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
      }
    }
    return out;
  }

  /** The GetMetricData request of {@link #readReplicationLatency} (first page). */
  static GetMetricDataRequest replicationLatencyRequest(String tableName, List<String> receivers, Instant now) {
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < receivers.size(); i++) {
      queries.add(MetricDataQuery.builder().id(latencyQueryId(i))
          .metricStat(MetricStat.builder()
              .metric(Metric.builder().namespace(AlarmDefinition.NAMESPACE).metricName(AlarmNames.REPLICATION_LATENCY)
                  .dimensions(Dimension.builder().name("TableName").value(tableName).build(),
                      Dimension.builder().name("ReceivingRegion").value(receivers.get(i)).build())
                  .build())
              .period(LATENCY_PERIOD_SECONDS).stat("Average").build())
          .build());
    }
    return GetMetricDataRequest.builder().metricDataQueries(queries).startTime(end.minus(LATENCY_WINDOW))
        .endTime(end).build();
  }

  private static String latencyQueryId(int i) {
    return "r" + i;
  }

  /**
   * GetDashboard(name) through {@code homeRegion}'s client (dashboards are global): its body, or body null when AWS
   * answers ResourceNotFound (DashboardNotFoundError: no such dashboard). Null (not read) on throttling or a
   * transient failure; any other failure fails the observation, classified.
   */
  private ObservedDashboard readDashboard(String homeRegion, String name) {
    try {
      GetDashboardResponse r = clients.cloudWatch(homeRegion).getDashboard(
          GetDashboardRequest.builder().dashboardName(name).build());
      return new ObservedDashboard(name, r.dashboardBody());
    } catch (RuntimeException e) {
      if (e instanceof DashboardNotFoundErrorException
          || ErrorClassifier.CW_NOT_FOUND_CODES.contains(ErrorClassifier.errorCode(e))) {
        // A missing dashboard is an observation (body null), not an error.
        return new ObservedDashboard(name, null);
      }
      return notReadThisPass(ErrorClassifier.CLOUDWATCH, "GetDashboard", homeRegion, e);
    }
  }

  /**
   * A MetricAlarm as the model sees it: every configuration field of {@link AlarmDefinition} (Dimensions as a map;
   * Statistic, else ExtendedStatistic; Period, else for metric math the first MetricStat's period, else 0;
   * DatapointsToAlarm absent = EvaluationPeriods, as AWS evaluates it; Threshold absent (anomaly band) = NaN;
   * actions = AlarmActions), with StateValue, StateReason and AlarmArn.
   */
  static ObservedAlarm observedAlarm(String region, MetricAlarm a) {
    List<AlarmDefinition.MetricQuery> metrics = a.metrics().stream().map(SdkAwsGateway::metricQuery).toList();
    int period;
    if (a.period() != null) {
      period = a.period();
    } else {
      period = a.metrics().stream().filter(q -> q.metricStat() != null && q.metricStat().period() != null)
          .map(q -> q.metricStat().period()).findFirst().orElse(0);
    }
    int evaluationPeriods = a.evaluationPeriods() == null ? 0 : a.evaluationPeriods();
    AlarmDefinition definition = new AlarmDefinition(region, a.alarmName(), a.alarmDescription(), a.metricName(),
        dimensionMap(a.dimensions()), a.statistic() != null ? a.statisticAsString() : a.extendedStatistic(), metrics,
        period, evaluationPeriods, a.datapointsToAlarm() == null ? evaluationPeriods : a.datapointsToAlarm(),
        a.threshold() == null ? Double.NaN : a.threshold(), a.comparisonOperatorAsString(), a.treatMissingData(),
        a.alarmActions());
    return new ObservedAlarm(definition, a.stateValueAsString(), a.stateReason(), a.alarmArn());
  }

  /**
   * One Metrics entry: Id, Expression, MetricStat.Metric.MetricName and Dimensions, MetricStat.Stat, the period
   * (MetricStat.Period, else the entry's own Period, else 0), ReturnData (absent = true, as AWS reads it).
   */
  static AlarmDefinition.MetricQuery metricQuery(MetricDataQuery q) {
    MetricStat stat = q.metricStat();
    Integer period = stat != null && stat.period() != null ? stat.period() : q.period();
    return new AlarmDefinition.MetricQuery(q.id(), q.expression(),
        stat == null || stat.metric() == null ? null : stat.metric().metricName(),
        stat == null || stat.metric() == null ? Map.of() : dimensionMap(stat.metric().dimensions()),
        stat == null ? null : stat.stat(), period == null ? 0 : period, q.returnData() == null || q.returnData());
  }

  private static Map<String, String> dimensionMap(List<Dimension> dimensions) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      out.put(d.name(), d.value());
    }
    return out;
  }

  private RegionObservation observeRegion(String tableName, String region, boolean deep, boolean scalingAnyway) {
    RegionalTable table = describe(tableName, region);
    if (!deep || table == null || TAGS_UNREADABLE_STATES.contains(table.status())) {
      // Tags and autoscaling are only read on deep passes, and only where the table can answer for them.
      return new RegionObservation(region, table, null, null);
    }
    Map<String, String> tags = listTags(region, table.arn());
    // A table that is neither ACTIVE nor UPDATING (e.g. INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVED) cannot answer
    // for its settings: they stay null (not read).
    ObservedSettings settings = SETTINGS_READABLE_STATES.contains(table.status())
        ? readSettings(tableName, region, table) : null;
    if (!table.provisioned() && !scalingAnyway) {
      // Why: an on-demand table has nothing to autoscale and this resource manages no target here; reading would cost
      // a call (and an IAM permission) per region per deep pass for nothing. The empty list says "nothing there".
      return new RegionObservation(region, table, tags, List.of(), settings);
    }
    return new RegionObservation(region, table, tags, readScaling(tableName, region, table), settings);
  }

  /**
   * The per-region settings with their own Describe calls (see the class comment for the calls). Each is sent with
   * the table NAME through {@code region}'s own client (never another region's ARN, reference 7.2 and 9.7). A read
   * that cannot answer for a clear reason leaves its field null (see {@link #softRead}); any other failure fails the
   * observation, classified as usual.
   */
  private ObservedSettings readSettings(String tableName, String region, RegionalTable table) {
    DynamoDbClient client = clients.dynamoDb(region);
    PointInTimeRecovery pitr = softRead(region, "DescribeContinuousBackups", () -> pointInTimeRecovery(
        client.describeContinuousBackups(DescribeContinuousBackupsRequest.builder().tableName(tableName).build())
            .continuousBackupsDescription()));
    ObservedSettings.TimeToLiveState ttl = softRead(region, "DescribeTimeToLive", () -> timeToLive(
        client.describeTimeToLive(DescribeTimeToLiveRequest.builder().tableName(tableName).build())
            .timeToLiveDescription()));
    ObservedSettings.ContributorInsightsState insights = softRead(region, "DescribeContributorInsights",
        () -> contributorInsights(client.describeContributorInsights(
            DescribeContributorInsightsRequest.builder().tableName(tableName).build())));
    Map<String, ObservedSettings.ContributorInsightsState> indexInsights = insights == null ? null
        : new LinkedHashMap<>();
    for (ObservedIndex index : insights == null ? List.<ObservedIndex>of() : table.globalSecondaryIndexes()) {
      // (Skipped when the table's own read could not answer: its indexes cannot either; the map stays null.)
      if ("DELETING".equals(index.status())) {
        // Why: an index on its way out has nothing to manage, and AWS may already answer ResourceNotFound for it.
        continue;
      }
      ObservedSettings.ContributorInsightsState state = softRead(region, "DescribeContributorInsights",
          () -> contributorInsights(client.describeContributorInsights(DescribeContributorInsightsRequest.builder()
              .tableName(tableName).indexName(index.name()).build())));
      if (state != null) {
        indexInsights.put(index.name(), state);
      }
    }
    List<ObservedSettings.KinesisDestination> kinesis = softRead(region, "DescribeKinesisStreamingDestination",
        () -> client.describeKinesisStreamingDestination(DescribeKinesisStreamingDestinationRequest.builder()
                .tableName(tableName).build())
            .kinesisDataStreamDestinations().stream().map(SdkAwsGateway::kinesisDestination).toList());
    return new ObservedSettings(pitr, ttl, insights, indexInsights, kinesis);
  }

  /**
   * One settings read, or null (not read) where the table cannot answer for a clear reason: it (or the index) went
   * away or is not there yet after DescribeTable said otherwise (ResourceNotFound / TableNotFound: a race the next
   * observation resolves), or it is transitioning (ValidationException "... not in a valid state ..." / "Cannot
   * describe time to live while table is in &lt;state&gt; state"). Everything else (AccessDenied included: the
   * operator needs the permission, and a missing one must be seen, not turned into "unknown") fails the observation.
   */
  private static <T> T softRead(String region, String operation, Supplier<T> read) {
    try {
      return read.get();
    } catch (UnsupportedOperationException e) {
      // An engine that does not model this API (the SDK's default for an unimplemented operation: a simulator or test
      // double; a real SDK client never throws it). The setting is unknown, which null says; nothing is planned from
      // it. DynamoDB Local answers UnknownOperationException instead, an AWS-shaped error that fails as usual.
      return null;
    } catch (RuntimeException e) {
      String code = ErrorClassifier.errorCode(e);
      String message = String.valueOf(ErrorClassifier.message(e));
      if (isNotFound(e) || "TableNotFoundException".equals(code)) {
        // The table or index vanished between DescribeTable and this read; the next observation shows it.
        return null;
      }
      if ("ValidationException".equals(code) && (message.contains(NOT_IN_A_VALID_STATE)
          || message.startsWith(CANNOT_DESCRIBE_TTL_WHILE))) {
        // The table is transitioning and cannot answer yet; the next deep pass reads it.
        return null;
      }
      return notReadThisPass(ErrorClassifier.DYNAMODB, operation, region, e);
    }
  }

  /**
   * A secondary read's failure: null (unknown this pass; nothing is planned from it and the next deep pass reads it
   * again) when throttled or transient, else the classified failure thrown.
   */
  private static <T> T notReadThisPass(String service, String operation, String region, RuntimeException e) {
    AwsCallException classified = ErrorClassifier.toAwsCallException(service, operation, region, e);
    if (classified.kind() != ErrorKind.RETRY) {
      throw classified;
    }
    LOG.debug("{} in {} not read this pass: {}", operation, region, classified.describe());
    return null;
  }

  /** PointInTimeRecoveryDescription: enabled when ENABLED or ENABLING; period and status verbatim. */
  static PointInTimeRecovery pointInTimeRecovery(ContinuousBackupsDescription description) {
    PointInTimeRecoveryDescription p = description == null ? null : description.pointInTimeRecoveryDescription();
    if (p == null) {
      // No PITR description at all: AWS reports nothing enabled.
      return new PointInTimeRecovery(false, null, null);
    }
    String status = p.pointInTimeRecoveryStatusAsString();
    boolean enabled = "ENABLED".equals(status) || "ENABLING".equals(status);
    return new PointInTimeRecovery(enabled, p.recoveryPeriodInDays(), status);
  }

  /** TimeToLiveDescription verbatim (status and attribute); absent reads as status and attribute null. */
  static ObservedSettings.TimeToLiveState timeToLive(TimeToLiveDescription d) {
    return d == null ? new ObservedSettings.TimeToLiveState(null, null)
        : new ObservedSettings.TimeToLiveState(d.timeToLiveStatusAsString(), d.attributeName());
  }

  /** ContributorInsightsStatus verbatim; when FAILED, "ExceptionName: ExceptionDescription" of FailureException. */
  static ObservedSettings.ContributorInsightsState contributorInsights(DescribeContributorInsightsResponse r) {
    String failure = null;
    if ("FAILED".equals(r.contributorInsightsStatusAsString()) && r.failureException() != null) {
      failure = r.failureException().exceptionName() + ": " + r.failureException().exceptionDescription();
    }
    return new ObservedSettings.ContributorInsightsState(r.contributorInsightsStatusAsString(), failure);
  }

  static ObservedSettings.KinesisDestination kinesisDestination(KinesisDataStreamDestination d) {
    return new ObservedSettings.KinesisDestination(d.streamArn(), d.destinationStatusAsString(),
        d.destinationStatusDescription());
  }

  private RegionalTable describe(String tableName, String region) {
    DynamoDbClient client = clients.dynamoDb(region);
    try {
      var table = client.describeTable(DescribeTableRequest.builder().tableName(tableName).build()).table();
      return TableDescriptions.toRegionalTable(region, table);
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        // A missing table is an observation, not an error.
        return null;
      }
      throw ErrorClassifier.toAwsCallException(ErrorClassifier.DYNAMODB, "DescribeTable", region, e);
    }
  }

  /** Every page of ListTagsOfResource, or null when the table is not taggable yet (ResourceNotFound). */
  private Map<String, String> listTags(String region, String arn) {
    DynamoDbClient client = clients.dynamoDb(region);
    Map<String, String> tags = new HashMap<>();
    Set<String> seenTokens = new HashSet<>();
    String nextToken = null;
    try {
      do {
        ListTagsOfResourceResponse page = client.listTagsOfResource(
            ListTagsOfResourceRequest.builder().resourceArn(arn).nextToken(nextToken).build());
        for (Tag tag : page.tags()) {
          tags.put(tag.key(), tag.value());
        }
        nextToken = checkedToken(page.nextToken(), seenTokens, "ListTagsOfResource", arn);
      } while (nextToken != null);
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        // Tag APIs answer ResourceNotFound during most of CREATING (reference 7.3): tags not readable yet.
        return null;
      }
      throw ErrorClassifier.toAwsCallException(ErrorClassifier.DYNAMODB, "ListTagsOfResource", region, e);
    }
    return tags;
  }

  /**
   * The scalable targets of the table and of every GSI {@code table} lists in {@code region}, with their policies
   * (see the class comment for the calls).
   */
  private List<ObservedScaling> readScaling(String tableName, String region, RegionalTable table) {
    ApplicationAutoScalingClient client = clients.applicationAutoScaling(region);
    // ResourceId -> index name (null for the table), in DescribeTable's order: table first.
    Map<String, String> resources = new LinkedHashMap<>();
    resources.put(CapacityDimension.resourceId(tableName, null), null);
    for (ObservedIndex index : table.globalSecondaryIndexes()) {
      resources.put(CapacityDimension.resourceId(tableName, index.name()), index.name());
    }
    List<ScalableTarget> targets = describeTargets(client, region, List.copyOf(resources.keySet()));

    Map<String, List<ScalingPolicy>> policies = new HashMap<>();
    Set<String> withTargets = new HashSet<>();
    targets.forEach(t -> withTargets.add(t.resourceId()));
    for (String resourceId : resources.keySet()) {
      if (withTargets.contains(resourceId)) {
        policies.put(resourceId, describePolicies(client, region, resourceId));
      }
    }

    List<ObservedScaling> out = new ArrayList<>();
    List<String> order = List.copyOf(resources.keySet());
    // A dimension the model does not know (none exists for dynamodb today) cannot be planned for, so it is left out.
    targets.stream()
        .filter(t -> resources.containsKey(t.resourceId())
            && CapacityDimension.fromWireName(t.scalableDimensionAsString()) != null)
        .sorted(Comparator.comparingInt((ScalableTarget t) -> order.indexOf(t.resourceId()))
            .thenComparing(t -> CapacityDimension.fromWireName(t.scalableDimensionAsString())))
        .forEach(t -> out.add(new ObservedScaling(resources.get(t.resourceId()),
            CapacityDimension.fromWireName(t.scalableDimensionAsString()), orZero(t.minCapacity()),
            orZero(t.maxCapacity()),
            policies.getOrDefault(t.resourceId(), List.of()).stream()
                .filter(p -> t.scalableDimensionAsString().equals(p.scalableDimensionAsString()))
                .map(SdkAwsGateway::policy)
                .sorted(Comparator.comparing(ObservedScaling.Policy::name))
                .toList())));
    return out;
  }

  /** Every page of DescribeScalableTargets for {@code resourceIds}. */
  private static List<ScalableTarget> describeTargets(ApplicationAutoScalingClient client, String region,
      List<String> resourceIds) {
    List<ScalableTarget> targets = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String nextToken = null;
    try {
      do {
        DescribeScalableTargetsResponse page = client.describeScalableTargets(DescribeScalableTargetsRequest.builder()
            .serviceNamespace(ServiceNamespace.DYNAMODB).resourceIds(resourceIds).nextToken(nextToken).build());
        targets.addAll(page.scalableTargets());
        nextToken = checkedToken(page.nextToken(), seenTokens, "DescribeScalableTargets", resourceIds.get(0));
      } while (nextToken != null);
    } catch (RuntimeException e) {
      throw ErrorClassifier.toAwsCallException(ErrorClassifier.APPLICATION_AUTO_SCALING, "DescribeScalableTargets",
          region, e);
    }
    return targets;
  }

  /** Every page of DescribeScalingPolicies for one resource (both of its dimensions). */
  private static List<ScalingPolicy> describePolicies(ApplicationAutoScalingClient client, String region,
      String resourceId) {
    List<ScalingPolicy> policies = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String nextToken = null;
    try {
      do {
        DescribeScalingPoliciesResponse page = client.describeScalingPolicies(DescribeScalingPoliciesRequest.builder()
            .serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(resourceId).nextToken(nextToken).build());
        policies.addAll(page.scalingPolicies());
        nextToken = checkedToken(page.nextToken(), seenTokens, "DescribeScalingPolicies", resourceId);
      } while (nextToken != null);
    } catch (RuntimeException e) {
      throw ErrorClassifier.toAwsCallException(ErrorClassifier.APPLICATION_AUTO_SCALING, "DescribeScalingPolicies",
          region, e);
    }
    return policies;
  }

  /**
   * A TargetTrackingScaling policy as the model sees it. A policy without a target-tracking configuration (DynamoDB
   * supports no other type, reference 4.2) gets target NaN, which matches no desired autoscaling.
   */
  static ObservedScaling.Policy policy(ScalingPolicy p) {
    TargetTrackingScalingPolicyConfiguration c = p.targetTrackingScalingPolicyConfiguration();
    if (c == null) {
      return new ObservedScaling.Policy(p.policyName(), Double.NaN, 0, 0, false);
    }
    return new ObservedScaling.Policy(p.policyName(), c.targetValue() == null ? Double.NaN : c.targetValue(),
        c.scaleInCooldown() == null ? 0 : c.scaleInCooldown(), c.scaleOutCooldown() == null ? 0 : c.scaleOutCooldown(),
        Boolean.TRUE.equals(c.disableScaleIn()));
  }

  /** The next token, refusing one already seen (a service bug that would otherwise loop forever). */
  private static String checkedToken(String nextToken, Set<String> seen, String operation, String subject) {
    if (nextToken != null && !seen.add(nextToken)) {
      throw new IllegalStateException(operation + " returned NextToken " + nextToken + " twice for " + subject);
    }
    return nextToken;
  }

  private static long orZero(Integer value) {
    return value == null ? 0L : value;
  }

  @Override
  public void apply(Step step) {
    Objects.requireNonNull(step, "step");
    if (step instanceof Step.CreateTable s) {
      dynamoDb(step, s.tableName(), "CreateTable", c -> c.createTable(createTable(s)));
    } else if (step instanceof Step.AddReplica s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(addReplica(s)));
    } else if (step instanceof Step.RemoveReplica s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(removeReplica(s)));
    } else if (step instanceof Step.CreateIndex s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(createIndex(s)));
    } else if (step instanceof Step.DeleteIndex s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(deleteIndex(s)));
    } else if (step instanceof Step.UpdateOnDemandThroughput s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(updateOnDemand(s)));
    } else if (step instanceof Step.SwitchBillingMode s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(switchBillingMode(s)));
    } else if (step instanceof Step.UpdateProvisionedThroughput s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(updateProvisionedThroughput(s)));
    } else if (step instanceof Step.UpdateReplicaThroughput s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(updateReplicaThroughput(s)));
    } else if (step instanceof Step.UpdateStream s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(updateStream(s)));
    } else if (step instanceof Step.TagTable s) {
      dynamoDb(step, tableNameOf(s.resourceArn()), "TagResource", c -> c.tagResource(tagTable(s)));
    } else if (step instanceof Step.UntagTable s) {
      dynamoDb(step, tableNameOf(s.resourceArn()), "UntagResource", c -> c.untagResource(untagTable(s)));
    } else if (step instanceof Step.UpdateTimeToLive s) {
      dynamoDb(step, s.tableName(), "UpdateTimeToLive", c -> c.updateTimeToLive(updateTimeToLive(s)));
    } else if (step instanceof Step.UpdateEncryption s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(updateEncryption(s)));
    } else if (step instanceof Step.UpdateTableClass s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(updateTableClass(s)));
    } else if (step instanceof Step.UpdateReplicaTableClass s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(updateReplicaTableClass(s)));
    } else if (step instanceof Step.UpdateDeletionProtection s) {
      dynamoDb(step, s.tableName(), "UpdateTable", c -> c.updateTable(updateDeletionProtection(s)));
    } else if (step instanceof Step.UpdatePointInTimeRecovery s) {
      dynamoDb(step, s.tableName(), "UpdateContinuousBackups",
          c -> c.updateContinuousBackups(updatePointInTimeRecovery(s)));
    } else if (step instanceof Step.UpdateContributorInsights s) {
      dynamoDb(step, s.tableName(), "UpdateContributorInsights",
          c -> c.updateContributorInsights(updateContributorInsights(s)));
    } else if (step instanceof Step.EnableKinesisStreaming s) {
      dynamoDb(step, s.tableName(), "EnableKinesisStreamingDestination",
          c -> c.enableKinesisStreamingDestination(enableKinesisStreaming(s)));
    } else if (step instanceof Step.DisableKinesisStreaming s) {
      dynamoDb(step, s.tableName(), "DisableKinesisStreamingDestination",
          c -> c.disableKinesisStreamingDestination(disableKinesisStreaming(s)));
    } else if (step instanceof Step.DeleteTable s) {
      dynamoDb(step, s.tableName(), "DeleteTable",
          c -> c.deleteTable(DeleteTableRequest.builder().tableName(s.tableName()).build()));
    } else if (step instanceof Step.PutMetricAlarm s) {
      cloudWatch(step, tableOfAlarm(s.alarm().name()), "PutMetricAlarm", c -> c.putMetricAlarm(putMetricAlarm(s)));
    } else if (step instanceof Step.DeleteAlarms s) {
      cloudWatch(step, s.names().isEmpty() ? null : tableOfAlarm(s.names().get(0)), "DeleteAlarms",
          c -> c.deleteAlarms(deleteAlarms(s)));
    } else if (step instanceof Step.PutDashboard s) {
      cloudWatch(step, s.name(), "PutDashboard", c -> c.putDashboard(putDashboard(s)));
    } else if (step instanceof Step.DeleteDashboard s) {
      cloudWatch(step, s.name(), "DeleteDashboards", c -> c.deleteDashboards(deleteDashboard(s)));
    } else if (step instanceof Step.RegisterScalableTarget s) {
      autoScaling(step, s.tableName(), "RegisterScalableTarget",
          c -> c.registerScalableTarget(registerScalableTarget(s)));
    } else if (step instanceof Step.PutScalingPolicy s) {
      autoScaling(step, s.tableName(), "PutScalingPolicy", c -> c.putScalingPolicy(putScalingPolicy(s)));
    } else if (step instanceof Step.DeregisterScalableTarget s) {
      autoScaling(step, s.tableName(), "DeregisterScalableTarget",
          c -> c.deregisterScalableTarget(deregisterScalableTarget(s)));
    } else {
      // Step is sealed; a new permitted type must get its own mapping here.
      throw new IllegalArgumentException("no AWS call for step " + step.getClass().getName());
    }
  }

  private void dynamoDb(Step step, String table, String operation, Function<DynamoDbClient, ?> sdkCall) {
    // Why a separate client: no SDK-level re-send of a mutation inside one pass (see RegionalClients).
    DynamoDbClient client = clients.dynamoDbForMutations(step.region());
    call(step, ErrorClassifier.DYNAMODB, table, operation, () -> sdkCall.apply(client));
  }

  private void autoScaling(Step step, String table, String operation,
      Function<ApplicationAutoScalingClient, ?> sdkCall) {
    ApplicationAutoScalingClient client = clients.applicationAutoScalingForMutations(step.region());
    call(step, ErrorClassifier.APPLICATION_AUTO_SCALING, table, operation, () -> sdkCall.apply(client));
  }

  private void cloudWatch(Step step, String table, String operation, Function<CloudWatchClient, ?> sdkCall) {
    // Dashboards are global; their steps still name the region whose client sends them (the home region).
    CloudWatchClient client = clients.cloudWatchForMutations(step.region());
    call(step, ErrorClassifier.CLOUDWATCH, table, operation, () -> sdkCall.apply(client));
  }

  /**
   * Runs the step's single SDK call and logs its outcome once: INFO "applied &lt;operation&gt;" when AWS accepted it;
   * when not, INFO (an expected wait) or WARN "refused &lt;operation&gt;: &lt;AWS's error&gt;" with the key-values kind
   * and errorCode. Both carry, as MDC entries, service and operation, plus table, region and step where the caller (the
   * reconciler, which also adds the resource) has not set them already.
   */
  private void call(Step step, String service, String table, String operation, Supplier<?> sdkCall) {
    try (MdcScope mdc = MdcScope.open().put(LogFields.SERVICE, service).put(LogFields.OPERATION, operation)
        .putIfAbsent(LogFields.TABLE, table).putIfAbsent(LogFields.REGION, step.region())
        .putIfAbsent(LogFields.STEP, step.describe())) {
      LOG.debug("requesting {}", operation);
      try {
        sdkCall.get();
      } catch (RuntimeException e) {
        // The injected clock places a budget refusal's hold (notBefore) on the same time line as the observations.
        AwsCallException failure = ErrorClassifier.toAwsCallException(service, operation, step.region(), e,
            clock.instant());
        LOG.atLevel(failure.kind() == ErrorKind.WAIT ? Level.INFO : Level.WARN)
            .addKeyValue(LogFields.KIND, failure.kind()).addKeyValue(LogFields.ERROR_CODE, failure.errorCode())
            .log("refused {}: {}", operation, failure.getMessage());
        throw failure;
      }
      LOG.info("applied {}", operation);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Step -> request. Package-private for tests; each builds the complete request of the step's single call.

  static CreateTableRequest createTable(Step.CreateTable s) {
    CreateTableRequest.Builder b = CreateTableRequest.builder()
        .tableName(s.tableName())
        .attributeDefinitions(attributeDefinitions(s.attributeDefinitions()))
        .keySchema(keySchema(s.keySchema()))
        .billingMode(s.billingMode());
    if (s.provisioned() != null) {
      b.provisionedThroughput(provisionedThroughput(s.provisioned()));
    }
    if (!s.globalSecondaryIndexes().isEmpty()) {
      b.globalSecondaryIndexes(s.globalSecondaryIndexes().stream().map(i -> {
        GlobalSecondaryIndex.Builder g = GlobalSecondaryIndex.builder().indexName(i.name())
            .keySchema(keySchema(i.keySchema())).projection(projection(i.projection()));
        ProvisionedUnits units = s.indexProvisioned().get(i.name());
        if (units != null) {
          g.provisionedThroughput(provisionedThroughput(units));
        }
        OnDemandLimits limits = s.indexOnDemand().get(i.name());
        if (limits != null && !limits.isNone()) {
          g.onDemandThroughput(onDemandThroughput(limits));
        }
        return g.build();
      }).toList());
    }
    if (!s.localSecondaryIndexes().isEmpty()) {
      b.localSecondaryIndexes(s.localSecondaryIndexes().stream()
          .map(i -> LocalSecondaryIndex.builder().indexName(i.name()).keySchema(keySchema(i.keySchema()))
              .projection(projection(i.projection())).build())
          .toList());
    }
    if (s.onDemand() != null && !s.onDemand().isNone()) {
      b.onDemandThroughput(onDemandThroughput(s.onDemand()));
    }
    if (s.streamViewType() != null) {
      b.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(s.streamViewType())
          .build());
    }
    if (s.tags() != null && !s.tags().isEmpty()) {
      b.tags(tags(s.tags()));
    }
    // Options the step leaves null are not sent: AWS's defaults (STANDARD, unprotected, AWS owned key).
    Step.CreateOptions options = s.options();
    if (options.tableClass() != null) {
      b.tableClass(options.tableClass());
    }
    if (options.deletionProtection() != null) {
      b.deletionProtectionEnabled(options.deletionProtection());
    }
    if (options.encryption() != null) {
      b.sseSpecification(sseSpecification(options.encryption(), options.kmsKeyId()));
    }
    return b.build();
  }

  /**
   * PutMetricAlarm exactly from the step's {@link AlarmDefinition}: AlarmName, AlarmDescription (when set),
   * ActionsEnabled true, AlarmActions and OKActions = the actions (when any), then either the single metric (Namespace
   * AWS/DynamoDB, MetricName, Dimensions sorted by name, Statistic, Period) or the Metrics array (each a MetricStat
   * {Metric {Namespace, MetricName, Dimensions}, Period, Stat} or an Expression, with ReturnData), EvaluationPeriods,
   * DatapointsToAlarm, Threshold, ComparisonOperator, TreatMissingData (when set), and the step's Tags sorted by key
   * (when any; AWS applies them only when it creates the alarm).
   */
  static PutMetricAlarmRequest putMetricAlarm(Step.PutMetricAlarm s) {
    AlarmDefinition a = s.alarm();
    PutMetricAlarmRequest.Builder b = PutMetricAlarmRequest.builder()
        .alarmName(a.name())
        .alarmDescription(a.description())
        .actionsEnabled(true);
    if (!a.actions().isEmpty()) {
      b.alarmActions(a.actions()).okActions(a.actions());
    }
    if (a.metrics().isEmpty()) {
      b.namespace(AlarmDefinition.NAMESPACE).metricName(a.metricName()).dimensions(dimensions(a.dimensions()))
          .statistic(a.statistic()).period(a.periodSeconds());
    } else {
      b.metrics(a.metrics().stream().map(SdkAwsGateway::metricDataQuery).toList());
    }
    b.evaluationPeriods(a.evaluationPeriods())
        .datapointsToAlarm(a.datapointsToAlarm())
        .threshold(a.threshold())
        .comparisonOperator(a.comparisonOperator())
        .treatMissingData(a.treatMissingData());
    if (!s.tags().isEmpty()) {
      b.tags(s.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> software.amazon.awssdk.services.cloudwatch.model.Tag.builder().key(e.getKey())
              .value(e.getValue()).build())
          .toList());
    }
    return b.build();
  }

  /** One entry of a metric-math alarm: a MetricStat in AWS/DynamoDB, or an Expression (Period only when set). */
  static MetricDataQuery metricDataQuery(AlarmDefinition.MetricQuery q) {
    MetricDataQuery.Builder b = MetricDataQuery.builder().id(q.id()).returnData(q.returnData());
    if (q.expression() != null) {
      b.expression(q.expression());
      if (q.periodSeconds() > 0) {
        b.period(q.periodSeconds());
      }
    } else {
      b.metricStat(MetricStat.builder()
          .metric(Metric.builder().namespace(AlarmDefinition.NAMESPACE).metricName(q.metricName())
              .dimensions(dimensions(q.dimensions())).build())
          .period(q.periodSeconds())
          .stat(q.statistic())
          .build());
    }
    return b.build();
  }

  static DeleteAlarmsRequest deleteAlarms(Step.DeleteAlarms s) {
    return DeleteAlarmsRequest.builder().alarmNames(s.names()).build();
  }

  static PutDashboardRequest putDashboard(Step.PutDashboard s) {
    return PutDashboardRequest.builder().dashboardName(s.name()).dashboardBody(s.body()).build();
  }

  static DeleteDashboardsRequest deleteDashboard(Step.DeleteDashboard s) {
    return DeleteDashboardsRequest.builder().dashboardNames(s.name()).build();
  }

  /** CloudWatch Dimensions from a name -> value map, sorted by name (the order AWS keeps is irrelevant to it). */
  static List<Dimension> dimensions(Map<String, String> dimensions) {
    return new TreeMap<>(dimensions).entrySet().stream()
        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** The table an alarm name of {@link AlarmNames} is for (for logs only); the name itself when it is not one. */
  static String tableOfAlarm(String alarmName) {
    String prefix = AlarmNames.prefix("");
    String head = prefix.substring(0, prefix.length() - 1);
    if (alarmName == null || !alarmName.startsWith(head)) {
      return alarmName;
    }
    String rest = alarmName.substring(head.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  static UpdateTableRequest addReplica(Step.AddReplica s) {
    // ReplicaUpdates must be the only thing in the request (reference 1.2) and hold exactly one action (1.3).
    ReplicaOverrides o = s.overrides();
    CreateReplicationGroupMemberAction.Builder create = CreateReplicationGroupMemberAction.builder()
        .regionName(s.replicaRegion())
        .provisionedThroughputOverride(readOverride(o.readCapacityUnits()))
        .onDemandThroughputOverride(maxReadOverride(o.maxReadRequestUnits()))
        // Null (not sent) unless set: the replica inherits the base's class; a CMK table needs the region's key (3).
        .tableClassOverride(s.tableClassOverride())
        .kmsMasterKeyId(s.kmsKeyId());
    List<ReplicaGlobalSecondaryIndex> indexes = replicaIndexes(o);
    if (!indexes.isEmpty()) {
      create.globalSecondaryIndexes(indexes);
    }
    return UpdateTableRequest.builder().tableName(s.tableName())
        .replicaUpdates(ReplicationGroupUpdate.builder().create(create.build()).build())
        .build();
  }

  static UpdateTableRequest updateReplicaThroughput(Step.UpdateReplicaThroughput s) {
    // Only the replica Update, alone in its request (reference 1.2); only the overrides the step sets.
    ReplicaOverrides o = s.overrides();
    UpdateReplicationGroupMemberAction.Builder update = UpdateReplicationGroupMemberAction.builder()
        .regionName(s.replicaRegion())
        .provisionedThroughputOverride(readOverride(o.readCapacityUnits()))
        .onDemandThroughputOverride(maxReadOverride(o.maxReadRequestUnits()));
    List<ReplicaGlobalSecondaryIndex> indexes = replicaIndexes(o);
    if (!indexes.isEmpty()) {
      update.globalSecondaryIndexes(indexes);
    }
    return UpdateTableRequest.builder().tableName(s.tableName())
        .replicaUpdates(ReplicationGroupUpdate.builder().update(update.build()).build())
        .build();
  }

  static UpdateTableRequest removeReplica(Step.RemoveReplica s) {
    return UpdateTableRequest.builder().tableName(s.tableName())
        .replicaUpdates(ReplicationGroupUpdate.builder()
            .delete(DeleteReplicationGroupMemberAction.builder().regionName(s.replicaRegion()).build()).build())
        .build();
  }

  static UpdateTableRequest createIndex(Step.CreateIndex s) {
    IndexDefinition index = s.index();
    CreateGlobalSecondaryIndexAction.Builder create = CreateGlobalSecondaryIndexAction.builder()
        .indexName(index.name()).keySchema(keySchema(index.keySchema())).projection(projection(index.projection()));
    // PROVISIONED tables need the index's ProvisionedThroughput; PAY_PER_REQUEST ones reject it and take limits.
    if (s.provisioned() != null) {
      create.provisionedThroughput(provisionedThroughput(s.provisioned()));
    }
    if (s.onDemand() != null && !s.onDemand().isNone()) {
      create.onDemandThroughput(onDemandThroughput(s.onDemand()));
    }
    return UpdateTableRequest.builder().tableName(s.tableName())
        .attributeDefinitions(attributeDefinitions(s.attributeDefinitions()))
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(create.build()).build())
        .build();
  }

  static UpdateTableRequest deleteIndex(Step.DeleteIndex s) {
    return UpdateTableRequest.builder().tableName(s.tableName())
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .delete(DeleteGlobalSecondaryIndexAction.builder().indexName(s.indexName()).build()).build())
        .build();
  }

  static UpdateTableRequest updateOnDemand(Step.UpdateOnDemandThroughput s) {
    OnDemandLimits limits = s.limits() == null ? OnDemandLimits.NONE : s.limits();
    UpdateTableRequest.Builder b = UpdateTableRequest.builder().tableName(s.tableName());
    if (s.indexName() == null) {
      b.onDemandThroughput(onDemandThroughput(limits));
    } else {
      b.globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
          .update(UpdateGlobalSecondaryIndexAction.builder().indexName(s.indexName())
              .onDemandThroughput(onDemandThroughput(limits)).build())
          .build());
    }
    return b.build();
  }

  static UpdateTableRequest switchBillingMode(Step.SwitchBillingMode s) {
    // The combinations AWS accepts with BillingMode (reference 1.2): + ProvisionedThroughput + GSI throughput Updates
    // (to PROVISIONED, every GSI seeded), or + OnDemandThroughput (to PAY_PER_REQUEST).
    UpdateTableRequest.Builder b = UpdateTableRequest.builder().tableName(s.tableName()).billingMode(s.billingMode());
    if (s.provisioned() != null) {
      b.provisionedThroughput(provisionedThroughput(s.provisioned()));
    }
    if (!s.indexProvisioned().isEmpty()) {
      b.globalSecondaryIndexUpdates(new TreeMap<>(s.indexProvisioned()).entrySet().stream()
          .map(e -> indexThroughputUpdate(e.getKey(), e.getValue())).toList());
    }
    if (s.onDemand() != null && !s.onDemand().isNone()) {
      b.onDemandThroughput(onDemandThroughput(s.onDemand()));
    }
    return b.build();
  }

  static UpdateTableRequest updateProvisionedThroughput(Step.UpdateProvisionedThroughput s) {
    UpdateTableRequest.Builder b = UpdateTableRequest.builder().tableName(s.tableName());
    if (s.indexName() == null) {
      b.provisionedThroughput(provisionedThroughput(s.units()));
    } else {
      b.globalSecondaryIndexUpdates(indexThroughputUpdate(s.indexName(), s.units()));
    }
    return b.build();
  }

  static RegisterScalableTargetRequest registerScalableTarget(Step.RegisterScalableTarget s) {
    // No RoleARN: DynamoDB autoscaling uses its service-linked role (reference 4.2).
    return RegisterScalableTargetRequest.builder()
        .serviceNamespace(ServiceNamespace.DYNAMODB)
        .resourceId(s.resourceId())
        .scalableDimension(s.dimension().wireName())
        .minCapacity(capacityInt("MinCapacity", s.min()))
        .maxCapacity(capacityInt("MaxCapacity", s.max()))
        .build();
  }

  static PutScalingPolicyRequest putScalingPolicy(Step.PutScalingPolicy s) {
    AutoScaling a = s.autoScaling();
    // Every setting is sent, defaults included, so that what AWS stores is exactly what observe compares.
    return PutScalingPolicyRequest.builder()
        .policyName(s.policyName())
        .serviceNamespace(ServiceNamespace.DYNAMODB)
        .resourceId(s.resourceId())
        .scalableDimension(s.dimension().wireName())
        .policyType(PolicyType.TARGET_TRACKING_SCALING)
        .targetTrackingScalingPolicyConfiguration(TargetTrackingScalingPolicyConfiguration.builder()
            .predefinedMetricSpecification(PredefinedMetricSpecification.builder()
                .predefinedMetricType(s.dimension().predefinedMetric()).build())
            .targetValue(a.targetUtilization())
            .scaleInCooldown(a.scaleInCooldownSeconds())
            .scaleOutCooldown(a.scaleOutCooldownSeconds())
            .disableScaleIn(a.disableScaleIn())
            .build())
        .build();
  }

  static DeregisterScalableTargetRequest deregisterScalableTarget(Step.DeregisterScalableTarget s) {
    return DeregisterScalableTargetRequest.builder()
        .serviceNamespace(ServiceNamespace.DYNAMODB)
        .resourceId(s.resourceId())
        .scalableDimension(s.dimension().wireName())
        .build();
  }

  static UpdateTableRequest updateStream(Step.UpdateStream s) {
    StreamSpecification spec = s.viewType() == null
        ? StreamSpecification.builder().streamEnabled(false).build()
        : StreamSpecification.builder().streamEnabled(true).streamViewType(s.viewType()).build();
    return UpdateTableRequest.builder().tableName(s.tableName()).streamSpecification(spec).build();
  }

  static UpdateTimeToLiveRequest updateTimeToLive(Step.UpdateTimeToLive s) {
    // AttributeName is required by AWS when disabling too: the step carries the attribute AWS has (reference 7.1).
    return UpdateTimeToLiveRequest.builder().tableName(s.tableName())
        .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(s.enabled())
            .attributeName(s.attributeName()).build())
        .build();
  }

  static UpdateTableRequest updateEncryption(Step.UpdateEncryption s) {
    // SSESpecification must be the only change in its request (reference 1.2).
    return UpdateTableRequest.builder().tableName(s.tableName())
        .sseSpecification(sseSpecification(s.type(), s.kmsKeyId())).build();
  }

  static UpdateTableRequest updateTableClass(Step.UpdateTableClass s) {
    return UpdateTableRequest.builder().tableName(s.tableName()).tableClass(s.tableClass()).build();
  }

  static UpdateTableRequest updateReplicaTableClass(Step.UpdateReplicaTableClass s) {
    // A replica Update alone in its request (reference 1.2), sent to the home region (never naming it, 1.3).
    return UpdateTableRequest.builder().tableName(s.tableName())
        .replicaUpdates(ReplicationGroupUpdate.builder().update(UpdateReplicationGroupMemberAction.builder()
            .regionName(s.replicaRegion()).tableClassOverride(s.tableClass()).build()).build())
        .build();
  }

  static UpdateTableRequest updateDeletionProtection(Step.UpdateDeletionProtection s) {
    return UpdateTableRequest.builder().tableName(s.tableName()).deletionProtectionEnabled(s.enabled()).build();
  }

  static UpdateContinuousBackupsRequest updatePointInTimeRecovery(Step.UpdatePointInTimeRecovery s) {
    PointInTimeRecovery p = s.pointInTimeRecovery();
    PointInTimeRecoverySpecification.Builder spec = PointInTimeRecoverySpecification.builder()
        .pointInTimeRecoveryEnabled(p.enabled());
    // AWS rejects RecoveryPeriodInDays when disabling (reference 7.2). When enabling, the period is always sent (35
    // when the spec names none): whether AWS resets an already-enabled table to 35 without it is not documented, and a
    // table kept at another period would be "corrected" on every deep check.
    if (p.enabled()) {
      spec.recoveryPeriodInDays(p.effectivePeriod());
    }
    return UpdateContinuousBackupsRequest.builder().tableName(s.tableName())
        .pointInTimeRecoverySpecification(spec.build()).build();
  }

  static UpdateContributorInsightsRequest updateContributorInsights(Step.UpdateContributorInsights s) {
    UpdateContributorInsightsRequest.Builder b = UpdateContributorInsightsRequest.builder().tableName(s.tableName())
        .indexName(s.indexName())
        .contributorInsightsAction(s.enabled() ? ContributorInsightsAction.ENABLE : ContributorInsightsAction.DISABLE);
    if (s.enabled()) {
      // Both accessed and throttled keys, AWS's original (and the console's) mode.
      b.contributorInsightsMode(ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS);
    }
    return b.build();
  }

  static EnableKinesisStreamingDestinationRequest enableKinesisStreaming(Step.EnableKinesisStreaming s) {
    return EnableKinesisStreamingDestinationRequest.builder().tableName(s.tableName()).streamArn(s.streamArn())
        .build();
  }

  static DisableKinesisStreamingDestinationRequest disableKinesisStreaming(Step.DisableKinesisStreaming s) {
    return DisableKinesisStreamingDestinationRequest.builder().tableName(s.tableName()).streamArn(s.streamArn())
        .build();
  }

  /**
   * SSESpecification for an encryption type: AWS owned = {Enabled=false}; AWS managed = {Enabled=true, SSEType=KMS};
   * customer managed = that plus KMSMasterKeyId (the key of the region the request goes to).
   */
  static SSESpecification sseSpecification(EncryptionType type, String kmsKeyId) {
    return switch (type) {
      case AWS_OWNED -> SSESpecification.builder().enabled(false).build();
      case AWS_MANAGED -> SSESpecification.builder().enabled(true).sseType(SSEType.KMS).build();
      case CUSTOMER_MANAGED -> SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(kmsKeyId)
          .build();
    };
  }

  static TagResourceRequest tagTable(Step.TagTable s) {
    return TagResourceRequest.builder().resourceArn(s.resourceArn()).tags(tags(s.tags())).build();
  }

  static UntagResourceRequest untagTable(Step.UntagTable s) {
    return UntagResourceRequest.builder().resourceArn(s.resourceArn()).tagKeys(List.copyOf(new TreeSet<>(s.keys()))).build();
  }

  private static List<AttributeDefinition> attributeDefinitions(Map<String, ScalarType> defs) {
    List<AttributeDefinition> out = new ArrayList<>();
    defs.forEach((name, type) ->
        out.add(AttributeDefinition.builder().attributeName(name).attributeType(type.name()).build()));
    return out;
  }

  private static List<KeySchemaElement> keySchema(KeySchema ks) {
    List<KeySchemaElement> out = new ArrayList<>(2);
    out.add(KeySchemaElement.builder().attributeName(ks.partitionKey().name()).keyType("HASH").build());
    if (ks.sortKey() != null) {
      out.add(KeySchemaElement.builder().attributeName(ks.sortKey().name()).keyType("RANGE").build());
    }
    return out;
  }

  private static Projection projection(dev.globaltable.operator.model.Projection p) {
    Projection.Builder b = Projection.builder().projectionType(p.type());
    // NonKeyAttributes is only legal with INCLUDE; an empty list is omitted rather than sent as [].
    if (!p.nonKeyAttributes().isEmpty()) {
      b.nonKeyAttributes(p.nonKeyAttributes());
    }
    return b.build();
  }

  private static ProvisionedThroughput provisionedThroughput(ProvisionedUnits units) {
    return ProvisionedThroughput.builder().readCapacityUnits(units.read()).writeCapacityUnits(units.write()).build();
  }

  private static GlobalSecondaryIndexUpdate indexThroughputUpdate(String indexName, ProvisionedUnits units) {
    return GlobalSecondaryIndexUpdate.builder()
        .update(UpdateGlobalSecondaryIndexAction.builder().indexName(indexName)
            .provisionedThroughput(provisionedThroughput(units)).build())
        .build();
  }

  /** ProvisionedThroughputOverride, or null (not sent) when the replica inherits the read capacity. */
  private static ProvisionedThroughputOverride readOverride(Long readCapacityUnits) {
    return readCapacityUnits == null ? null
        : ProvisionedThroughputOverride.builder().readCapacityUnits(readCapacityUnits).build();
  }

  /** OnDemandThroughputOverride, or null (not sent); a negative value means unlimited, which AWS spells -1. */
  private static OnDemandThroughputOverride maxReadOverride(Long maxReadRequestUnits) {
    return maxReadRequestUnits == null ? null
        : OnDemandThroughputOverride.builder().maxReadRequestUnits(maxReadRequestUnits < 0 ? -1L : maxReadRequestUnits)
            .build();
  }

  /** The per-GSI overrides of a replica action, by index name, each with only the overrides that are set. */
  private static List<ReplicaGlobalSecondaryIndex> replicaIndexes(ReplicaOverrides o) {
    Set<String> names = new TreeSet<>(o.indexReadCapacityUnits().keySet());
    names.addAll(o.indexMaxReadRequestUnits().keySet());
    return names.stream().map(name -> ReplicaGlobalSecondaryIndex.builder().indexName(name)
            .provisionedThroughputOverride(readOverride(o.indexReadCapacityUnits().get(name)))
            .onDemandThroughputOverride(maxReadOverride(o.indexMaxReadRequestUnits().get(name)))
            .build())
        .toList();
  }

  /** Application Auto Scaling takes capacities as 32-bit integers. */
  private static int capacityInt(String field, long value) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " " + value + " is out of range for Application Auto Scaling");
    }
    return (int) value;
  }

  /** AWS clears a limit with -1. */
  private static OnDemandThroughput onDemandThroughput(OnDemandLimits limits) {
    return OnDemandThroughput.builder()
        .maxReadRequestUnits(limits.maxReadRequestUnits() == null ? -1L : limits.maxReadRequestUnits())
        .maxWriteRequestUnits(limits.maxWriteRequestUnits() == null ? -1L : limits.maxWriteRequestUnits())
        .build();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** Table name from {@code arn:aws:dynamodb:<region>:<account>:table/<name>} (for logs only). */
  static String tableNameOf(String arn) {
    if (arn == null) {
      return null;
    }
    int i = arn.indexOf(":table/");
    if (i < 0) {
      return arn;
    }
    String rest = arn.substring(i + ":table/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static boolean isNotFound(RuntimeException e) {
    return e instanceof ResourceNotFoundException
        || "ResourceNotFoundException".equals(ErrorClassifier.errorCode(e));
  }
}
