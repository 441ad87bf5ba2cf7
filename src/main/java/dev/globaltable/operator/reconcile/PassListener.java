package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.api.GlobalTable;

/** Hook called at the start of every reconcile or cleanup pass (tests mark the AWS call journal with it). */
@FunctionalInterface
public interface PassListener {
  PassListener NONE = resource -> { };

  void passStarted(GlobalTable resource);
}
