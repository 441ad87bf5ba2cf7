package dev.globaltable.operator.aws;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DeleteDashboardsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteDashboardsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;

/**
 * The CloudWatch "client" of an engine that has none (DynamoDB Local), or of {@link RegionalClients#of(
 * java.util.function.Function, java.util.function.Function)} built without one: every operation the gateway uses fails
 * at once, without network, with an {@link UnsupportedOperationException} naming the operation, the region and why;
 * the other operations keep the interface's default (UnsupportedOperationException too).
 */
final class UnavailableCloudWatch implements CloudWatchClient {
  private final String region;
  private final String why;

  UnavailableCloudWatch(String region, String why) {
    this.region = region;
    this.why = why;
  }

  private UnsupportedOperationException unavailable(String operation) {
    return new UnsupportedOperationException("CloudWatch " + operation + " in " + region + " is not available: "
        + why);
  }

  @Override
  public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
    throw unavailable("DescribeAlarms");
  }

  @Override
  public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
    throw unavailable("GetMetricData");
  }

  @Override
  public GetDashboardResponse getDashboard(GetDashboardRequest request) {
    throw unavailable("GetDashboard");
  }

  @Override
  public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
    throw unavailable("PutMetricAlarm");
  }

  @Override
  public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest request) {
    throw unavailable("DeleteAlarms");
  }

  @Override
  public PutDashboardResponse putDashboard(PutDashboardRequest request) {
    throw unavailable("PutDashboard");
  }

  @Override
  public DeleteDashboardsResponse deleteDashboards(DeleteDashboardsRequest request) {
    throw unavailable("DeleteDashboards");
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    // Nothing was built.
  }
}
