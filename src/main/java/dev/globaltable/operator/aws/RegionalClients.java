package dev.globaltable.operator.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One SDK client per AWS region. Real AWS, the in-memory simulator and DynamoDB Local are all reached through
 * {@link DynamoDbClient}, so the gateway cannot tell them apart. Implementations must return the same client for the
 * same region on every call (callers do not cache).
 */
@FunctionalInterface
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

  /** Releases the clients this instance built; a no-op for clients owned by someone else. */
  @Override
  default void close() {
  }

  /**
   * Real AWS clients, built lazily and cached per region: Apache HTTP client, the default credentials provider chain
   * (environment, system properties, web identity / IRSA via sts, EKS Pod Identity, profile, instance metadata), the
   * SDK's standard retry mode and the call timeouts and endpoint override of {@code settings}.
   */
  static RegionalClients real(AwsSettings settings) {
    return new RealRegionalClients(settings);
  }
}
