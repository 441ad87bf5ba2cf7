package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A setting's state as AWS reports it: a status word and, where AWS gives one, its detail. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SettingStatus {
  @JsonPropertyDescription("Status verbatim from AWS (e.g. ENABLED, ENABLING, DISABLED, FAILED, ACTIVE, ENABLE_FAILED).")
  public String status;

  @JsonPropertyDescription("What the status applies to: the TTL attribute, the Kinesis stream ARN or the index name.")
  public String name;

  @JsonPropertyDescription("AWS's detail: FailureException of Contributor Insights, DestinationStatusDescription of "
      + "a Kinesis destination.")
  public String message;

  public SettingStatus() {}

  public SettingStatus(String status, String name, String message) {
    this.status = status;
    this.name = name;
    this.message = message;
  }
}
