package dev.globaltable.operator.aws;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.ObservedCapacity;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.ProvisionedUnits;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capacity calls of the home-region table of a provisioned global table, as a single-region sequence of gateway
 * steps and the {@link ObservedShape} AWS semantics give once each has settled (reference 1.2, 2.1): a PROVISIONED
 * CreateTable with GSI capacity, table and GSI throughput raised and lowered, an index created with its own capacity,
 * a switch to PAY_PER_REQUEST with on-demand limits and back to PROVISIONED seeding the table and every GSI, and the
 * table deleted. Engine-neutral like {@link SingleRegionScenario}, whose {@link SingleRegionScenario#settled} it shares:
 * run against DynamoDB Local by {@code DynamoDbLocalGatewayTest} and against the simulator by
 * {@code SimulatorMatchesScenarioTest}.
 */
public final class ProvisionedScenario {

  private ProvisionedScenario() {
  }

  private static final KeyAttribute PK = new KeyAttribute("PK", ScalarType.S);
  private static final KeyAttribute SK = new KeyAttribute("SK", ScalarType.S);
  private static final KeyAttribute CUSTOMER = new KeyAttribute("CustomerId", ScalarType.S);
  private static final KeyAttribute STATUS = new KeyAttribute("Status", ScalarType.S);

  /** GSI created with the table, with its own capacity. */
  public static final IndexDefinition BY_CUSTOMER =
      new IndexDefinition("ByCustomer", new KeySchema(CUSTOMER, SK), new Projection("KEYS_ONLY", List.of()));
  /** GSI added later by UpdateTable, with its own capacity. */
  public static final IndexDefinition BY_STATUS = new IndexDefinition("ByStatus", new KeySchema(STATUS, null),
      Projection.ALL);

  private static Map<String, ScalarType> defs(KeyAttribute... attributes) {
    Map<String, ScalarType> out = new LinkedHashMap<>();
    for (KeyAttribute a : attributes) {
      out.put(a.name(), a.type());
    }
    return out;
  }

  private static ProvisionedUnits units(long read, long write) {
    return new ProvisionedUnits(read, write);
  }

  private static ObservedIndex active(IndexDefinition d, ProvisionedUnits u) {
    return new ObservedIndex(d, "ACTIVE", false, new ObservedCapacity(u.read(), u.write(), 0, null),
        OnDemandLimits.NONE);
  }

  private static ObservedShape shape(String table, Map<String, ScalarType> defs, String billingMode,
      OnDemandLimits onDemand, ProvisionedUnits capacity, List<ObservedIndex> indexes) {
    return new ObservedShape(table, "ACTIVE", new KeySchema(PK, SK), defs, billingMode, onDemand, null, indexes,
        List.of(), List.of(), false, null, capacity);
  }

  /** The stages for table {@code table} in {@code region}, in order. */
  public static List<SingleRegionScenario.Stage> stages(String region, String table) {
    List<SingleRegionScenario.Stage> stages = new ArrayList<>();
    Map<String, ScalarType> created = defs(PK, SK, CUSTOMER);
    Map<String, ScalarType> withStatus = defs(PK, SK, CUSTOMER, STATUS);

    stages.add(new SingleRegionScenario.Stage("create a PROVISIONED table with GSI capacity",
        new Step.CreateTable(region, table, new KeySchema(PK, SK), created, "PROVISIONED", null, List.of(BY_CUSTOMER),
            List.of(), null, Map.of(), units(5, 4), Map.of("ByCustomer", units(3, 2)), null),
        shape(table, created, "PROVISIONED", OnDemandLimits.NONE, units(5, 4),
            List.of(active(BY_CUSTOMER, units(3, 2))))));

    stages.add(new SingleRegionScenario.Stage("raise the table's throughput",
        new Step.UpdateProvisionedThroughput(region, table, null, units(8, 6), false),
        shape(table, created, "PROVISIONED", OnDemandLimits.NONE, units(8, 6),
            List.of(active(BY_CUSTOMER, units(3, 2))))));

    stages.add(new SingleRegionScenario.Stage("raise the GSI's throughput",
        new Step.UpdateProvisionedThroughput(region, table, "ByCustomer", units(6, 3), false),
        shape(table, created, "PROVISIONED", OnDemandLimits.NONE, units(8, 6),
            List.of(active(BY_CUSTOMER, units(6, 3))))));

    stages.add(new SingleRegionScenario.Stage("lower the table's reads (one of the day's decreases)",
        new Step.UpdateProvisionedThroughput(region, table, null, units(4, 6), true),
        shape(table, created, "PROVISIONED", OnDemandLimits.NONE, units(4, 6),
            List.of(active(BY_CUSTOMER, units(6, 3))))));

    stages.add(new SingleRegionScenario.Stage("create GSI ByStatus with its capacity",
        new Step.CreateIndex(region, table, BY_STATUS, withStatus, units(2, 1), null),
        shape(table, withStatus, "PROVISIONED", OnDemandLimits.NONE, units(4, 6),
            List.of(active(BY_CUSTOMER, units(6, 3)), active(BY_STATUS, units(2, 1))))));

    OnDemandLimits limits = new OnDemandLimits(4000L, 2000L);
    // AWS reports 0/0 ProvisionedThroughput for the table and every index of a PAY_PER_REQUEST table (reference 2.1).
    stages.add(new SingleRegionScenario.Stage("switch to PAY_PER_REQUEST with on-demand limits",
        new Step.SwitchBillingMode(region, table, "PAY_PER_REQUEST", null, null, limits),
        shape(table, withStatus, "PAY_PER_REQUEST", limits, ObservedShape.NO_UNITS,
            List.of(active(BY_CUSTOMER, ObservedShape.NO_UNITS), active(BY_STATUS, ObservedShape.NO_UNITS)))));

    stages.add(new SingleRegionScenario.Stage("switch back to PROVISIONED seeding the table and every GSI",
        new Step.SwitchBillingMode(region, table, "PROVISIONED", units(5, 5),
            Map.of("ByCustomer", units(3, 3), "ByStatus", units(2, 2)), null),
        shape(table, withStatus, "PROVISIONED", OnDemandLimits.NONE, units(5, 5),
            List.of(active(BY_CUSTOMER, units(3, 3)), active(BY_STATUS, units(2, 2))))));

    stages.add(new SingleRegionScenario.Stage("delete the table", new Step.DeleteTable(region, table), null));
    return List.copyOf(stages);
  }
}
