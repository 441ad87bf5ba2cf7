package dev.globaltable.operator.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Cadences and limits of the operator. Defaults follow the reference's polling guidance (no faster than ~5-10 s per
 * table while AWS is transitioning) and keep a converged table at one DescribeTable per resync.
 *
 * @param requeueBusy delay before the next pass while AWS is transitioning or a step was just applied
 * @param resync delay before the next pass once converged (the fast home-region check)
 * @param deepCheckInterval how often every region is described and tags are read even when converged
 * @param stalledRecheck delay before re-checking a stalled resource whose cause may clear outside Kubernetes
 * @param retryInitial first backoff after a transient AWS failure
 * @param retryMax longest backoff after repeated transient failures
 * @param namespaces namespaces to watch; empty = all
 * @param reconcileThreads concurrent reconciliations
 */
public record OperatorSettings(
    Duration requeueBusy,
    Duration resync,
    Duration deepCheckInterval,
    Duration stalledRecheck,
    Duration retryInitial,
    Duration retryMax,
    Set<String> namespaces,
    int reconcileThreads) {

  public OperatorSettings {
    Objects.requireNonNull(requeueBusy, "requeueBusy");
    Objects.requireNonNull(resync, "resync");
    Objects.requireNonNull(deepCheckInterval, "deepCheckInterval");
    Objects.requireNonNull(stalledRecheck, "stalledRecheck");
    Objects.requireNonNull(retryInitial, "retryInitial");
    Objects.requireNonNull(retryMax, "retryMax");
    namespaces = Set.copyOf(namespaces == null ? Set.of() : namespaces);
    if (reconcileThreads < 1) {
      throw new IllegalArgumentException("reconcileThreads must be >= 1");
    }
  }

  /** Production defaults: 10 s while busy, 5 min resync, 30 min deep check, 10 min stalled re-check. */
  public static OperatorSettings defaults() {
    return new OperatorSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(30),
        Duration.ofMinutes(10), Duration.ofSeconds(2), Duration.ofMinutes(2), Set.of(), 5);
  }

  public OperatorSettings withNamespaces(Set<String> ns) {
    return new OperatorSettings(requeueBusy, resync, deepCheckInterval, stalledRecheck, retryInitial, retryMax, ns,
        reconcileThreads);
  }

  public OperatorSettings withThreads(int threads) {
    return new OperatorSettings(requeueBusy, resync, deepCheckInterval, stalledRecheck, retryInitial, retryMax,
        namespaces, threads);
  }
}
