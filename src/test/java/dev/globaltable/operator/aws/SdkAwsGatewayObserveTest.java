package dev.globaltable.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.RegionObservation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** observe(): which calls go where, and how their answers (and absences) become an {@link Observed}. */
class SdkAwsGatewayObserveTest {

  private static final String HOME = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String AP = "ap-northeast-1";

  private final RecordingDynamoDb aws = new RecordingDynamoDb();
  private final SdkAwsGateway gateway = new SdkAwsGateway(aws);

  private static String arn(String region) {
    return "arn:aws:dynamodb:" + region + ":111122223333:table/Orders";
  }

  private static TableDescription table(String region, String status) {
    return TableDescriptionsTest.globalTableInMotion().toBuilder().tableArn(arn(region))
        .tableId("id-" + region).tableStatus(status).build();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private void tagPages(String region, ListTagsOfResourceResponse... pages) {
    Map<String, ListTagsOfResourceResponse> byToken = new java.util.HashMap<>();
    String token = "";
    for (ListTagsOfResourceResponse page : pages) {
      byToken.put(token, page);
      token = page.nextToken();
    }
    aws.tagPages.put(arn(region), byToken);
  }

  @Test
  void aShallowPassDescribesTheHomeRegionOnly() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU, AP), false);

    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable");
    assertThat(aws.journal.get(0).request()).isEqualTo(DescribeTableRequest.builder().tableName("Orders").build());
    assertThat(o.deep()).isFalse();
    assertThat(o.regions().keySet()).containsExactly(HOME);
    assertThat(o.homeTable().tableId()).isEqualTo("id-us-east-1");
    assertThat(o.homeTable().region()).isEqualTo(HOME);
    assertThat(o.home().tags()).isNull();
  }

  @Test
  void aMissingHomeTableIsAnObservationNotAnError() {
    Observed o = gateway.observe("Orders", HOME, List.of(HOME), false);

    assertThat(o.home()).isEqualTo(new RegionObservation(HOME, null, null));
    assertThat(o.homeTable()).isNull();
  }

  @Test
  void aDeepPassDescribesEveryRegionHomeFirstAndReadsEveryTagPageWithTheRegionsOwnArn() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tables.put(EU, table(EU, "ACTIVE"));
    aws.tables.put(AP, table(AP, "CREATING"));
    tagPages(HOME,
        ListTagsOfResourceResponse.builder().tags(tag("team", "payments")).nextToken("page-2").build(),
        ListTagsOfResourceResponse.builder().tags(tag("globaltable.dev/owner", "prod/orders")).nextToken("page-3")
            .build(),
        ListTagsOfResourceResponse.builder().tags(tag("cost-center", "42")).build());
    tagPages(EU, ListTagsOfResourceResponse.builder().build());

    // Home region listed last and twice: still described once, first.
    Observed o = gateway.observe("Orders", HOME, List.of(EU, AP, HOME, EU), true);

    assertThat(aws.operations()).containsExactly(
        "us-east-1 DescribeTable",
        "us-east-1 ListTagsOfResource", "us-east-1 ListTagsOfResource", "us-east-1 ListTagsOfResource",
        "eu-west-1 DescribeTable", "eu-west-1 ListTagsOfResource",
        // CREATING: the tag APIs 404, so they are not asked.
        "ap-northeast-1 DescribeTable");
    assertThat(aws.journal.get(1).request()).isEqualTo(ListTagsOfResourceRequest.builder().resourceArn(arn(HOME))
        .build());
    assertThat(aws.journal.get(2).request()).isEqualTo(ListTagsOfResourceRequest.builder().resourceArn(arn(HOME))
        .nextToken("page-2").build());
    assertThat(aws.journal.get(3).request()).isEqualTo(ListTagsOfResourceRequest.builder().resourceArn(arn(HOME))
        .nextToken("page-3").build());
    assertThat(aws.journal.get(5).request()).isEqualTo(ListTagsOfResourceRequest.builder().resourceArn(arn(EU))
        .build());

    assertThat(o.deep()).isTrue();
    assertThat(o.regions().keySet()).containsExactly(HOME, EU, AP);
    assertThat(o.home().tags()).isEqualTo(Map.of("team", "payments", "globaltable.dev/owner", "prod/orders",
        "cost-center", "42"));
    assertThat(o.region(EU).orElseThrow().tags()).isEqualTo(Map.of());
    assertThat(o.region(EU).orElseThrow().table().tableId()).isEqualTo("id-eu-west-1");
    assertThat(o.region(EU).orElseThrow().table().region()).isEqualTo(EU);
    assertThat(o.region(AP).orElseThrow().table().status()).isEqualTo("CREATING");
    assertThat(o.region(AP).orElseThrow().tags()).isNull();
  }

  @Test
  void aDeepPassRecordsAbsentRegionsAndDoesNotReadTagsOfDeletingTables() {
    aws.tables.put(HOME, table(HOME, "DELETING"));

    Observed o = gateway.observe("Orders", HOME, List.of(HOME, EU), true);

    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable", "eu-west-1 DescribeTable");
    assertThat(o.home().tags()).isNull();
    assertThat(o.region(EU).orElseThrow()).isEqualTo(new RegionObservation(EU, null, null));
  }

  @Test
  void tagsNotFoundWhileTheTableSettlesMeanTagsNotReadableYet() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    // No tag pages scripted: ListTagsOfResource answers ResourceNotFound.

    Observed o = gateway.observe("Orders", HOME, List.of(HOME), true);

    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable", "us-east-1 ListTagsOfResource");
    assertThat(o.home().table()).isNotNull();
    assertThat(o.home().tags()).isNull();
  }

  @Test
  void aDescribeFailureInAnyRegionIsAClassifiedError() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    tagPages(HOME, ListTagsOfResourceResponse.builder().build());
    String text = "User: arn:aws:sts::111122223333:assumed-role/globaltable-operator/pod is not authorized to "
        + "perform: dynamodb:DescribeTable on resource: " + arn(EU);
    aws.fail(EU, "DescribeTable", (DynamoDbException) DynamoDbException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage(text).build())
        .build());

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME, EU), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.service()).isEqualTo("dynamodb");
          assertThat(e.operation()).isEqualTo("DescribeTable");
          assertThat(e.region()).isEqualTo(EU);
          assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
          assertThat(e.getMessage()).isEqualTo(text);
        });
  }

  @Test
  void aThrottledTagReadIsRetried() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.fail(HOME, "ListTagsOfResource", (DynamoDbException) DynamoDbException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded")
            .build())
        .build());

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RETRY);
          assertThat(e.operation()).isEqualTo("ListTagsOfResource");
          assertThat(e.region()).isEqualTo(HOME);
          assertThat(e.errorCode()).isEqualTo("ThrottlingException");
          assertThat(e.getMessage()).isEqualTo("Rate exceeded");
        });
  }

  @Test
  void aMalformedDescriptionIsTerminal() {
    aws.tables.put(HOME, table(HOME, "ACTIVE").toBuilder()
        .attributeDefinitions(TableDescriptionsTest.def("PK", "S")).build());

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), false))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.operation()).isEqualTo("DescribeTable");
          assertThat(e.errorCode()).isEqualTo("MalformedDescriptionException");
          assertThat(e.getMessage()).isEqualTo("key attribute SK of Orders is missing from AttributeDefinitions");
        });
  }

  @Test
  void aRepeatedNextTokenStopsInsteadOfLoopingForever() {
    aws.tables.put(HOME, table(HOME, "ACTIVE"));
    aws.tagPages.put(arn(HOME), Map.of(
        "", ListTagsOfResourceResponse.builder().tags(tag("a", "1")).nextToken("again").build(),
        "again", ListTagsOfResourceResponse.builder().tags(tag("b", "2")).nextToken("again").build()));

    assertThatThrownBy(() -> gateway.observe("Orders", HOME, List.of(HOME), true))
        .isInstanceOfSatisfying(AwsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.operation()).isEqualTo("ListTagsOfResource");
          assertThat(e.getMessage()).isEqualTo("ListTagsOfResource returned NextToken again twice for " + arn(HOME));
        });
    assertThat(aws.operations()).containsExactly("us-east-1 DescribeTable", "us-east-1 ListTagsOfResource",
        "us-east-1 ListTagsOfResource");
  }
}
