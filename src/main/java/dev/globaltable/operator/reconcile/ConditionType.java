package dev.globaltable.operator.reconcile;

/** kstatus condition types written on every GlobalTable. */
public enum ConditionType {
  /** The table matches the spec in every region. */
  Ready,
  /** The operator is working towards the spec (or waiting for AWS to finish a step). */
  Reconciling,
  /** The operator cannot make progress without a person changing something. */
  Stalled
}
