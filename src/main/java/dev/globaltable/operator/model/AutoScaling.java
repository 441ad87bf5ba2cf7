package dev.globaltable.operator.model;

/**
 * Target tracking for one capacity dimension, as the operator registers it with Application Auto Scaling: a scalable
 * target with {@code min}/{@code max} and one TargetTrackingScaling policy. Every field is concrete (defaults applied by
 * the mapper) so that what is sent and what is compared are the same values.
 *
 * @param min MinCapacity (>= 1)
 * @param max MaxCapacity (>= min)
 * @param targetUtilization TargetValue in percent (20-90)
 * @param scaleInCooldownSeconds ScaleInCooldown (AWS's default for DynamoDB is 0)
 * @param scaleOutCooldownSeconds ScaleOutCooldown (default 0)
 * @param disableScaleIn DisableScaleIn (default false)
 */
public record AutoScaling(long min, long max, double targetUtilization, int scaleInCooldownSeconds,
    int scaleOutCooldownSeconds, boolean disableScaleIn) {

  /** Target utilization when the spec gives none (the AWS console's default). */
  public static final double DEFAULT_TARGET = 70.0;

  @Override
  public String toString() {
    return "min " + min + ", max " + max + ", target " + format(targetUtilization) + "%";
  }

  static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
