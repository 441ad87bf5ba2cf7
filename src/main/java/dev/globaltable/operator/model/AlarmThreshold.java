package dev.globaltable.operator.model;

/**
 * How one kind of operator-owned alarm fires: the metric's statistic over {@code periodSeconds} compared with
 * {@code threshold} (greater than or equal), in {@code datapointsToAlarm} of the last {@code evaluationPeriods} periods.
 *
 * @param threshold the value that breaches (milliseconds for replication latency, a count otherwise)
 * @param periodSeconds 10, 20, 30 or a multiple of 60 (CloudWatch's rule)
 * @param evaluationPeriods N of "M out of N"; period x N at most one day (CloudWatch's rule for periods under an hour)
 * @param datapointsToAlarm M of "M out of N" (1..N)
 */
public record AlarmThreshold(double threshold, int periodSeconds, int evaluationPeriods, int datapointsToAlarm) {}
