package dev.globaltable.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.globaltable.operator.aws.RegionalClients;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** Every AWS call through the metered clients is counted once, with its exact outcome; other methods are not. */
class MeteredRegionalClientsTest {
  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";

  private final SimulatedAws aws = new SimulatedAws(SimClock.manual(Instant.parse("2026-11-23T10:00:00Z")),
      "111122223333", List.of(US, EU));
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final AtomicInteger closed = new AtomicInteger();
  private final RegionalClients base = RegionalClients.of(aws::dynamoDb, aws::applicationAutoScaling, aws::cloudWatch);
  private final MeteredRegionalClients clients = new MeteredRegionalClients(new RegionalClients() {
    @Override
    public DynamoDbClient dynamoDb(String region) {
      return base.dynamoDb(region);
    }

    @Override
    public software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient applicationAutoScaling(
        String region) {
      return base.applicationAutoScaling(region);
    }

    @Override
    public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch(String region) {
      return base.cloudWatch(region);
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }, metrics);

  private double count(String service, String operation, String region, String outcome) {
    Counter c = metrics.registry().find(OperatorMetrics.AWS_CALLS).tags("service", service, "operation", operation,
        "region", region, "outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  private double total() {
    return metrics.registry().find(OperatorMetrics.AWS_CALLS).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static void create(DynamoDbClient ddb, String table) {
    ddb.createTable(b -> b.tableName(table)
        .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
        .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  @Test
  void aSuccessfulCallAndARefusedOneAreCountedWithTheirExactOutcome() {
    DynamoDbClient us = clients.dynamoDbForMutations(US);
    create(us, "Orders");
    Throwable missing = catchThrowable(() -> clients.dynamoDb(US).describeTable(b -> b.tableName("Nope")));
    aws.faults().throttleRate(1.0);
    Throwable throttled = catchThrowable(() -> clients.dynamoDb(EU).describeTable(b -> b.tableName("Orders")));
    aws.faults().clear();

    assertThat(missing).isInstanceOf(ResourceNotFoundException.class);
    assertThat(throttled).isInstanceOf(ThrottlingException.class);
    assertThat(count("dynamodb", "CreateTable", US, "success")).isEqualTo(1.0);
    assertThat(count("dynamodb", "DescribeTable", US, "ResourceNotFoundException")).isEqualTo(1.0);
    assertThat(count("dynamodb", "DescribeTable", EU, "ThrottlingException")).isEqualTo(1.0);
    assertThat(total()).isEqualTo(3.0);
    assertThat(metrics.scrape()).contains("globaltable_aws_calls_total{operation=\"CreateTable\",outcome=\"success\","
        + "region=\"us-east-1\",service=\"dynamodb\"} 1.0");
  }

  @Test
  void eachPageOfAPaginatorCountsAndTheOtherServicesHaveTheirNames() {
    for (String t : List.of("Aaa", "Bbb", "Ccc")) {
      create(aws.dynamoDb(US), t);
    }
    List<String> names = clients.dynamoDb(US).listTablesPaginator(b -> b.limit(2)).tableNames().stream().toList();
    clients.cloudWatch(EU).describeAlarms(b -> b.alarmNamePrefix("x"));
    clients.applicationAutoScalingForMutations(US).describeScalableTargets(b -> b.serviceNamespace("dynamodb"));

    assertThat(names).containsExactly("Aaa", "Bbb", "Ccc");
    assertThat(count("dynamodb", "ListTables", US, "success")).isEqualTo(2.0);
    assertThat(count("cloudwatch", "DescribeAlarms", EU, "success")).isEqualTo(1.0);
    assertThat(count("application-autoscaling", "DescribeScalableTargets", US, "success")).isEqualTo(1.0);
    assertThat(total()).isEqualTo(4.0);
  }

  @Test
  void aFailureWithoutAnAwsErrorCodeIsAClientError() {
    RegionalClients noCloudWatch = new MeteredRegionalClients(RegionalClients.of(aws::dynamoDb,
        aws::applicationAutoScaling), metrics);
    Throwable t = catchThrowable(() -> noCloudWatch.cloudWatch(US).describeAlarms(b -> b.alarmNamePrefix("x")));

    assertThat(t).isInstanceOf(UnsupportedOperationException.class);
    assertThat(count("cloudwatch", "DescribeAlarms", US, "ClientError")).isEqualTo(1.0);
  }

  @Test
  void closeServiceNameAndConfigurationAreNotCountedAndTheSameClientComesBack() {
    DynamoDbClient us = clients.dynamoDb(US);
    assertThat(clients.dynamoDb(US)).isSameAs(us).isEqualTo(us).isNotEqualTo(clients.dynamoDb(EU));
    assertThat(us.serviceName()).isEqualTo(aws.dynamoDb(US).serviceName());
    us.close();
    clients.cloudWatch(US).close();
    clients.close();

    assertThat(total()).isZero();
    assertThat(closed).hasValue(1);
    assertThat(metrics.scrape()).doesNotContain("globaltable_aws_calls_total{");
  }
}
