package dev.globaltable.operator.aws;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeyAttribute;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.Projection;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-region sequence of gateway steps and the {@link ObservedShape} that real AWS semantics produce once each
 * step has settled. Engine-neutral: {@code DynamoDbLocalGatewayTest} runs it against DynamoDB Local (adjusting for
 * Local's documented deviations), and a simulator test can run the same stages through an {@link SdkAwsGateway} over the
 * simulator, advancing its clock until {@link #settled} holds, and compare shapes with {@code equals}.
 *
 * <p>Covers: composite table key; S, N and B attributes; a KEYS_ONLY GSI, an INCLUDE GSI and an ALL LSI created with
 * the table; a stream; a GSI added later (ALL, binary hash key) and one removed (its attribute definition disappears);
 * on-demand limits set (both, then reads only) and cleared; stream disabled and re-enabled with another view type; table deleted.
 */
public final class SingleRegionScenario {

  /** One step and the shape expected once it has settled; {@code expected} null means the table is gone. */
  public record Stage(String name, Step step, ObservedShape expected) {
  }

  private SingleRegionScenario() {
  }

  private static KeyAttribute s(String name) {
    return new KeyAttribute(name, ScalarType.S);
  }

  private static final KeyAttribute PK = s("PK");
  private static final KeyAttribute SK = s("SK");
  private static final KeyAttribute CUSTOMER = s("CustomerId");
  private static final KeyAttribute STATUS = s("Status");
  private static final KeyAttribute AMOUNT = new KeyAttribute("Amount", ScalarType.N);
  private static final KeyAttribute FINGERPRINT = new KeyAttribute("Fingerprint", ScalarType.B);

  /** GSI created with the table: KEYS_ONLY, composite key. */
  public static final IndexDefinition BY_CUSTOMER =
      new IndexDefinition("ByCustomer", new KeySchema(CUSTOMER, SK), new Projection("KEYS_ONLY", List.of()));
  /** GSI created with the table: INCLUDE, hash-only key; deleted later. */
  public static final IndexDefinition BY_STATUS =
      new IndexDefinition("ByStatus", new KeySchema(STATUS, null), new Projection("INCLUDE", List.of("Total", "Currency")));
  /** GSI added by UpdateTable: ALL, binary hash key, number range key. */
  public static final IndexDefinition BY_FINGERPRINT =
      new IndexDefinition("ByFingerprint", new KeySchema(FINGERPRINT, AMOUNT), Projection.ALL);
  /** LSI: ALL. */
  public static final IndexDefinition BY_AMOUNT = new IndexDefinition("ByAmount", new KeySchema(PK, AMOUNT), Projection.ALL);

  private static ObservedIndex active(IndexDefinition d) {
    return new ObservedIndex(d, "ACTIVE", false);
  }

  private static Map<String, ScalarType> defs(KeyAttribute... attributes) {
    Map<String, ScalarType> out = new LinkedHashMap<>();
    for (KeyAttribute a : attributes) {
      out.put(a.name(), a.type());
    }
    return out;
  }

  /** The stages for table {@code table} in {@code region}, in order. */
  public static List<Stage> stages(String region, String table) {
    List<Stage> stages = new ArrayList<>();
    KeySchema keys = new KeySchema(PK, SK);

    ObservedShape created = new ObservedShape(table, "ACTIVE", keys, defs(PK, SK, AMOUNT, CUSTOMER, STATUS),
        "PAY_PER_REQUEST", OnDemandLimits.NONE, "NEW_AND_OLD_IMAGES",
        List.of(active(BY_CUSTOMER), active(BY_STATUS)), List.of(BY_AMOUNT), List.of(), false, null);
    stages.add(new Stage("create table with two GSIs, an LSI and a stream",
        new Step.CreateTable(region, table, keys, defs(PK, SK, AMOUNT, CUSTOMER, STATUS), "PAY_PER_REQUEST",
            OnDemandLimits.NONE, List.of(BY_CUSTOMER, BY_STATUS), List.of(BY_AMOUNT), "NEW_AND_OLD_IMAGES",
            Map.of("globaltable.dev/owner", "default/" + table.toLowerCase())),
        created));

    ObservedShape indexAdded = new ObservedShape(table, "ACTIVE", keys,
        defs(PK, SK, AMOUNT, CUSTOMER, STATUS, FINGERPRINT), "PAY_PER_REQUEST", OnDemandLimits.NONE,
        "NEW_AND_OLD_IMAGES", List.of(active(BY_CUSTOMER), active(BY_STATUS), active(BY_FINGERPRINT)),
        List.of(BY_AMOUNT), List.of(), false, null);
    stages.add(new Stage("add GSI ByFingerprint",
        new Step.CreateIndex(region, table, BY_FINGERPRINT, defs(PK, SK, AMOUNT, CUSTOMER, STATUS, FINGERPRINT)),
        indexAdded));

    // AWS keeps only attribute definitions that some key uses: Status goes with its index.
    ObservedShape indexDeleted = new ObservedShape(table, "ACTIVE", keys, defs(PK, SK, AMOUNT, CUSTOMER, FINGERPRINT),
        "PAY_PER_REQUEST", OnDemandLimits.NONE, "NEW_AND_OLD_IMAGES",
        List.of(active(BY_CUSTOMER), active(BY_FINGERPRINT)), List.of(BY_AMOUNT), List.of(), false, null);
    stages.add(new Stage("delete GSI ByStatus", new Step.DeleteIndex(region, table, BY_STATUS.name()), indexDeleted));

    OnDemandLimits limits = new OnDemandLimits(4000L, 2000L);
    stages.add(new Stage("set on-demand limits",
        new Step.UpdateOnDemandThroughput(region, table, limits), indexDeleted.withOnDemand(limits)));
    OnDemandLimits readOnly = new OnDemandLimits(1000L, null);
    stages.add(new Stage("limit reads only",
        new Step.UpdateOnDemandThroughput(region, table, readOnly), indexDeleted.withOnDemand(readOnly)));
    stages.add(new Stage("clear on-demand limits",
        new Step.UpdateOnDemandThroughput(region, table, OnDemandLimits.NONE), indexDeleted));

    ObservedShape streamOff = new ObservedShape(table, "ACTIVE", keys, defs(PK, SK, AMOUNT, CUSTOMER, FINGERPRINT),
        "PAY_PER_REQUEST", OnDemandLimits.NONE, null, List.of(active(BY_CUSTOMER), active(BY_FINGERPRINT)),
        List.of(BY_AMOUNT), List.of(), false, null);
    stages.add(new Stage("disable the stream", new Step.UpdateStream(region, table, null), streamOff));
    ObservedShape keysOnlyStream = new ObservedShape(table, "ACTIVE", keys, defs(PK, SK, AMOUNT, CUSTOMER, FINGERPRINT),
        "PAY_PER_REQUEST", OnDemandLimits.NONE, "KEYS_ONLY", List.of(active(BY_CUSTOMER), active(BY_FINGERPRINT)),
        List.of(BY_AMOUNT), List.of(), false, null);
    stages.add(new Stage("enable a KEYS_ONLY stream", new Step.UpdateStream(region, table, "KEYS_ONLY"),
        keysOnlyStream));

    stages.add(new Stage("delete the table", new Step.DeleteTable(region, table), null));
    return List.copyOf(stages);
  }

  /**
   * Whether an observation is one to compare with a stage's expectation: the table is gone when it should be, or it is
   * ACTIVE with every GSI ACTIVE (no index still being created or deleted).
   */
  public static boolean settled(RegionalTable table, Stage stage) {
    if (stage.expected() == null) {
      return table == null;
    }
    return table != null && table.isActive() && table.globalSecondaryIndexes().stream().allMatch(ObservedIndex::isActive);
  }
}
