package dev.globaltable.operator.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * Leader election with a {@code coordination.k8s.io/v1} Lease, so that several operator pods can run and only one acts.
 * Every pod starts its informers (and so becomes ready); only the Lease holder reconciles. A pod that loses the Lease
 * (it could not renew within {@link #renewDeadline()}) exits when {@link #exitOnLoss()} is set, so two pods never act at
 * once; Kubernetes restarts it as a standby.
 *
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace; null: the client's namespace (in a pod, the service account's)
 * @param identity this pod's name in the Lease; null: {@code $HOSTNAME} (the pod name), else a random UUID
 * @param leaseDuration how long a Lease stays valid without renewal (a standby takes over after it expires)
 * @param renewDeadline how long the leader keeps retrying to renew before it gives up leading
 * @param retryPeriod how often candidates try to acquire, and the leader to renew
 * @param exitOnLoss exit the process (status 1) when leadership is lost while running (not when the operator is being
 *     closed); false only in tests
 */
public record LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration,
    Duration renewDeadline, Duration retryPeriod, boolean exitOnLoss) {

  /** The Lease's default name. */
  public static final String DEFAULT_LEASE_NAME = "globaltable-operator";

  public LeaderElection {
    Objects.requireNonNull(leaseName, "leaseName");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
    if (leaseName.isBlank()) {
      throw new IllegalArgumentException("the lease name must not be empty");
    }
    if (leaseDuration.compareTo(renewDeadline) <= 0 || renewDeadline.compareTo(retryPeriod) <= 0) {
      throw new IllegalArgumentException("leader election needs leaseDuration > renewDeadline > retryPeriod, got "
          + leaseDuration + ", " + renewDeadline + ", " + retryPeriod);
    }
  }

  /** Production timings (those of Kubernetes' own controllers: 15 s lease, 10 s renew deadline, 2 s retry). */
  public static LeaderElection of(String leaseName, String leaseNamespace) {
    return new LeaderElection(leaseName, blankToNull(leaseNamespace), null, Duration.ofSeconds(15),
        Duration.ofSeconds(10), Duration.ofSeconds(2), true);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
