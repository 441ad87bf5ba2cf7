package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * RegionalClients.real: one lazily built, cached, correctly configured client per region and service; the of() and
 * withoutApplicationAutoScaling() wrappers. No network is used.
 */
class RealRegionalClientsTest {

  @Test
  void oneCachedClientPerRegionConfiguredForThatRegion() {
    try (RealRegionalClients clients = (RealRegionalClients) RegionalClients.real(AwsSettings.defaults())) {
      assertThat(clients.builtRegions()).as("built lazily").isEmpty();

      DynamoDbClient us = clients.dynamoDb("us-east-1");
      DynamoDbClient eu = clients.dynamoDb("eu-west-1");

      assertThat(clients.dynamoDb("us-east-1")).isSameAs(us);
      assertThat(eu).isNotSameAs(us);
      assertThat(clients.builtRegions()).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
      var config = us.serviceClientConfiguration();
      assertThat(config.region()).isEqualTo(Region.US_EAST_1);
      assertThat(eu.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
      assertThat(config.endpointOverride()).isEmpty();
      assertThat(config.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
      assertThat(eu.serviceClientConfiguration().credentialsProvider()).isSameAs(config.credentialsProvider());
      assertThat(config.overrideConfiguration().retryStrategy()).hasValueSatisfying(
          strategy -> assertThat(strategy).isInstanceOf(StandardRetryStrategy.class));
      assertThat(config.overrideConfiguration().apiCallTimeout()).contains(AwsSettings.DEFAULT_API_CALL_TIMEOUT);
      assertThat(config.overrideConfiguration().apiCallAttemptTimeout())
          .contains(AwsSettings.DEFAULT_API_CALL_ATTEMPT_TIMEOUT);
    }
  }

  @Test
  void theDynamoDbEndpointOverrideAndTimeoutsApplyToEveryRegion() {
    AwsSettings settings = AwsSettings.defaults().withDynamoDbEndpoint(URI.create("http://localhost:8000"))
        .withTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(3));
    try (RegionalClients clients = RegionalClients.real(settings)) {
      for (String region : new String[] {"us-east-1", "ap-northeast-1"}) {
        var config = clients.dynamoDb(region).serviceClientConfiguration();
        assertThat(config.endpointOverride()).contains(URI.create("http://localhost:8000"));
        assertThat(config.region()).isEqualTo(Region.of(region));
        assertThat(config.overrideConfiguration().apiCallTimeout()).contains(Duration.ofSeconds(7));
        assertThat(config.overrideConfiguration().apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
      }
    }
  }

  @Test
  void mutationsGoThroughAClientThatNeverRetriesReadsThroughOneThatDoes() {
    try (RegionalClients clients = RegionalClients.real(AwsSettings.defaults())) {
      var reads = clients.dynamoDb("us-east-1").serviceClientConfiguration().overrideConfiguration();
      var writes = clients.dynamoDbForMutations("us-east-1").serviceClientConfiguration().overrideConfiguration();
      assertThat(reads.retryStrategy()).hasValueSatisfying(r -> assertThat(r.maxAttempts()).isEqualTo(3));
      assertThat(writes.retryStrategy()).hasValueSatisfying(r -> assertThat(r.maxAttempts()).isEqualTo(1));
      assertThat(clients.dynamoDbForMutations("us-east-1")).isSameAs(clients.dynamoDbForMutations("us-east-1"))
          .isNotSameAs(clients.dynamoDb("us-east-1"));
      assertThat(writes.apiCallTimeout()).contains(AwsSettings.DEFAULT_API_CALL_TIMEOUT);
    }
  }

  @Test
  void aClosedInstanceHandsOutNoClients() {
    RegionalClients clients = RegionalClients.real(AwsSettings.defaults());
    clients.dynamoDb("us-east-1");
    clients.close();

    assertThatThrownBy(() -> clients.dynamoDb("us-east-1")).isInstanceOf(IllegalStateException.class)
        .hasMessage("RegionalClients is closed");
  }

  @Test
  void settingsRejectNonPositiveTimeoutsAndDefaultNulls() {
    assertThat(new AwsSettings(null, null, null)).isEqualTo(AwsSettings.defaults());
    assertThat(AwsSettings.defaults().dynamoDbEndpoint()).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> AwsSettings.defaults().withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("apiCallTimeout must be positive: PT0S");
    assertThatThrownBy(() -> AwsSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("apiCallAttemptTimeout must be positive: PT-1S");
  }

  @Test
  void applicationAutoScalingClientsAreCachedPerRegionWithTheSameSettingsButNoEndpointOverride() {
    AwsSettings settings = AwsSettings.defaults().withDynamoDbEndpoint(URI.create("http://localhost:8000"))
        .withTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(3));
    try (RealRegionalClients clients = (RealRegionalClients) RegionalClients.real(settings)) {
      ApplicationAutoScalingClient eu = clients.applicationAutoScaling("eu-west-1");

      assertThat(clients.applicationAutoScaling("eu-west-1")).isSameAs(eu);
      assertThat(clients.applicationAutoScaling("us-east-1")).isNotSameAs(eu);
      assertThat(clients.builtAutoScalingRegions()).containsExactlyInAnyOrder("eu-west-1", "us-east-1");
      assertThat(clients.builtRegions()).as("no DynamoDB client was asked for").isEmpty();
      var config = eu.serviceClientConfiguration();
      assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
      assertThat(config.endpointOverride()).as("the DynamoDB endpoint override is DynamoDB's only").isEmpty();
      assertThat(config.credentialsProvider())
          .isSameAs(clients.dynamoDb("eu-west-1").serviceClientConfiguration().credentialsProvider());
      assertThat(config.overrideConfiguration().apiCallTimeout()).contains(Duration.ofSeconds(7));
      assertThat(config.overrideConfiguration().apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
      assertThat(config.overrideConfiguration().retryStrategy())
          .hasValueSatisfying(r -> assertThat(r.maxAttempts()).isEqualTo(3));

      var writes = clients.applicationAutoScalingForMutations("eu-west-1");
      assertThat(writes).isSameAs(clients.applicationAutoScalingForMutations("eu-west-1")).isNotSameAs(eu);
      assertThat(writes.serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .hasValueSatisfying(r -> assertThat(r.maxAttempts()).isEqualTo(1));
    }
  }

  @Test
  void aClosedInstanceHandsOutNoAutoScalingClients() {
    RegionalClients clients = RegionalClients.real(AwsSettings.defaults());
    clients.applicationAutoScaling("us-east-1");
    clients.close();

    assertThatThrownBy(() -> clients.applicationAutoScaling("us-east-1")).isInstanceOf(IllegalStateException.class)
        .hasMessage("RegionalClients is closed");
    assertThatThrownBy(() -> clients.applicationAutoScalingForMutations("us-east-1"))
        .isInstanceOf(IllegalStateException.class).hasMessage("RegionalClients is closed");
  }

  @Test
  void ofWrapsClientsOwnedElsewhereAndUsesThemForMutationsToo() {
    SimulatedAws sim = new SimulatedAws(SimClock.manual(Instant.parse("2026-11-23T00:00:00Z")), "111122223333",
        List.of("us-east-1", "eu-west-1"));
    RegionalClients clients = RegionalClients.of(sim::dynamoDb, sim::applicationAutoScaling);

    assertThat(clients.dynamoDb("eu-west-1")).isSameAs(sim.dynamoDb("eu-west-1"));
    assertThat(clients.dynamoDbForMutations("eu-west-1")).isSameAs(sim.dynamoDb("eu-west-1"));
    assertThat(clients.applicationAutoScaling("eu-west-1")).isSameAs(sim.applicationAutoScaling("eu-west-1"));
    assertThat(clients.applicationAutoScalingForMutations("eu-west-1"))
        .isSameAs(sim.applicationAutoScaling("eu-west-1"));
    clients.close();
    assertThat(clients.dynamoDb("us-east-1")).as("close leaves clients owned elsewhere alone")
        .isSameAs(sim.dynamoDb("us-east-1"));
  }

  @Test
  void withoutApplicationAutoScalingKeepsDynamoDbAndFailsEveryAutoScalingCallClearly() {
    RecordingDynamoDb fake = new RecordingDynamoDb();
    RegionalClients clients = fake.withoutApplicationAutoScaling("DynamoDB Local has no Application Auto Scaling");

    assertThat(clients.dynamoDb("us-east-1")).isSameAs(fake.dynamoDb("us-east-1"));
    assertThat(clients.dynamoDbForMutations("us-east-1")).isSameAs(fake.dynamoDbForMutations("us-east-1"));
    ApplicationAutoScalingClient aas = clients.applicationAutoScaling("us-east-1");
    assertThat(clients.applicationAutoScaling("us-east-1")).isSameAs(aas);
    assertThat(clients.applicationAutoScalingForMutations("us-east-1")).isSameAs(aas);
    assertThatThrownBy(() -> aas.describeScalableTargets(b -> b.serviceNamespace("dynamodb")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("Application Auto Scaling DescribeScalableTargets in us-east-1 is not available: DynamoDB Local "
            + "has no Application Auto Scaling");
    assertThatThrownBy(() -> aas.registerScalableTarget(b -> b.serviceNamespace("dynamodb")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("Application Auto Scaling RegisterScalableTarget in us-east-1 is not available: DynamoDB Local "
            + "has no Application Auto Scaling");
    assertThat(fake.journal).as("nothing reached the wrapped clients").isEmpty();
  }

  @Test
  void withoutApplicationAutoScalingClosesTheClientsItWraps() {
    RegionalClients real = RegionalClients.real(AwsSettings.defaults());
    RegionalClients clients = real.withoutApplicationAutoScaling("no service");
    clients.dynamoDb("us-east-1");
    clients.close();

    assertThatThrownBy(() -> real.dynamoDb("us-east-1")).isInstanceOf(IllegalStateException.class)
        .hasMessage("RegionalClients is closed");
  }

  @Test
  void cloudWatchClientsAreCachedPerRegionWithTheSameSettingsButNoEndpointOverrideAndNoRetriesForMutations() {
    AwsSettings settings = AwsSettings.defaults().withDynamoDbEndpoint(URI.create("http://localhost:8000"))
        .withTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(3));
    try (RealRegionalClients clients = (RealRegionalClients) RegionalClients.real(settings)) {
      CloudWatchClient eu = clients.cloudWatch("eu-west-1");

      assertThat(clients.cloudWatch("eu-west-1")).isSameAs(eu);
      assertThat(clients.cloudWatch("us-east-1")).isNotSameAs(eu);
      assertThat(clients.builtCloudWatchRegions()).containsExactlyInAnyOrder("eu-west-1", "us-east-1");
      assertThat(clients.builtRegions()).as("no DynamoDB client was asked for").isEmpty();
      var config = eu.serviceClientConfiguration();
      assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
      assertThat(config.endpointOverride()).as("the DynamoDB endpoint override is DynamoDB's only").isEmpty();
      assertThat(config.credentialsProvider())
          .isSameAs(clients.dynamoDb("eu-west-1").serviceClientConfiguration().credentialsProvider());
      assertThat(config.overrideConfiguration().apiCallTimeout()).contains(Duration.ofSeconds(7));
      assertThat(config.overrideConfiguration().apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
      assertThat(config.overrideConfiguration().retryStrategy())
          .hasValueSatisfying(r -> assertThat(r.maxAttempts()).isEqualTo(3));

      var writes = clients.cloudWatchForMutations("eu-west-1");
      assertThat(writes).isSameAs(clients.cloudWatchForMutations("eu-west-1")).isNotSameAs(eu);
      assertThat(writes.serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .hasValueSatisfying(r -> assertThat(r.maxAttempts()).isEqualTo(1));
    }
  }

  @Test
  void aClosedInstanceHandsOutNoCloudWatchClients() {
    RegionalClients clients = RegionalClients.real(AwsSettings.defaults());
    clients.cloudWatch("us-east-1");
    clients.close();

    assertThatThrownBy(() -> clients.cloudWatch("us-east-1")).isInstanceOf(IllegalStateException.class)
        .hasMessage("RegionalClients is closed");
    assertThatThrownBy(() -> clients.cloudWatchForMutations("us-east-1"))
        .isInstanceOf(IllegalStateException.class).hasMessage("RegionalClients is closed");
  }

  @Test
  void ofWithCloudWatchWrapsTheSimulatorsClientsForReadsAndMutations() {
    SimulatedAws sim = new SimulatedAws(SimClock.manual(Instant.parse("2026-11-23T00:00:00Z")), "111122223333",
        List.of("us-east-1", "eu-west-1"));
    RegionalClients clients = RegionalClients.of(sim::dynamoDb, sim::applicationAutoScaling, sim::cloudWatch);

    assertThat(clients.cloudWatch("eu-west-1")).isSameAs(sim.cloudWatch("eu-west-1"));
    assertThat(clients.cloudWatchForMutations("eu-west-1")).isSameAs(sim.cloudWatch("eu-west-1"));
    assertThat(clients.dynamoDb("eu-west-1")).isSameAs(sim.dynamoDb("eu-west-1"));
    assertThat(clients.applicationAutoScaling("eu-west-1")).isSameAs(sim.applicationAutoScaling("eu-west-1"));
  }

  @Test
  void ofWithoutCloudWatchFailsEveryCloudWatchCallNamingTheMissingClient() {
    SimulatedAws sim = new SimulatedAws(SimClock.manual(Instant.parse("2026-11-23T00:00:00Z")), "111122223333",
        List.of("us-east-1", "eu-west-1"));
    RegionalClients clients = RegionalClients.of(sim::dynamoDb, sim::applicationAutoScaling);

    CloudWatchClient cw = clients.cloudWatch("eu-west-1");
    assertThat(clients.cloudWatch("eu-west-1")).isSameAs(cw);
    assertThat(clients.cloudWatchForMutations("eu-west-1")).isSameAs(cw);
    assertThatThrownBy(() -> cw.describeAlarms(b -> b.alarmNamePrefix("globaltable/Orders/")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("CloudWatch DescribeAlarms in eu-west-1 is not available: no CloudWatch client was given to "
            + "RegionalClients.of(dynamoDb, applicationAutoScaling); use RegionalClients.of(dynamoDb, "
            + "applicationAutoScaling, cloudWatch)");
    assertThat(sim.journal().entries()).as("nothing reached the simulator").isEmpty();
  }

  @Test
  void withoutApplicationAutoScalingHasNoCloudWatchEither() {
    RecordingDynamoDb fake = new RecordingDynamoDb();
    RegionalClients clients = fake.withoutApplicationAutoScaling("DynamoDB Local has neither");

    CloudWatchClient cw = clients.cloudWatch("us-east-1");
    assertThat(clients.cloudWatch("us-east-1")).isSameAs(cw);
    assertThat(clients.cloudWatchForMutations("us-east-1")).isSameAs(cw);
    assertThatThrownBy(() -> cw.getMetricData(b -> b.maxDatapoints(1)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("CloudWatch GetMetricData in us-east-1 is not available: DynamoDB Local has neither");
    assertThatThrownBy(() -> cw.putMetricAlarm(b -> b.alarmName("a")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("CloudWatch PutMetricAlarm in us-east-1 is not available: DynamoDB Local has neither");
    for (Runnable call : List.<Runnable>of(() -> cw.describeAlarms(b -> b.maxRecords(1)),
        () -> cw.getDashboard(b -> b.dashboardName("d")), () -> cw.deleteAlarms(b -> b.alarmNames("a")),
        () -> cw.putDashboard(b -> b.dashboardName("d")), () -> cw.deleteDashboards(b -> b.dashboardNames("d")))) {
      assertThatThrownBy(call::run).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageEndingWith(" in us-east-1 is not available: DynamoDB Local has neither");
    }
    assertThat(fake.journal).as("nothing reached the wrapped clients").isEmpty();
  }
}
