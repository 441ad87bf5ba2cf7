package dev.globaltable.operator.api;

/**
 * Server-side encryption types as spec.encryption.type spells them: the AWS owned key ({@code AwsOwned}, AWS's
 * default), the AWS managed key alias/aws/dynamodb of each region ({@code AwsManaged}) or a customer managed key per
 * region ({@code CustomerManaged}, then every replica sets kmsKeyId). The operator's model counterpart is
 * {@code dev.globaltable.operator.model.EncryptionType}.
 */
public enum EncryptionType { AwsOwned, AwsManaged, CustomerManaged }
