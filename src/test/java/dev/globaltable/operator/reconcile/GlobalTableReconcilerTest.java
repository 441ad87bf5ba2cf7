package dev.globaltable.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.aws.AwsCallException;
import dev.globaltable.operator.aws.AwsGateway;
import dev.globaltable.operator.aws.ErrorKind;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.plan.Step;
import dev.globaltable.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's decisions with a scripted gateway (no Kubernetes, no simulator): what happens to a step AWS rejects,
 * to AWS's "busy" answers, and to the Ready condition on a transient failure.
 */
class GlobalTableReconcilerTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  private final List<String> events = new ArrayList<>();
  private final ScriptedGateway aws = new ScriptedGateway();
  private final OperatorSettings settings = new OperatorSettings(Duration.ofSeconds(10), Duration.ofMinutes(5),
      Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofSeconds(2), Duration.ofMinutes(2), Set.of(), 1);
  private final GlobalTableReconciler reconciler = new GlobalTableReconciler(aws, new EventRecorder() {
    @Override
    public void normal(GlobalTable resource, String reason, String message) {
      events.add("Normal " + reason + ": " + message);
    }

    @Override
    public void warning(GlobalTable resource, String reason, String message) {
      events.add("Warning " + reason + ": " + message);
    }
  }, clock, settings, PassListener.NONE);

  /** Observes "no table anywhere", so the plan's first step is CreateTable; apply fails as scripted. */
  static final class ScriptedGateway implements AwsGateway {
    final List<Step> applied = new ArrayList<>();
    AwsCallException failApply;
    AwsCallException failObserve;

    @Override
    public Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep) {
      if (failObserve != null) {
        throw failObserve;
      }
      return new Observed(homeRegion, Map.of(homeRegion, new RegionObservation(homeRegion, null, null)), deep);
    }

    @Override
    public void apply(Step step) {
      applied.add(step);
      if (failApply != null) {
        throw failApply;
      }
    }
  }

  private static GlobalTable carts(long generation) {
    GlobalTable gt = OperatorHarness.sample("orders-single-region.yaml");
    gt.getMetadata().setUid("uid-1");
    gt.getMetadata().setGeneration(generation);
    return gt;
  }

  private static Condition condition(GlobalTable gt, String type) {
    return gt.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  private static AwsCallException error(ErrorKind kind, String code, String message) {
    return new AwsCallException(kind, "dynamodb", "CreateTable", "us-east-1", code, message, null);
  }

  @Test
  void aStepAwsRejectedIsNotSentAgainUntilTheSpecChanges() {
    aws.failApply = error(ErrorKind.TERMINAL, "ValidationException", "One or more parameter values were invalid");
    GlobalTable gt = carts(1);

    UpdateControl<GlobalTable> first = reconciler.reconcile(gt, null);
    assertThat(aws.applied).hasSize(1);
    assertThat(condition(gt, "Stalled").getReason()).isEqualTo("AwsRejected");
    assertThat(condition(gt, "Stalled").getMessage()).isEqualTo("create table Carts in us-east-1: CreateTable in "
        + "us-east-1 failed: ValidationException: One or more parameter values were invalid");
    assertThat(first.getScheduleDelay()).contains(Duration.ofMinutes(10).toMillis());

    reconciler.reconcile(gt, null);
    reconciler.reconcile(gt, null);
    assertThat(aws.applied).as("not re-sent for the same generation").hasSize(1);
    assertThat(condition(gt, "Stalled").getStatus()).isEqualTo("True");
    assertThat(events.stream().filter(e -> e.startsWith("Warning AwsRejected"))).hasSize(1);

    GlobalTable changed = carts(2);
    changed.setStatus(gt.getStatus());
    reconciler.reconcile(changed, null);
    assertThat(aws.applied).as("a new generation may try again").hasSize(2);
  }

  @Test
  void aBusyAnswerReschedulesAfterTheWaitItImplies() {
    aws.failApply = error(ErrorKind.WAIT, "ValidationException", "Replica cannot be deleted because it has acted as "
        + "a source region for new replica(s) being added to the table in the last 24 hours.");
    GlobalTable gt = carts(1);

    UpdateControl<GlobalTable> control = reconciler.reconcile(gt, null);

    assertThat(condition(gt, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(condition(gt, "Reconciling").getReason()).isEqualTo("WaitingForAws");
    assertThat(control.getScheduleDelay()).contains(Duration.ofMinutes(10).toMillis());
  }

  @Test
  void anAwsFailureWrappedByJosdksMetricsStillReadsAsAws() {
    // JOSDK's micrometer metrics hand the pass's exception on as OperatorException(cause) (run has metrics on).
    aws.failApply = null;
    GlobalTable gt = carts(1);
    reconciler.reconcile(gt, null);
    AwsCallException throttled = error(ErrorKind.RETRY, "ThrottlingException", "Rate exceeded");

    reconciler.updateErrorStatus(gt, null, new io.javaoperatorsdk.operator.OperatorException(throttled));

    assertThat(condition(gt, "Reconciling").getReason()).isEqualTo("AwsUnavailable");
    assertThat(condition(gt, "Reconciling").getMessage())
        .isEqualTo("CreateTable in us-east-1 failed: ThrottlingException: Rate exceeded (retrying)");
  }

  @Test
  void aTransientFailureKeepsReadyAndOnlyReconcilingSaysARetryIsUnderWay() {
    aws.failApply = null;
    GlobalTable gt = carts(1);
    reconciler.reconcile(gt, null);
    Condition ready = condition(gt, "Ready");

    AwsCallException throttled = error(ErrorKind.RETRY, "ThrottlingException", "Rate exceeded");
    var control = reconciler.updateErrorStatus(gt, null, throttled);

    assertThat(control.getResource()).isPresent();
    assertThat(condition(gt, "Ready")).isEqualTo(ready);
    assertThat(condition(gt, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(condition(gt, "Reconciling").getReason()).isEqualTo("AwsUnavailable");
    assertThat(condition(gt, "Reconciling").getMessage())
        .isEqualTo("CreateTable in us-east-1 failed: ThrottlingException: Rate exceeded (retrying)");
  }

  @Test
  void aReadAwsRefusesIsStalledWithoutAnyMutation() {
    aws.failObserve = new AwsCallException(ErrorKind.TERMINAL, "dynamodb", "DescribeTable", "us-east-1",
        "AccessDeniedException", "User is not authorized to perform: dynamodb:DescribeTable", null);
    GlobalTable gt = carts(1);

    reconciler.reconcile(gt, null);

    assertThat(aws.applied).isEmpty();
    assertThat(condition(gt, "Stalled").getReason()).isEqualTo("AwsRejected");
    assertThat(condition(gt, "Stalled").getMessage()).isEqualTo("reading the table failed: DescribeTable in "
        + "us-east-1 failed: AccessDeniedException: User is not authorized to perform: dynamodb:DescribeTable");
    assertThat(events).containsExactly("Warning AwsRejected: " + condition(gt, "Stalled").getMessage());
  }
}
