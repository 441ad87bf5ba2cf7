package dev.globaltable.operator.model;

import java.util.List;

/**
 * The CloudWatch alarms and dashboard the spec asks the operator to own (spec.alarms, spec.dashboard), with defaults
 * applied. A null kind is turned off: its alarms are not created, and deleted if the operator created them.
 *
 * @param alarmsEnabled whether spec.alarms is present at all (absent: the operator owns no alarms and deletes its own)
 * @param replicationLatency ReplicationLatency (Average, ms) for every ordered pair of regions, created in the source
 *     region with ReceivingRegion; null = off
 * @param throttling ReadThrottleEvents and WriteThrottleEvents (Sum) of the table and of each GSI, in every region;
 *     null = off
 * @param systemErrors SystemErrors (Sum over the data-plane operations) of the table, in every region; null = off
 * @param maxThroughputThrottling Read/WriteMaxOnDemandThroughputThrottleEvents (Sum) of the table and each GSI whose
 *     on-demand maximum is set, in every region; null = off
 * @param actions SNS topic ARNs, with "${region}" still in them (substituted per alarm region), at most 5
 * @param dashboard whether the operator owns one CloudWatch dashboard for the table
 */
public record Monitoring(
    boolean alarmsEnabled,
    AlarmThreshold replicationLatency,
    AlarmThreshold throttling,
    AlarmThreshold systemErrors,
    AlarmThreshold maxThroughputThrottling,
    List<String> actions,
    boolean dashboard) {

  /** No alarms and no dashboard (both fields absent). */
  public static final Monitoring NONE = new Monitoring(false, null, null, null, null, List.of(), false);

  public Monitoring {
    actions = List.copyOf(actions == null ? List.of() : actions);
  }

  /** The action ARNs for an alarm in {@code region} ("${region}" replaced), each once. */
  public List<String> actionsIn(String region) {
    // distinct: "${region}" and a fixed ARN of the same region name one topic once.
    return actions.stream().map(a -> a.replace("${region}", region)).distinct().toList();
  }
}
