package dev.globaltable.operator.model;

/**
 * DescribeTable's SSEDescription in one region (reference 2.1): absent means the AWS owned key.
 *
 * @param status SSEDescription.Status verbatim (ENABLING, ENABLED, DISABLING, DISABLED, UPDATING), null when absent
 * @param sseType SSEType (AES256 or KMS), null when absent
 * @param kmsKeyArn KMSMasterKeyArn (a full key ARN in this region), null when absent
 */
public record ObservedEncryption(String status, String sseType, String kmsKeyArn) {
  /** No SSEDescription: the AWS owned key. */
  public static final ObservedEncryption AWS_OWNED = new ObservedEncryption(null, null, null);

  /** Whether KMS encryption (AWS managed or customer managed key) is in force or being put in force. */
  public boolean kms() {
    return "KMS".equals(sseType) && !"DISABLED".equals(status) && !"DISABLING".equals(status);
  }

  /** Whether AWS is changing the encryption (the table stays ACTIVE meanwhile; reference 1.4). */
  public boolean transitioning() {
    return "ENABLING".equals(status) || "DISABLING".equals(status) || "UPDATING".equals(status);
  }

  @Override
  public String toString() {
    return kms() ? "KMS key " + kmsKeyArn : "AWS owned key";
  }
}
