package dev.globaltable.operator.aws;

import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One SDK client per AWS region and service: DynamoDB, Application Auto Scaling and CloudWatch. Real AWS, the in-memory
 * simulator and DynamoDB Local are all reached through {@link DynamoDbClient} (and {@link ApplicationAutoScalingClient}
 * and {@link CloudWatchClient} where the engine has them), so the gateway cannot tell them apart. Implementations must
 * return the same client for the same region on every call (callers do not cache).
 *
 * <p>Build instances with {@link #real}, {@link #of} (clients owned by someone else, e.g. the simulator's), and
 * {@link #withoutApplicationAutoScaling} for an engine that has neither Application Auto Scaling nor CloudWatch
 * (DynamoDB Local).
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

  /**
   * The CloudWatch client whose endpoint is {@code region}: metric alarms and metrics live per region; dashboards are
   * global, and the gateway reaches them through the home region's client.
   */
  CloudWatchClient cloudWatch(String region);

  /**
   * The CloudWatch client mutating calls go through; for real AWS one with SDK retries off, for the same reason as
   * {@link #dynamoDbForMutations}. Defaults to {@link #cloudWatch}.
   */
  default CloudWatchClient cloudWatchForMutations(String region) {
    return cloudWatch(region);
  }

  /** Releases the clients this instance built; a no-op for clients owned by someone else. */
  @Override
  default void close() {
  }

  /**
   * Real AWS clients, built lazily and cached per region: Apache HTTP client, the default credentials provider chain
   * (environment, system properties, web identity / IRSA via sts, EKS Pod Identity, profile, instance metadata), the
   * SDK's standard retry mode and the call timeouts of {@code settings}. The endpoint override of {@code settings}
   * applies to DynamoDB only; Application Auto Scaling and CloudWatch always use their regional endpoints.
   */
  static RegionalClients real(AwsSettings settings) {
    return new RealRegionalClients(settings);
  }

  /**
   * Clients owned by someone else, without CloudWatch: every CloudWatch call fails at once with an
   * {@link UnsupportedOperationException} saying that no CloudWatch client was given (the gateway reports it as a
   * TERMINAL failure of that call). For callers that never ask for alarms or a dashboard; others use
   * {@link #of(Function, Function, Function)}.
   */
  static RegionalClients of(Function<String, DynamoDbClient> dynamoDb,
      Function<String, ApplicationAutoScalingClient> applicationAutoScaling) {
    java.util.Map<String, CloudWatchClient> unavailable = new java.util.concurrent.ConcurrentHashMap<>();
    return of(dynamoDb, applicationAutoScaling, region -> unavailable.computeIfAbsent(region,
        r -> new UnavailableCloudWatch(r, "no CloudWatch client was given to RegionalClients.of(dynamoDb, "
            + "applicationAutoScaling); use RegionalClients.of(dynamoDb, applicationAutoScaling, cloudWatch)")));
  }

  /**
   * Clients owned by someone else (the simulator: {@code RegionalClients.of(sim::dynamoDb,
   * sim::applicationAutoScaling, sim::cloudWatch)}): mutations use the same clients as reads, and {@link #close} does
   * nothing.
   */
  static RegionalClients of(Function<String, DynamoDbClient> dynamoDb,
      Function<String, ApplicationAutoScalingClient> applicationAutoScaling,
      Function<String, CloudWatchClient> cloudWatch) {
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(applicationAutoScaling, "applicationAutoScaling");
    Objects.requireNonNull(cloudWatch, "cloudWatch");
    return new RegionalClients() {
      @Override
      public DynamoDbClient dynamoDb(String region) {
        return dynamoDb.apply(region);
      }

      @Override
      public ApplicationAutoScalingClient applicationAutoScaling(String region) {
        return applicationAutoScaling.apply(region);
      }

      @Override
      public CloudWatchClient cloudWatch(String region) {
        return cloudWatch.apply(Objects.requireNonNull(region, "region"));
      }
    };
  }

  /**
   * These clients, except that every Application Auto Scaling and every CloudWatch call fails at once with an
   * {@link UnsupportedOperationException} saying {@code why} (for example "DynamoDB Local has no Application Auto
   * Scaling"), which the gateway reports as a TERMINAL failure of that call. For engines without the services: a deep
   * observation of an existing table (that asks for autoscaling, alarms or a dashboard), or an autoscaling or
   * CloudWatch step, then fails loudly instead of reaching real AWS or pretending nothing is autoscaled or alarmed.
   * Closing the result closes these clients.
   */
  default RegionalClients withoutApplicationAutoScaling(String why) {
    Objects.requireNonNull(why, "why");
    RegionalClients base = this;
    java.util.Map<String, ApplicationAutoScalingClient> unavailable = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.Map<String, CloudWatchClient> noCloudWatch = new java.util.concurrent.ConcurrentHashMap<>();
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
      public CloudWatchClient cloudWatch(String region) {
        return noCloudWatch.computeIfAbsent(Objects.requireNonNull(region, "region"),
            r -> new UnavailableCloudWatch(r, why));
      }

      @Override
      public void close() {
        base.close();
      }
    };
  }
}
