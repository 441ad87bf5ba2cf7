package dev.globaltable.operator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * {@link RegionalClients#real}: lazily built, cached real SDK clients; closes what it built. DynamoDB, Application
 * Auto Scaling and CloudWatch clients share the credentials provider, HTTP client type, retry policy (standard for
 * reads, none for mutations) and timeouts; only DynamoDB takes the endpoint override of {@link AwsSettings} (there is
 * no Application Auto Scaling or CloudWatch endpoint setting: they always use the SDK's regional endpoints).
 */
final class RealRegionalClients implements RegionalClients {
  private final AwsSettings settings;
  // One provider for every region: it caches and refreshes credentials (web identity tokens, container credentials).
  private final DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
  private final Map<String, DynamoDbClient> dynamoDb = new ConcurrentHashMap<>();
  private final Map<String, DynamoDbClient> mutations = new ConcurrentHashMap<>();
  private final Map<String, ApplicationAutoScalingClient> autoScaling = new ConcurrentHashMap<>();
  private final Map<String, ApplicationAutoScalingClient> autoScalingMutations = new ConcurrentHashMap<>();
  private final Map<String, CloudWatchClient> cloudWatch = new ConcurrentHashMap<>();
  private final Map<String, CloudWatchClient> cloudWatchMutations = new ConcurrentHashMap<>();
  private volatile boolean closed;

  RealRegionalClients(AwsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public DynamoDbClient dynamoDb(String region) {
    return client(dynamoDb, region, r -> buildDynamoDb(r, true));
  }

  @Override
  public DynamoDbClient dynamoDbForMutations(String region) {
    return client(mutations, region, r -> buildDynamoDb(r, false));
  }

  @Override
  public ApplicationAutoScalingClient applicationAutoScaling(String region) {
    return client(autoScaling, region, r -> buildAutoScaling(r, true));
  }

  @Override
  public ApplicationAutoScalingClient applicationAutoScalingForMutations(String region) {
    return client(autoScalingMutations, region, r -> buildAutoScaling(r, false));
  }

  @Override
  public CloudWatchClient cloudWatch(String region) {
    return client(cloudWatch, region, r -> buildCloudWatch(r, true));
  }

  @Override
  public CloudWatchClient cloudWatchForMutations(String region) {
    return client(cloudWatchMutations, region, r -> buildCloudWatch(r, false));
  }

  private <C> C client(Map<String, C> cache, String region, Function<String, C> build) {
    Objects.requireNonNull(region, "region");
    if (closed) {
      throw new IllegalStateException("RegionalClients is closed");
    }
    return cache.computeIfAbsent(region, build);
  }

  private DynamoDbClient buildDynamoDb(String region, boolean sdkRetries) {
    var builder = DynamoDbClient.builder()
        .region(Region.of(region))
        .httpClientBuilder(ApacheHttpClient.builder())
        .credentialsProvider(credentials)
        .overrideConfiguration(c -> configure(c, sdkRetries));
    settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private ApplicationAutoScalingClient buildAutoScaling(String region, boolean sdkRetries) {
    return ApplicationAutoScalingClient.builder()
        .region(Region.of(region))
        .httpClientBuilder(ApacheHttpClient.builder())
        .credentialsProvider(credentials)
        .overrideConfiguration(c -> configure(c, sdkRetries))
        .build();
  }

  private CloudWatchClient buildCloudWatch(String region, boolean sdkRetries) {
    return CloudWatchClient.builder()
        .region(Region.of(region))
        .httpClientBuilder(ApacheHttpClient.builder())
        .credentialsProvider(credentials)
        .overrideConfiguration(c -> configure(c, sdkRetries))
        .build();
  }

  private void configure(ClientOverrideConfiguration.Builder c, boolean sdkRetries) {
    c.retryStrategy(sdkRetries ? AwsRetryStrategy.forRetryMode(RetryMode.STANDARD) : AwsRetryStrategy.doNotRetry())
        .apiCallTimeout(settings.apiCallTimeout())
        .apiCallAttemptTimeout(settings.apiCallAttemptTimeout());
  }

  /** Regions that have a DynamoDB read client so far (for tests and diagnostics). */
  Set<String> builtRegions() {
    return Set.copyOf(dynamoDb.keySet());
  }

  /** Regions that have an Application Auto Scaling read client so far (for tests and diagnostics). */
  Set<String> builtAutoScalingRegions() {
    return Set.copyOf(autoScaling.keySet());
  }

  /** Regions that have a CloudWatch read client so far (for tests and diagnostics). */
  Set<String> builtCloudWatchRegions() {
    return Set.copyOf(cloudWatch.keySet());
  }

  @Override
  public void close() {
    closed = true;
    List<SdkAutoCloseable> all = new ArrayList<>();
    all.addAll(dynamoDb.values());
    all.addAll(mutations.values());
    all.addAll(autoScaling.values());
    all.addAll(autoScalingMutations.values());
    all.addAll(cloudWatch.values());
    all.addAll(cloudWatchMutations.values());
    for (SdkAutoCloseable client : all) {
      client.close();
    }
    dynamoDb.clear();
    mutations.clear();
    autoScaling.clear();
    autoScalingMutations.clear();
    cloudWatch.clear();
    cloudWatchMutations.clear();
    // The clients do not close a provider they were given, so this instance does.
    credentials.close();
  }
}
