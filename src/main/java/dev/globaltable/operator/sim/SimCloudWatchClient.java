package dev.globaltable.operator.sim;

import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;

/**
 * The {@link CloudWatchClient} of one simulated region (journal service "cloudwatch"): metric alarms only. Operations
 * that are not modelled keep the interface's default (UnsupportedOperationException).
 */
final class SimCloudWatchClient implements CloudWatchClient {
  static final String JOURNAL_SERVICE = "cloudwatch";

  private final CloudWatchPlane plane;
  private final String region;
  private final ServiceCall call;

  SimCloudWatchClient(CloudWatchPlane plane, DynamoDbControlPlane lock, String region, Faults faults,
      Journal journal) {
    this.plane = plane;
    this.region = region;
    this.call = new ServiceCall(lock, JOURNAL_SERVICE, "monitoring", SimServiceErrors::cwInjected, region, faults,
        journal);
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    // Nothing to release: the simulated region outlives its clients.
  }

  @Override
  public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
    return call.run("PutMetricAlarm", true, () -> {
      plane.putMetricAlarm(region, request);
      return PutMetricAlarmResponse.builder().build();
    }, r -> request.alarmName());
  }

  @Override
  public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
    return call.run("DescribeAlarms", false, () -> {
      if (request.hasAlarmTypes() && !request.alarmTypes().contains(AlarmType.METRIC_ALARM)) {
        // Only metric alarms are modelled; a composite-only query has nothing to list.
        return DescribeAlarmsResponse.builder().metricAlarms(List.of()).build();
      }
      CloudWatchPlane.Page page = plane.describe(region, request.hasAlarmNames() ? request.alarmNames() : null,
          request.alarmNamePrefix(), request.maxRecords(), request.nextToken());
      return DescribeAlarmsResponse.builder().metricAlarms(page.alarms()).nextToken(page.nextToken()).build();
    }, r -> r.metricAlarms().size() + " alarms" + (r.nextToken() != null ? ", more" : ""));
  }

  @Override
  public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest request) {
    int[] deleted = new int[1];
    return call.run("DeleteAlarms", true, () -> {
      deleted[0] = plane.delete(region, request.hasAlarmNames() ? request.alarmNames() : List.of());
      return DeleteAlarmsResponse.builder().build();
    }, r -> deleted[0] + " alarms deleted");
  }
}
