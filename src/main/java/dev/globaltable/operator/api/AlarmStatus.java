package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One operator-owned CloudWatch alarm in a region, as DescribeAlarms last reported it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlarmStatus {
  @JsonPropertyDescription("AlarmName.")
  public String name;

  @JsonPropertyDescription("StateValue verbatim: OK, ALARM or INSUFFICIENT_DATA.")
  public String state;

  @JsonPropertyDescription("StateReason from CloudWatch, while the alarm is in ALARM.")
  public String reason;

  public AlarmStatus() {}

  public AlarmStatus(String name, String state, String reason) {
    this.name = name;
    this.state = state;
    this.reason = reason;
  }
}
