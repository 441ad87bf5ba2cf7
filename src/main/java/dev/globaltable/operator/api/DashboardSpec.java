package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** spec.dashboard: whether the operator owns a CloudWatch dashboard of the table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DashboardSpec {
  @JsonPropertyDescription("true: the operator keeps one CloudWatch dashboard (dashboards are global) with the "
      + "table's metrics from every region; false: no dashboard (the one the operator created is deleted).")
  @Required
  public Boolean enabled;

  public DashboardSpec() {}

  public DashboardSpec(Boolean enabled) {
    this.enabled = enabled;
  }
}
