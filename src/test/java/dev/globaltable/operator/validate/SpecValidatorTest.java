package dev.globaltable.operator.validate;

import static dev.globaltable.operator.validate.Specs.gsi;
import static dev.globaltable.operator.validate.Specs.key;
import static dev.globaltable.operator.validate.Specs.lsi;
import static dev.globaltable.operator.validate.Specs.names;
import static dev.globaltable.operator.validate.Specs.projection;
import static dev.globaltable.operator.validate.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.api.AlarmsSpec;
import dev.globaltable.operator.api.AttributeType;
import dev.globaltable.operator.api.AutoScalingSpec;
import dev.globaltable.operator.api.BillingMode;
import dev.globaltable.operator.api.BillingSpec;
import dev.globaltable.operator.api.CapacitySpec;
import dev.globaltable.operator.api.CountAlarmSpec;
import dev.globaltable.operator.api.DashboardSpec;
import dev.globaltable.operator.api.EncryptionSpec;
import dev.globaltable.operator.api.EncryptionType;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.PointInTimeRecoverySpec;
import dev.globaltable.operator.api.ProjectionType;
import dev.globaltable.operator.api.ReplicaIndexSpec;
import dev.globaltable.operator.api.ReplicationLatencyAlarmSpec;
import dev.globaltable.operator.api.StreamSpec;
import dev.globaltable.operator.api.TableClass;
import dev.globaltable.operator.api.TableIdentity;
import dev.globaltable.operator.api.TimeToLiveSpec;
import dev.globaltable.operator.model.DesiredMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SpecValidator rules that the manifest cases (crd.ManifestCasesTest) do not reach: rules CEL does not carry,
 * null-safety for objects that bypassed admission, and the semantic comparison with the recorded identity.
 */
class SpecValidatorTest {
  private final SpecValidator validator = new SpecValidator();

  private List<String> messages(String name, GlobalTableSpec spec, TableIdentity recorded) {
    return validator.validate(name, spec, recorded).stream().map(Violation::message).toList();
  }

  @Test
  void aValidSpecHasNoViolations() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1", "us-isob-east-1", "eusc-de-east-1", "cn-northwest-1");
    spec.globalSecondaryIndexes = List.of(gsi("ByCustomer", key("CustomerId", AttributeType.S), key("SK",
        AttributeType.S), projection(ProjectionType.Include, "Total")));
    spec.localSecondaryIndexes = List.of(lsi("ByDate", key("CreatedAt", AttributeType.N), null));

    assertThat(validator.validate("orders", spec, null)).isEmpty();
  }

  @Test
  void violationCarriesTheFieldAndTheWholeMessage() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1", "eu-west-1");

    assertThat(validator.validate("orders", spec, null)).containsExactly(
        new Violation("spec.replicas[2].region", "spec.replicas[2].region: duplicate region eu-west-1"));
  }

  @Test
  void aMissingSpecIsOneViolation() {
    assertThat(messages("orders", null, null)).containsExactly("spec: is required");
  }

  @Test
  void requiredFieldsThatBypassedAdmissionAreReportedNotThrown() {
    GlobalTableSpec spec = new GlobalTableSpec();
    spec.globalSecondaryIndexes = new ArrayList<>();
    spec.globalSecondaryIndexes.add(null);
    spec.globalSecondaryIndexes.add(gsi(null, key(null, null), null, projection(null)));
    spec.stream = new StreamSpec();

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.homeRegion: is required",
        "spec.keySchema: is required",
        "spec.globalSecondaryIndexes[0]: must not be null",
        "spec.globalSecondaryIndexes[1].name: is required",
        "spec.globalSecondaryIndexes[1].partitionKey.name: is required",
        "spec.globalSecondaryIndexes[1].partitionKey.type: is required (S, N or B)",
        "spec.globalSecondaryIndexes[1].projection.type: is required (All, KeysOnly or Include)",
        "spec.stream.viewType: is required when spec.stream is set",
        "spec.replicas: at least one region is required (the home region)");
  }

  @Test
  void theTableNameFallsBackToMetadataNameWhichMustThenBeAValidTableName() {
    assertThat(messages("orders", spec(), null)).isEmpty();
    assertThat(messages(null, spec(), null)).containsExactly("metadata.name: is the table name because "
        + "spec.tableName is absent, and must be 3-255 characters of [A-Za-z0-9_.-] (got \"null\"); set spec.tableName");
    GlobalTableSpec named = spec();
    named.tableName = "Orders";
    assertThat(messages("ab", named, null)).as("an explicit tableName makes metadata.name irrelevant").isEmpty();
  }

  @Test
  void tableNameOf256CharactersIsTooLong() {
    GlobalTableSpec spec = spec();
    spec.tableName = "t".repeat(256);

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.tableName: must be 3-255 characters of [A-Za-z0-9_.-], got \"" + "t".repeat(256) + "\"");
  }

  @Test
  void atMostTwentyNonKeyAttributesPerIndex() {
    GlobalTableSpec spec = spec();
    spec.globalSecondaryIndexes = List.of(gsi("ByCustomer", key("CustomerId", AttributeType.S), null,
        projection(ProjectionType.Include, names("A", 21).toArray(String[]::new))));

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.globalSecondaryIndexes[0].projection.nonKeyAttributes: at most 20 attributes per index, got 21");
  }

  @Test
  void atMostOneHundredProjectedNonKeyAttributesPerTable() {
    // Not a CEL rule: AWS counts projected attributes over all indexes; 6 indexes x 17 = 102.
    GlobalTableSpec spec = spec();
    spec.globalSecondaryIndexes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      spec.globalSecondaryIndexes.add(gsi("Index" + i, key("G" + i, AttributeType.S), null,
          projection(ProjectionType.Include, names("A", 17).toArray(String[]::new))));
    }

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec: at most 100 projected non-key attributes across all indexes of a table, got 102");
  }

  @Test
  void keysOnlyProjectionWithNonKeyAttributesNamesTheType() {
    GlobalTableSpec spec = spec();
    spec.localSecondaryIndexes = List.of(lsi("ByDate", key("CreatedAt", AttributeType.S),
        projection(ProjectionType.KeysOnly, "Total")));

    assertThat(messages("orders", spec, null)).containsExactly("spec.localSecondaryIndexes[0].projection."
        + "nonKeyAttributes: is only allowed when projection.type is Include (type is KeysOnly)");
  }

  @Test
  void anAttributeTypeConflictIsReportedAtEveryLaterDeclaration() {
    GlobalTableSpec spec = spec();
    spec.globalSecondaryIndexes = List.of(gsi("ByPk", key("PK", AttributeType.N), key("SK", AttributeType.B), null));
    spec.localSecondaryIndexes = List.of(lsi("BySk", key("PK", AttributeType.B), null));

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.globalSecondaryIndexes[0].partitionKey: attribute PK is declared as S in spec.keySchema.partitionKey "
            + "and N here; one attribute has one type",
        "spec.globalSecondaryIndexes[0].sortKey: attribute SK is declared as S in spec.keySchema.sortKey and B here; "
            + "one attribute has one type",
        "spec.localSecondaryIndexes[0].sortKey: attribute PK is declared as S in spec.keySchema.partitionKey and B "
            + "here; one attribute has one type");
  }

  @Test
  void tagRulesOnKeysAndValues() {
    GlobalTableSpec spec = spec();
    Map<String, String> tags = new HashMap<>();
    tags.put("", "x");
    spec.tags = tags;

    assertThat(messages("orders", spec, null)).containsExactly("spec.tags[]: tag keys must be 1-128 characters");
  }

  @Test
  void onDemandWriteLimitBelowOne() {
    GlobalTableSpec spec = spec();
    spec.billing = new dev.globaltable.operator.api.BillingSpec();
    spec.billing.maxWriteRequestUnits = -1L;

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.billing.maxWriteRequestUnits: must be at least 1, got -1 (leave it out for no limit)");
  }

  @Test
  void aBillingWithoutModeIsPayPerRequest() {
    // A billing object that bypassed admission has no defaulted mode; capacity then belongs to no mode.
    GlobalTableSpec spec = spec();
    spec.billing = new BillingSpec();
    spec.billing.readCapacity = CapacitySpec.units(5);

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.billing.readCapacity: is only allowed when spec.billing.mode is Provisioned");
  }

  @Test
  void fixedWriteCapacityIsFineInOneRegionAndRejectedOnceASecondRegionIsListed() {
    GlobalTableSpec spec = provisioned(spec("us-east-1"), CapacitySpec.units(5));
    assertThat(messages("orders", spec, null)).isEmpty();

    spec.replicas.add(new dev.globaltable.operator.api.ReplicaSpec("eu-west-1"));
    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.billing.writeCapacity: must be autoscaling when spec.replicas has more than one region (AWS: \"Table "
            + "write capacity should either be Pay-Per-Request or AutoScaled.\")");
  }

  @Test
  void nullThroughputEntriesThatBypassedAdmissionAreReportedNotThrown() {
    GlobalTableSpec spec = provisioned(spec("us-east-1"), CapacitySpec.autoscaling(new AutoScalingSpec()));
    spec.globalSecondaryIndexes = List.of(gsi("ByCustomer", key("CustomerId", AttributeType.S), null, null));
    spec.globalSecondaryIndexes.get(0).readCapacity = new CapacitySpec();
    spec.globalSecondaryIndexes.get(0).writeCapacity = CapacitySpec.units(1);
    spec.replicas.get(0).globalSecondaryIndexes = new ArrayList<>();
    spec.replicas.get(0).globalSecondaryIndexes.add(null);
    spec.replicas.get(0).globalSecondaryIndexes.add(new ReplicaIndexSpec());

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.billing.writeCapacity.autoscaling.min: is required",
        "spec.billing.writeCapacity.autoscaling.max: is required",
        "spec.globalSecondaryIndexes[0].readCapacity: must set exactly one of units and autoscaling, got neither",
        "spec.replicas[0].globalSecondaryIndexes[0]: must not be null",
        "spec.replicas[0].globalSecondaryIndexes[1].name: is required");
  }

  @Test
  void targetUtilizationBoundsAreInclusive() {
    AutoScalingSpec low = new AutoScalingSpec(1L, 10L, 20.0);
    AutoScalingSpec high = new AutoScalingSpec(1L, 10L, 90.0);
    GlobalTableSpec spec = provisioned(spec("us-east-1", "eu-west-1"), CapacitySpec.autoscaling(high));
    spec.billing.readCapacity = CapacitySpec.autoscaling(low);
    assertThat(messages("orders", spec, null)).isEmpty();

    high.targetUtilization = 90.01;
    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.billing.writeCapacity.autoscaling.targetUtilization: must be 20-90 (percent), got 90.01");
  }

  /** {@code spec} made Provisioned with table read capacity 5 units and the given write capacity. */
  private static GlobalTableSpec provisioned(GlobalTableSpec spec, CapacitySpec write) {
    spec.billing = new BillingSpec();
    spec.billing.mode = BillingMode.Provisioned;
    spec.billing.readCapacity = CapacitySpec.units(5);
    spec.billing.writeCapacity = write;
    return spec;
  }

  @Test
  void theRecordedIdentityOfTheSameSpecMatches() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.localSecondaryIndexes = List.of(lsi("ByDate", key("CreatedAt", AttributeType.N),
        projection(ProjectionType.Include, "A", "B")));

    assertThat(messages("orders", spec, DesiredMapper.identityOf("orders", spec))).isEmpty();
  }

  @Test
  void identityComparisonIgnoresWhatAwsDoesNotDistinguish() {
    GlobalTableSpec created = spec();
    created.localSecondaryIndexes = List.of(
        lsi("ByDate", key("CreatedAt", AttributeType.N), null),
        lsi("ByTotal", key("Total", AttributeType.N), projection(ProjectionType.Include, "A", "B")));
    TableIdentity recorded = DesiredMapper.identityOf("orders", created);

    GlobalTableSpec now = spec();
    now.tableName = "orders"; // explicit now, same effective name
    now.localSecondaryIndexes = List.of(
        lsi("ByDate", key("CreatedAt", AttributeType.N), projection(ProjectionType.All)),
        lsi("ByTotal", key("Total", AttributeType.N), projection(ProjectionType.Include, "B", "A")));

    assertThat(messages("orders", now, recorded)).isEmpty();
  }

  @Test
  void everyImmutableFieldIsComparedWithTheRecordedIdentity() {
    TableIdentity recorded = DesiredMapper.identityOf("orders", spec("us-east-1", "eu-west-1"));
    GlobalTableSpec now = spec("eu-west-1", "us-east-1");
    now.tableName = "Orders2";
    now.keySchema.sortKey = null;
    now.keySchema.partitionKey.type = AttributeType.N;

    assertThat(messages("orders", now, recorded)).containsExactly(
        "spec.tableName: is immutable: the table was created as orders, the spec now says Orders2",
        "spec.homeRegion: is immutable: the table was created in us-east-1, the spec now says eu-west-1",
        "spec.keySchema: is immutable: the table was created with PK(S), SK(S), the spec now says PK(N)");
  }

  @Test
  void theRecordIsACopySoEditingTheSpecLaterIsStillDetected() {
    GlobalTableSpec spec = spec();
    TableIdentity recorded = DesiredMapper.identityOf("orders", spec);
    spec.keySchema.sortKey.name = "Other";

    assertThat(messages("orders", spec, recorded)).containsExactly(
        "spec.keySchema: is immutable: the table was created with PK(S), SK(S), the spec now says PK(S), Other(S)");
  }

  // ------------------------------------------------------------------------------------- per-region settings

  @Test
  void everyPerRegionSettingInEveryPartitionIsValid() {
    GlobalTableSpec spec = spec("cn-north-1", "cn-northwest-1", "us-gov-west-1");
    spec.timeToLive = new TimeToLiveSpec("a".repeat(255), false);
    spec.pointInTimeRecovery = new PointInTimeRecoverySpec(true, 1);
    spec.encryption = new EncryptionSpec(EncryptionType.CustomerManaged);
    spec.tableClass = TableClass.StandardInfrequentAccess;
    spec.deletionProtection = false;
    spec.contributorInsights = true;
    spec.replicas.get(0).kmsKeyId = "arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd";
    spec.replicas.get(0).kinesisStreamArn = "arn:aws-cn:kinesis:cn-north-1:111122223333:stream/"
        + "A".repeat(128);
    spec.replicas.get(0).pointInTimeRecovery = new PointInTimeRecoverySpec(true, 35);
    spec.replicas.get(1).kmsKeyId = "arn:aws-cn:kms:cn-northwest-1:111122223333:key/1234abcd-12ab";
    spec.replicas.get(1).pointInTimeRecovery = new PointInTimeRecoverySpec(false, null);
    spec.replicas.get(1).tableClass = TableClass.Standard;
    spec.replicas.get(2).kmsKeyId = "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab";
    spec.replicas.get(2).kinesisStreamArn = "arn:aws-us-gov:kinesis:us-gov-west-1:111122223333:stream/a.b_c-d";

    assertThat(messages("orders", spec, null)).isEmpty();
  }

  @Test
  void aKeyWithoutAnyEncryptionSaysEncryptionIsAbsent() {
    GlobalTableSpec spec = spec("us-east-1");
    spec.replicas.get(0).kmsKeyId = "arn:aws:kms:us-east-1:111122223333:key/1234abcd";

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.replicas[0].kmsKeyId: is only allowed when spec.encryption.type is CustomerManaged (spec.encryption is "
            + "absent)");
  }

  @Test
  void anArnLongerThan256CharactersIsReportedByLength() {
    GlobalTableSpec spec = spec("us-east-1");
    spec.encryption = new EncryptionSpec(EncryptionType.CustomerManaged);
    spec.replicas.get(0).kmsKeyId = "arn:aws:kms:us-east-1:111122223333:key/" + "a".repeat(218);

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.replicas[0].kmsKeyId: must be at most 256 characters, got 257");
  }

  @Test
  void anArnIsNotComparedWithAMalformedRegion() {
    GlobalTableSpec spec = spec("us-east-1", "EU-WEST-1");
    spec.replicas.get(1).kinesisStreamArn = "arn:aws:kinesis:eu-west-1:111122223333:stream/s";

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.replicas[1].region: \"EU-WEST-1\" is not an AWS region name like eu-west-1");
  }

  @Test
  void settingsThatBypassedAdmissionAreReportedNotThrown() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.timeToLive = new TimeToLiveSpec("", null);
    spec.pointInTimeRecovery = new PointInTimeRecoverySpec(null, 7);
    spec.encryption = new EncryptionSpec(null);
    spec.replicas.get(1).pointInTimeRecovery = new PointInTimeRecoverySpec(null, null);
    spec.replicas.get(1).kmsKeyId = "arn:aws:kms:eu-west-1:111122223333:key/k";
    spec.replicas.get(1).region = null;

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.timeToLive.attributeName: is required",
        "spec.pointInTimeRecovery.enabled: is required",
        "spec.encryption.type: is required (AwsOwned, AwsManaged or CustomerManaged)",
        "spec.replicas[1].region: is required",
        "spec.replicas[1].kmsKeyId: is only allowed when spec.encryption.type is CustomerManaged "
            + "(spec.encryption.type is absent)",
        "spec.replicas[1].pointInTimeRecovery.enabled: is required");
  }

  @Test
  void replicaTagsMayBringARegionToExactly49Tags() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.tags = new HashMap<>();
    names("t", 40).forEach(k -> spec.tags.put(k, "v"));
    spec.replicas.get(1).tags = new HashMap<>();
    // t39 overrides a table tag, so the region carries t0-t48: 49 tags, 50 with the owner tag.
    names("t", 49).subList(39, 49).forEach(k -> spec.replicas.get(1).tags.put(k, "eu"));
    assertThat(messages("orders", spec, null)).isEmpty();

    spec.replicas.get(1).tags.put("t49", "eu");
    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.replicas[1].tags: spec.tags merged with these make 50 tags in eu-west-1, 51 with globaltable.dev/owner "
            + "(added by the operator); AWS allows 50 per table, so at most 49 from the spec");
  }

  // ------------------------------------------------------------------------------------------- alarms, dashboard

  @Test
  void alarmsAtCloudWatchsBoundariesInEveryPartitionAreValid() {
    GlobalTableSpec spec = spec("cn-north-1", "cn-northwest-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.replicationLatency = new ReplicationLatencyAlarmSpec(0L, 3600, 168, 168);
    spec.alarms.throttling = new CountAlarmSpec(0L, 10, 8640, 1);
    spec.alarms.systemErrors = new CountAlarmSpec(1L, 20, 4320, 4320);
    spec.alarms.maxThroughputThrottling = new CountAlarmSpec(null, 604800, 1, null);
    spec.alarms.actions = List.of("arn:aws-cn:sns:${region}:111122223333:" + "a".repeat(256),
        "arn:aws-cn:sns:${region}:111122223333:A_b-9", "arn:aws-cn:sns:${region}:444455556666:central",
        "arn:aws-cn:sns:${region}:111122223333:x", "arn:aws-cn:sns:${region}:111122223333:y");
    spec.dashboard = new DashboardSpec(true);

    assertThat(messages("orders", spec, null)).isEmpty();
  }

  @Test
  void replicationLatencyWithASingleRegionIsPointlessButNotAnError() {
    GlobalTableSpec spec = spec("us-east-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.replicationLatency = new ReplicationLatencyAlarmSpec(5000L, 60, 3, 2);

    assertThat(messages("orders", spec, null)).isEmpty();
  }

  @Test
  void periodsMustBeTenTwentyThirtyOrAPositiveMultipleOfSixty() {
    GlobalTableSpec spec = spec("us-east-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.replicationLatency = new ReplicationLatencyAlarmSpec(null, 0, null, null);
    spec.alarms.throttling = new CountAlarmSpec(null, -60, null, null);
    spec.alarms.systemErrors = new CountAlarmSpec(null, 40, null, null);
    spec.alarms.maxThroughputThrottling = new CountAlarmSpec(null, 30, null, null);

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.alarms.replicationLatency.periodSeconds: must be 10, 20, 30 or a multiple of 60 (CloudWatch's rule), "
            + "got 0",
        "spec.alarms.throttling.periodSeconds: must be 10, 20, 30 or a multiple of 60 (CloudWatch's rule), got -60",
        "spec.alarms.systemErrors.periodSeconds: must be 10, 20, 30 or a multiple of 60 (CloudWatch's rule), got 40");
  }

  @Test
  void theWindowLimitIsOneDayUnderAnHourPeriodAndSevenDaysFromAnHour() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.replicationLatency = new ReplicationLatencyAlarmSpec(null, 3540, 24, 1);
    spec.alarms.throttling = new CountAlarmSpec(null, 3600, 24, null);
    assertThat(messages("orders", spec, null)).isEmpty();

    spec.alarms.replicationLatency.evaluationPeriods = 25; // 88,500 s with 59-minute periods
    spec.alarms.throttling.evaluationPeriods = 169; // 608,400 s with one-hour periods
    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.alarms.replicationLatency: periodSeconds x evaluationPeriods must be at most 86400 seconds (one day) "
            + "when periodSeconds is under 3600 (CloudWatch's limit), got 3540 x 25 = 88500",
        "spec.alarms.throttling: periodSeconds x evaluationPeriods must be at most 604800 seconds (seven days) when "
            + "periodSeconds is 3600 or more (CloudWatch's limit), got 3600 x 169 = 608400");
  }

  @Test
  void theWindowUsesTheDefaultPeriodOfTheKind() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.replicationLatency = new ReplicationLatencyAlarmSpec(null, null, 289, 1); // 300 s default
    spec.alarms.systemErrors = new CountAlarmSpec(null, null, 1440, 1); // 60 s default: exactly one day

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.alarms.replicationLatency: periodSeconds x evaluationPeriods must be at most 86400 seconds (one day) "
            + "when periodSeconds is under 3600 (CloudWatch's limit), got 300 (the default) x 289 = 86700");
  }

  @Test
  void datapointsAreComparedWithTheEvaluationPeriodsInEffect() {
    GlobalTableSpec spec = spec("us-east-1", "eu-west-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.replicationLatency = new ReplicationLatencyAlarmSpec(null, null, null, 3);
    spec.alarms.throttling = new CountAlarmSpec(null, null, 2, 3);
    spec.alarms.systemErrors = new CountAlarmSpec(null, null, 0, 3);

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.alarms.replicationLatency.datapointsToAlarm: must be at most evaluationPeriods (2, the default): the "
            + "alarm fires when M of the last N periods breach, got 3",
        "spec.alarms.throttling.datapointsToAlarm: must be at most evaluationPeriods (2): the alarm fires when M of "
            + "the last N periods breach, got 3",
        "spec.alarms.systemErrors.evaluationPeriods: must be at least 1, got 0");
  }

  @Test
  void aKindTurnedOffIsStillCheckedSoTurningItBackOnCannotBreakTheSpec() {
    GlobalTableSpec spec = spec("us-east-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.throttling = new CountAlarmSpec(null, 45, null, null);
    spec.alarms.throttling.enabled = false;

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.alarms.throttling.periodSeconds: must be 10, 20, 30 or a multiple of 60 (CloudWatch's rule), got 45");
  }

  @Test
  void aFixedRegionActionIsFineWhileEveryReplicaIsInThatRegion() {
    GlobalTableSpec spec = spec("eu-west-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.actions = List.of("arn:aws:sns:eu-west-1:111122223333:alerts");
    assertThat(messages("orders", spec, null)).isEmpty();

    spec.replicas.add(new dev.globaltable.operator.api.ReplicaSpec("eu-central-1"));
    spec.replicas.add(new dev.globaltable.operator.api.ReplicaSpec("ap-south-2"));
    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.alarms.actions[0]: names the fixed region eu-west-1, but an alarm is created in each replica region "
            + "(eu-west-1, eu-central-1, ap-south-2) and CloudWatch only notifies an SNS topic in the alarm's own "
            + "region: use ${region} in its place, arn:aws:sns:${region}:111122223333:alerts, and create the topic "
            + "in every region");
  }

  @Test
  void monitoringFieldsThatBypassedAdmissionAreReportedNotThrown() {
    GlobalTableSpec spec = spec("us-east-1");
    spec.alarms = new AlarmsSpec();
    spec.alarms.actions = Arrays.asList(null, "arn:aws:sns:${region}:111122223333:" + "a".repeat(990),
        "arn:aws:sns:${region}:111122223333:" + "a".repeat(257));
    spec.dashboard = new DashboardSpec();

    assertThat(messages("orders", spec, null)).containsExactly(
        "spec.alarms.actions[0]: must not be null",
        "spec.alarms.actions[1]: must be at most 1024 characters, got 1025",
        "spec.alarms.actions[2]: must be an SNS topic ARN, arn:<partition>:sns:${region}:<12-digit account>:<topic "
            + "name of 1-256 [A-Za-z0-9_-]>, got \"arn:aws:sns:${region}:111122223333:" + "a".repeat(257) + "\"",
        "spec.dashboard.enabled: is required (true or false)");
  }
}
