package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.globaltable.operator.validate.ValidationPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * spec.alarms: the CloudWatch alarms the operator owns. Present (even {@code {}}) turns on every kind with its
 * defaults; a kind is turned off with {@code enabled: false}. Each alarm lives in the region that emits its metric and
 * notifies {@link #actions} on ALARM and on OK. The rule that relates the actions to the replica regions is on
 * {@link GlobalTableSpec}, because a CEL rule only sees its own object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlarmsSpec {
  @JsonPropertyDescription("Replication latency alarms (ReplicationLatency, Average, milliseconds): one per ordered "
      + "pair of regions, in the source region. None with a single region (nothing replicates), which is not an "
      + "error. Absent: on, with the defaults (Average >= 10000 ms in 2 of 2 five-minute periods).")
  public ReplicationLatencyAlarmSpec replicationLatency;

  @JsonPropertyDescription("Throttling alarms (ReadThrottleEvents and WriteThrottleEvents, Sum) of the table and "
      + "of each global secondary index, in every region: requests rejected for exceeding provisioned capacity or a "
      + "partition's limits. Absent: on, with the defaults (>= 1 event in each of 5 consecutive minutes).")
  public CountAlarmSpec throttling;

  @JsonPropertyDescription("System error alarms (SystemErrors, Sum over the data-plane operations) of the table, in "
      + "every region: requests DynamoDB failed with an HTTP 500. Absent: on, with the defaults (>= 1 error in each "
      + "of 5 consecutive minutes; isolated errors are retried by the SDKs, errors in every minute are an outage).")
  public CountAlarmSpec systemErrors;

  @JsonPropertyDescription("On-demand maximum throttling alarms (ReadMaxOnDemandThroughputThrottleEvents and "
      + "WriteMaxOnDemandThroughputThrottleEvents, Sum) of the table and of each global secondary index whose "
      + "on-demand maximum (maxReadRequestUnits, maxWriteRequestUnits) is set, in every region; none where no maximum "
      + "is set. Absent: on, with the defaults (>= 1 event in each of 5 consecutive minutes: the limit is too low "
      + "or the traffic is abnormal).")
  public CountAlarmSpec maxThroughputThrottling;

  @JsonPropertyDescription("SNS topics notified when an alarm goes to ALARM and back to OK; at most 5 (CloudWatch's "
      + "limit), each arn:<partition>:sns:${region}:<12-digit account>:<topic name of 1-256 [A-Za-z0-9_-]>. Every "
      + "alarm lives in a replica region and CloudWatch only notifies a topic in the alarm's own region, so write "
      + "${region}: the operator replaces it with each alarm's region, and the topic must exist in every region. A "
      + "fixed region is only allowed when every replica is in that region. Absent or empty: alarms notify nobody.")
  @Size(max = ValidationPatterns.MAX_ALARM_ACTIONS)
  public List<@Size(max = ValidationPatterns.ALARM_ACTION_MAX) @Pattern(ValidationPatterns.SNS_TOPIC_ARN) String>
      actions;

  public AlarmsSpec() {}
}
