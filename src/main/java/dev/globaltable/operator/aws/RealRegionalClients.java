package dev.globaltable.operator.aws;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link RegionalClients#real}: lazily built, cached real SDK clients; closes what it built. */
final class RealRegionalClients implements RegionalClients {
  private final AwsSettings settings;
  // One provider for every region: it caches and refreshes credentials (web identity tokens, container credentials).
  private final DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
  private final Map<String, DynamoDbClient> dynamoDb = new ConcurrentHashMap<>();
  private final Map<String, DynamoDbClient> mutations = new ConcurrentHashMap<>();
  private volatile boolean closed;

  RealRegionalClients(AwsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public DynamoDbClient dynamoDb(String region) {
    return client(dynamoDb, region, true);
  }

  @Override
  public DynamoDbClient dynamoDbForMutations(String region) {
    return client(mutations, region, false);
  }

  private DynamoDbClient client(Map<String, DynamoDbClient> cache, String region, boolean sdkRetries) {
    Objects.requireNonNull(region, "region");
    if (closed) {
      throw new IllegalStateException("RegionalClients is closed");
    }
    return cache.computeIfAbsent(region, r -> buildDynamoDb(r, sdkRetries));
  }

  private DynamoDbClient buildDynamoDb(String region, boolean sdkRetries) {
    var builder = DynamoDbClient.builder()
        .region(Region.of(region))
        .httpClientBuilder(ApacheHttpClient.builder())
        .credentialsProvider(credentials)
        .overrideConfiguration(c -> c.retryStrategy(sdkRetries
                ? software.amazon.awssdk.awscore.retry.AwsRetryStrategy.forRetryMode(RetryMode.STANDARD)
                : software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(settings.apiCallTimeout())
            .apiCallAttemptTimeout(settings.apiCallAttemptTimeout()));
    settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** Regions that have a client so far (for tests and diagnostics). */
  Set<String> builtRegions() {
    return Set.copyOf(dynamoDb.keySet());
  }

  @Override
  public void close() {
    closed = true;
    for (DynamoDbClient client : dynamoDb.values()) {
      client.close();
    }
    for (DynamoDbClient client : mutations.values()) {
      client.close();
    }
    dynamoDb.clear();
    mutations.clear();
    // The clients do not close a provider they were given, so this instance does.
    credentials.close();
  }
}
