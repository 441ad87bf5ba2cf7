package dev.globaltable.operator.metrics;

import dev.globaltable.operator.aws.ErrorClassifier;
import dev.globaltable.operator.aws.RegionalClients;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link RegionalClients} whose every client counts its AWS API calls in
 * {@code globaltable_aws_calls_total{service,operation,region,outcome}} ({@link OperatorMetrics#awsCall}). Each client
 * of the wrapped instance is put behind a {@link Proxy} over its SDK interface, so this works the same for real SDK
 * clients, DynamoDB Local and the in-memory simulator.
 *
 * <p>What counts as one call: one invocation of an operation method that takes the operation's request object
 * ({@code describeTable(DescribeTableRequest)}); {@code service} is {@link ErrorClassifier#DYNAMODB},
 * {@link ErrorClassifier#APPLICATION_AUTO_SCALING} or {@link ErrorClassifier#CLOUDWATCH}, {@code operation} the AWS
 * operation name (the method name capitalised: {@code DescribeTable}). The SDK's convenience overloads (a request
 * builder consumer, no argument) and paginators run on the proxy and so are counted once per underlying request (each
 * page of a paginator counts). {@code waiter()} is not supported on the proxy (the interface's default throws; the
 * operator never waits on AWS: it reschedules). An SDK-internal retry is not seen here: a call the SDK retried counts once, with
 * its final outcome. {@code outcome} is {@code success}, the AWS error code of an {@link AwsServiceException}
 * ({@code ThrottlingException}, {@code ResourceInUseException}, ...), or {@code ClientError} for any other failure
 * (network, timeout, client-side validation). {@code close()}, {@code serviceName()} and
 * {@code serviceClientConfiguration()} are passed through uncounted.
 *
 * <p>The same proxy is returned for the same region on every call, as {@link RegionalClients} requires. Closing this
 * closes the wrapped instance.
 */
public final class MeteredRegionalClients implements RegionalClients {
  private final RegionalClients delegate;
  private final OperatorMetrics metrics;
  private final Map<String, Object> proxies = new ConcurrentHashMap<>();

  public MeteredRegionalClients(RegionalClients delegate, OperatorMetrics metrics) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public DynamoDbClient dynamoDb(String region) {
    return metered("read", DynamoDbClient.class, ErrorClassifier.DYNAMODB, region, delegate::dynamoDb);
  }

  @Override
  public DynamoDbClient dynamoDbForMutations(String region) {
    return metered("mutate", DynamoDbClient.class, ErrorClassifier.DYNAMODB, region, delegate::dynamoDbForMutations);
  }

  @Override
  public ApplicationAutoScalingClient applicationAutoScaling(String region) {
    return metered("read", ApplicationAutoScalingClient.class, ErrorClassifier.APPLICATION_AUTO_SCALING, region,
        delegate::applicationAutoScaling);
  }

  @Override
  public ApplicationAutoScalingClient applicationAutoScalingForMutations(String region) {
    return metered("mutate", ApplicationAutoScalingClient.class, ErrorClassifier.APPLICATION_AUTO_SCALING, region,
        delegate::applicationAutoScalingForMutations);
  }

  @Override
  public CloudWatchClient cloudWatch(String region) {
    return metered("read", CloudWatchClient.class, ErrorClassifier.CLOUDWATCH, region, delegate::cloudWatch);
  }

  @Override
  public CloudWatchClient cloudWatchForMutations(String region) {
    return metered("mutate", CloudWatchClient.class, ErrorClassifier.CLOUDWATCH, region,
        delegate::cloudWatchForMutations);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private <C> C metered(String use, Class<C> type, String service, String region,
      java.util.function.Function<String, C> client) {
    Objects.requireNonNull(region, "region");
    Object proxy = proxies.computeIfAbsent(service + " " + use + " " + region, k -> Proxy.newProxyInstance(
        type.getClassLoader(), new Class<?>[] {type}, new Counting(client.apply(region), service, region)));
    return type.cast(proxy);
  }

  /** Counts operation calls on one client, forwarding everything to it. */
  private final class Counting implements InvocationHandler {
    private final Object target;
    private final String service;
    private final String region;

    Counting(Object target, String service, String region) {
      this.target = Objects.requireNonNull(target, "client");
      this.service = service;
      this.region = region;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "metered " + target;
        };
      }
      if (PASS_THROUGH.contains(method.getName()) && method.getParameterCount() == 0) {
        return forward(method, args);
      }
      if (isOperation(method)) {
        try {
          Object result = forward(method, args);
          metrics.awsCall(service, operation(method), region, OperatorMetrics.SUCCESS);
          return result;
        } catch (Throwable t) {
          metrics.awsCall(service, operation(method), region, outcome(t));
          throw t;
        }
      }
      if (method.isDefault()) {
        // Why on the proxy: convenience overloads and paginators end in operation calls on "this"; run on
        // the proxy, each of those is counted (once), and none bypasses the count.
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      return forward(method, args);
    }

    private Object forward(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** Client methods that are not AWS calls and must reach the client itself (some are default methods). */
  private static final java.util.Set<String> PASS_THROUGH = java.util.Set.of("close", "serviceName",
      "serviceClientConfiguration");

  /** An AWS operation: one argument, the operation's request; not a paginator (its pages are the operations). */
  static boolean isOperation(Method method) {
    return method.getParameterCount() == 1 && SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])
        && !method.getName().endsWith("Paginator");
  }

  /** The AWS operation name of an SDK client method: {@code describeTable} is {@code DescribeTable}. */
  static String operation(Method method) {
    String name = method.getName();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** AWS's error code, or {@code ClientError} when there is none. */
  static String outcome(Throwable t) {
    if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      String code = e.awsErrorDetails().errorCode();
      if (code != null && !code.isBlank()) {
        return code;
      }
    }
    return OperatorMetrics.CLIENT_ERROR;
  }
}
