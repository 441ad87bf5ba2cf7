package dev.globaltable.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * Server-side encryption at rest. The type is group-wide (set in the home region, AWS fans it out); a customer managed
 * key is regional, so with {@code CustomerManaged} every replica names its own key in spec.replicas[].kmsKeyId.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EncryptionSpec {
  @JsonPropertyDescription("AwsOwned (AWS's default key), AwsManaged (the AWS managed key alias/aws/dynamodb of each "
      + "region) or CustomerManaged (a KMS key per region: then every replica, the home region's included, sets "
      + "kmsKeyId).")
  @Required
  public EncryptionType type;

  public EncryptionSpec() {}

  public EncryptionSpec(EncryptionType type) {
    this.type = type;
  }
}
