package dev.globaltable.operator.model;

/**
 * Server-side encryption at rest. The type is group-wide (set in the home region, fans out); with a customer managed key
 * each region has its own key, in that region (reference 3).
 */
public enum EncryptionType {
  /** The AWS owned key (AWS's default; DescribeTable has no SSEDescription, or SSE DISABLED). */
  AWS_OWNED("AwsOwned"),
  /** The AWS managed key alias/aws/dynamodb of each region (SSEType KMS without a key id). */
  AWS_MANAGED("AwsManaged"),
  /** A customer managed KMS key per region (SSEType KMS with KMSMasterKeyId). */
  CUSTOMER_MANAGED("CustomerManaged");

  private final String specName;

  EncryptionType(String specName) {
    this.specName = specName;
  }

  /** The spelling in spec.encryption.type. */

  public static EncryptionType fromSpec(String value) {
    for (EncryptionType t : values()) {
      if (t.specName.equals(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown encryption type " + value);
  }

  @Override
  public String toString() {
    return specName;
  }
}
