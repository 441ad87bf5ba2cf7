package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.Replica;
import software.amazon.awssdk.services.dynamodb.model.ReplicaUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** Error shapes, fault injection, the journal, legacy APIs, unknown regions and thread-safety (behaviours 4-7). */
class FaultsJournalAndErrorShapeTest extends SimTestSupport {

  @Test
  void errorsLookLikeTheRealSdks() {
    DynamoDbException e = awsError(() -> describe(us));
    assertThat(e).isInstanceOf(ResourceNotFoundException.class);
    assertThat(e.awsErrorDetails().serviceName()).isEqualTo("DynamoDb");
    assertThat(e.awsErrorDetails().sdkHttpResponse().statusCode()).isEqualTo(400);
    assertThat(e.requestId()).matches("[A-Z0-9]{52}");
    assertThat(e.getMessage()).isEqualTo("Requested resource not found: Table: Orders not found (Service: "
        + "DynamoDb, Status Code: 400, Request ID: " + e.requestId() + ")");
    // ValidationException is not a modelled shape: exactly the base class.
    DynamoDbException v = assertValidation(() -> us.updateTable(b -> b.tableName(T)), "At least one of "
        + "ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, "
        + "ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
        + "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required");
    assertThat(v.getMessage()).startsWith("At least one of").contains("(Service: DynamoDb, Status Code: 400,");
  }

  @Test
  void throttlingFaultChangesNothingAndIsJournalled() {
    aws.faults().throttleRate(1.0);
    DynamoDbException e = awsError(() -> us.createTable(table(T).build()));
    assertThat(e).isInstanceOf(ThrottlingException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
    assertThat(e.statusCode()).isEqualTo(400);
    JournalEntry last = aws.journal().entries().get(aws.journal().entries().size() - 1);
    assertThat(last.operation()).isEqualTo("CreateTable");
    assertThat(last.outcome()).isEqualTo("ThrottlingException");
    assertThat(last.mutating()).isTrue();
    aws.faults().clear();
    assertThat(aws.inspect().tableExists(US, T)).isFalse();
    // Reads are throttled too.
    createActive();
    aws.faults().throttleRate(1.0);
    assertThat(awsError(() -> describe(us))).isInstanceOf(ThrottlingException.class);
  }

  @Test
  void throttleNextRefusesOnlyTheNextCallOfThatOperation() {
    aws.faults().throttleNext("CreateTable");
    assertThat(awsError(() -> describe(us))).isInstanceOf(ResourceNotFoundException.class);
    DynamoDbException e = awsError(() -> us.createTable(table(T).build()));
    assertThat(e).isInstanceOf(ThrottlingException.class);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
    assertThat(aws.inspect().tableExists(US, T)).isFalse();
    us.createTable(table(T).build());
    assertThat(aws.journal().entries()).extracting(JournalEntry::operation, JournalEntry::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple("DescribeTable", "ResourceNotFoundException"),
        org.assertj.core.groups.Tuple.tuple("CreateTable", "ThrottlingException"),
        org.assertj.core.groups.Tuple.tuple("CreateTable", "OK"));
  }

  @Test
  void internalErrorFaultIsHttp500() {
    createActive();
    aws.faults().internalErrorRate(1.0);
    DynamoDbException e = awsError(() -> us.updateTable(b -> b.tableName(T).deletionProtectionEnabled(true)));
    assertThat(e).isInstanceOf(InternalServerErrorException.class);
    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
    aws.faults().clear();
    assertThat(describe(us).deletionProtectionEnabled()).isFalse();
  }

  @Test
  void seededFaultsAreDeterministic() {
    assertThat(outcomes(7)).isEqualTo(outcomes(7)).contains("OK", "ThrottlingException");
  }

  private List<String> outcomes(long seed) {
    SimulatedAws sim = new SimulatedAws(SimClock.manual(T0), ACCOUNT, List.of(US));
    sim.faults().seed(seed).throttleRate(0.5);
    DynamoDbClient c = sim.dynamoDb(US);
    for (int i = 0; i < 20; i++) {
      catchThrowable(() -> c.listTables(b -> { }));
    }
    return sim.journal().entries().stream().map(JournalEntry::outcome).toList();
  }

  @Test
  void latencyIsJournalledNeverSlept() {
    aws.faults().latency(Duration.ofMillis(250));
    long wall = System.nanoTime();
    us.listTables(b -> { });
    assertThat(System.nanoTime() - wall).isLessThan(Duration.ofMillis(250).toNanos());
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(aws.journal().entries().get(0).message()).endsWith("(latency 250 ms)");
  }

  @Test
  void journalRecordsEveryCallWithVirtualTime() {
    aws.journal().mark("start");
    us.createTable(table(T).build());
    advance(6);
    assertInUse(() -> us.createTable(table(T).build()), "Table already exists: Orders");
    describe(us);
    us.tagResource(b -> b.resourceArn(arn(US, T)).tags(Tag.builder().key("a").value("b").build()));
    List<JournalEntry> all = aws.journal().entries();
    assertThat(all).extracting(JournalEntry::operation)
        .containsExactly("MARK", "CreateTable", "CreateTable", "DescribeTable", "TagResource");
    assertThat(all).extracting(JournalEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(all.get(0).message()).isEqualTo("start");
    assertThat(all.get(1).time()).isEqualTo(T0);
    assertThat(all.get(2).time()).isEqualTo(T0.plusSeconds(6));
    assertThat(all.get(2).outcome()).isEqualTo("ResourceInUseException");
    assertThat(all.get(2).message()).isEqualTo("Table already exists: Orders");
    assertThat(all.get(3).mutating()).isFalse();
    assertThat(all.get(3).message()).isEqualTo("Orders ACTIVE");
    assertThat(all.get(1).region()).isEqualTo(US);
    assertThat(aws.journal().mutations()).extracting(JournalEntry::operation)
        .containsExactly("CreateTable", "CreateTable", "TagResource");
    assertThat(aws.journal().failures()).hasSize(1);
    aws.journal().clear();
    assertThat(aws.journal().entries()).isEmpty();
  }

  @Test
  void legacyGlobalTableApisAreRejected() {
    createActive();
    String legacy = "One or more parameter values were invalid: DynamoDB global tables version 2017.11.29 is not "
        + "supported. We recommend using DynamoDB global tables version 2019.11.21, instead of version 2017.11.29 "
        + "(Legacy).";
    assertValidation(() -> us.createGlobalTable(b -> b.globalTableName(T)
        .replicationGroup(Replica.builder().regionName(US).build(), Replica.builder().regionName(EU).build())), legacy);
    assertValidation(() -> us.updateGlobalTable(b -> b.globalTableName(T)
        .replicaUpdates(ReplicaUpdate.builder().create(c -> c.regionName(EU)).build())), legacy);
    DynamoDbException e = awsError(() -> us.describeGlobalTable(b -> b.globalTableName(T)));
    assertThat(e).isInstanceOf(GlobalTableNotFoundException.class);
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Global table not found: Global table with name: 'Orders' does not exist.");
    e = awsError(() -> us.updateGlobalTableSettings(b -> b.globalTableName(T)
        .globalTableBillingMode("PAY_PER_REQUEST")));
    assertThat(e).isInstanceOf(GlobalTableNotFoundException.class);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Global table with name: 'Orders' does not exist.");
    assertThat(aws.inspect().replicaRegions(US, T)).isEmpty();
  }

  @Test
  void oneClientPerRegion() {
    assertThat(aws.dynamoDb(US)).isSameAs(us);
    assertThat(aws.dynamoDb(EU)).isNotSameAs(us);
    assertThat(aws.regions()).containsExactly(US, EU, AP);
    assertThat(us.serviceName()).isEqualTo("dynamodb");
  }

  @Test
  void unknownRegionClientFailsLikeAnUnresolvableEndpoint() {
    Throwable t = catchThrowable(() -> aws.dynamoDb("mars-north-1").describeTable(b -> b.tableName(T)));
    assertThat(t).isInstanceOf(SdkClientException.class).hasCauseInstanceOf(UnknownHostException.class);
    assertThat(t.getCause()).hasMessageContaining("dynamodb.mars-north-1.amazonaws.com");
    JournalEntry e = aws.journal().entries().get(0);
    assertThat(e.outcome()).isEqualTo("SdkClientException");
    assertThat(e.region()).isEqualTo("mars-north-1");
  }

  @Test
  void concurrentCallersAreSerialised() throws Exception {
    createActive();
    aws.journal().clear();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int th = 0; th < 4; th++) {
        int n = th;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            describe(us);
            int k = i;
            catchThrowable(() -> us.tagResource(b -> b.resourceArn(arn(US, T))
                .tags(Tag.builder().key("t" + n).value("v" + k).build())));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<JournalEntry> entries = aws.journal().entries();
    assertThat(entries).hasSize(400);
    assertThat(entries.stream().map(JournalEntry::seq).distinct().count()).isEqualTo(400);
    // With the clock frozen, only the first effective tag write gets through the 2 s tag lock.
    assertThat(entries.stream().filter(e -> e.operation().equals("TagResource") && e.ok()).count()).isEqualTo(1);
  }
}
