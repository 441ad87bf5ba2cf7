package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** Replica create/delete phases on the virtual clock, group views, and what a new replica copies (behaviours 1, 3). */
class ReplicaTimelineConformanceTest extends SimTestSupport {

  private static final Projection ALL = Projection.builder().projectionType(ProjectionType.ALL).build();

  @Test
  void emptyTableReplicaCreatePhases() {
    createActive();
    TableDescription response = addReplica(us, EU).tableDescription();
    assertThat(response.tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(response.hasReplicas()).isFalse();

    advance(5); // t+5: base UPDATING, no entry yet, replica region 404
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(describe(us).hasReplicas()).isFalse();
    assertNotFound(() -> describe(eu), "Requested resource not found: Table: Orders not found");

    advance(1); // t+6: base ACTIVE, entry CREATING
    TableDescription d = describe(us);
    assertThat(d.tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(d.replicas()).extracting(ReplicaDescription::regionName, ReplicaDescription::replicaStatusAsString)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(EU, "CREATING"));
    assertThat(d.replicas().get(0).replicaStatusPercentProgress()).isNull();
    assertThat(d.replicas().get(0).globalTableSettingsReplicationModeAsString()).isEqualTo("ENABLED_WITH_OVERRIDES");
    assertThat(d.globalTableVersion()).isEqualTo("2019.11.21");
    assertThat(d.globalTableSettingsReplicationModeAsString()).isEqualTo("ENABLED_WITH_OVERRIDES");
    advance(3);
    assertNotFound(() -> describe(eu), "Requested resource not found: Table: Orders not found");

    advance(1); // t+10: replica region table visible, CREATING
    TableDescription e = describe(eu);
    assertThat(e.tableStatusAsString()).isEqualTo("CREATING");
    assertThat(e.tableArn()).isEqualTo(arn(EU, T));
    assertThat(e.tableId()).isNotEqualTo(d.tableId());
    assertThat(e.replicas()).extracting(ReplicaDescription::regionName, ReplicaDescription::replicaStatusAsString)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(US, "ACTIVE"));

    advance(9); // t+19
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("CREATING");
    advance(1); // t+20: ACTIVE everywhere
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("ACTIVE");
    assertThat(describe(eu).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(describe(eu).globalTableVersion()).isEqualTo("2019.11.21");
  }

  @Test
  void nonEmptyTableReplicaTakesTenMinutesAndReportsProgress() {
    createActive();
    aws.putItems(US, T, 1);
    addReplica(us, EU);
    advance(6);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(describe(us).replicas().get(0).replicaStatusPercentProgress()).isEqualTo("1");
    advance(294); // t+300
    ReplicaDescription entry = describe(us).replicas().get(0);
    assertThat(entry.replicaStatusAsString()).isEqualTo("CREATING");
    assertThat(entry.replicaStatusPercentProgress()).isEqualTo("50");
    advance(299); // t+599
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("CREATING");
    advance(1); // t+600
    entry = describe(us).replicas().get(0);
    assertThat(entry.replicaStatusAsString()).isEqualTo("ACTIVE");
    assertThat(entry.replicaStatusPercentProgress()).isNull();
    assertThat(describe(eu).itemCount()).isEqualTo(1L);
  }

  @Test
  void replicaDeletePhases() {
    createGlobal();
    removeReplica(us, EU);
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    advance(34); // t+34: base UPDATING, entry still ACTIVE
    assertThat(describe(us).tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("ACTIVE");
    assertThat(describe(eu).tableStatusAsString()).isEqualTo("ACTIVE");

    advance(1); // t+35: base ACTIVE, entry DELETING, replica table DELETING
    assertThat(describe(us).tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("DELETING");
    assertThat(describe(eu).tableStatusAsString()).isEqualTo("DELETING");

    advance(89); // t+124
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("DELETING");
    advance(1); // t+125: entry gone; the base is a regional table again (keys absent)
    TableDescription d = describe(us);
    assertThat(d.hasReplicas()).isFalse();
    assertThat(d.globalTableVersion()).isNull();
    assertThat(d.globalTableSettingsReplicationModeAsString()).isNull();
    assertThat(describe(eu).tableStatusAsString()).isEqualTo("DELETING");
    // The stream stays on the base after the last replica is removed.
    assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);

    advance(19); // t+144
    assertThat(aws.inspect().tableExists(EU, T)).isTrue();
    advance(1); // t+145
    assertNotFound(() -> describe(eu), "Requested resource not found: Table: Orders not found");
  }

  @Test
  void replicasListOtherMembersInCreationOrderAsSeenFromEachRegion() {
    createGlobal();
    addReplica(us, AP);
    advance(20);
    assertThat(aws.inspect().replicaRegions(US, T)).containsExactly(EU, AP);
    assertThat(aws.inspect().replicaRegions(EU, T)).containsExactly(US, AP);
    assertThat(aws.inspect().replicaRegions(AP, T)).containsExactly(US, EU);
    assertThat(List.of(describe(us).tableId(), describe(eu).tableId(), describe(ap).tableId()))
        .doesNotHaveDuplicates();
  }

  @Test
  void newReplicaCopiesDefinitionButNotTagsOrDeletionProtection() {
    us.createTable(table(T)
        .attributeDefinitions(attr("PK"), attr("SK"), attr("Customer"), attr("Created"))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByCustomer").keySchema(hash("Customer"))
            .projection(ALL).onDemandThroughput(o -> o.maxReadRequestUnits(100L).maxWriteRequestUnits(50L)).build())
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("ByCreated")
            .keySchema(hash("PK"), range("Created")).projection(ALL).build())
        .onDemandThroughput(o -> o.maxReadRequestUnits(4000L).maxWriteRequestUnits(2000L))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))
        .deletionProtectionEnabled(true)
        .tags(Tag.builder().key("team").value("payments").build())
        .build());
    advance(6);
    addReplica(us, EU);
    advance(20);
    TableDescription home = describe(us);
    TableDescription copy = describe(eu);
    assertThat(copy.keySchema()).isEqualTo(home.keySchema());
    assertThat(copy.attributeDefinitions()).isEqualTo(home.attributeDefinitions());
    assertThat(copy.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(copy.onDemandThroughput()).isEqualTo(home.onDemandThroughput());
    assertThat(copy.globalSecondaryIndexes().get(0).indexName()).isEqualTo("ByCustomer");
    assertThat(copy.globalSecondaryIndexes().get(0).indexStatusAsString()).isEqualTo("ACTIVE");
    assertThat(copy.globalSecondaryIndexes().get(0).indexArn()).isEqualTo(arn(EU, T) + "/index/ByCustomer");
    assertThat(copy.globalSecondaryIndexes().get(0).onDemandThroughput().maxReadRequestUnits()).isEqualTo(100L);
    assertThat(copy.localSecondaryIndexes().get(0).indexArn()).isEqualTo(arn(EU, T) + "/index/ByCreated");
    // An existing stream type is kept and copied; each region has its own stream ARN.
    assertThat(copy.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
    assertThat(home.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
    assertThat(copy.latestStreamArn()).startsWith(arn(EU, T) + "/stream/");
    // Never propagated.
    assertThat(aws.inspect().tags(EU, T)).isEmpty();
    assertThat(aws.inspect().tags(US, T)).isEqualTo(Map.of("team", "payments"));
    assertThat(copy.deletionProtectionEnabled()).isFalse();
    assertThat(home.replicas().get(0).globalSecondaryIndexes().get(0).indexName()).isEqualTo("ByCustomer");
  }

  @Test
  void addingReplicaEnablesNewAndOldImagesStreamWhenNone() {
    createActive();
    assertThat(describe(us).streamSpecification()).isNull();
    addReplica(us, EU);
    assertThat(describe(us).streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(describe(us).latestStreamArn()).isEqualTo(arn(US, T) + "/stream/2026-11-23T10:00:06.000");
    advance(20);
    assertThat(describe(eu).streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
  }

  @Test
  void replicaCreateFailureInjected() {
    createActive();
    aws.faults().failReplicaCreate(EU);
    addReplica(us, EU);
    advance(10);
    assertNotFound(() -> describe(eu), "Requested resource not found: Table: Orders not found");
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("CREATING");
    advance(10);
    ReplicaDescription entry = describe(us).replicas().get(0);
    assertThat(entry.replicaStatusAsString()).isEqualTo("CREATION_FAILED");
    assertThat(entry.replicaStatusDescription()).isEqualTo("Replica creation failed in region eu-west-1: failure "
        + "injected by the simulator (Faults.failReplicaCreate)");
    assertThat(aws.inspect().tableExists(EU, T)).isFalse();
    // The failed member is still a member: re-adding is refused, deleting it works, then re-adding works (one shot).
    assertValidation(() -> addReplica(us, EU), FAILED_TO_CREATE);
    removeReplica(us, EU);
    advance(145);
    assertThat(describe(us).hasReplicas()).isFalse();
    addReplica(us, EU);
    advance(20);
    assertThat(aws.inspect().replicaStatus(US, T, EU)).contains("ACTIVE");
  }

  @Test
  void replicaReAddableOnlyOnceTheOldTableIsGone() {
    createGlobal();
    removeReplica(us, EU);
    advance(35);
    // Entry DELETING: the region is still a member.
    assertValidation(() -> addReplica(us, EU), FAILED_TO_CREATE);
    advance(95); // t+130: entry gone, replica-region table still DELETING
    assertThat(describe(us).hasReplicas()).isFalse();
    assertValidation(() -> addReplica(us, EU), FAILED_TO_CREATE);
    advance(15); // t+145: gone
    assertThat(addReplica(us, EU).tableDescription().tableStatusAsString()).isEqualTo("UPDATING");
  }
}
