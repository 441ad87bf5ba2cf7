package dev.globaltable.operator.aws;

import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.plan.Step;
import java.util.Collection;
import java.util.Set;

/**
 * The operator's only port to AWS (Crossplane-style external client): observe is read-only, apply issues exactly one
 * mutating call. Neither blocks waiting for AWS; neither retries internally beyond the SDK's own retry policy.
 * Failures surface as {@link AwsCallException} with a classification.
 */
public interface AwsGateway {

  /**
   * DescribeTable in the home region, and when {@code deep} DescribeTable plus ListTagsOfResource (all pages) and the
   * per-region settings (point-in-time recovery, time to live, Contributor Insights of the table and its GSIs, Kinesis
   * streaming destinations) in each of {@code regions} (the home region included). A missing table is an observation
   * (null table), not an error.
   *
   * @param tableName table name
   * @param homeRegion home region (always described)
   * @param regions every region to describe on a deep pass (home included or not; order kept, home first)
   * @param deep whether to describe the other regions and read tags everywhere
   */
  Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep);

  /**
   * As {@link #observe(String, String, Collection, boolean)}; on a deep pass Application Auto Scaling is read where the
   * table is PROVISIONED, and also in {@code scalingRegions} (where this resource manages targets, e.g. after a switch
   * to on-demand), so that an on-demand table costs (and needs permission for) no autoscaling call.
   */
  default Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep,
      Set<String> scalingRegions) {
    return observe(tableName, homeRegion, regions, deep);
  }

  /** Issues exactly one mutating call for the step. */
  void apply(Step step);
}
