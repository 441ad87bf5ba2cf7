package dev.globaltable.operator.model;

import java.util.List;
import java.util.Optional;

/**
 * A scalable target Application Auto Scaling reports in one region for this table (DescribeScalableTargets), with its
 * scaling policies (DescribeScalingPolicies).
 *
 * @param indexName the index (null for the table)
 * @param dimension the capacity dimension
 * @param min MinCapacity
 * @param max MaxCapacity
 * @param policies every scaling policy on the target, whoever created it
 */
public record ObservedScaling(String indexName, CapacityDimension dimension, long min, long max,
    List<Policy> policies) {
  public ObservedScaling {
    policies = List.copyOf(policies == null ? List.of() : policies);
  }

  /** The policy called {@code name}, if any. */
  public Optional<Policy> policy(String name) {
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * A TargetTrackingScaling policy.
   *
   * @param name PolicyName
   * @param targetValue TargetValue (percent)
   * @param scaleInCooldownSeconds ScaleInCooldown (0 when absent)
   * @param scaleOutCooldownSeconds ScaleOutCooldown (0 when absent)
   * @param disableScaleIn DisableScaleIn (false when absent)
   */
  public record Policy(String name, double targetValue, int scaleInCooldownSeconds, int scaleOutCooldownSeconds,
      boolean disableScaleIn) {
    /** Whether the policy tracks exactly what {@code a} asks for. */
    public boolean matches(AutoScaling a) {
      return Math.abs(targetValue - a.targetUtilization()) < 1e-9 && scaleInCooldownSeconds == a.scaleInCooldownSeconds()
          && scaleOutCooldownSeconds == a.scaleOutCooldownSeconds() && disableScaleIn == a.disableScaleIn();
    }
  }
}
