package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;

/**
 * Provisioned-throughput decrease budget per (region, table incarnation) and per GSI (aws-semantics 1.5, LAB
 * DDB-TABLE-157/326): 4 decreases per UTC day, then one per 3600 s after the last accepted decrease.
 */
class ThroughputDecreaseBudgetConformanceTest extends SimTestSupport {
  static final String PREFIX = "Subscriber limit exceeded: Provisioned throughput decreases are limited within a "
      + "given UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day can be performed "
      + "at most once every 3600 seconds. Number of decreases today: ";

  static String limitText(int n, String last, String next) {
    return PREFIX + n + ". Last decrease at " + last + ". Next decrease can be made at " + next;
  }

  void createProvisioned(long rcu, long wcu) {
    us.createTable(table(T).billingMode(BillingMode.PROVISIONED)
        .provisionedThroughput(p -> p.readCapacityUnits(rcu).writeCapacityUnits(wcu))
        .attributeDefinitions(attr("PK"), attr("SK"), attr("customer"))
        .globalSecondaryIndexes(g -> g.indexName("byCustomer").keySchema(hash("customer"))
            .projection(p -> p.projectionType(ProjectionType.ALL))
            .provisionedThroughput(p -> p.readCapacityUnits(50L).writeCapacityUnits(50L)))
        .build());
    advance(6);
  }

  void setTable(DynamoDbClient c, long rcu, long wcu) {
    c.updateTable(b -> b.tableName(T).provisionedThroughput(p -> p.readCapacityUnits(rcu).writeCapacityUnits(wcu)));
  }

  static GlobalSecondaryIndexUpdate gsiPt(long rcu, long wcu) {
    return GlobalSecondaryIndexUpdate.builder().update(u -> u.indexName("byCustomer")
        .provisionedThroughput(p -> p.readCapacityUnits(rcu).writeCapacityUnits(wcu))).build();
  }

  ProvisionedThroughputDescription tablePt(DynamoDbClient c) {
    return describe(c).provisionedThroughput();
  }

  ProvisionedThroughputDescription gsiPtOf(DynamoDbClient c) {
    return describe(c).globalSecondaryIndexes().get(0).provisionedThroughput();
  }

  /** Four table decreases 50 -> 46, 10 s apart; the last is accepted at T0 + 6 s + 30 s = 10:00:36. */
  void spendFourTableDecreases() {
    for (long rcu = 49; rcu >= 46; rcu--) {
      setTable(us, rcu, 50);
      advance(10);
    }
  }

  @Test
  void fourDecreasesAreFreeAndCountedInDescribeTable() {
    createProvisioned(50, 50);
    assertThat(tablePt(us).numberOfDecreasesToday()).isZero();
    assertThat(tablePt(us).lastDecreaseDateTime()).isNull();

    setTable(us, 49, 50);
    Instant first = clock.instant();
    assertThat(tablePt(us).numberOfDecreasesToday()).isEqualTo(1L);
    assertThat(tablePt(us).lastDecreaseDateTime()).isEqualTo(first);
    advance(10);
    setTable(us, 48, 40);
    advance(10);
    setTable(us, 30, 60); // RCU down with WCU up is one decrease
    advance(10);
    setTable(us, 29, 60);

    assertThat(tablePt(us).numberOfDecreasesToday()).isEqualTo(4L);
    assertThat(tablePt(us).lastDecreaseDateTime()).isEqualTo(clock.instant());
    assertThat(tablePt(us).lastIncreaseDateTime()).as("a mixed call is a decrease, not an increase").isNull();
    assertThat(gsiPtOf(us).numberOfDecreasesToday()).as("the GSI has its own counter").isZero();
  }

  @Test
  void theFifthDecreaseWithinTheHourIsRejectedAndChangesNothing() {
    createProvisioned(50, 50);
    spendFourTableDecreases();

    assertLimitExceeded(() -> setTable(us, 45, 50), limitText(4,
        "Monday, November 23, 2026 at 10:00:36 AM Coordinated Universal Time",
        "Monday, November 23, 2026 at 11:00:36 AM Coordinated Universal Time"));

    ProvisionedThroughputDescription pt = tablePt(us);
    assertThat(pt.readCapacityUnits()).isEqualTo(46L);
    assertThat(pt.numberOfDecreasesToday()).isEqualTo(4L);
    assertThat(pt.lastDecreaseDateTime()).isEqualTo(Instant.parse("2026-11-23T10:00:36Z"));
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
  }

  @Test
  void oneMoreDecreaseIsAdmittedExactly3600SecondsAfterTheLastAcceptedOne() {
    createProvisioned(50, 50);
    spendFourTableDecreases(); // clock now 10:00:46, last decrease 10:00:36
    clock.advance(Duration.between(clock.instant(), Instant.parse("2026-11-23T11:00:35Z")));

    assertLimitExceeded(() -> setTable(us, 45, 50), limitText(4,
        "Monday, November 23, 2026 at 10:00:36 AM Coordinated Universal Time",
        "Monday, November 23, 2026 at 11:00:36 AM Coordinated Universal Time"));
    advance(1);
    setTable(us, 45, 50);

    assertThat(tablePt(us).numberOfDecreasesToday()).isEqualTo(5L);
    assertThat(tablePt(us).lastDecreaseDateTime()).isEqualTo(Instant.parse("2026-11-23T11:00:36Z"));
    advance(10);
    assertLimitExceeded(() -> setTable(us, 44, 50), limitText(5,
        "Monday, November 23, 2026 at 11:00:36 AM Coordinated Universal Time",
        "Monday, November 23, 2026 at 12:00:36 PM Coordinated Universal Time"));
  }

  @Test
  void theCountResetsAtMidnightUtcWhichIsAlsoTheEarliestNextDecrease() {
    clock.advance(Duration.ofMinutes(13 * 60 + 30)); // 23:30 UTC
    createProvisioned(50, 50);
    spendFourTableDecreases(); // last decrease at 23:30:36

    assertLimitExceeded(() -> setTable(us, 45, 50), limitText(4,
        "Monday, November 23, 2026 at 11:30:36 PM Coordinated Universal Time",
        "Tuesday, November 24, 2026 at 12:00:00 AM Coordinated Universal Time"));
    clock.advance(Duration.between(clock.instant(), Instant.parse("2026-11-24T00:00:00Z")));

    assertThat(tablePt(us).numberOfDecreasesToday()).as("a new UTC day").isZero();
    assertThat(tablePt(us).lastDecreaseDateTime()).isEqualTo(Instant.parse("2026-11-23T23:30:36Z"));
    setTable(us, 45, 50);
    assertThat(tablePt(us).numberOfDecreasesToday()).isEqualTo(1L);
  }

  @Test
  void increasesAreNeverLimitedAndAreReportedAsLastIncrease() {
    createProvisioned(50, 50);
    spendFourTableDecreases();

    setTable(us, 100, 100);

    ProvisionedThroughputDescription pt = tablePt(us);
    assertThat(pt.readCapacityUnits()).isEqualTo(100L);
    assertThat(pt.lastIncreaseDateTime()).isEqualTo(clock.instant());
    assertThat(pt.numberOfDecreasesToday()).isEqualTo(4L);
    advance(10);
    assertLimitExceeded(() -> setTable(us, 90, 200), limitText(4,
        "Monday, November 23, 2026 at 10:00:36 AM Coordinated Universal Time",
        "Monday, November 23, 2026 at 11:00:36 AM Coordinated Universal Time"));
  }

  @Test
  void gsiBudgetIsSeparateAndACoupledDecreaseIsRejectedAtomically() {
    createProvisioned(50, 50);
    spendFourTableDecreases();

    assertLimitExceeded(() -> us.updateTable(b -> b.tableName(T)
        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
        .globalSecondaryIndexUpdates(gsiPt(40, 40))), limitText(4,
        "Monday, November 23, 2026 at 10:00:36 AM Coordinated Universal Time",
        "Monday, November 23, 2026 at 11:00:36 AM Coordinated Universal Time"));
    assertThat(gsiPtOf(us).readCapacityUnits()).isEqualTo(50L);
    assertThat(gsiPtOf(us).numberOfDecreasesToday()).isZero();

    for (long v = 49; v >= 46; v--) {
      long units = v;
      us.updateTable(b -> b.tableName(T).globalSecondaryIndexUpdates(gsiPt(units, units)));
      advance(10);
    }
    assertThat(gsiPtOf(us).numberOfDecreasesToday()).isEqualTo(4L);
    assertThat(tablePt(us).numberOfDecreasesToday()).isEqualTo(4L);
    Instant lastGsi = clock.instant().minusSeconds(10);
    assertThat(gsiPtOf(us).lastDecreaseDateTime()).isEqualTo(lastGsi);
    assertLimitExceeded(() -> us.updateTable(b -> b.tableName(T).globalSecondaryIndexUpdates(gsiPt(45, 45))),
        limitText(4, "Monday, November 23, 2026 at 10:01:16 AM Coordinated Universal Time",
            "Monday, November 23, 2026 at 11:01:16 AM Coordinated Universal Time"));
  }

  @Test
  void autoScalingScaleInSpendsTheSameBudget() {
    createProvisioned(50, 50);
    spendFourTableDecreases();

    assertLimitExceeded(() -> aws.autoScale(US, T, null, ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS, 10),
        limitText(4, "Monday, November 23, 2026 at 10:00:36 AM Coordinated Universal Time",
            "Monday, November 23, 2026 at 11:00:36 AM Coordinated Universal Time"));
    assertThat(tablePt(us).readCapacityUnits()).isEqualTo(46L);
  }

  @Test
  void aFannedOutDecreaseCountsInEveryRegionAndANewIncarnationStartsAfresh() {
    createProvisioned(50, 50);
    aws.applicationAutoScaling(US).registerScalableTarget(b -> b.serviceNamespace("dynamodb")
        .resourceId("table/" + T).scalableDimension(ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS)
        .minCapacity(1).maxCapacity(100));
    aws.applicationAutoScaling(US).registerScalableTarget(b -> b.serviceNamespace("dynamodb")
        .resourceId("table/" + T + "/index/byCustomer")
        .scalableDimension(ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS).minCapacity(1).maxCapacity(100));
    for (String res : new String[] {"table/" + T, "table/" + T + "/index/byCustomer"}) {
      ScalableDimension d = res.contains("/index/") ? ScalableDimension.DYNAMODB_INDEX_WRITE_CAPACITY_UNITS
          : ScalableDimension.DYNAMODB_TABLE_WRITE_CAPACITY_UNITS;
      aws.applicationAutoScaling(US).putScalingPolicy(b -> b.policyName("w").serviceNamespace("dynamodb")
          .resourceId(res).scalableDimension(d).policyType("TargetTrackingScaling")
          .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(70.0)
              .predefinedMetricSpecification(p -> p.predefinedMetricType("DynamoDBWriteCapacityUtilization"))));
    }
    addReplica(us, EU);
    advance(20);
    assertThat(tablePt(eu).numberOfDecreasesToday()).as("the replica's incarnation starts with no decreases").isZero();

    setTable(us, 49, 50);
    advance(40);

    assertThat(tablePt(us).numberOfDecreasesToday()).isEqualTo(1L);
    assertThat(tablePt(eu).numberOfDecreasesToday()).isEqualTo(1L);
    assertThat(tablePt(eu).readCapacityUnits()).isEqualTo(49L);
  }

  @Test
  void onDemandTablesReportNoDecreases() {
    createActive();

    ProvisionedThroughputDescription pt = tablePt(us);
    assertThat(pt.numberOfDecreasesToday()).isZero();
    assertThat(pt.lastDecreaseDateTime()).isNull();
    assertThat(pt.lastIncreaseDateTime()).isNull();
  }
}
