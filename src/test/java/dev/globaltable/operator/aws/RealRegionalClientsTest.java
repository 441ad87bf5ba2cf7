package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** RegionalClients.real: one lazily built, cached, correctly configured client per region. No network is used. */
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
  void aLambdaIsARegionalClientsWhoseCloseDoesNothing() {
    RecordingDynamoDb fake = new RecordingDynamoDb();
    RegionalClients lambda = fake::dynamoDb;
    lambda.close();
    assertThat(lambda.dynamoDb("us-east-1")).isSameAs(fake.dynamoDb("us-east-1"));
  }
}
