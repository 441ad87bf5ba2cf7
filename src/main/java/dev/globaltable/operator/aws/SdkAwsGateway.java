package dev.globaltable.operator.aws;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.ScalarType;
import dev.globaltable.operator.plan.Step;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The {@link AwsGateway} over the AWS SDK v2 {@link DynamoDbClient}: real AWS, DynamoDB Local and the simulator alike.
 *
 * <p>observe: DescribeTable in the home region; on a deep pass also in every other region, plus ListTagsOfResource
 * (every page) with each region's own ARN wherever the table exists and is neither CREATING nor DELETING.
 *
 * <p>apply: exactly one SDK call per {@link Step}, sent to {@link Step#region()}; replica changes go to the home region
 * and never name it. The legacy 2017.11.29 global-table APIs are never called. Every mutation is logged with table,
 * region, operation and step; every failure becomes a classified {@link AwsCallException} (see {@link ErrorClassifier}).
 */
public final class SdkAwsGateway implements AwsGateway {

  private static final Logger LOG = LoggerFactory.getLogger(SdkAwsGateway.class);

  /** Table states in which the tag APIs answer ResourceNotFound or are pointless (reference 7.3). */
  private static final Set<String> TAGS_UNREADABLE_STATES = Set.of("CREATING", "DELETING");

  private final RegionalClients clients;

  public SdkAwsGateway(RegionalClients clients) {
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  @Override
  public Observed observe(String tableName, String homeRegion, Collection<String> regions, boolean deep) {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(homeRegion, "homeRegion");
    Map<String, RegionObservation> observations = new LinkedHashMap<>();
    observations.put(homeRegion, observeRegion(tableName, homeRegion, deep));
    if (deep) {
      Set<String> others = new LinkedHashSet<>(regions == null ? List.of() : regions);
      others.remove(homeRegion);
      for (String region : others) {
        observations.put(region, observeRegion(tableName, region, true));
      }
    }
    return new Observed(homeRegion, observations, deep);
  }

  private RegionObservation observeRegion(String tableName, String region, boolean readTags) {
    RegionalTable table = describe(tableName, region);
    if (!readTags || table == null || TAGS_UNREADABLE_STATES.contains(table.status())) {
      // Tags are only read on deep passes, and only where the tag APIs can answer.
      return new RegionObservation(region, table, null);
    }
    return new RegionObservation(region, table, listTags(region, table.arn()));
  }

  private RegionalTable describe(String tableName, String region) {
    DynamoDbClient client = clients.dynamoDb(region);
    try {
      var table = client.describeTable(DescribeTableRequest.builder().tableName(tableName).build()).table();
      return TableDescriptions.toRegionalTable(region, table);
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        // A missing table is an observation, not an error.
        return null;
      }
      throw ErrorClassifier.toAwsCallException(ErrorClassifier.DYNAMODB, "DescribeTable", region, e);
    }
  }

  /** Every page of ListTagsOfResource, or null when the table is not taggable yet (ResourceNotFound). */
  private Map<String, String> listTags(String region, String arn) {
    DynamoDbClient client = clients.dynamoDb(region);
    Map<String, String> tags = new HashMap<>();
    Set<String> seenTokens = new HashSet<>();
    String nextToken = null;
    try {
      do {
        ListTagsOfResourceResponse page = client.listTagsOfResource(
            ListTagsOfResourceRequest.builder().resourceArn(arn).nextToken(nextToken).build());
        for (Tag tag : page.tags()) {
          tags.put(tag.key(), tag.value());
        }
        nextToken = page.nextToken();
        if (nextToken != null && !seenTokens.add(nextToken)) {
          throw new IllegalStateException("ListTagsOfResource returned NextToken " + nextToken + " twice for " + arn);
        }
      } while (nextToken != null);
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        // Tag APIs answer ResourceNotFound during most of CREATING (reference 7.3): tags not readable yet.
        return null;
      }
      throw ErrorClassifier.toAwsCallException(ErrorClassifier.DYNAMODB, "ListTagsOfResource", region, e);
    }
    return tags;
  }

  @Override
  public void apply(Step step) {
    Objects.requireNonNull(step, "step");
    // Why a separate client: no SDK-level re-send of a mutation inside one pass (see RegionalClients).
    DynamoDbClient client = clients.dynamoDbForMutations(step.region());
    if (step instanceof Step.CreateTable s) {
      call(step, s.tableName(), "CreateTable", () -> client.createTable(createTable(s)));
    } else if (step instanceof Step.AddReplica s) {
      call(step, s.tableName(), "UpdateTable", () -> client.updateTable(addReplica(s)));
    } else if (step instanceof Step.RemoveReplica s) {
      call(step, s.tableName(), "UpdateTable", () -> client.updateTable(removeReplica(s)));
    } else if (step instanceof Step.CreateIndex s) {
      call(step, s.tableName(), "UpdateTable", () -> client.updateTable(createIndex(s)));
    } else if (step instanceof Step.DeleteIndex s) {
      call(step, s.tableName(), "UpdateTable", () -> client.updateTable(deleteIndex(s)));
    } else if (step instanceof Step.UpdateOnDemandThroughput s) {
      call(step, s.tableName(), "UpdateTable", () -> client.updateTable(updateOnDemand(s)));
    } else if (step instanceof Step.UpdateStream s) {
      call(step, s.tableName(), "UpdateTable", () -> client.updateTable(updateStream(s)));
    } else if (step instanceof Step.TagTable s) {
      call(step, tableNameOf(s.resourceArn()), "TagResource", () -> client.tagResource(tagTable(s)));
    } else if (step instanceof Step.UntagTable s) {
      call(step, tableNameOf(s.resourceArn()), "UntagResource", () -> client.untagResource(untagTable(s)));
    } else if (step instanceof Step.DeleteTable s) {
      call(step, s.tableName(), "DeleteTable",
          () -> client.deleteTable(DeleteTableRequest.builder().tableName(s.tableName()).build()));
    } else {
      // Step is sealed; a new permitted type must get its own mapping here.
      throw new IllegalArgumentException("no AWS call for step " + step.getClass().getName());
    }
  }

  /**
   * Runs the step's single SDK call and logs its outcome once, with structured key-values (table, region, operation,
   * step; on failure also kind and errorCode). Expected waits log at INFO, other failures at WARN.
   */
  private static void call(Step step, String table, String operation, Supplier<?> sdkCall) {
    LOG.atDebug().addKeyValue("table", table).addKeyValue("region", step.region())
        .addKeyValue("operation", operation).addKeyValue("step", step.describe())
        .log("-> AWS mutation requested");
    try {
      sdkCall.get();
    } catch (RuntimeException e) {
      AwsCallException failure =
          ErrorClassifier.toAwsCallException(ErrorClassifier.DYNAMODB, operation, step.region(), e);
      LOG.atLevel(failure.kind() == ErrorKind.WAIT ? Level.INFO : Level.WARN)
          .addKeyValue("table", table).addKeyValue("region", step.region())
          .addKeyValue("operation", operation).addKeyValue("step", step.describe())
          .addKeyValue("kind", failure.kind()).addKeyValue("errorCode", failure.errorCode())
          .log("-> AWS mutation not accepted: {}", failure.getMessage());
      throw failure;
    }
    // DEBUG: the reconciler logs each accepted mutation once, at INFO, with the resource it was made for.
    LOG.atDebug().addKeyValue("table", table).addKeyValue("region", step.region())
        .addKeyValue("operation", operation).addKeyValue("step", step.describe())
        .log("-> AWS mutation accepted");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Step -> request. Package-private for tests; each builds the complete request of the step's single call.

  static CreateTableRequest createTable(Step.CreateTable s) {
    CreateTableRequest.Builder b = CreateTableRequest.builder()
        .tableName(s.tableName())
        .attributeDefinitions(attributeDefinitions(s.attributeDefinitions()))
        .keySchema(keySchema(s.keySchema()))
        .billingMode(s.billingMode());
    if (!s.globalSecondaryIndexes().isEmpty()) {
      b.globalSecondaryIndexes(s.globalSecondaryIndexes().stream()
          .map(i -> GlobalSecondaryIndex.builder().indexName(i.name()).keySchema(keySchema(i.keySchema()))
              .projection(projection(i.projection())).build())
          .toList());
    }
    if (!s.localSecondaryIndexes().isEmpty()) {
      b.localSecondaryIndexes(s.localSecondaryIndexes().stream()
          .map(i -> LocalSecondaryIndex.builder().indexName(i.name()).keySchema(keySchema(i.keySchema()))
              .projection(projection(i.projection())).build())
          .toList());
    }
    if (s.onDemand() != null && !s.onDemand().isNone()) {
      b.onDemandThroughput(onDemandThroughput(s.onDemand()));
    }
    if (s.streamViewType() != null) {
      b.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(s.streamViewType())
          .build());
    }
    if (s.tags() != null && !s.tags().isEmpty()) {
      b.tags(tags(s.tags()));
    }
    return b.build();
  }

  static UpdateTableRequest addReplica(Step.AddReplica s) {
    // ReplicaUpdates must be the only thing in the request (reference 1.2) and hold exactly one action (1.3).
    return UpdateTableRequest.builder().tableName(s.tableName())
        .replicaUpdates(ReplicationGroupUpdate.builder()
            .create(CreateReplicationGroupMemberAction.builder().regionName(s.replicaRegion()).build()).build())
        .build();
  }

  static UpdateTableRequest removeReplica(Step.RemoveReplica s) {
    return UpdateTableRequest.builder().tableName(s.tableName())
        .replicaUpdates(ReplicationGroupUpdate.builder()
            .delete(DeleteReplicationGroupMemberAction.builder().regionName(s.replicaRegion()).build()).build())
        .build();
  }

  static UpdateTableRequest createIndex(Step.CreateIndex s) {
    IndexDefinition index = s.index();
    // On-demand tables: no ProvisionedThroughput on the new index (AWS rejects it for PAY_PER_REQUEST).
    return UpdateTableRequest.builder().tableName(s.tableName())
        .attributeDefinitions(attributeDefinitions(s.attributeDefinitions()))
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .create(CreateGlobalSecondaryIndexAction.builder().indexName(index.name())
                .keySchema(keySchema(index.keySchema())).projection(projection(index.projection())).build())
            .build())
        .build();
  }

  static UpdateTableRequest deleteIndex(Step.DeleteIndex s) {
    return UpdateTableRequest.builder().tableName(s.tableName())
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
            .delete(DeleteGlobalSecondaryIndexAction.builder().indexName(s.indexName()).build()).build())
        .build();
  }

  static UpdateTableRequest updateOnDemand(Step.UpdateOnDemandThroughput s) {
    OnDemandLimits limits = s.limits() == null ? OnDemandLimits.NONE : s.limits();
    return UpdateTableRequest.builder().tableName(s.tableName()).onDemandThroughput(onDemandThroughput(limits))
        .build();
  }

  static UpdateTableRequest updateStream(Step.UpdateStream s) {
    StreamSpecification spec = s.viewType() == null
        ? StreamSpecification.builder().streamEnabled(false).build()
        : StreamSpecification.builder().streamEnabled(true).streamViewType(s.viewType()).build();
    return UpdateTableRequest.builder().tableName(s.tableName()).streamSpecification(spec).build();
  }

  static TagResourceRequest tagTable(Step.TagTable s) {
    return TagResourceRequest.builder().resourceArn(s.resourceArn()).tags(tags(s.tags())).build();
  }

  static UntagResourceRequest untagTable(Step.UntagTable s) {
    return UntagResourceRequest.builder().resourceArn(s.resourceArn()).tagKeys(List.copyOf(new TreeSet<>(s.keys()))).build();
  }

  private static List<AttributeDefinition> attributeDefinitions(Map<String, ScalarType> defs) {
    List<AttributeDefinition> out = new ArrayList<>();
    defs.forEach((name, type) ->
        out.add(AttributeDefinition.builder().attributeName(name).attributeType(type.name()).build()));
    return out;
  }

  private static List<KeySchemaElement> keySchema(KeySchema ks) {
    List<KeySchemaElement> out = new ArrayList<>(2);
    out.add(KeySchemaElement.builder().attributeName(ks.partitionKey().name()).keyType("HASH").build());
    if (ks.sortKey() != null) {
      out.add(KeySchemaElement.builder().attributeName(ks.sortKey().name()).keyType("RANGE").build());
    }
    return out;
  }

  private static Projection projection(dev.globaltable.operator.model.Projection p) {
    Projection.Builder b = Projection.builder().projectionType(p.type());
    // NonKeyAttributes is only legal with INCLUDE; an empty list is omitted rather than sent as [].
    if (!p.nonKeyAttributes().isEmpty()) {
      b.nonKeyAttributes(p.nonKeyAttributes());
    }
    return b.build();
  }

  /** AWS clears a limit with -1. */
  private static OnDemandThroughput onDemandThroughput(OnDemandLimits limits) {
    return OnDemandThroughput.builder()
        .maxReadRequestUnits(limits.maxReadRequestUnits() == null ? -1L : limits.maxReadRequestUnits())
        .maxWriteRequestUnits(limits.maxWriteRequestUnits() == null ? -1L : limits.maxWriteRequestUnits())
        .build();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** Table name from {@code arn:aws:dynamodb:<region>:<account>:table/<name>} (for logs only). */
  static String tableNameOf(String arn) {
    if (arn == null) {
      return null;
    }
    int i = arn.indexOf(":table/");
    if (i < 0) {
      return arn;
    }
    String rest = arn.substring(i + ":table/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static boolean isNotFound(RuntimeException e) {
    return e instanceof ResourceNotFoundException
        || "ResourceNotFoundException".equals(ErrorClassifier.errorCode(e));
  }
}
