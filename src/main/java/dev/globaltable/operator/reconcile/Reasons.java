package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.plan.BlockReason;
import dev.globaltable.operator.plan.Step;

/** Maps plan vocabulary (steps, block reasons) to condition reasons. */
final class Reasons {
  private Reasons() {}

  static Reason forStep(Step step) {
    if (step instanceof Step.CreateTable) {
      return Reason.TableCreating;
    } else if (step instanceof Step.AddReplica) {
      return Reason.ReplicaCreating;
    } else if (step instanceof Step.RemoveReplica) {
      return Reason.ReplicaDeleting;
    } else if (step instanceof Step.CreateIndex) {
      return Reason.IndexCreating;
    } else if (step instanceof Step.DeleteIndex) {
      return Reason.IndexDeleting;
    } else if (step instanceof Step.TagTable || step instanceof Step.UntagTable) {
      return Reason.Tagging;
    } else if (step instanceof Step.DeleteTable) {
      return Reason.TableDeleting;
    } else if (step instanceof Step.SwitchBillingMode || step instanceof Step.UpdateProvisionedThroughput
        || step instanceof Step.UpdateReplicaThroughput || step instanceof Step.UpdateOnDemandThroughput) {
      return Reason.CapacityUpdating;
    } else if (step instanceof Step.RegisterScalableTarget || step instanceof Step.PutScalingPolicy
        || step instanceof Step.DeregisterScalableTarget) {
      return Reason.AutoScalingUpdating;
    } else if (step instanceof Step.UpdateTimeToLive || step instanceof Step.UpdateEncryption
        || step instanceof Step.UpdateTableClass || step instanceof Step.UpdateReplicaTableClass
        || step instanceof Step.UpdateDeletionProtection || step instanceof Step.UpdatePointInTimeRecovery
        || step instanceof Step.UpdateContributorInsights || step instanceof Step.EnableKinesisStreaming
        || step instanceof Step.DisableKinesisStreaming) {
      return Reason.SettingsUpdating;
    } else if (step instanceof Step.PutMetricAlarm || step instanceof Step.DeleteAlarms
        || step instanceof Step.PutDashboard || step instanceof Step.DeleteDashboard) {
      return Reason.AlarmsUpdating;
    }
    return Reason.TableUpdating;
  }

  static Reason forBlock(BlockReason block) {
    return switch (block) {
      case TABLE_CREATING -> Reason.TableCreating;
      case TABLE_UPDATING, TABLE_NOT_ACTIVE, REPLICA_UPDATING, INDEX_UPDATING -> Reason.TableUpdating;
      case DECREASE_BUDGET -> Reason.WaitingForDecreaseBudget;
      case COOLDOWN -> Reason.WaitingForCooldown;
      case SETTING_UPDATING -> Reason.SettingsUpdating;
      case TABLE_DELETING -> Reason.TableDeleting;
      case REPLICA_CREATING -> Reason.ReplicaCreating;
      case REPLICA_DELETING -> Reason.ReplicaDeleting;
      case REPLICA_NOT_ACTIVE -> Reason.ReplicaUnhealthy;
      case INDEX_CREATING, INDEX_NOT_ACTIVE -> Reason.IndexCreating;
      case INDEX_DELETING -> Reason.IndexDeleting;
      case NEEDS_DEEP_OBSERVATION -> Reason.Observing;
      case TABLE_OWNED_ELSEWHERE -> Reason.TableOwnedElsewhere;
      case IMMUTABLE_MISMATCH -> Reason.ImmutableFieldMismatch;
      case NOT_ALLOWED -> Reason.NotAllowed;
      case DELETION_PROTECTED -> Reason.DeletionProtected;
      case REPLICA_FAILED -> Reason.ReplicaUnhealthy;
      case TABLE_UNHEALTHY -> Reason.TableUnhealthy;
      default -> block.isWait() ? Reason.WaitingForAws : Reason.NotAllowed;
    };
  }
}
