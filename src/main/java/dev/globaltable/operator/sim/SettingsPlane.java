package dev.globaltable.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsAction;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsMode;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsStatus;
import software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.DestinationStatus;
import software.amazon.awssdk.services.dynamodb.model.FailureException;
import software.amazon.awssdk.services.dynamodb.model.KinesisDataStreamDestination;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoverySpecification;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableClassSummary;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateReplicationGroupMemberAction;

/**
 * The per-table settings of every simulated region (aws-semantics 1.2, 1.5, 2.1, 2.2, 3, 7.1-7.6): point-in-time
 * recovery, time to live, server-side encryption, table class, the deletion-protection cooldown, Contributor Insights
 * and Kinesis streaming destinations, plus the Kinesis stream registry. Called by {@link DynamoDbControlPlane} under
 * its lock.
 *
 * <p>Where the reference quotes a text it is copied. Texts the reference does not give are the simulator's own and
 * are marked "(invented)" here:
 * <ul>
 *   <li>TableNotFoundException for PITR: "Table not found: &lt;t&gt;" (invented).</li>
 *   <li>A KMS key whose ARN names another region: ValidationException "One or more parameter values were invalid:
 *       KMSMasterKeyId &lt;arn&gt; is not in region &lt;r&gt; of the table." (invented).</li>
 *   <li>SSE budget: the reference elides the middle of the LimitExceeded template; the simulator fills it as
 *       "... After the first 4 change, each subsequent change in the same 24h window can be performed at most once
 *       every 21600 seconds. Next changes can be made at &lt;ts&gt;." (middle invented).</li>
 *   <li>Deletion-protection cooldown: ThrottlingException "Deletion protection was updated recently. Please try again
 *       after &lt;ts&gt;" (prefix invented; the reference keeps only "...Please try again after &lt;ts&gt;").</li>
 *   <li>Contributor Insights on an unknown index: ResourceNotFoundException "Requested resource not found: Index
 *       &lt;i&gt; for table &lt;t&gt;" (the simulator's GSI text, reused); the FAILED FailureException description
 *       "Contributor Insights rules limit exceeded: the account already uses &lt;n&gt; of &lt;quota&gt; rules in
 *       &lt;region&gt;" (invented).</li>
 *   <li>Kinesis: ENABLE_FAILED description "Kinesis stream &lt;arn&gt; does not exist in &lt;region&gt;" (invented);
 *       the details after "Table is not in a valid state to enable Kinesis Streaming Destination: " (invented).</li>
 * </ul>
 *
 * <p>Choices where the reference is silent: a same-value SSE or TableClass UpdateTable is a 200 that changes nothing
 * and spends no budget; a CMK table in a group cannot move alone to the AWS managed key ("All replica keys must
 * either be Customer Managed CMK or AWS Managed CMK."); PITR without RecoveryPeriodInDays means 35; ENABLE on an
 * ENABLED/ENABLING or FAILED Contributor Insights is a 200 that changes nothing (FAILED needs a DISABLE first);
 * Contributor Insights is refused only on CREATING/DELETING tables and non-ACTIVE indexes (the reference saw it
 * admitted while a replica was being added); the TableClass hold (~35 s UPDATING) is on the calling table only; an SSE
 * change in flight blocks UpdateTable on the table whose SSEDescription is UPDATING (the calling region's table), not
 * on the other members whose own SSE is still settled.
 */
final class SettingsPlane {
  static final String TTL_COOLDOWN = "Time to live has been modified multiple times within a fixed interval";
  static final String KMS_EACH_REPLICA = DynamoDbControlPlane.INVALID
      + "KMSMasterKeyId must be specified for each replica.";
  static final String KEY_TYPES = DynamoDbControlPlane.INVALID
      + "All replica keys must either be Customer Managed CMK or AWS Managed CMK.";
  /** The regional ResourceInUse detail while SSEDescription.Status is UPDATING (aws-semantics 1.4). */
  static final String SSE_UPDATING = "Server-Side Encryption is still being updated";
  static final String TABLE_CLASS_LIMIT = "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in "
      + "30 day(s).";
  static final String CCI_NOT_ACTIVE = "Table or Index is not in a valid state to update Key Access Insights: "
      + "TableStatus must be ACTIVE to enable ContributorInsights.";
  static final String KINESIS_STATE = "Table is not in a valid state to enable Kinesis Streaming Destination: ";
  static final int DEFAULT_CCI_RULES = 100;

  private final DynamoDbControlPlane plane;
  private final SimClock clock;
  private final String account;
  private final SimTimings timings;
  /** region -> Kinesis stream ARNs that exist there. */
  private final Map<String, Set<String>> streams = new HashMap<>();
  /** region -> Contributor Insights rule quota. */
  private final Map<String, Integer> cciQuota = new HashMap<>();

  SettingsPlane(DynamoDbControlPlane plane, SimClock clock, String account, SimTimings timings) {
    this.plane = plane;
    this.clock = clock;
    this.account = account;
    this.timings = timings;
  }

  private Instant now() {
    return clock.instant();
  }

  /** The deterministic ARN the simulator gives the AWS managed key for DynamoDB (alias/aws/dynamodb) in a region. */
  String awsManagedKey(String region) {
    return "arn:aws:kms:" + region + ":" + account + ":key/aws-managed-dynamodb";
  }

  // ================================================================================================ PITR (7.2)

  ContinuousBackupsDescription updateContinuousBackups(String region, String nameOrArn,
      PointInTimeRecoverySpecification spec) {
    if (spec == null) {
      throw nullMember("pointInTimeRecoverySpecification");
    }
    if (spec.pointInTimeRecoveryEnabled() == null) {
      throw nullMember("pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled");
    }
    Integer days = spec.recoveryPeriodInDays();
    if (days != null && (days < 1 || days > 35)) {
      throw SimErrors.validation("1 validation error detected: Value '" + days + "' at "
          + "'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have "
          + "value " + (days < 1 ? "greater than or equal to 1" : "less than or equal to 35"));
    }
    boolean enable = spec.pointInTimeRecoveryEnabled();
    if (!enable && days != null) {
      throw SimErrors.validation("Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time "
          + "recovery.");
    }
    SimTable t = pitrTable(region, nameOrArn);
    if (t.status == TableStatus.CREATING || now().isBefore(t.activeSince.plus(timings.pitrUnavailableAfterActive()))) {
      throw SimErrors.continuousBackupsUnavailable("Backups are being enabled for the table: " + t.name
          + ". Please retry later");
    }
    setPitr(t, enable, days);
    plane.summary("PITR " + (enable ? "ENABLED " + t.settings.pitrDays + " days" : "DISABLED"));
    return continuousBackups(t);
  }

  ContinuousBackupsDescription describeContinuousBackups(String region, String nameOrArn) {
    return continuousBackups(pitrTable(region, nameOrArn));
  }

  private SimTable pitrTable(String region, String nameOrArn) {
    String name = plane.tableName(region, nameOrArn);
    SimTable t = plane.visible(region, name);
    if (t == null || t.status == TableStatus.DELETING) {
      throw SimErrors.tableNotFound("Table not found: " + name);
    }
    return t;
  }

  void setPitr(SimTable t, boolean enable, Integer days) {
    TableSettings s = t.settings;
    if (enable) {
      if (!s.pitr) {
        s.pitrSince = now();
      }
      s.pitr = true;
      s.pitrDays = days == null ? 35 : days;
    } else {
      s.pitr = false;
      s.pitrDays = 0;
      s.pitrSince = null;
    }
  }

  private ContinuousBackupsDescription continuousBackups(SimTable t) {
    TableSettings s = t.settings;
    PointInTimeRecoveryDescription.Builder p = PointInTimeRecoveryDescription.builder()
        .pointInTimeRecoveryStatus(s.pitr ? PointInTimeRecoveryStatus.ENABLED : PointInTimeRecoveryStatus.DISABLED);
    if (s.pitr) {
      Instant earliest = s.pitrSince;
      Instant window = now().minus(Duration.ofDays(s.pitrDays));
      if (window.isAfter(earliest)) {
        earliest = window;
      }
      p.recoveryPeriodInDays(s.pitrDays).earliestRestorableDateTime(earliest).latestRestorableDateTime(now());
    }
    return ContinuousBackupsDescription.builder().continuousBackupsStatus(ContinuousBackupsStatus.ENABLED)
        .pointInTimeRecoveryDescription(p.build()).build();
  }

  // ================================================================================================ TTL (7.1)

  TimeToLiveSpecification updateTimeToLive(String region, String nameOrArn, TimeToLiveSpecification spec) {
    String name = plane.tableName(region, nameOrArn);
    if (spec == null) {
      throw nullMember("timeToLiveSpecification");
    }
    if (spec.enabled() == null) {
      throw nullMember("timeToLiveSpecification.enabled");
    }
    if (spec.attributeName() == null) {
      throw nullMember("timeToLiveSpecification.attributeName");
    }
    if (spec.attributeName().isEmpty() || spec.attributeName().length() > 255) {
      throw SimErrors.validation("1 validation error detected: Value '" + spec.attributeName() + "' at "
          + "'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length "
          + (spec.attributeName().isEmpty() ? "greater than or equal to 1" : "less than or equal to 255"));
    }
    SimTable t = plane.requireTable(region, name);
    plane.requireNotCreatingOrDeleting(t);
    plane.rejectWhileNonEmptyReplicaIsAdded(t);
    TableSettings s = t.settings;
    boolean on = s.ttlStatus == TimeToLiveStatus.ENABLED || s.ttlStatus == TimeToLiveStatus.ENABLING;
    boolean enable = spec.enabled();
    if (on && !spec.attributeName().equals(s.ttlAttribute)) {
      throw SimErrors.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
          + s.ttlAttribute);
    }
    if (enable && on) {
      throw SimErrors.validation("TimeToLive is already enabled");
    }
    if (!enable && !on) {
      throw SimErrors.validation("TimeToLive is already disabled");
    }
    if (s.ttlLastChange != null && now().isBefore(s.ttlLastChange.plus(timings.ttlCooldown()))) {
      throw SimErrors.validation(TTL_COOLDOWN);
    }
    setTtl(t, enable, spec.attributeName(), true);
    plane.summary("TTL " + (enable ? "ENABLING " : "DISABLING ") + spec.attributeName());
    return TimeToLiveSpecification.builder().enabled(enable).attributeName(spec.attributeName()).build();
  }

  /** Starts the TTL change in every member of the table's group; {@code cooldown} records it for the cooldown. */
  void setTtl(SimTable t, boolean enable, String attribute, boolean cooldown) {
    for (SimTable m : DynamoDbControlPlane.groupMembers(t)) {
      TableSettings s = m.settings;
      long v = ++s.ttlVersion;
      s.ttlStatus = enable ? TimeToLiveStatus.ENABLING : TimeToLiveStatus.DISABLING;
      s.ttlAttribute = attribute;
      if (cooldown) {
        s.ttlLastChange = now();
      }
      plane.after(timings.ttlTransition(), () -> {
        if (s.ttlVersion == v) {
          s.ttlStatus = enable ? TimeToLiveStatus.ENABLED : TimeToLiveStatus.DISABLED;
          if (!enable) {
            s.ttlAttribute = null;
          }
        }
      });
    }
  }

  TimeToLiveDescription describeTimeToLive(String region, String nameOrArn) {
    SimTable t = plane.requireTable(region, plane.tableName(region, nameOrArn));
    if (t.status == TableStatus.CREATING || t.status == TableStatus.DELETING) {
      throw SimErrors.validation("Cannot describe time to live while table is in " + t.status + " state: Current "
          + "table state is " + t.status);
    }
    return ttl(t);
  }

  static TimeToLiveDescription ttl(SimTable t) {
    TimeToLiveDescription.Builder b = TimeToLiveDescription.builder().timeToLiveStatus(t.settings.ttlStatus);
    if (t.settings.ttlAttribute != null) {
      b.attributeName(t.settings.ttlAttribute);
    }
    return b.build();
  }

  // ================================================================================================ CreateTable

  /** Validates CreateTable's SSESpecification and TableClass (before any state check). */
  void checkCreate(String region, CreateTableRequest r) {
    if (r.tableClass() != null) {
      checkTableClass(r.tableClassAsString());
    }
    if (r.sseSpecification() != null) {
      sseTarget(region, r.sseSpecification());
    }
  }

  void applyCreate(SimTable t, CreateTableRequest r) {
    if (r.tableClass() != null) {
      t.settings.tableClass = r.tableClassAsString();
      t.settings.tableClassUpdated = now();
    }
    if (r.sseSpecification() != null) {
      SseTarget target = sseTarget(t.region, r.sseSpecification());
      t.settings.sseKms = target.kms();
      t.settings.kmsKeyArn = target.keyArn();
      t.settings.customerKey = target.customer();
    }
  }

  // ================================================================================================ SSE

  /** What an SSESpecification asks for in {@code region}. */
  record SseTarget(boolean kms, String keyArn, boolean customer) {}

  private SseTarget sseTarget(String region, SSESpecification spec) {
    if (spec.sseType() == SSEType.UNKNOWN_TO_SDK_VERSION) {
      throw SimErrors.validation("1 validation error detected: Value '" + spec.sseTypeAsString() + "' at "
          + "'sSESpecification.sSEType' failed to satisfy constraint: Member must satisfy enum value set: "
          + "[AES256, KMS]");
    }
    if (!Boolean.TRUE.equals(spec.enabled())) {
      return new SseTarget(false, null, false);
    }
    if (spec.kmsMasterKeyId() == null) {
      return new SseTarget(true, awsManagedKey(region), false);
    }
    String key = resolveKey(region, spec.kmsMasterKeyId());
    return new SseTarget(true, key, !key.equals(awsManagedKey(region)));
  }

  /** A key id, key ARN, alias name or alias ARN as the full regional ARN AWS reports. */
  String resolveKey(String region, String keyId) {
    if (keyId.isEmpty()) {
      throw SimErrors.validation("1 validation error detected: Value '' at 'kMSMasterKeyId' failed to satisfy "
          + "constraint: Member must have length greater than or equal to 1");
    }
    if (keyId.equals("alias/aws/dynamodb")) {
      return awsManagedKey(region);
    }
    if (keyId.startsWith("arn:")) {
      String[] p = keyId.split(":", 6);
      if (p.length == 6 && !region.equals(p[3])) {
        throw SimErrors.validation(DynamoDbControlPlane.INVALID + "KMSMasterKeyId " + keyId + " is not in region "
            + region + " of the table.");
      }
      if (p.length == 6 && p[5].equals("alias/aws/dynamodb")) {
        return awsManagedKey(region);
      }
      return keyId;
    }
    if (keyId.startsWith("alias/")) {
      return "arn:aws:kms:" + region + ":" + account + ":" + keyId;
    }
    return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
  }

  TableDescription updateSse(String region, String name, SSESpecification spec) {
    SseTarget target = sseTarget(region, spec);
    SimTable t = plane.requireTable(region, name);
    TableSettings s = t.settings;
    List<SimTable> members = DynamoDbControlPlane.groupMembers(t);
    boolean typeChange = target.kms() != s.sseKms;
    boolean keyChange = target.kms() && s.sseKms && !target.keyArn().equals(s.kmsKeyArn);
    if (t.isGlobal() && target.customer() && !s.customerKey) {
      throw SimErrors.validation(KMS_EACH_REPLICA); // the other replicas would need their own CMK
    }
    if (t.isGlobal() && target.kms() && !target.customer() && s.customerKey) {
      throw SimErrors.validation(KEY_TYPES);
    }
    plane.requireQuiet(t);
    requireSseSettled(t);
    if (!typeChange && !keyChange) {
      plane.summary("SSE unchanged");
      return plane.describe(t);
    }
    List<SimTable> affected = typeChange ? members : List.of(t);
    for (SimTable m : affected) {
      checkSseBudget(m);
    }
    for (SimTable m : affected) {
      TableSettings ms = m.settings;
      ms.sseKms = target.kms();
      ms.kmsKeyArn = !target.kms() ? null : m == t ? target.keyArn() : awsManagedKey(m.region);
      ms.customerKey = m == t && target.customer();
      ms.sseUpdatingUntil = now().plus(timings.sseUpdating());
      ms.sseChanges.add(now());
    }
    plane.summary("SSE " + (target.kms() ? "KMS " + target.keyArn() : "AWS owned")
        + (affected.size() > 1 ? " in " + affected.size() + " regions" : ""));
    return plane.describe(t);
  }

  /**
   * aws-semantics 1.4: TableStatus=ACTIVE is not quiescent while an SSE change is in flight (SSEDescription.Status
   * UPDATING, ~22 s). Every UpdateTable on the table (SSE, table class, deletion protection, replica updates, GSI
   * updates, billing/throughput, stream) is then refused with ResourceInUseException: the detail-free text for a table
   * with replicas, "Attempt to change a resource which is still in use: Server-Side Encryption is still being updated"
   * for a regional one. A state check: callers make it after shape, single-concern and replica-specific validation and
   * before quotas (aws-semantics 10, validation order).
   */
  void requireSseSettled(SimTable t) {
    if (now().isBefore(t.settings.sseUpdatingUntil)) {
      throw SimErrors.inUse(DynamoDbControlPlane.inUseText(t, SSE_UPDATING));
    }
  }

  private void checkSseBudget(SimTable m) {
    Instant now = now();
    List<Instant> window = m.settings.sseChanges.stream().filter(i -> i.isAfter(now.minus(Duration.ofHours(24))))
        .toList();
    if (window.size() < 4) {
      return;
    }
    Instant next = window.get(window.size() - 1).plus(Duration.ofHours(6));
    if (now.isBefore(next)) {
      throw SimErrors.limitExceeded("Subscriber limit exceeded: Encryption mode changes are limited in the 24h window "
          + "ending at " + now + ". After the first 4 change, each subsequent change in the same 24h window can be "
          + "performed at most once every 21600 seconds. Next changes can be made at " + next + ".");
    }
  }

  // ================================================================================================ TableClass

  private static void checkTableClass(String value) {
    if (TableClass.fromValue(value) == TableClass.UNKNOWN_TO_SDK_VERSION) {
      throw SimErrors.validation("1 validation error detected: Value '" + value + "' at 'tableClass' failed to "
          + "satisfy constraint: Member must satisfy enum value set: [STANDARD_INFREQUENT_ACCESS, STANDARD]");
    }
  }

  private static String tableClassOf(SimTable m) {
    return m.settings.tableClass == null ? TableClass.STANDARD.toString() : m.settings.tableClass;
  }

  private static boolean tableClassBudgetLeft(SimTable m, Instant now) {
    return m.settings.tableClassChanges.stream().filter(i -> i.isAfter(now.minus(Duration.ofDays(30)))).count() < 2;
  }

  /**
   * UpdateTable TableClass. On a table with replicas the reference (aws-semantics 1.5, LAB DDB-TABLE-294; section 10:
   * "applies to every replica when set on base") says a base TableClass change "is applied to every replica". The
   * simulator takes the conservative reading: EVERY replica gets the base's class, including replicas that had a
   * TableClassOverride (the override is cleared: they now simply carry the base's class) and replicas already of that
   * class, and each one spends one change of its own 2-per-30-days budget; the call is refused with "Limit exceeded for
   * replica in &lt;region&gt;. ..." when any replica has none left. A value equal to the calling table's own class is a
   * 200 that changes nothing.
   */
  TableDescription updateTableClass(String region, String name, String value) {
    checkTableClass(value);
    SimTable t = plane.requireTable(region, name);
    plane.requireQuiet(t);
    requireSseSettled(t);
    if (value.equals(tableClassOf(t))) {
      plane.summary("TableClass unchanged");
      return plane.describe(t);
    }
    Instant now = now();
    if (!tableClassBudgetLeft(t, now)) {
      throw SimErrors.limitExceeded(TABLE_CLASS_LIMIT);
    }
    List<SimTable> others = DynamoDbControlPlane.groupMembers(t).stream().filter(m -> m != t).toList();
    for (SimTable m : others) {
      if (!tableClassBudgetLeft(m, now)) {
        throw SimErrors.limitExceeded("Limit exceeded for replica in " + m.region + ". Updates to TableClass are "
            + "limited to 2 times in 30 day(s)");
      }
    }
    List<SimTable> changed = new ArrayList<>(others);
    changed.add(0, t);
    for (SimTable m : changed) {
      setTableClass(m, value);
      m.settings.tableClassOverride = false; // the base's class now, not an explicit per-replica one
    }
    plane.updatingFor(t, t.isGlobal() ? timings.tableClassUpdate() : timings.regionalUpdate());
    plane.summary("TableClass=" + value + " in " + changed.size() + " region(s)");
    return plane.describe(t);
  }

  void setTableClass(SimTable m, String value) {
    m.settings.tableClass = value;
    m.settings.tableClassUpdated = now();
    m.settings.tableClassChanges.add(now());
  }

  // ================================================================================================ replicas

  /** ReplicaUpdates Create: KMS and table-class content rules (before state checks). */
  void checkReplicaCreate(SimTable source, CreateReplicationGroupMemberAction c) {
    if (c.tableClassOverride() != null) {
      checkTableClass(c.tableClassOverrideAsString());
    }
    if (source.settings.customerKey && c.kmsMasterKeyId() == null) {
      throw SimErrors.validation(KMS_EACH_REPLICA);
    }
    if (c.kmsMasterKeyId() != null) {
      String key = resolveKey(c.regionName(), c.kmsMasterKeyId());
      boolean customer = !key.equals(awsManagedKey(c.regionName()));
      if (customer != source.settings.customerKey || !source.settings.sseKms) {
        throw SimErrors.validation(source.settings.sseKms ? KEY_TYPES : KMS_EACH_REPLICA);
      }
    }
  }

  /** What a new replica copies: TTL (group-wide), the SSE type with its own key, the table class. */
  void inherit(SimTable source, SimTable x, CreateReplicationGroupMemberAction c) {
    TableSettings s = source.settings;
    TableSettings d = x.settings;
    d.ttlStatus = s.ttlStatus == TimeToLiveStatus.ENABLING ? TimeToLiveStatus.ENABLED
        : s.ttlStatus == TimeToLiveStatus.DISABLING ? TimeToLiveStatus.DISABLED : s.ttlStatus;
    d.ttlAttribute = d.ttlStatus == TimeToLiveStatus.ENABLED ? s.ttlAttribute : null;
    d.ttlLastChange = s.ttlLastChange;
    d.sseKms = s.sseKms;
    if (s.sseKms) {
      d.kmsKeyArn = c.kmsMasterKeyId() != null ? resolveKey(x.region, c.kmsMasterKeyId()) : awsManagedKey(x.region);
      d.customerKey = s.customerKey;
    }
    if (c.tableClassOverride() != null) {
      d.tableClass = c.tableClassOverrideAsString();
      d.tableClassUpdated = now();
      d.tableClassOverride = true;
    } else if (s.tableClass != null) {
      d.tableClass = s.tableClass;
      d.tableClassUpdated = now();
    }
  }

  /** ReplicaUpdates Update TableClassOverride: enum check and the replica's budget. */
  void checkReplicaUpdate(SimTable x, UpdateReplicationGroupMemberAction u) {
    if (u.tableClassOverride() == null) {
      return;
    }
    checkTableClass(u.tableClassOverrideAsString());
    if (!u.tableClassOverrideAsString().equals(tableClassOf(x)) && !tableClassBudgetLeft(x, now())) {
      throw SimErrors.limitExceeded("Limit exceeded for replica in " + x.region + ". Updates to TableClass are "
          + "limited to 2 times in 30 day(s)");
    }
  }

  void applyReplicaUpdate(SimTable x, UpdateReplicationGroupMemberAction u) {
    if (u.tableClassOverride() == null) {
      return;
    }
    String v = u.tableClassOverrideAsString();
    x.settings.tableClassOverride = true;
    if (!v.equals(tableClassOf(x))) {
      setTableClass(x, v);
    } else {
      x.settings.tableClass = v;
      if (x.settings.tableClassUpdated == null) {
        x.settings.tableClassUpdated = now();
      }
    }
  }

  // ================================================================================================ describe

  /** Adds SSEDescription and TableClassSummary to a region's own DescribeTable output. */
  void decorate(SimTable t, TableDescription.Builder b) {
    TableSettings s = t.settings;
    boolean updating = now().isBefore(s.sseUpdatingUntil);
    if (s.sseKms) {
      b.sseDescription(SSEDescription.builder().status(updating ? SSEStatus.UPDATING : SSEStatus.ENABLED)
          .sseType(SSEType.KMS).kmsMasterKeyArn(s.kmsKeyArn).build());
    } else if (updating) {
      b.sseDescription(SSEDescription.builder().status(SSEStatus.UPDATING).build());
    }
    if (s.tableClass != null) {
      b.tableClassSummary(TableClassSummary.builder().tableClass(s.tableClass)
          .lastUpdateDateTime(s.tableClassUpdated).build());
    }
  }

  /**
   * Adds KMSMasterKeyId and ReplicaTableClassSummary to the Replicas entry for member {@code m}. The summary is
   * "absent for default STANDARD, present once set explicitly" (aws-semantics 2.2): only a member whose class was set
   * explicitly for it (TableClassOverride on the replica Create or Update) lists it; a class inherited from the
   * source at creation or from a base TableClass change is not listed.
   */
  void decorateEntry(SimTable m, ReplicaDescription.Builder b) {
    TableSettings s = m.settings;
    if (s.sseKms) {
      b.kmsMasterKeyId(s.kmsKeyArn);
    }
    if (s.tableClassOverride && s.tableClass != null) {
      b.replicaTableClassSummary(TableClassSummary.builder().tableClass(s.tableClass)
          .lastUpdateDateTime(s.tableClassUpdated).build());
    }
  }

  // ================================================================================================ deletion protection

  /** The 15 s cooldown between two effective deletion-protection toggles (checked after the state checks). */
  void checkDeletionProtectionCooldown(SimTable t) {
    Instant next = t.settings.deletionProtectionToggled.plus(timings.deletionProtectionCooldown());
    if (now().isBefore(next)) {
      throw SimErrors.throttling("Deletion protection was updated recently. Please try again after " + next);
    }
  }

  void deletionProtectionToggled(SimTable t) {
    t.settings.deletionProtectionToggled = now();
  }

  // ================================================================================================ Contributor Insights

  /** Sets the Contributor Insights rule quota of a region (default 100). */
  void contributorInsightsQuota(String region, int rules) {
    cciQuota.put(region, rules);
  }

  private int rulesFor(SimTable t, String key) {
    int keys = key.isEmpty() ? t.keySchema.size() : t.gsis.get(key).keySchema.size();
    return keys > 1 ? 4 : 2;
  }

  private int rulesInUse(String region) {
    int n = 0;
    for (SimTable t : plane.tablesIn(region)) {
      if (t.removed) {
        continue;
      }
      for (Map.Entry<String, TableSettings.Insights> e : t.settings.insights.entrySet()) {
        TableSettings.Insights i = e.getValue();
        boolean counts = !i.failing && (i.status == ContributorInsightsStatus.ENABLED
            || i.status == ContributorInsightsStatus.ENABLING);
        if (counts && (e.getKey().isEmpty() || t.gsis.containsKey(e.getKey()))) {
          n += rulesFor(t, e.getKey());
        }
      }
    }
    return n;
  }

  private SimTable cciTable(String region, String nameOrArn, String index) {
    SimTable t = plane.requireTable(region, plane.tableName(region, nameOrArn));
    if (index != null && !t.gsis.containsKey(index)) {
      throw SimErrors.notFound("Requested resource not found: Index " + index + " for table " + t.name);
    }
    return t;
  }

  UpdateContributorInsightsResponse updateContributorInsights(String region, String nameOrArn, String index,
      ContributorInsightsAction action, ContributorInsightsMode mode) {
    if (action == null) {
      throw nullMember("contributorInsightsAction");
    }
    if (action == ContributorInsightsAction.UNKNOWN_TO_SDK_VERSION) {
      throw SimErrors.validation("1 validation error detected: Value at 'contributorInsightsAction' failed to "
          + "satisfy constraint: Member must satisfy enum value set: [ENABLE, DISABLE]");
    }
    SimTable t = cciTable(region, nameOrArn, index);
    if (t.status == TableStatus.CREATING || t.status == TableStatus.DELETING
        || (index != null && t.gsis.get(index).transitioning())) {
      throw SimErrors.validation(CCI_NOT_ACTIVE);
    }
    TableSettings.Insights i = setContributorInsights(t, index, action == ContributorInsightsAction.ENABLE, mode,
        false);
    plane.summary("ContributorInsights " + (index == null ? "table" : index) + " " + i.status);
    UpdateContributorInsightsResponse.Builder b = UpdateContributorInsightsResponse.builder().tableName(t.name)
        .contributorInsightsStatus(i.status).contributorInsightsMode(i.mode);
    if (index != null) {
      b.indexName(index);
    }
    return b.build();
  }

  /** Applies an ENABLE/DISABLE; {@code immediate} skips the transition (out-of-band changes). */
  TableSettings.Insights setContributorInsights(SimTable t, String index, boolean enable,
      ContributorInsightsMode mode, boolean immediate) {
    String key = index == null ? "" : index;
    TableSettings.Insights i = t.settings.insights.computeIfAbsent(key, k -> new TableSettings.Insights());
    ContributorInsightsStatus st = i.status;
    if (enable) {
      if (st == ContributorInsightsStatus.ENABLED || st == ContributorInsightsStatus.ENABLING
          || st == ContributorInsightsStatus.FAILED) {
        return i; // already on (or FAILED until disabled): nothing happens
      }
      int quota = cciQuota.getOrDefault(t.region, DEFAULT_CCI_RULES);
      int inUse = rulesInUse(t.region);
      boolean fail = !immediate && inUse + rulesFor(t, key) > quota;
      if (mode != null && mode != ContributorInsightsMode.UNKNOWN_TO_SDK_VERSION) {
        i.mode = mode;
      }
      long v = ++i.version;
      i.updated = now();
      i.failing = fail;
      if (immediate) {
        i.status = ContributorInsightsStatus.ENABLED;
        return i;
      }
      i.status = ContributorInsightsStatus.ENABLING;
      plane.after(fail ? timings.contributorInsightsFail() : timings.contributorInsightsTransition(), () -> {
        if (i.version == v) {
          i.status = fail ? ContributorInsightsStatus.FAILED : ContributorInsightsStatus.ENABLED;
          i.updated = now();
          if (fail) {
            i.failureDescription = "Contributor Insights rules limit exceeded: the account already uses " + inUse
                + " of " + quota + " rules in " + t.region;
          }
        }
      });
    } else {
      if (st == ContributorInsightsStatus.DISABLED || st == ContributorInsightsStatus.DISABLING) {
        return i;
      }
      long v = ++i.version;
      i.updated = now();
      i.failing = false;
      i.failureDescription = null;
      if (immediate) {
        i.status = ContributorInsightsStatus.DISABLED;
        return i;
      }
      i.status = ContributorInsightsStatus.DISABLING;
      plane.after(timings.contributorInsightsTransition(), () -> {
        if (i.version == v) {
          i.status = ContributorInsightsStatus.DISABLED;
          i.updated = now();
        }
      });
    }
    return i;
  }

  DescribeContributorInsightsResponse describeContributorInsights(String region, String nameOrArn, String index) {
    SimTable t = cciTable(region, nameOrArn, index);
    TableSettings.Insights i = t.settings.insights.get(index == null ? "" : index);
    DescribeContributorInsightsResponse.Builder b = DescribeContributorInsightsResponse.builder().tableName(t.name);
    if (index != null) {
      b.indexName(index);
    }
    if (i == null) {
      return b.contributorInsightsStatus(ContributorInsightsStatus.DISABLED).build();
    }
    b.contributorInsightsStatus(i.status).lastUpdateDateTime(i.updated);
    if (i.status == ContributorInsightsStatus.ENABLED || i.status == ContributorInsightsStatus.ENABLING) {
      b.contributorInsightsMode(i.mode);
    }
    if (i.status == ContributorInsightsStatus.ENABLED) {
      String base = "DynamoDBContributorInsights-%s-" + t.name + (index == null ? "" : "-" + index);
      List<String> rules = new ArrayList<>();
      rules.add(String.format(base, "PKC"));
      rules.add(String.format(base, "PKT"));
      if (rulesFor(t, index == null ? "" : index) == 4) {
        rules.add(String.format(base, "SKC"));
        rules.add(String.format(base, "SKT"));
      }
      b.contributorInsightsRuleList(rules);
    }
    if (i.status == ContributorInsightsStatus.FAILED) {
      b.failureException(FailureException.builder().exceptionName("LimitExceededException")
          .exceptionDescription(i.failureDescription).build());
    }
    return b.build();
  }

  // ================================================================================================ Kinesis (7.5)

  String createKinesisStream(String region, String streamName) {
    String arn = "arn:aws:kinesis:" + region + ":" + account + ":stream/" + streamName;
    streams.computeIfAbsent(region, r -> new HashSet<>()).add(arn);
    return arn;
  }

  private static boolean live(TableSettings.Destination d) {
    return d.status == DestinationStatus.ENABLING || d.status == DestinationStatus.ACTIVE
        || d.status == DestinationStatus.UPDATING;
  }

  KinesisDataStreamDestination enableKinesis(String region, String nameOrArn, String streamArn, String precision) {
    String name = plane.tableName(region, nameOrArn);
    if (streamArn == null) {
      throw nullMember("streamArn");
    }
    if (streamArn.length() < 37 || streamArn.length() > 1024) {
      throw SimErrors.validation("1 validation error detected: Value '" + streamArn + "' at 'streamArn' failed to "
          + "satisfy constraint: Member must have length " + (streamArn.length() < 37
          ? "greater than or equal to 37" : "less than or equal to 1024"));
    }
    SimTable t = plane.requireTable(region, name);
    if (t.status != TableStatus.ACTIVE) {
      throw SimErrors.validation(KINESIS_STATE + "Table " + t.name + " is in " + t.status + " status.");
    }
    for (TableSettings.Destination d : t.settings.destinations) {
      if (live(d)) {
        throw SimErrors.validation(KINESIS_STATE + "Kinesis Streaming Destination " + d.streamArn + " is "
            + d.status + "; a table can stream to one destination at a time.");
      }
    }
    TableSettings.Destination d = setKinesis(t, streamArn, precision, false);
    plane.summary("Kinesis ENABLING " + streamArn);
    return destination(d);
  }

  /** Enables a destination (replacing any entry for the same ARN); {@code immediate} skips ENABLING. */
  TableSettings.Destination setKinesis(SimTable t, String streamArn, String precision, boolean immediate) {
    t.settings.destinations.removeIf(x -> x.streamArn.equals(streamArn));
    TableSettings.Destination d = new TableSettings.Destination(streamArn);
    d.precision = precision == null ? "MICROSECOND" : precision;
    t.settings.destinations.add(d);
    boolean exists = streams.getOrDefault(t.region, Set.of()).contains(streamArn);
    long v = ++d.version;
    Runnable settleIt = () -> {
      if (d.version == v) {
        if (exists) {
          d.status = DestinationStatus.ACTIVE;
        } else {
          d.status = DestinationStatus.ENABLE_FAILED;
          d.description = "Kinesis stream " + streamArn + " does not exist in " + t.region;
        }
      }
    };
    if (immediate) {
      settleIt.run();
    } else {
      d.status = DestinationStatus.ENABLING;
      plane.after(timings.kinesisEnable(), settleIt);
    }
    return d;
  }

  KinesisDataStreamDestination disableKinesis(String region, String nameOrArn, String streamArn) {
    String name = plane.tableName(region, nameOrArn);
    if (streamArn == null) {
      throw nullMember("streamArn");
    }
    SimTable t = plane.requireTable(region, name);
    if (t.status != TableStatus.ACTIVE) {
      throw SimErrors.validation(KINESIS_STATE + "Table " + t.name + " is in " + t.status + " status.");
    }
    TableSettings.Destination d = t.settings.destinations.stream().filter(x -> x.streamArn.equals(streamArn))
        .findFirst().orElse(null);
    if (d == null || d.status != DestinationStatus.ACTIVE) {
      throw SimErrors.validation(KINESIS_STATE + "Kinesis Streaming Destination " + streamArn + " is "
          + (d == null ? "not enabled" : d.status) + " for table " + t.name + ".");
    }
    disable(t, d, false);
    plane.summary("Kinesis DISABLING " + streamArn);
    return destination(d);
  }

  /** DISABLING (unless immediate), DISABLED, and the entry vanishes after the linger. */
  void disable(SimTable t, TableSettings.Destination d, boolean immediate) {
    long v = ++d.version;
    Runnable disabled = () -> {
      if (d.version == v) {
        d.status = DestinationStatus.DISABLED;
        plane.after(timings.kinesisDisabledLinger(), () -> {
          if (d.version == v) {
            t.settings.destinations.remove(d);
          }
        });
      }
    };
    if (immediate) {
      disabled.run();
    } else {
      d.status = DestinationStatus.DISABLING;
      plane.after(timings.kinesisDisable(), disabled);
    }
  }

  List<KinesisDataStreamDestination> describeKinesis(String region, String nameOrArn) {
    SimTable t = plane.requireTable(region, plane.tableName(region, nameOrArn));
    return t.settings.destinations.stream().map(SettingsPlane::destination).toList();
  }

  static KinesisDataStreamDestination destination(TableSettings.Destination d) {
    KinesisDataStreamDestination.Builder b = KinesisDataStreamDestination.builder().streamArn(d.streamArn)
        .destinationStatus(d.status).approximateCreationDateTimePrecision(d.precision);
    if (d.description != null) {
      b.destinationStatusDescription(d.description);
    }
    return b.build();
  }

  // ================================================================================================ misc

  private static RuntimeException nullMember(String field) {
    return SimErrors.validation("1 validation error detected: Value null at '" + field + "' failed to satisfy "
        + "constraint: Member must not be null");
  }
}
