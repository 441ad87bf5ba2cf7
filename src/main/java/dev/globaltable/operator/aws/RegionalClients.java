package dev.globaltable.operator.aws;

import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One SDK client per AWS region and service: DynamoDB and Application Auto Scaling. Real AWS, the in-memory simulator
 * and DynamoDB Local are all reached through {@link DynamoDbClient} (and {@link ApplicationAutoScalingClient} where the
 * engine has one), so the gateway cannot tell them apart. Implementations must return the same client for the same
 * region on every call (callers do not cache).
 *
 * <p>Build instances with {@link #real}, {@link #of} (clients owned by someone else, e.g. the simulator's), and
 * {@link #withoutApplicationAutoScaling} for an engine that has no Application Auto Scaling (DynamoDB Local).
 */
public interface RegionalClients extends AutoCloseable {

  /** The DynamoDB client whose endpoint is {@code region}. */
  DynamoDbClient dynamoDb(String region);

  /**
   * The client mutating calls go through. Real AWS: a second client for the region with SDK retries turned off, so a
   * pass never re-sends a mutation by itself (a CreateTable accepted by AWS but timed out on the wire would come back
   * as "Table already exists"): a failed mutation goes back to the reconciler, which re-observes before deciding again.
   * Defaults to {@link #dynamoDb}.
   */
  default DynamoDbClient dynamoDbForMutations(String region) {
    return dynamoDb(region);
  }

  /** The Application Auto Scaling client whose endpoint is {@code region} (scalable targets live per region). */
  ApplicationAutoScalingClient applicationAutoScaling(String region);

  /**
   * The Application Auto Scaling client mutating calls go through; for real AWS one with SDK retries off, for the same
   * reason as {@link #dynamoDbForMutations}. Defaults to {@link #applicationAutoScaling}.
   */
  default ApplicationAutoScalingClient applicationAutoScalingForMutations(String region) {
    return applicationAutoScaling(region);
  }

  /** Releases the clients this instance built; a no-op for clients owned by someone else. */
  @Override
  default void close() {
  }

  /**
   * Real AWS clients, built lazily and cached per region: Apache HTTP client, the default credentials provider chain
   * (environment, system properties, web identity / IRSA via sts, EKS Pod Identity, profile, instance metadata), the
   * SDK's standard retry mode and the call timeouts of {@code settings}. The endpoint override of {@code settings}
   * applies to DynamoDB only; Application Auto Scaling always uses its regional endpoint.
   */
  static RegionalClients real(AwsSettings settings) {
    return new RealRegionalClients(settings);
  }

  /**
   * Clients owned by someone else (the simulator: {@code RegionalClients.of(sim::dynamoDb,
   * sim::applicationAutoScaling)}): mutations use the same clients as reads, and {@link #close} does nothing.
   */
  static RegionalClients of(Function<String, DynamoDbClient> dynamoDb,
      Function<String, ApplicationAutoScalingClient> applicationAutoScaling) {
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(applicationAutoScaling, "applicationAutoScaling");
    return new RegionalClients() {
      @Override
      public DynamoDbClient dynamoDb(String region) {
        return dynamoDb.apply(region);
      }

      @Override
      public ApplicationAutoScalingClient applicationAutoScaling(String region) {
        return applicationAutoScaling.apply(region);
      }
    };
  }

  /**
   * These clients, except that every Application Auto Scaling call fails at once with an
   * {@link UnsupportedOperationException} saying {@code why} (for example "DynamoDB Local has no Application Auto
   * Scaling"), which the gateway reports as a TERMINAL failure of that call. For engines without the service: a deep
   * observation of an existing table, or an autoscaling step, then fails loudly instead of reaching real AWS or
   * pretending nothing is autoscaled. Closing the result closes these clients.
   */
  default RegionalClients withoutApplicationAutoScaling(String why) {
    Objects.requireNonNull(why, "why");
    RegionalClients base = this;
    java.util.Map<String, ApplicationAutoScalingClient> unavailable = new java.util.concurrent.ConcurrentHashMap<>();
    return new RegionalClients() {
      @Override
      public DynamoDbClient dynamoDb(String region) {
        return base.dynamoDb(region);
      }

      @Override
      public DynamoDbClient dynamoDbForMutations(String region) {
        return base.dynamoDbForMutations(region);
      }

      @Override
      public ApplicationAutoScalingClient applicationAutoScaling(String region) {
        return unavailable.computeIfAbsent(Objects.requireNonNull(region, "region"),
            r -> new UnavailableApplicationAutoScaling(r, why));
      }

      @Override
      public void close() {
        base.close();
      }
    };
  }
}
