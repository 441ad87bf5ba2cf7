package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An AWS budget or cooldown holding a step until an instant (no Describe call shows these; the operator keeps them). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CooldownStatus {
  @JsonPropertyDescription("What is held: timeToLive, or \"<setting> <region>\" (encryption, tableClass, "
      + "deletionProtection).")
  public String key;

  @JsonPropertyDescription("RFC 3339 instant before which the step is not sent.")
  public String notBefore;

  @JsonPropertyDescription("The AWS rule behind it.")
  public String reason;

  public CooldownStatus() {}

  public CooldownStatus(String key, String notBefore, String reason) {
    this.key = key;
    this.notBefore = notBefore;
    this.reason = reason;
  }
}
