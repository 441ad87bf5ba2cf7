package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.api.GlobalTable;

/** Emits Kubernetes Events about a GlobalTable: one per AWS mutation and one per terminal error. */
public interface EventRecorder {
  /** A Normal event (an AWS mutation the operator made, a deletion finished). */
  void normal(GlobalTable resource, String reason, String message);

  /** A Warning event (a terminal error, a refusal). */
  void warning(GlobalTable resource, String reason, String message);
}
