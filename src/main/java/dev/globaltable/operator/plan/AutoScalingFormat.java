package dev.globaltable.operator.plan;

/** Number formatting for plain-words step descriptions. */
final class AutoScalingFormat {
  private AutoScalingFormat() {}

  /** 70.0 as "70", 72.5 as "72.5". */
  static String percent(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
