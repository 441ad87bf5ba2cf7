package dev.globaltable.operator.model;

/**
 * The four Application Auto Scaling dimensions of a DynamoDB table (reference 4.2), with the resource id and the
 * deterministic policy name the operator uses for each.
 *
 * <p>Policy names follow DynamoDB's own convention for global-table autoscaling (reference 4.3:
 * {@code DynamoDBReadCapacityUtilization:table/<t>}, GSI {@code .../table/<t>/index/<i>}), so that the policies DynamoDB
 * creates itself (write autoscaling mirrored into a new replica, default write autoscaling of a GSI added to a provisioned
 * global table) and those UpdateTableReplicaAutoScaling writes are recognised as the same policy and updated in place,
 * never duplicated.
 */
public enum CapacityDimension {
  TABLE_READ("dynamodb:table:ReadCapacityUnits", false, true),
  TABLE_WRITE("dynamodb:table:WriteCapacityUnits", false, false),
  INDEX_READ("dynamodb:index:ReadCapacityUnits", true, true),
  INDEX_WRITE("dynamodb:index:WriteCapacityUnits", true, false);

  private final String wireName;
  private final boolean index;
  private final boolean read;

  CapacityDimension(String wireName, boolean index, boolean read) {
    this.wireName = wireName;
    this.index = index;
    this.read = read;
  }

  /** ScalableDimension as AWS spells it. */
  public String wireName() {
    return wireName;
  }

  public boolean isIndex() {
    return index;
  }

  public boolean isRead() {
    return read;
  }

  /** The dimension of a table (indexName null) or index, read or write. */
  public static CapacityDimension of(boolean read, String indexName) {
    if (indexName == null) {
      return read ? TABLE_READ : TABLE_WRITE;
    }
    return read ? INDEX_READ : INDEX_WRITE;
  }

  /** The dimension with this wire name, or null. */
  public static CapacityDimension fromWireName(String wire) {
    for (CapacityDimension d : values()) {
      if (d.wireName.equals(wire)) {
        return d;
      }
    }
    return null;
  }

  /** ResourceId: {@code table/<t>} or {@code table/<t>/index/<i>}. */
  public static String resourceId(String tableName, String indexName) {
    return indexName == null ? "table/" + tableName : "table/" + tableName + "/index/" + indexName;
  }

  /** PredefinedMetricType of the target-tracking policy. */
  public String predefinedMetric() {
    return read ? "DynamoDBReadCapacityUtilization" : "DynamoDBWriteCapacityUtilization";
  }

  /** The operator's (and DynamoDB's) policy name for this dimension of {@code resourceId}. */
  public String policyName(String resourceId) {
    return predefinedMetric() + ":" + resourceId;
  }

  /** "read" or "write" capacity of "table" or "index X", for plain words. */
  public String describe(String indexName) {
    return (read ? "read" : "write") + " capacity of " + (indexName == null ? "the table" : "index " + indexName);
  }
}
