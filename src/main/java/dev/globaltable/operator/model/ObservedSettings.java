package dev.globaltable.operator.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-region settings AWS reports through their own Describe calls in one region, read on deep passes only
 * (DescribeTable carries deletion protection, table class and encryption; see {@link RegionalTable}). A null field was
 * not read (the call failed softly or the table could not answer yet).
 *
 * @param pointInTimeRecovery DescribeContinuousBackups' PointInTimeRecoveryDescription
 * @param timeToLive DescribeTimeToLive
 * @param contributorInsights DescribeContributorInsights of the table
 * @param indexContributorInsights DescribeContributorInsights of each GSI in this region, by index name
 * @param kinesisDestinations DescribeKinesisStreamingDestination, every entry in AWS order (DISABLED ones included)
 */
public record ObservedSettings(
    PointInTimeRecovery pointInTimeRecovery,
    TimeToLiveState timeToLive,
    ContributorInsightsState contributorInsights,
    Map<String, ContributorInsightsState> indexContributorInsights,
    List<KinesisDestination> kinesisDestinations) {

  public ObservedSettings {
    indexContributorInsights = indexContributorInsights == null ? null : Map.copyOf(indexContributorInsights);
    kinesisDestinations = kinesisDestinations == null ? null : List.copyOf(kinesisDestinations);
  }

  /**
   * DescribeTimeToLive.
   *
   * @param status TimeToLiveStatus verbatim: ENABLING, ENABLED, DISABLING, DISABLED
   * @param attributeName AttributeName, null when AWS reports none
   */
  public record TimeToLiveState(String status, String attributeName) {
    /** ENABLED or ENABLING. */
    public boolean enabled() {
      return "ENABLED".equals(status) || "ENABLING".equals(status);
    }

    public boolean transitioning() {
      return "ENABLING".equals(status) || "DISABLING".equals(status);
    }

    @Override
    public String toString() {
      return enabled() ? status + " on " + attributeName : status;
    }
  }

  /**
   * DescribeContributorInsights.
   *
   * @param status ContributorInsightsStatus verbatim: ENABLING, ENABLED, DISABLING, DISABLED, FAILED
   * @param failure FailureException "code: message" when FAILED, else null
   */
  public record ContributorInsightsState(String status, String failure) {
    public static final ContributorInsightsState DISABLED = new ContributorInsightsState("DISABLED", null);

    /** ENABLED or ENABLING. */
    public boolean enabled() {
      return "ENABLED".equals(status) || "ENABLING".equals(status);
    }

    public boolean failed() {
      return "FAILED".equals(status);
    }

    public boolean transitioning() {
      return "ENABLING".equals(status) || "DISABLING".equals(status);
    }
  }

  /**
   * One KinesisDataStreamDestination.
   *
   * @param streamArn StreamArn
   * @param status DestinationStatus verbatim: ENABLING, ACTIVE, DISABLING, DISABLED, ENABLE_FAILED, UPDATING
   * @param description DestinationStatusDescription, may be null
   */
  public record KinesisDestination(String streamArn, String status, String description) {
    /** ENABLING, ACTIVE or UPDATING: the table streams (or is about to stream) to it. */
    public boolean live() {
      return "ACTIVE".equals(status) || "ENABLING".equals(status) || "UPDATING".equals(status);
    }
  }

  /** The live destination (AWS allows at most one), if any. */
  public Optional<KinesisDestination> liveDestination() {
    return kinesisDestinations == null ? Optional.empty()
        : kinesisDestinations.stream().filter(KinesisDestination::live).findFirst();
  }

  /** The entry for {@code streamArn}: its live one if any, else its last one in AWS order. */
  public Optional<KinesisDestination> destination(String streamArn) {
    if (kinesisDestinations == null) {
      return Optional.empty();
    }
    KinesisDestination found = null;
    for (KinesisDestination d : kinesisDestinations) {
      if (d.streamArn().equals(streamArn) && (found == null || !found.live())) {
        found = d;
      }
    }
    return Optional.ofNullable(found);
  }
}
