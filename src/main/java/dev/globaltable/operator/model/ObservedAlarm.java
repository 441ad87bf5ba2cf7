package dev.globaltable.operator.model;

/**
 * One alarm DescribeAlarms listed under the table's alarm-name prefix.
 *
 * @param definition its configuration
 * @param state StateValue verbatim: OK, ALARM, INSUFFICIENT_DATA
 * @param stateReason StateReason, may be null
 * @param arn AlarmArn
 */
public record ObservedAlarm(AlarmDefinition definition, String state, String stateReason, String arn) {
  public String name() {
    return definition.name();
  }
}
