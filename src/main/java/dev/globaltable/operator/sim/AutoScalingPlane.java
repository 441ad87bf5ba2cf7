package dev.globaltable.operator.sim;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Regional Application Auto Scaling state for the dynamodb namespace (aws-semantics 4.2): scalable targets keyed by
 * (ResourceId, ScalableDimension), their TargetTrackingScaling policies keyed by name, and the four CloudWatch alarms
 * each policy owns in the same region. Targets may name tables that do not exist (AWS validates lazily). Not
 * thread-safe on its own: callers hold the simulator's lock.
 */
final class AutoScalingPlane {
  static final int MAX_TARGETS_PAGE = 50;
  static final int MAX_POLICIES_PAGE = 10;
  private static final Pattern TABLE_ID = Pattern.compile("table/([^/]+)");
  private static final Pattern INDEX_ID = Pattern.compile("table/([^/]+)/index/([^/]+)");
  private static final String TOKEN_PREFIX = "sim-aas:";

  private final Clock clock;
  private final String account;
  private final DynamoDbControlPlane dynamo;
  private final CloudWatchPlane cloudWatch;
  private final Map<String, LinkedHashMap<String, Target>> targets = new HashMap<>();
  private long ids;
  private final java.util.Set<String> concurrentUpdateArmed = new java.util.HashSet<>();

  /** A registered scalable target and its policies (by name, in creation order). */
  private static final class Target {
    final String resourceId;
    final ScalableDimension dimension;
    final String arn;
    final Instant created;
    int min;
    int max;
    final LinkedHashMap<String, ScalingPolicy> policies = new LinkedHashMap<>();

    Target(String resourceId, ScalableDimension dimension, String arn, Instant created) {
      this.resourceId = resourceId;
      this.dimension = dimension;
      this.arn = arn;
      this.created = created;
    }

    ScalableTarget describe(String account) {
      return ScalableTarget.builder().serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(resourceId)
          .scalableDimension(dimension).minCapacity(min).maxCapacity(max).creationTime(created)
          .scalableTargetARN(arn)
          .roleARN(serviceLinkedRole(account))
          .build();
    }
  }

  /**
   * Every target in {@code region} as "resourceId dimension min..max [policyName@targetValue, ...]", in registration
   * order (for the inspector).
   */
  List<String> snapshot(String region) {
    List<String> out = new ArrayList<>();
    for (Target t : targets.getOrDefault(region, new LinkedHashMap<>()).values()) {
      List<String> policies = new ArrayList<>();
      for (ScalingPolicy p : t.policies.values()) {
        policies.add(p.policyName() + "@" + p.targetTrackingScalingPolicyConfiguration().targetValue());
      }
      out.add(t.resourceId + " " + t.dimension + " " + t.min + ".." + t.max + " " + policies);
    }
    return out;
  }

  /** The service-linked role every dynamodb scalable target carries. */
  static String serviceLinkedRole(String account) {
    return "arn:aws:iam::" + account + ":role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/"
        + "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable";
  }

  /** This account's {@link #serviceLinkedRole(String)}. */
  String serviceLinkedRole() {
    return serviceLinkedRole(account);
  }

  /** One page and the token of the next, or null. */
  record Page<T>(List<T> items, String nextToken) {}

  AutoScalingPlane(Clock clock, String account, Collection<String> regions, DynamoDbControlPlane dynamo,
      CloudWatchPlane cloudWatch) {
    this.clock = clock;
    this.account = account;
    this.dynamo = dynamo;
    this.cloudWatch = cloudWatch;
    for (String r : regions) {
      targets.put(r, new LinkedHashMap<>());
    }
  }

  private static String key(String resourceId, ScalableDimension d) {
    return resourceId + "|" + d;
  }

  private UUID nextUuid() {
    return UUID.nameUUIDFromBytes(("sim-aas-" + account + "-" + (++ids)).getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------------------------------------- fault hook

  /** Arms a one-shot ConcurrentUpdateException for the next mutating call in {@code region}. */
  void armConcurrentUpdate(String region) {
    concurrentUpdateArmed.add(region);
  }

  /** Throws (once) the armed ConcurrentUpdateException; called before a mutating call touches state. */
  void checkConcurrentUpdate(String region) {
    if (concurrentUpdateArmed.remove(region)) {
      throw SimServiceErrors.aasConcurrentUpdate();
    }
  }

  // ---------------------------------------------------------------------------------------------- validation

  static void checkNamespace(String namespace) {
    if (namespace == null) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value null at 'serviceNamespace' failed to "
          + "satisfy constraint: Member must not be null");
    }
    if (!ServiceNamespace.DYNAMODB.toString().equals(namespace)) {
      // The simulator models the dynamodb namespace only; other (valid) namespaces are rejected, not ignored.
      throw SimServiceErrors.aasValidation("Unsupported service namespace: " + namespace
          + " (the simulator models dynamodb only)");
    }
  }

  /** Checks ResourceId and ScalableDimension against each other; returns the parsed dimension. */
  static ScalableDimension checkResource(String resourceId, String dimension) {
    if (resourceId == null) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value null at 'resourceId' failed to "
          + "satisfy constraint: Member must not be null");
    }
    if (dimension == null) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value null at 'scalableDimension' failed to "
          + "satisfy constraint: Member must not be null");
    }
    ScalableDimension d = ScalableDimension.fromValue(dimension);
    boolean table = TABLE_ID.matcher(resourceId).matches();
    boolean index = INDEX_ID.matcher(resourceId).matches();
    if (!table && !index) {
      throw SimServiceErrors.aasValidation("Unsupported resource ID format: " + resourceId
          + ". Expected table/<table-name> or table/<table-name>/index/<index-name>");
    }
    boolean tableDim = d == ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS
        || d == ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS;
    boolean indexDim = d == ScalableDimension.DYNAMODB_INDEX_READ_CAPACITY_UNITS
        || d == ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS;
    if (!(table && tableDim) && !(index && indexDim)) {
      throw SimServiceErrors.aasValidation("Unsupported scalable dimension: " + dimension + " for resource ID: "
          + resourceId);
    }
    return d;
  }

  private static boolean isRead(ScalableDimension d) {
    return d == ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS
        || d == ScalableDimension.DYNAMODB_INDEX_READ_CAPACITY_UNITS;
  }

  private Target requireTarget(String region, String resourceId, ScalableDimension d) {
    Target t = targets.get(region).get(key(resourceId, d));
    if (t == null) {
      throw SimServiceErrors.aasNotFound("No scalable target registered for service namespace: dynamodb, resource ID: "
          + resourceId + ", scalable dimension: " + d);
    }
    return t;
  }

  // ---------------------------------------------------------------------------------------------- targets

  /** Registers or updates a target; returns its ARN. */
  String register(String region, RegisterScalableTargetRequest r) {
    checkNamespace(r.serviceNamespaceAsString());
    ScalableDimension d = checkResource(r.resourceId(), r.scalableDimensionAsString());
    if (r.minCapacity() != null && r.minCapacity() < 0) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value '" + r.minCapacity() + "' at "
          + "'minCapacity' failed to satisfy constraint: Member must have value greater than or equal to 0");
    }
    if (r.maxCapacity() != null && r.maxCapacity() < 0) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value '" + r.maxCapacity() + "' at "
          + "'maxCapacity' failed to satisfy constraint: Member must have value greater than or equal to 0");
    }
    Target t = targets.get(region).get(key(r.resourceId(), d));
    if (t == null && (r.minCapacity() == null || r.maxCapacity() == null)) {
      throw SimServiceErrors.aasValidation("MinCapacity and MaxCapacity are required for registering a new "
          + "scalable target.");
    }
    // Omitted bounds keep their current values (aws-semantics 4.2).
    int min = r.minCapacity() != null ? r.minCapacity() : t.min;
    int max = r.maxCapacity() != null ? r.maxCapacity() : t.max;
    checkBounds(min, max);
    t = ensureTarget(region, r.resourceId(), d);
    t.min = min;
    t.max = max;
    return t.arn;
  }

  /** The target for (resourceId, d) in {@code region}, registered now (bounds to be set by the caller) if absent. */
  private Target ensureTarget(String region, String resourceId, ScalableDimension d) {
    Target t = targets.get(region).get(key(resourceId, d));
    if (t == null) {
      String arn = "arn:aws:application-autoscaling:" + region + ":" + account + ":scalable-target/"
          + nextUuid().toString().replace("-", "").substring(0, 28);
      t = new Target(resourceId, d, arn, clock.instant());
      targets.get(region).put(key(resourceId, d), t);
    }
    return t;
  }

  Page<ScalableTarget> describeTargets(String region, List<String> resourceIds, String dimension, Integer maxResults,
      String nextToken) {
    int max = checkMax(maxResults, MAX_TARGETS_PAGE);
    List<ScalableTarget> all = new ArrayList<>();
    for (Target t : targets.get(region).values()) {
      if (resourceIds != null && !resourceIds.isEmpty() && !resourceIds.contains(t.resourceId)) {
        continue;
      }
      if (dimension != null && !t.dimension.toString().equals(dimension)) {
        continue;
      }
      all.add(t.describe(account));
    }
    return page(all, max, nextToken);
  }

  /** Deregisters the target and deletes its policies and their alarms. */
  int deregister(String region, String namespace, String resourceId, String dimension) {
    checkNamespace(namespace);
    ScalableDimension d = checkResource(resourceId, dimension);
    Target t = targets.get(region).get(key(resourceId, d));
    if (t == null) {
      throw SimServiceErrors.aasNotFound("No scalable target found for service namespace: dynamodb, resource ID: "
          + resourceId + ", scalable dimension: " + d);
    }
    int n = t.policies.size();
    for (ScalingPolicy p : t.policies.values()) {
      deleteAlarms(region, p);
    }
    targets.get(region).remove(key(resourceId, d));
    return n;
  }

  // ---------------------------------------------------------------------------------------------- policies

  ScalingPolicy putPolicy(String region, PutScalingPolicyRequest r) {
    String name = r.policyName();
    if (name == null) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value null at 'policyName' failed to "
          + "satisfy constraint: Member must not be null");
    }
    if (name.isEmpty() || name.length() > 256) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value '" + name + "' at 'policyName' failed "
          + "to satisfy constraint: Member must have length " + (name.isEmpty() ? "greater than or equal to 1"
          : "less than or equal to 256"));
    }
    checkNamespace(r.serviceNamespaceAsString());
    ScalableDimension d = checkResource(r.resourceId(), r.scalableDimensionAsString());
    String type = r.policyTypeAsString() == null ? PolicyType.STEP_SCALING.toString() : r.policyTypeAsString();
    if (!PolicyType.TARGET_TRACKING_SCALING.toString().equals(type)) {
      // StepScaling is not supported for DynamoDB (aws-semantics 4.2); an omitted PolicyType means StepScaling.
      throw SimServiceErrors.aasValidation("Unsupported policy type " + type + " for service namespace dynamodb. "
          + "Only TargetTrackingScaling is supported.");
    }
    TargetTrackingScalingPolicyConfiguration c = r.targetTrackingScalingPolicyConfiguration();
    checkConfiguration(c);
    Target t = requireTarget(region, r.resourceId(), d);
    return storePolicy(region, t, name, c);
  }

  /** RegisterScalableTarget's bounds rule (aws-semantics 4.2). */
  static void checkBounds(int min, int max) {
    if (max < min) {
      throw SimServiceErrors.aasValidation("Maximum capacity cannot be less than minimum capacity");
    }
  }

  /** PutScalingPolicy's rules for a TargetTrackingScalingPolicyConfiguration in the dynamodb namespace. */
  static void checkConfiguration(TargetTrackingScalingPolicyConfiguration c) {
    if (c == null) {
      throw SimServiceErrors.aasValidation("TargetTrackingScalingPolicyConfiguration must be specified for policy "
          + "type TargetTrackingScaling");
    }
    if (c.targetValue() == null) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value null at "
          + "'targetTrackingScalingPolicyConfiguration.targetValue' failed to satisfy constraint: Member must not be "
          + "null");
    }
    if (c.customizedMetricSpecification() != null || c.predefinedMetricSpecification() == null) {
      // Customized metrics are valid AWS input but not modelled; say so instead of accepting them silently.
      throw SimServiceErrors.aasValidation("The simulator supports PredefinedMetricSpecification only "
          + "(DynamoDBReadCapacityUtilization or DynamoDBWriteCapacityUtilization)");
    }
    MetricType metric = c.predefinedMetricSpecification().predefinedMetricType();
    String metricName = c.predefinedMetricSpecification().predefinedMetricTypeAsString();
    if (metric != MetricType.DYNAMO_DB_READ_CAPACITY_UTILIZATION
        && metric != MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION) {
      throw SimServiceErrors.aasValidation("Unsupported predefined metric type " + metricName
          + " for service namespace dynamodb");
    }
    double v = c.targetValue();
    if (v < 10.0 || v > 90.0) {
      throw SimServiceErrors.aasValidation("For predefined metric type " + metricName + ", target value must be "
          + "between '10.0' and '90.0', but was '" + v + "'.");
    }
  }

  /** Creates or updates (same name: same ARN, alarms rebuilt) a validated TargetTracking policy on {@code t}. */
  private ScalingPolicy storePolicy(String region, Target t, String name, TargetTrackingScalingPolicyConfiguration c) {
    ScalableDimension d = t.dimension;
    double v = c.targetValue();
    ScalingPolicy old = t.policies.get(name);
    String arn = old != null ? old.policyARN()
        : "arn:aws:autoscaling:" + region + ":" + account + ":scalingPolicy:" + nextUuid() + ":resource/dynamodb/"
            + t.resourceId + ":policyName/" + name;
    if (old != null) {
      // The same name updates in place: same ARN, alarms rebuilt for the new configuration.
      deleteAlarms(region, old);
    }
    List<Alarm> alarms = createAlarms(region, t, arn, v);
    ScalingPolicy p = ScalingPolicy.builder().policyARN(arn).policyName(name)
        .serviceNamespace(ServiceNamespace.DYNAMODB).resourceId(t.resourceId).scalableDimension(d)
        .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c)
        .alarms(alarms).creationTime(old != null ? old.creationTime() : clock.instant()).build();
    t.policies.put(name, p);
    return p;
  }

  // ---------------------------------------------------------------------------------------------- DynamoDB's view

  /**
   * Whether the write dimension {@code d} of {@code resourceId} is auto scaled in {@code region} as DynamoDB requires
   * before a PROVISIONED table gets a replica: a registered target with at least one TargetTrackingScaling policy (a
   * bare target is not enough, aws-semantics 4.1). Every stored policy is TargetTracking; others are rejected.
   */
  boolean autoScaled(String region, String resourceId, ScalableDimension d) {
    Target t = targets.get(region).get(key(resourceId, d));
    return t != null && !t.policies.isEmpty();
  }

  /**
   * What DynamoDB does when a replica of a PROVISIONED table becomes ACTIVE (aws-semantics 4.1): copies the write
   * scalable targets (table and each of {@code indexNames}) that carry policies in {@code from} into {@code to}, same
   * bounds, same policy names and configurations, each policy with its own TargetTracking alarms in {@code to}.
   * Read targets are not mirrored. A write target already in {@code to} takes the source's bounds and policies.
   */
  void mirrorWriteAutoScaling(String from, String to, String table, Collection<String> indexNames) {
    List<String[]> resources = new ArrayList<>();
    resources.add(new String[] {"table/" + table, ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS.toString()});
    for (String ix : indexNames) {
      resources.add(new String[] {"table/" + table + "/index/" + ix,
          ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS.toString()});
    }
    for (String[] res : resources) {
      ScalableDimension d = ScalableDimension.fromValue(res[1]);
      Target src = targets.get(from).get(key(res[0], d));
      if (src == null || src.policies.isEmpty()) {
        continue; // nothing auto scaled to mirror for this resource
      }
      Target dst = ensureTarget(to, res[0], d);
      dst.min = src.min;
      dst.max = src.max;
      for (ScalingPolicy p : src.policies.values()) {
        storePolicy(to, dst, p.policyName(), p.targetTrackingScalingPolicyConfiguration());
      }
    }
  }

  /**
   * The write auto scaling DynamoDB registers by itself for a GSI added to a PROVISIONED global table (LAB
   * DDB-TABLE-322): target Min 1 / Max 10 and TargetTracking policy
   * "DynamoDBWriteCapacityUtilization:table/&lt;t&gt;/index/&lt;i&gt;" at 70 %, with its alarms, in {@code region}.
   */
  void registerDefaultIndexWriteScaling(String region, String table, String index) {
    String resourceId = "table/" + table + "/index/" + index;
    ScalableDimension d = ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS;
    Target t = ensureTarget(region, resourceId, d);
    t.min = 1;
    t.max = 10;
    storePolicy(region, t, "DynamoDBWriteCapacityUtilization:" + resourceId,
        TargetTrackingScalingPolicyConfiguration.builder().targetValue(70.0)
            .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.DYNAMO_DB_WRITE_CAPACITY_UTILIZATION))
            .build());
  }

  /** A registered target as DynamoDB's replica auto scaling facade reads it: bounds, role, policies in order. */
  record TargetView(int min, int max, String roleArn, List<ScalingPolicy> policies) {}

  /** The target for (resourceId, d) in {@code region}, or null when none is registered. */
  TargetView view(String region, String resourceId, ScalableDimension d) {
    Target t = targets.get(region).get(key(resourceId, d));
    return t == null ? null : new TargetView(t.min, t.max, serviceLinkedRole(), List.copyOf(t.policies.values()));
  }

  /**
   * What UpdateTableReplicaAutoScaling does to one dimension in one region when enabling (LAB DDB-TABLE-237, 240):
   * registers or updates the target with these bounds and makes {@code policyName} its only policy. Policies of
   * other names are deleted with their alarms (a new name replaces the old one); a policy of the same name with the
   * same configuration is left as it is (same ARN, same alarms), otherwise it is updated in place. The caller has
   * run {@link #checkBounds} and {@link #checkConfiguration}.
   */
  void configure(String region, String resourceId, ScalableDimension d, int min, int max, String policyName,
      TargetTrackingScalingPolicyConfiguration c) {
    Target t = ensureTarget(region, resourceId, d);
    t.min = min;
    t.max = max;
    for (ScalingPolicy p : List.copyOf(t.policies.values())) {
      if (!p.policyName().equals(policyName)) {
        deleteAlarms(region, p);
        t.policies.remove(p.policyName());
      }
    }
    ScalingPolicy same = t.policies.get(policyName);
    if (same != null && same.targetTrackingScalingPolicyConfiguration().equals(c)) {
      return; // a re-send is a no-op (LAB DDB-TABLE-240)
    }
    storePolicy(region, t, policyName, c);
  }

  /** Deregisters the target (policies and alarms included) if there is one; disabling twice is not an error. */
  boolean deregisterIfPresent(String region, String resourceId, ScalableDimension d) {
    Target t = targets.get(region).remove(key(resourceId, d));
    if (t == null) {
      return false;
    }
    t.policies.values().forEach(p -> deleteAlarms(region, p));
    return true;
  }

  Page<ScalingPolicy> describePolicies(String region, String namespace, List<String> names, String resourceId,
      String dimension, Integer maxResults, String nextToken) {
    checkNamespace(namespace);
    int max = checkMax(maxResults, MAX_POLICIES_PAGE);
    List<ScalingPolicy> all = new ArrayList<>();
    for (Target t : targets.get(region).values()) {
      if (resourceId != null && !t.resourceId.equals(resourceId)) {
        continue;
      }
      if (dimension != null && !t.dimension.toString().equals(dimension)) {
        continue;
      }
      for (ScalingPolicy p : t.policies.values()) {
        if (names == null || names.isEmpty() || names.contains(p.policyName())) {
          all.add(p);
        }
      }
    }
    return page(all, max, nextToken);
  }

  void deletePolicy(String region, String namespace, String name, String resourceId, String dimension) {
    checkNamespace(namespace);
    ScalableDimension d = checkResource(resourceId, dimension);
    Target t = targets.get(region).get(key(resourceId, d));
    ScalingPolicy p = t == null ? null : t.policies.get(name);
    if (p == null) {
      throw SimServiceErrors.aasNotFound("No scaling policy found for service namespace: dynamodb, resource ID: "
          + resourceId + ", scalable dimension: " + d + ", policy name: " + name);
    }
    deleteAlarms(region, p);
    t.policies.remove(name);
  }

  // ---------------------------------------------------------------------------------------------- alarms

  /**
   * The four alarms target tracking makes (names per aws-semantics 4.2). Thresholds follow the capacity provisioned
   * now (or MinCapacity when the table/index is absent or on-demand); they are not recomputed when capacity changes.
   */
  private List<Alarm> createAlarms(String region, Target t, String policyArn, double targetValue) {
    Matcher im = INDEX_ID.matcher(t.resourceId);
    String table;
    String index = null;
    if (im.matches()) {
      table = im.group(1);
      index = im.group(2);
    } else {
      Matcher tm = TABLE_ID.matcher(t.resourceId);
      tm.matches();
      table = tm.group(1);
    }
    boolean read = isRead(t.dimension);
    long provisioned = provisioned(region, table, index, read);
    long capacity = provisioned > 0 ? provisioned : t.min;
    List<Dimension> dims = new ArrayList<>();
    dims.add(Dimension.builder().name("TableName").value(table).build());
    if (index != null) {
      dims.add(Dimension.builder().name("GlobalSecondaryIndexName").value(index).build());
    }
    String unit = read ? "ReadCapacityUnits" : "WriteCapacityUnits";
    String description = "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + policyArn + ".";
    String prefix = "TargetTracking-" + t.resourceId + "-";
    double high = targetValue / 100.0 * capacity * 60;
    double low = Math.max(0, targetValue - 20) / 100.0 * capacity * 60;
    List<Alarm> out = new ArrayList<>();
    out.add(alarm(region, prefix + "AlarmHigh-" + nextUuid(), description, policyArn, "Consumed" + unit,
        Statistic.SUM, 60, 2, high, ComparisonOperator.GREATER_THAN_THRESHOLD, dims));
    out.add(alarm(region, prefix + "AlarmLow-" + nextUuid(), description, policyArn, "Consumed" + unit,
        Statistic.SUM, 60, 15, low, ComparisonOperator.LESS_THAN_THRESHOLD, dims));
    out.add(alarm(region, prefix + "ProvisionedCapacityHigh-" + nextUuid(), description, policyArn,
        "Provisioned" + unit, Statistic.AVERAGE, 300, 1, capacity, ComparisonOperator.GREATER_THAN_THRESHOLD, dims));
    out.add(alarm(region, prefix + "ProvisionedCapacityLow-" + nextUuid(), description, policyArn,
        "Provisioned" + unit, Statistic.AVERAGE, 300, 3, capacity, ComparisonOperator.LESS_THAN_THRESHOLD, dims));
    return out;
  }

  private Alarm alarm(String region, String name, String description, String policyArn, String metric,
      Statistic stat, int period, int evaluationPeriods, double threshold, ComparisonOperator op,
      List<Dimension> dims) {
    cloudWatch.store(region, PutMetricAlarmRequest.builder().alarmName(name).alarmDescription(description)
        .alarmActions(policyArn).namespace("AWS/DynamoDB").metricName(metric).statistic(stat).period(period)
        .evaluationPeriods(evaluationPeriods).threshold(threshold).comparisonOperator(op).dimensions(dims).build());
    return Alarm.builder().alarmName(name).alarmARN(cloudWatch.alarmArn(region, name)).build();
  }

  private void deleteAlarms(String region, ScalingPolicy p) {
    cloudWatch.delete(region, p.alarms().stream().map(Alarm::alarmName).toList());
  }

  private long provisioned(String region, String table, String index, boolean read) {
    SimTable st = dynamo.visible(region, table);
    if (st == null) {
      return 0;
    }
    if (index == null) {
      return read ? st.rcu : st.wcu;
    }
    SimIndex ix = st.gsis.get(index);
    return ix == null ? 0 : read ? ix.rcu : ix.wcu;
  }

  // ---------------------------------------------------------------------------------------------- paging

  private static int checkMax(Integer maxResults, int limit) {
    int max = maxResults == null ? limit : maxResults;
    if (max < 1 || max > limit) {
      throw SimServiceErrors.aasValidation("1 validation error detected: Value '" + max + "' at 'maxResults' failed "
          + "to satisfy constraint: Member must have value " + (max < 1 ? "greater than or equal to 1"
          : "less than or equal to " + limit));
    }
    return max;
  }

  private static <T> Page<T> page(List<T> all, int max, String nextToken) {
    int from = 0;
    if (nextToken != null) {
      try {
        if (!nextToken.startsWith(TOKEN_PREFIX)) {
          throw new NumberFormatException(nextToken);
        }
        from = Integer.parseInt(nextToken.substring(TOKEN_PREFIX.length()));
      } catch (NumberFormatException e) {
        throw SimServiceErrors.aasInvalidToken();
      }
      if (from < 0 || from > all.size()) {
        throw SimServiceErrors.aasInvalidToken();
      }
    }
    int to = Math.min(all.size(), from + max);
    return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? TOKEN_PREFIX + to : null);
  }
}
