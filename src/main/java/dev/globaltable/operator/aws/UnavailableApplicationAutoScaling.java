package dev.globaltable.operator.aws;

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

/**
 * The Application Auto Scaling "client" of an engine that has none (DynamoDB Local): every operation the gateway uses
 * fails at once, without network, with an {@link UnsupportedOperationException} naming the operation, the region and
 * why; the other operations keep the interface's default (UnsupportedOperationException too).
 */
final class UnavailableApplicationAutoScaling implements ApplicationAutoScalingClient {
  private final String region;
  private final String why;

  UnavailableApplicationAutoScaling(String region, String why) {
    this.region = region;
    this.why = why;
  }

  private UnsupportedOperationException unavailable(String operation) {
    return new UnsupportedOperationException("Application Auto Scaling " + operation + " in " + region
        + " is not available: " + why);
  }

  @Override
  public DescribeScalableTargetsResponse describeScalableTargets(DescribeScalableTargetsRequest request) {
    throw unavailable("DescribeScalableTargets");
  }

  @Override
  public DescribeScalingPoliciesResponse describeScalingPolicies(DescribeScalingPoliciesRequest request) {
    throw unavailable("DescribeScalingPolicies");
  }

  @Override
  public RegisterScalableTargetResponse registerScalableTarget(RegisterScalableTargetRequest request) {
    throw unavailable("RegisterScalableTarget");
  }

  @Override
  public PutScalingPolicyResponse putScalingPolicy(PutScalingPolicyRequest request) {
    throw unavailable("PutScalingPolicy");
  }

  @Override
  public DeregisterScalableTargetResponse deregisterScalableTarget(DeregisterScalableTargetRequest request) {
    throw unavailable("DeregisterScalableTarget");
  }

  @Override
  public DeleteScalingPolicyResponse deleteScalingPolicy(DeleteScalingPolicyRequest request) {
    throw unavailable("DeleteScalingPolicy");
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    // Nothing was built.
  }
}
