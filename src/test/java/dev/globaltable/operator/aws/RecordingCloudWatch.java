package dev.globaltable.operator.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
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
 * A scripted, recording stand-in for regional {@link CloudWatchClient}s: every call goes to the {@link Recorder} (the
 * journal {@link RecordingDynamoDb} shares, so one journal holds every service's calls, and its scripted failures by
 * "region/operation" apply here too). Only the operations the gateway may use are implemented; every other method
 * keeps the interface's default (UnsupportedOperationException).
 */
final class RecordingCloudWatch {

  /** Journals one call and throws the failure scripted for it, if any. */
  interface Recorder {
    void record(String region, String operation, SdkRequest request);
  }

  private final Recorder recorder;
  /** DescribeAlarms pages by region, served in order of NextToken ("" = first page); none = no alarms. */
  final Map<String, Map<String, DescribeAlarmsResponse>> alarmPages = new HashMap<>();
  /** GetMetricData pages by region, by NextToken ("" = first page); none = no data. */
  final Map<String, Map<String, GetMetricDataResponse>> metricPages = new HashMap<>();
  /** GetDashboard answers by dashboard name; none = DashboardNotFoundError (as AWS says it). */
  final Map<String, String> dashboards = new HashMap<>();
  private final Map<String, CloudWatchClient> clients = new HashMap<>();

  RecordingCloudWatch(Recorder recorder) {
    this.recorder = recorder;
  }

  CloudWatchClient client(String region) {
    return clients.computeIfAbsent(region, Regional::new);
  }

  /** DashboardNotFoundError the way the SDK reports it for real AWS (query-compatible code ResourceNotFound). */
  static DashboardNotFoundErrorException dashboardNotFound() {
    String message = "Dashboard " + "does not exist";
    return (DashboardNotFoundErrorException) DashboardNotFoundErrorException.builder().message(message)
        .statusCode(404)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFound").errorMessage(message)
            .serviceName("CloudWatch").build())
        .build();
  }

  private static <T> T page(Map<String, T> pages, String token, T none) {
    if (pages == null) {
      return none;
    }
    T page = pages.get(token == null ? "" : token);
    if (page == null) {
      throw new IllegalStateException("no page for token " + token);
    }
    return page;
  }

  /** Pages of one region's answers, keyed by the token that asks for them. */
  static <T> Map<String, T> pages(List<T> inOrder, List<String> tokens) {
    Map<String, T> out = new HashMap<>();
    List<String> keys = new ArrayList<>();
    keys.add("");
    keys.addAll(tokens);
    for (int i = 0; i < inOrder.size(); i++) {
      out.put(keys.get(i), inOrder.get(i));
    }
    return out;
  }

  private final class Regional implements CloudWatchClient {
    private final String region;

    Regional(String region) {
      this.region = region;
    }

    private void record(String operation, SdkRequest request) {
      recorder.record(region, operation, request);
    }

    @Override
    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
      record("DescribeAlarms", request);
      return page(alarmPages.get(region), request.nextToken(), DescribeAlarmsResponse.builder().build());
    }

    @Override
    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
      record("GetMetricData", request);
      return page(metricPages.get(region), request.nextToken(), GetMetricDataResponse.builder().build());
    }

    @Override
    public GetDashboardResponse getDashboard(GetDashboardRequest request) {
      record("GetDashboard", request);
      String body = dashboards.get(request.dashboardName());
      if (body == null) {
        throw dashboardNotFound();
      }
      return GetDashboardResponse.builder().dashboardName(request.dashboardName()).dashboardBody(body)
          .dashboardArn("arn:aws:cloudwatch::111122223333:dashboard/" + request.dashboardName()).build();
    }

    @Override
    public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
      record("PutMetricAlarm", request);
      return PutMetricAlarmResponse.builder().build();
    }

    @Override
    public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest request) {
      record("DeleteAlarms", request);
      return DeleteAlarmsResponse.builder().build();
    }

    @Override
    public PutDashboardResponse putDashboard(PutDashboardRequest request) {
      record("PutDashboard", request);
      return PutDashboardResponse.builder().build();
    }

    @Override
    public DeleteDashboardsResponse deleteDashboards(DeleteDashboardsRequest request) {
      record("DeleteDashboards", request);
      return DeleteDashboardsResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
  }
}
