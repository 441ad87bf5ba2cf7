package dev.globaltable.operator.validate;

import static dev.globaltable.operator.validate.ValidationPatterns.MAX_GLOBAL_INDEXES;
import static dev.globaltable.operator.validate.ValidationPatterns.TARGET_UTILIZATION_MAX;
import static dev.globaltable.operator.validate.ValidationPatterns.TARGET_UTILIZATION_MIN;

import dev.globaltable.operator.api.AutoScalingSpec;
import dev.globaltable.operator.api.BillingMode;
import dev.globaltable.operator.api.BillingSpec;
import dev.globaltable.operator.api.CapacitySpec;
import dev.globaltable.operator.api.GlobalSecondaryIndexSpec;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.ReplicaIndexSpec;
import dev.globaltable.operator.api.ReplicaSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The throughput rules of {@link SpecValidator}: billing mode against capacity and on-demand limits, the shape of every
 * capacity, write autoscaling for more than one region, and per-replica index overrides naming real indexes. The same
 * rules as the CEL rules on {@code BillingSpec}, {@code CapacitySpec}, {@code AutoScalingSpec}, {@code ReplicaSpec} and
 * {@code GlobalTableSpec}, with messages that name the exact field (list indexes included).
 */
final class ThroughputRules {
  /** AWS's own rejection of a replica on a provisioned table without table write autoscaling (reference 4.1). */
  static final String AWS_TABLE_WRITE = "Table write capacity should either be Pay-Per-Request or AutoScaled";
  /** AWS's own rejection when a provisioned GSI lacks write autoscaling (reference 4.1). */
  static final String AWS_GSI_WRITE = "GSI write capacity should either be Pay-Per-Request or AutoScaled";

  private static final String PROVISIONED_ONLY = "is only allowed when spec.billing.mode is Provisioned";
  private static final String ON_DEMAND_ONLY = "is only allowed when spec.billing.mode is PayPerRequest";
  private static final String REQUIRED_PROVISIONED = "is required when spec.billing.mode is Provisioned";

  private ThroughputRules() {}

  /** Whether the spec asks for provisioned capacity; an absent billing or mode is PayPerRequest. */
  static boolean provisioned(GlobalTableSpec spec) {
    return spec.billing != null && spec.billing.mode == BillingMode.Provisioned;
  }

  /** Whether the spec lists more than one region, so write capacity must be autoscaled. */
  static boolean multiRegion(GlobalTableSpec spec) {
    return spec.replicas != null && spec.replicas.size() > 1;
  }

  static void billing(GlobalTableSpec spec, List<Violation> out) {
    BillingSpec billing = spec.billing;
    if (billing == null) {
      return;
    }
    boolean provisioned = provisioned(spec);
    onDemandLimit("spec.billing.maxReadRequestUnits", billing.maxReadRequestUnits, provisioned, out);
    onDemandLimit("spec.billing.maxWriteRequestUnits", billing.maxWriteRequestUnits, provisioned, out);
    capacity("spec.billing.readCapacity", billing.readCapacity, provisioned, true, out);
    capacity("spec.billing.writeCapacity", billing.writeCapacity, provisioned, true, out);
    writeAutoScaled("spec.billing.writeCapacity", billing.writeCapacity, spec, AWS_TABLE_WRITE, out);
  }

  static void globalIndex(String path, GlobalSecondaryIndexSpec gsi, GlobalTableSpec spec, List<Violation> out) {
    boolean provisioned = provisioned(spec);
    capacity(path + ".readCapacity", gsi.readCapacity, provisioned, true, out);
    capacity(path + ".writeCapacity", gsi.writeCapacity, provisioned, true, out);
    writeAutoScaled(path + ".writeCapacity", gsi.writeCapacity, spec, AWS_GSI_WRITE, out);
    onDemandLimit(path + ".maxReadRequestUnits", gsi.maxReadRequestUnits, provisioned, out);
    onDemandLimit(path + ".maxWriteRequestUnits", gsi.maxWriteRequestUnits, provisioned, out);
  }

  static void replica(String path, ReplicaSpec replica, GlobalTableSpec spec, List<Violation> out) {
    boolean provisioned = provisioned(spec);
    capacity(path + ".readCapacity", replica.readCapacity, provisioned, false, out);
    onDemandLimit(path + ".maxReadRequestUnits", replica.maxReadRequestUnits, provisioned, out);
    List<ReplicaIndexSpec> overrides = replica.globalSecondaryIndexes;
    if (overrides == null) {
      return;
    }
    if (overrides.size() > MAX_GLOBAL_INDEXES) {
      out.add(Violation.of(path + ".globalSecondaryIndexes", "at most " + MAX_GLOBAL_INDEXES
          + " index overrides per replica, got " + overrides.size()));
    }
    Set<String> indexes = new HashSet<>();
    if (spec.globalSecondaryIndexes != null) {
      spec.globalSecondaryIndexes.stream().filter(Objects::nonNull).forEach(g -> indexes.add(g.name));
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < overrides.size(); i++) {
      String at = path + ".globalSecondaryIndexes[" + i + "]";
      ReplicaIndexSpec override = overrides.get(i);
      if (override == null) {
        out.add(Violation.of(at, "must not be null"));
        continue;
      }
      if (override.name == null) {
        out.add(Violation.of(at + ".name", "is required"));
      } else if (!indexes.contains(override.name)) {
        out.add(Violation.of(at + ".name", override.name + " is not an index of spec.globalSecondaryIndexes"));
      } else {
        String first = seen.putIfAbsent(override.name, at + ".name");
        if (first != null) {
          out.add(Violation.of(at + ".name", "duplicate index " + override.name + " in this replica (also " + first
              + ")"));
        }
      }
      capacity(at + ".readCapacity", override.readCapacity, provisioned, false, out);
      onDemandLimit(at + ".maxReadRequestUnits", override.maxReadRequestUnits, provisioned, out);
    }
  }

  /**
   * A capacity field: present only with Provisioned (and, when {@code requiredWhenProvisioned}, present then), and
   * well formed whenever present.
   */
  private static void capacity(String path, CapacitySpec capacity, boolean provisioned,
      boolean requiredWhenProvisioned, List<Violation> out) {
    if (capacity == null) {
      if (provisioned && requiredWhenProvisioned) {
        out.add(Violation.of(path, REQUIRED_PROVISIONED));
      }
      return;
    }
    if (!provisioned) {
      out.add(Violation.of(path, PROVISIONED_ONLY));
    }
    if ((capacity.units == null) == (capacity.autoscaling == null)) {
      out.add(Violation.of(path, "must set exactly one of units and autoscaling, got "
          + (capacity.units == null ? "neither" : "both")));
    }
    if (capacity.units != null && capacity.units < 1) {
      out.add(Violation.of(path + ".units", "must be at least 1, got " + capacity.units));
    }
    if (capacity.autoscaling != null) {
      autoScaling(path + ".autoscaling", capacity.autoscaling, out);
    }
  }

  private static void autoScaling(String path, AutoScalingSpec a, List<Violation> out) {
    boolean minOk = bound(path + ".min", a.min, out);
    boolean maxOk = bound(path + ".max", a.max, out);
    if (minOk && maxOk && a.max < a.min) {
      out.add(Violation.of(path + ".max", "must be at least autoscaling.min (" + a.min + "), got " + a.max));
    }
    Double target = a.targetUtilization;
    if (target != null && !(target >= TARGET_UTILIZATION_MIN && target <= TARGET_UTILIZATION_MAX)) {
      out.add(Violation.of(path + ".targetUtilization", "must be " + number(TARGET_UTILIZATION_MIN) + "-"
          + number(TARGET_UTILIZATION_MAX) + " (percent), got " + number(target)));
    }
    cooldown(path + ".scaleInCooldownSeconds", a.scaleInCooldownSeconds, out);
    cooldown(path + ".scaleOutCooldownSeconds", a.scaleOutCooldownSeconds, out);
  }

  /** min or max of autoscaling: required and at least 1; true when usable for the min/max comparison. */
  private static boolean bound(String path, Long value, List<Violation> out) {
    if (value == null) {
      out.add(Violation.of(path, "is required"));
      return false;
    }
    if (value < 1) {
      out.add(Violation.of(path, "must be at least 1, got " + value));
      return false;
    }
    return true;
  }

  private static void cooldown(String path, Integer seconds, List<Violation> out) {
    if (seconds != null && seconds < 0) {
      out.add(Violation.of(path, "must be at least 0, got " + seconds));
    }
  }

  /** Write capacity of a table or index with more than one region: AWS refuses replicas unless it is autoscaled. */
  private static void writeAutoScaled(String path, CapacitySpec write, GlobalTableSpec spec, String awsText,
      List<Violation> out) {
    if (write == null || !provisioned(spec) || !multiRegion(spec) || write.autoscaling != null) {
      return;
    }
    out.add(Violation.of(path, "must be autoscaling when spec.replicas has more than one region (AWS: \"" + awsText
        + ".\")"));
  }

  /** An on-demand limit: at least 1, and only with PayPerRequest. */
  private static void onDemandLimit(String path, Long value, boolean provisioned, List<Violation> out) {
    if (value == null) {
      return;
    }
    if (value < 1) {
      out.add(Violation.of(path, "must be at least 1, got " + value + " (leave it out for no limit)"));
    }
    if (provisioned) {
      out.add(Violation.of(path, ON_DEMAND_ONLY));
    }
  }

  /** 70.0 as "70", 72.5 as "72.5". */
  private static String number(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
