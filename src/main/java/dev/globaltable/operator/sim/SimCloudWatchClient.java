package dev.globaltable.operator.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
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
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.cloudwatch.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.UntagResourceResponse;

/**
 * The {@link CloudWatchClient} of one simulated region (journal service "cloudwatch"): metric alarms (regional),
 * their tags, dashboards (global: every region's client sees the same ones) and GetMetricData over the series fed
 * through {@link SimMetrics}. Every call first evaluates the alarms up to the current virtual time. Operations that
 * are not modelled keep the interface's default (UnsupportedOperationException).
 */
final class SimCloudWatchClient implements CloudWatchClient {
  static final String JOURNAL_SERVICE = "cloudwatch";

  private final CloudWatchPlane plane;
  private final DashboardStore dashboards;
  private final String region;
  private final ServiceCall call;

  SimCloudWatchClient(CloudWatchPlane plane, DashboardStore dashboards, DynamoDbControlPlane lock, String region,
      Faults faults, Journal journal) {
    this.plane = plane;
    this.dashboards = dashboards;
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
      plane.checkPutRate(region);
      plane.evaluate();
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
          request.alarmNamePrefix(), request.stateValue(), request.actionPrefix(), request.maxRecords(),
          request.nextToken());
      return DescribeAlarmsResponse.builder().metricAlarms(page.alarms()).nextToken(page.nextToken()).build();
    }, r -> r.metricAlarms().size() + " alarms" + (r.nextToken() != null ? ", more" : ""));
  }

  @Override
  public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest request) {
    int[] deleted = new int[1];
    return call.run("DeleteAlarms", true, () -> {
      plane.evaluate();
      deleted[0] = plane.delete(region, request.hasAlarmNames() ? request.alarmNames() : List.of());
      return DeleteAlarmsResponse.builder().build();
    }, r -> deleted[0] + " alarms deleted");
  }

  // ---------------------------------------------------------------------------------------------- tags

  @Override
  public TagResourceResponse tagResource(TagResourceRequest request) {
    return call.run("TagResource", true, () -> {
      Map<String, String> tags = tagsOf(request.resourceARN());
      List<Tag> add = request.hasTags() ? request.tags() : List.of();
      for (Tag t : add) {
        checkTag(t);
      }
      Map<String, String> merged = new LinkedHashMap<>(tags);
      add.forEach(t -> merged.put(t.key(), t.value()));
      if (merged.size() > 50) {
        throw SimServiceErrors.cwInvalidParameter("A resource can have at most 50 tags.");
      }
      tags.clear();
      tags.putAll(merged);
      return TagResourceResponse.builder().build();
    }, r -> request.resourceARN());
  }

  @Override
  public UntagResourceResponse untagResource(UntagResourceRequest request) {
    return call.run("UntagResource", true, () -> {
      Map<String, String> tags = tagsOf(request.resourceARN());
      if (request.hasTagKeys()) {
        request.tagKeys().forEach(tags::remove);
      }
      return UntagResourceResponse.builder().build();
    }, r -> request.resourceARN());
  }

  @Override
  public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
    return call.run("ListTagsForResource", false, () -> ListTagsForResourceResponse.builder()
        .tags(CloudWatchPlane.tagList(tagsOf(request.resourceARN()))).build(),
        r -> r.tags().size() + " tags");
  }

  /**
   * The live tag map of an alarm of this region or of a dashboard. The texts are the simulator's choice: the model
   * documents the error shapes only.
   */
  private Map<String, String> tagsOf(String arn) {
    if (arn == null) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value null at 'resourceARN' failed to "
          + "satisfy constraint: Member must not be null");
    }
    plane.evaluate();
    boolean alarm = arn.startsWith("arn:aws:cloudwatch:") && arn.contains(":alarm:");
    boolean dashboard = arn.startsWith("arn:aws:cloudwatch::") && arn.contains(":dashboard/");
    if (!alarm && !dashboard) {
      throw SimServiceErrors.cwInvalidParameter("The value " + arn + " for parameter ResourceARN is invalid.");
    }
    Map<String, String> tags = alarm ? plane.alarmTags(region, arn) : dashboards.tags(arn);
    if (tags == null) {
      String type = alarm ? "alarm" : "dashboard";
      String id = alarm ? arn.substring(arn.indexOf(":alarm:") + 7) : arn.substring(arn.indexOf(":dashboard/") + 11);
      throw SimServiceErrors.cwResourceNotFound(type, id, "The specified " + type + " does not exist: " + arn);
    }
    return tags;
  }

  private static void checkTag(Tag t) {
    if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + t.key() + "' at 'tags.member.key'"
          + " failed to satisfy constraint: Member must have length between 1 and 128");
    }
    if (t.value() == null || t.value().length() > 256) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value '" + t.value() + "' at "
          + "'tags.member.value' failed to satisfy constraint: Member must have length between 0 and 256");
    }
  }

  // ---------------------------------------------------------------------------------------------- dashboards

  @Override
  public PutDashboardResponse putDashboard(PutDashboardRequest request) {
    return call.run("PutDashboard", true, () -> {
      dashboards.put(request.dashboardName(), request.dashboardBody(), request.hasTags() ? request.tags() : null);
      return PutDashboardResponse.builder().dashboardValidationMessages(List.of()).build();
    }, r -> request.dashboardName());
  }

  @Override
  public GetDashboardResponse getDashboard(GetDashboardRequest request) {
    return call.run("GetDashboard", false, () -> {
      DashboardStore.Dashboard d = dashboards.get(request.dashboardName());
      return GetDashboardResponse.builder().dashboardName(d.name()).dashboardArn(d.arn()).dashboardBody(d.body())
          .build();
    }, r -> r.dashboardName());
  }

  @Override
  public DeleteDashboardsResponse deleteDashboards(DeleteDashboardsRequest request) {
    return call.run("DeleteDashboards", true, () -> {
      dashboards.delete(request.hasDashboardNames() ? request.dashboardNames() : List.of());
      return DeleteDashboardsResponse.builder().build();
    }, r -> String.join(", ", request.dashboardNames()));
  }

  @Override
  public ListDashboardsResponse listDashboards(ListDashboardsRequest request) {
    return call.run("ListDashboards", false, () -> {
      DashboardStore.Page p = dashboards.list(request.dashboardNamePrefix(), request.nextToken());
      return ListDashboardsResponse.builder().dashboardEntries(p.entries()).nextToken(p.nextToken()).build();
    }, r -> r.dashboardEntries().size() + " dashboards" + (r.nextToken() != null ? ", more" : ""));
  }

  // ---------------------------------------------------------------------------------------------- metrics

  @Override
  public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
    return call.run("GetMetricData", false, () -> {
      plane.evaluate();
      return GetMetricDataResponse.builder().metricDataResults(plane.getMetricData(region, request))
          .messages(List.of()).build();
    }, r -> r.metricDataResults().size() + " results");
  }
}
