package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Billing mode (group-wide), with on-demand throughput limits (PayPerRequest) or the table's provisioned read and write
 * capacity (Provisioned). The rules here only need the billing object; those that relate billing to the indexes and
 * replicas are on {@link GlobalTableSpec}. Every rule treats an absent mode as PayPerRequest.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.mode) || self.mode != 'Provisioned' || has(self.readCapacity)",
    message = "spec.billing.readCapacity is required when spec.billing.mode is Provisioned",
    reason = "FieldValueRequired", fieldPath = ".readCapacity")
@ValidationRule(value = "!has(self.mode) || self.mode != 'Provisioned' || has(self.writeCapacity)",
    message = "spec.billing.writeCapacity is required when spec.billing.mode is Provisioned",
    reason = "FieldValueRequired", fieldPath = ".writeCapacity")
@ValidationRule(value = "(has(self.mode) && self.mode == 'Provisioned') || !has(self.readCapacity)",
    message = "spec.billing.readCapacity is only allowed when spec.billing.mode is Provisioned",
    reason = "FieldValueForbidden", fieldPath = ".readCapacity")
@ValidationRule(value = "(has(self.mode) && self.mode == 'Provisioned') || !has(self.writeCapacity)",
    message = "spec.billing.writeCapacity is only allowed when spec.billing.mode is Provisioned",
    reason = "FieldValueForbidden", fieldPath = ".writeCapacity")
@ValidationRule(value = "!has(self.mode) || self.mode != 'Provisioned' || !has(self.maxReadRequestUnits)",
    message = "spec.billing.maxReadRequestUnits is only allowed when spec.billing.mode is PayPerRequest",
    reason = "FieldValueForbidden", fieldPath = ".maxReadRequestUnits")
@ValidationRule(value = "!has(self.mode) || self.mode != 'Provisioned' || !has(self.maxWriteRequestUnits)",
    message = "spec.billing.maxWriteRequestUnits is only allowed when spec.billing.mode is PayPerRequest",
    reason = "FieldValueForbidden", fieldPath = ".maxWriteRequestUnits")
public class BillingSpec {
  @JsonPropertyDescription("Billing mode: PayPerRequest (default, on-demand) or Provisioned (then readCapacity and "
      + "writeCapacity are required, here and on every global secondary index). Switching in either direction is "
      + "allowed.")
  @Default("PayPerRequest")
  public BillingMode mode;

  @JsonPropertyDescription("On-demand maximum read request units per second for the table (>= 1), the default of "
      + "every replica. PayPerRequest only. Absent: no limit.")
  @Min(1)
  public Long maxReadRequestUnits;

  @JsonPropertyDescription("On-demand maximum write request units per second for the table, group-wide (>= 1). "
      + "PayPerRequest only. Absent: no limit.")
  @Min(1)
  public Long maxWriteRequestUnits;

  @JsonPropertyDescription("Provisioned read capacity of the table: fixed units or autoscaling; the default of every "
      + "replica (replicas[].readCapacity overrides it per region). Required with Provisioned, forbidden otherwise.")
  public CapacitySpec readCapacity;

  @JsonPropertyDescription("Provisioned write capacity of the table, group-wide: fixed units or autoscaling. Must be "
      + "autoscaling when the table has more than one region (AWS only replicates autoscaled or on-demand write "
      + "capacity). Required with Provisioned, forbidden otherwise.")
  public CapacitySpec writeCapacity;
}
