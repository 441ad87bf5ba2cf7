package dev.globaltable.operator.model;

import java.util.Map;

/**
 * The per-region settings one region must have: the table-level default with the replica's override applied. A null
 * field is not managed: the operator leaves AWS's value as it is (and reports it), so an absent field never turns
 * anything off.
 *
 * @param pointInTimeRecovery PITR in this region, or null
 * @param tableClass AWS wire name (STANDARD, STANDARD_INFREQUENT_ACCESS), or null
 * @param deletionProtection DeletionProtectionEnabled in this region, or null
 * @param contributorInsights Contributor Insights on the table and every GSI in this region, or null
 * @param kmsKeyId the customer managed key ARN of this region (CUSTOMER_MANAGED encryption only), else null
 * @param kinesisStreamArn the Kinesis data stream this region's table streams to, or null for none (a destination this
 *     resource enabled is disabled when the spec drops it; see {@code Managed#kinesisDestinations})
 * @param tags the tags of the table in this region: table tags with the replica's tags merged over them (the owner tag
 *     not included)
 */
public record RegionSettings(
    PointInTimeRecovery pointInTimeRecovery,
    String tableClass,
    Boolean deletionProtection,
    Boolean contributorInsights,
    String kmsKeyId,
    String kinesisStreamArn,
    Map<String, String> tags) {

  /** Nothing managed, no tags. */
  public static final RegionSettings NONE = new RegionSettings(null, null, null, null, null, null, Map.of());

  public RegionSettings {
    tags = Map.copyOf(tags == null ? Map.of() : tags);
  }

  /** Nothing managed but the tags. */
  public static RegionSettings tagsOnly(Map<String, String> tags) {
    return new RegionSettings(null, null, null, null, null, null, tags);
  }

  /** AWS wire name of the default table class (absent TableClassSummary). */
  public static final String STANDARD = "STANDARD";
  /** AWS wire name of the infrequent-access table class. */
  public static final String STANDARD_INFREQUENT_ACCESS = "STANDARD_INFREQUENT_ACCESS";
}
