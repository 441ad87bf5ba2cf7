package dev.globaltable.operator.sim;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The call discipline the Application Auto Scaling and CloudWatch clients share with the DynamoDB client: under the
 * simulator's one lock, settle due DynamoDB transitions, fail an unknown region like an unresolvable endpoint, decide
 * injected faults before any state change, run the operation and journal the outcome.
 */
final class ServiceCall {
  private final DynamoDbControlPlane lock;
  private final String service;
  private final String endpointPrefix;
  private final Function<Faults.Injected, AwsServiceException> injectedError;
  private final String region;
  private final Faults faults;
  private final Journal journal;

  ServiceCall(DynamoDbControlPlane lock, String service, String endpointPrefix,
      Function<Faults.Injected, AwsServiceException> injectedError, String region, Faults faults, Journal journal) {
    this.lock = lock;
    this.service = service;
    this.endpointPrefix = endpointPrefix;
    this.injectedError = injectedError;
    this.region = region;
    this.faults = faults;
    this.journal = journal;
  }

  <T> T run(String operation, boolean mutating, Supplier<T> body, Function<T, String> summary) {
    synchronized (lock) {
      lock.settle();
      Duration d = faults.latency();
      String latency = d.isZero() ? "" : " (latency " + d.toMillis() + " ms)";
      if (!lock.knownRegion(region)) {
        SdkClientException e = SimServiceErrors.unknownHost(endpointPrefix, region);
        journal.record(service, operation, region, mutating, "SdkClientException", e.getMessage() + latency);
        throw e;
      }
      Faults.Injected f = faults.decide(operation);
      if (f != Faults.Injected.NONE) {
        AwsServiceException injected = injectedError.apply(f);
        journal.record(service, operation, region, mutating, SimErrors.errorCode(injected),
            SimErrors.bareMessage(injected) + " (injected)" + latency);
        throw injected;
      }
      try {
        T result = body.get();
        journal.record(service, operation, region, mutating, "OK", summary.apply(result) + latency);
        return result;
      } catch (AwsServiceException e) {
        journal.record(service, operation, region, mutating, SimErrors.errorCode(e), SimErrors.bareMessage(e)
            + latency);
        throw e;
      }
    }
  }
}
