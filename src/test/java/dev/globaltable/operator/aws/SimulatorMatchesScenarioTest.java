package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.sim.SimClock;
import dev.globaltable.operator.sim.SimulatedAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator, reached through the same {@link SdkAwsGateway} the operator uses, must produce the same observed model
 * as DynamoDB Local (and the reference) for the same calls: the single-region scenarios that
 * {@link DynamoDbLocalGatewayTest} runs against the real engine ({@link SingleRegionScenario} and the capacity calls of
 * {@link ProvisionedScenario}), held to the same expected shape after every step.
 */
class SimulatorMatchesScenarioTest {

  @Test
  void simulatorProducesTheSameModelAsTheRealEngineAfterEveryStep() {
    run("GwScenario", SingleRegionScenario.stages("us-east-1", "GwScenario"));
  }

  @Test
  void simulatorProducesTheSameCapacityModelAsTheRealEngineAfterEveryStep() {
    run("GwProvisioned", ProvisionedScenario.stages("us-east-1", "GwProvisioned"));
  }

  private static void run(String table, List<SingleRegionScenario.Stage> stages) {
    SimClock clock = SimClock.manual(Instant.parse("2026-11-23T00:00:00Z"));
    SimulatedAws sim = new SimulatedAws(clock, "111122223333", List.of("us-east-1", "eu-west-1"));
    SdkAwsGateway gateway = new SdkAwsGateway(RegionalClients.of(sim::dynamoDb, sim::applicationAutoScaling, sim::cloudWatch), clock);
    assertThat(gateway.observe(table, "us-east-1", List.of("us-east-1"), false).homeTable()).isNull();

    for (SingleRegionScenario.Stage stage : stages) {
      gateway.apply(stage.step());
      RegionalTable observed = gateway.observe(table, "us-east-1", List.of("us-east-1"), false).homeTable();
      int ticks = 0;
      while (!SingleRegionScenario.settled(observed, stage)) {
        // Why: simulated time, advanced by the test; 30 simulated minutes bound every stage.
        assertThat(ticks++).as("stage '%s' settles within 30 simulated minutes; last: %s", stage.name(), observed)
            .isLessThan(360);
        clock.advance(Duration.ofSeconds(5));
        observed = gateway.observe(table, "us-east-1", List.of("us-east-1"), false).homeTable();
      }
      assertThat(ObservedShape.of(observed)).as(stage.name()).isEqualTo(stage.expected());
      if (observed != null) {
        assertThat(observed.arn()).isEqualTo("arn:aws:dynamodb:us-east-1:111122223333:table/" + table);
        assertThat(observed.tableId()).isNotBlank();
      }
    }
    assertThat(sim.journal().mutations()).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("OK"));
  }
}
