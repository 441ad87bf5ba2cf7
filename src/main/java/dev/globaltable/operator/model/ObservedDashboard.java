package dev.globaltable.operator.model;

/**
 * The table's CloudWatch dashboard as GetDashboard returned it (dashboards are global).
 *
 * @param name DashboardName
 * @param body DashboardBody (JSON), or null when the dashboard does not exist (ResourceNotFound)
 */
public record ObservedDashboard(String name, String body) {
  public boolean exists() {
    return body != null;
  }
}
