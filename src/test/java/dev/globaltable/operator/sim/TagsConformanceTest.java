package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** TagResource / UntagResource / ListTagsOfResource (reference 7.3). */
class TagsConformanceTest extends SimTestSupport {

  private static Tag tag(String k, String v) {
    return Tag.builder().key(k).value(v).build();
  }

  @Test
  void listIsPaginatedByTen() {
    createActive();
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      tags.add(tag(String.format("k%02d", i), "v" + i));
    }
    us.tagResource(b -> b.resourceArn(arn(US, T)).tags(tags));
    Map<String, String> seen = new LinkedHashMap<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListTagsOfResourceResponse page = us.listTagsOfResource(b -> b.resourceArn(arn(US, T)).nextToken(t));
      page.tags().forEach(x -> seen.put(x.key(), x.value()));
      token = page.nextToken();
      pages++;
      assertThat(page.tags()).hasSize(pages < 3 ? 10 : 3);
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(23).containsEntry("k22", "v22");
  }

  @Test
  void otherRegionsArnIsInvalid() {
    createGlobal();
    assertValidation(() -> eu.tagResource(b -> b.resourceArn(arn(US, T)).tags(tag("a", "b"))),
        "Invalid TableArn: Invalid ResourceArn provided as input " + arn(US, T));
    assertValidation(() -> eu.listTagsOfResource(b -> b.resourceArn(arn(US, T))),
        "Invalid TableArn: Invalid ResourceArn provided as input " + arn(US, T));
    eu.tagResource(b -> b.resourceArn(arn(EU, T)).tags(tag("a", "b")));
    assertThat(aws.inspect().tags(EU, T)).isEqualTo(Map.of("a", "b"));
    assertThat(aws.inspect().tags(US, T)).isEmpty();
  }

  @Test
  void moreThanFiftyUserTagsIsAValidationError() {
    createActive();
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(tag("k" + i, "v"));
    }
    us.tagResource(b -> b.resourceArn(arn(US, T)).tags(fifty));
    advance(2);
    assertValidation(() -> us.tagResource(b -> b.resourceArn(arn(US, T)).tags(tag("one-more", "v"))),
        "Number of Tags exceed the current limit for the provided ResourceArn");
    assertThat(aws.inspect().tags(US, T)).hasSize(50);
  }

  @Test
  void tagLockAfterAnEffectiveWrite() {
    createActive();
    us.tagResource(b -> b.resourceArn(arn(US, T)).tags(tag("a", "1")));
    assertLimitExceeded(() -> us.tagResource(b -> b.resourceArn(arn(US, T)).tags(tag("b", "2"))),
        "Subscriber limit exceeded: Table tags are being updated: Orders");
    assertLimitExceeded(() -> us.untagResource(b -> b.resourceArn(arn(US, T)).tagKeys("a")),
        "Subscriber limit exceeded: Table tags are being updated: Orders");
    assertInUse(() -> us.deleteTable(b -> b.tableName(T)),
        "Attempt to change a resource which is still in use: Table tags are being updated: Orders");
    advance(2);
    // A write that changes nothing takes no lock.
    us.tagResource(b -> b.resourceArn(arn(US, T)).tags(tag("a", "1")));
    us.untagResource(b -> b.resourceArn(arn(US, T)).tagKeys("a"));
    assertThat(aws.inspect().tags(US, T)).isEmpty();
  }

  @Test
  void tagApisDuringCreatingAreResourceNotFound() {
    us.createTable(table(T).build());
    String text = "Requested resource not found: ResourceArn: " + arn(US, T) + " not found";
    assertNotFound(() -> us.tagResource(b -> b.resourceArn(arn(US, T)).tags(tag("a", "b"))), text);
    assertNotFound(() -> us.listTagsOfResource(b -> b.resourceArn(arn(US, T))), text);
    advance(6);
    assertThat(us.listTagsOfResource(b -> b.resourceArn(arn(US, T))).tags()).isEmpty();
  }

  @Test
  void awsPrefixIsReservedAndShapesAreChecked() {
    createActive();
    assertValidation(() -> us.tagResource(b -> b.resourceArn(arn(US, T)).tags(tag("aws:owner", "x"))),
        "Tag Key cannot be prefixed with aws:, Key: aws:owner");
    assertValidation(() -> us.tagResource(b -> b.resourceArn(arn(US, T)).tags(List.of())),
        "Atleast one Tag needs to be provided as Input.");
    assertValidation(() -> us.tagResource(b -> b.resourceArn(arn(US, T) + "/index/G").tags(tag("a", "b"))),
        "One or more parameter values were invalid: Invalid resource arn provided, only table or stream is "
            + "accepted. Provided resource arn: " + arn(US, T) + "/index/G");
    assertThat(aws.inspect().tags(US, T)).isEmpty();
  }
}
