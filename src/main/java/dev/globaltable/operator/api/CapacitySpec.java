package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Provisioned capacity of one dimension (read or write, of the table or of an index): either fixed {@code units} or
 * {@code autoscaling}, exactly one of them. The operator never writes capacity it autoscales.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.units) != has(self.autoscaling)",
    message = "capacity must set exactly one of units and autoscaling")
public class CapacitySpec {
  @JsonPropertyDescription("Fixed capacity units (>= 1). Exclusive with autoscaling.")
  @Min(1)
  public Long units;

  @JsonPropertyDescription("Capacity managed by Application Auto Scaling between min and max. Exclusive with units.")
  public AutoScalingSpec autoscaling;

  public CapacitySpec() {}

  /** Fixed capacity. */
  public static CapacitySpec units(long units) {
    CapacitySpec c = new CapacitySpec();
    c.units = units;
    return c;
  }

  /** Autoscaled capacity. */
  public static CapacitySpec autoscaling(AutoScalingSpec autoscaling) {
    CapacitySpec c = new CapacitySpec();
    c.autoscaling = autoscaling;
    return c;
  }
}
