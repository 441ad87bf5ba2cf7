package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * The whole life of a global table driven the way the operator drives it (one mutation, then poll DescribeTable every
 * 5 s until AWS is quiet): no call may be rejected.
 */
class HappyPathTimelineTest extends SimTestSupport {

  private long polls;

  /** Polls every 5 virtual seconds until the condition holds; returns the virtual seconds it took. */
  private long await(String what, long maxSeconds, BooleanSupplier done) {
    long waited = 0;
    while (!done.getAsBoolean()) {
      if (waited >= maxSeconds) {
        fail("timed out after " + waited + " s waiting for " + what);
      }
      advance(5);
      waited += 5;
      polls++;
    }
    return waited;
  }

  private boolean quiet(DynamoDbClient c) {
    TableDescription d = describe(c);
    return d.tableStatusAsString().equals("ACTIVE")
        && d.replicas().stream().allMatch(r -> r.replicaStatusAsString().equals("ACTIVE"))
        && d.globalSecondaryIndexes().stream().allMatch(g -> g.indexStatusAsString().equals("ACTIVE"));
  }

  private boolean gone(DynamoDbClient c) {
    try {
      describe(c);
      return false;
    } catch (ResourceNotFoundException e) {
      return true;
    }
  }

  private List<String> replicaRegions(DynamoDbClient c) {
    return describe(c).replicas().stream().map(ReplicaDescription::regionName).toList();
  }

  @Test
  void createReplicateIndexShrinkAndDelete() {
    us.createTable(table(T).tags(Tag.builder().key("globaltable.dev/owner").value("ns/orders").build()).build());
    assertThat(await("table ACTIVE", 60, () -> quiet(us))).isEqualTo(10);

    addReplica(us, EU);
    long euTook = await("eu ACTIVE", 120, () -> replicaRegions(us).equals(List.of(EU)) && quiet(us));
    assertThat(euTook).isEqualTo(20);
    eu.tagResource(b -> b.resourceArn(arn(EU, T)).tags(Tag.builder().key("globaltable.dev/owner")
        .value("ns/orders").build()));

    addReplica(us, AP);
    await("ap ACTIVE", 120, () -> replicaRegions(us).equals(List.of(EU, AP)) && quiet(us));
    assertThat(quiet(ap)).isTrue();
    assertThat(replicaRegions(ap)).containsExactly(US, EU);

    us.updateTable(b -> b.tableName(T).attributeDefinitions(attr("Customer"))
        .globalSecondaryIndexUpdates(gsiCreate("ByCustomer", "Customer")));
    await("base ACTIVE after index allocation", 60, () -> describe(us).tableStatusAsString().equals("ACTIVE"));
    for (DynamoDbClient c : List.of(us, eu, ap)) {
      GlobalSecondaryIndexDescription g = describe(c).globalSecondaryIndexes().get(0);
      assertThat(g.indexStatusAsString()).isEqualTo("CREATING");
      assertThat(g.backfilling()).isTrue();
    }
    await("index ACTIVE everywhere", 600, () -> quiet(us) && quiet(eu) && quiet(ap));
    for (DynamoDbClient c : List.of(us, eu, ap)) {
      assertThat(describe(c).globalSecondaryIndexes().get(0).indexStatusAsString()).isEqualTo("ACTIVE");
    }

    // Newest first, each until its entry is gone and its region answers ResourceNotFound.
    removeReplica(us, AP);
    await("ap removed", 600, () -> replicaRegions(us).equals(List.of(EU)) && quiet(us) && gone(ap));
    removeReplica(us, EU);
    await("eu removed", 600, () -> !describe(us).hasReplicas() && quiet(us) && gone(eu));
    assertThat(describe(us).globalTableVersion()).isNull();

    us.deleteTable(b -> b.tableName(T));
    await("table gone", 60, () -> gone(us));

    // No mutation was rejected; the only non-OK calls are the three reads that confirmed a table was gone.
    assertThat(aws.journal().mutations()).allMatch(JournalEntry::ok);
    assertThat(aws.journal().failures()).extracting(e -> e.operation() + " " + e.region() + " " + e.outcome())
        .containsExactly("DescribeTable ap-northeast-1 ResourceNotFoundException",
            "DescribeTable eu-west-1 ResourceNotFoundException", "DescribeTable us-east-1 ResourceNotFoundException");
    assertThat(aws.journal().mutations()).extracting(e -> e.operation() + " " + e.region() + " " + e.message())
        .containsExactly(
            "CreateTable us-east-1 created Orders (CREATING)",
            "UpdateTable us-east-1 ReplicaUpdates Create eu-west-1",
            "TagResource eu-west-1 tagged [globaltable.dev/owner]",
            "UpdateTable us-east-1 ReplicaUpdates Create ap-northeast-1",
            "UpdateTable us-east-1 GSI Create ByCustomer",
            "UpdateTable us-east-1 ReplicaUpdates Delete ap-northeast-1",
            "UpdateTable us-east-1 ReplicaUpdates Delete eu-west-1",
            "DeleteTable us-east-1 deleting Orders");
    assertThat(polls).isPositive();
  }
}
