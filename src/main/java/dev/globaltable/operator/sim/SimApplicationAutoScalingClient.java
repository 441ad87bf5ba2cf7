package dev.globaltable.operator.sim;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;

/**
 * The {@link ApplicationAutoScalingClient} of one simulated region (journal service "application-autoscaling").
 * Operations that are not modelled keep the interface's default (UnsupportedOperationException).
 */
final class SimApplicationAutoScalingClient implements ApplicationAutoScalingClient {
  static final String JOURNAL_SERVICE = "application-autoscaling";

  private final AutoScalingPlane plane;
  private final String region;
  private final ServiceCall call;

  SimApplicationAutoScalingClient(AutoScalingPlane plane, DynamoDbControlPlane lock, String region, Faults faults,
      Journal journal) {
    this.plane = plane;
    this.region = region;
    this.call = new ServiceCall(lock, JOURNAL_SERVICE, "application-autoscaling", SimServiceErrors::aasInjected,
        region, faults, journal);
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    // Nothing to release: the simulated region outlives its clients.
  }

  @Override
  public RegisterScalableTargetResponse registerScalableTarget(RegisterScalableTargetRequest request) {
    return call.run("RegisterScalableTarget", true, () -> {
      plane.checkConcurrentUpdate(region);
      return RegisterScalableTargetResponse.builder().scalableTargetARN(plane.register(region, request)).build();
    },
        r -> request.resourceId() + " " + request.scalableDimensionAsString() + " min=" + request.minCapacity()
            + " max=" + request.maxCapacity());
  }

  @Override
  public DescribeScalableTargetsResponse describeScalableTargets(DescribeScalableTargetsRequest request) {
    return call.run("DescribeScalableTargets", false, () -> {
      AutoScalingPlane.checkNamespace(request.serviceNamespaceAsString());
      AutoScalingPlane.Page<ScalableTarget> page = plane.describeTargets(region,
          request.hasResourceIds() ? request.resourceIds() : null, request.scalableDimensionAsString(),
          request.maxResults(), request.nextToken());
      return DescribeScalableTargetsResponse.builder().scalableTargets(page.items()).nextToken(page.nextToken())
          .build();
    }, r -> r.scalableTargets().size() + " targets" + (r.nextToken() != null ? ", more" : ""));
  }

  @Override
  public DeregisterScalableTargetResponse deregisterScalableTarget(DeregisterScalableTargetRequest request) {
    int[] deleted = new int[1];
    return call.run("DeregisterScalableTarget", true, () -> {
      plane.checkConcurrentUpdate(region);
      deleted[0] = plane.deregister(region, request.serviceNamespaceAsString(), request.resourceId(),
          request.scalableDimensionAsString());
      return DeregisterScalableTargetResponse.builder().build();
    }, r -> request.resourceId() + " " + request.scalableDimensionAsString() + " (" + deleted[0]
        + " policies deleted)");
  }

  @Override
  public PutScalingPolicyResponse putScalingPolicy(PutScalingPolicyRequest request) {
    return call.run("PutScalingPolicy", true, () -> {
      plane.checkConcurrentUpdate(region);
      ScalingPolicy p = plane.putPolicy(region, request);
      return PutScalingPolicyResponse.builder().policyARN(p.policyARN()).alarms(p.alarms()).build();
    }, r -> request.policyName() + " on " + request.resourceId() + " " + request.scalableDimensionAsString());
  }

  @Override
  public DescribeScalingPoliciesResponse describeScalingPolicies(DescribeScalingPoliciesRequest request) {
    return call.run("DescribeScalingPolicies", false, () -> {
      AutoScalingPlane.Page<ScalingPolicy> page = plane.describePolicies(region, request.serviceNamespaceAsString(),
          request.hasPolicyNames() ? request.policyNames() : null, request.resourceId(),
          request.scalableDimensionAsString(), request.maxResults(), request.nextToken());
      return DescribeScalingPoliciesResponse.builder().scalingPolicies(page.items()).nextToken(page.nextToken())
          .build();
    }, r -> r.scalingPolicies().size() + " policies" + (r.nextToken() != null ? ", more" : ""));
  }

  @Override
  public DeleteScalingPolicyResponse deleteScalingPolicy(DeleteScalingPolicyRequest request) {
    return call.run("DeleteScalingPolicy", true, () -> {
      plane.checkConcurrentUpdate(region);
      plane.deletePolicy(region, request.serviceNamespaceAsString(), request.policyName(), request.resourceId(),
          request.scalableDimensionAsString());
      return DeleteScalingPolicyResponse.builder().build();
    }, r -> request.policyName() + " on " + request.resourceId() + " " + request.scalableDimensionAsString());
  }
}
