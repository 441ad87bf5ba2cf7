package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.IndexDefinition;
import dev.globaltable.operator.model.KeySchema;
import dev.globaltable.operator.model.OnDemandLimits;
import dev.globaltable.operator.model.ScalarType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mutating AWS call the operator may make. Each step is exactly one API call in one region. Steps are data:
 * {@link #describe()} is the plain-words line shown in {@code status.pending}.
 */
public sealed interface Step {

  /** Region whose endpoint receives the call. */
  String region();

  /** Plain words for status.pending, events and logs. */
  String describe();

  /**
   * Whether the step is an UpdateTable-class change of the global table (serialised: only the first such step may run,
   * and only when every gate passes). Per-region housekeeping (tags) is not.
   */
  default boolean tableMutation() {
    return true;
  }

  /** CreateTable in the home region. */
  record CreateTable(
      String region,
      String tableName,
      KeySchema keySchema,
      Map<String, ScalarType> attributeDefinitions,
      String billingMode,
      OnDemandLimits onDemand,
      List<IndexDefinition> globalSecondaryIndexes,
      List<IndexDefinition> localSecondaryIndexes,
      String streamViewType,
      Map<String, String> tags) implements Step {
    public String describe() {
      return "create table " + tableName + " in " + region;
    }
  }

  /** UpdateTable ReplicaUpdates[Create] sent to the home region. */
  record AddReplica(String region, String tableName, String replicaRegion) implements Step {
    public String describe() {
      return "add replica " + replicaRegion;
    }
  }

  /** UpdateTable ReplicaUpdates[Delete] sent to the home region. */
  record RemoveReplica(String region, String tableName, String replicaRegion) implements Step {
    public String describe() {
      return "remove replica " + replicaRegion;
    }
  }

  /** UpdateTable GlobalSecondaryIndexUpdates[Create] (fans out to every replica). */
  record CreateIndex(String region, String tableName, IndexDefinition index,
      Map<String, ScalarType> attributeDefinitions) implements Step {
    public String describe() {
      return "create index " + index.name();
    }
  }

  /** UpdateTable GlobalSecondaryIndexUpdates[Delete] (fans out to every replica). */
  record DeleteIndex(String region, String tableName, String indexName) implements Step {
    public String describe() {
      return "delete index " + indexName;
    }
  }

  /** UpdateTable OnDemandThroughput (group-wide); null limits are sent as -1 (no limit). */
  record UpdateOnDemandThroughput(String region, String tableName, OnDemandLimits limits) implements Step {
    public String describe() {
      return "set on-demand throughput limits to " + limits;
    }
  }

  /** UpdateTable StreamSpecification; only while the table has no replicas. viewType null disables the stream. */
  record UpdateStream(String region, String tableName, String viewType) implements Step {
    public String describe() {
      return viewType == null ? "disable the stream (to change its view type)" : "enable stream " + viewType;
    }
  }

  /** TagResource with the full desired set, in the region that owns the ARN. */
  record TagTable(String region, String resourceArn, Map<String, String> tags) implements Step {
    public String describe() {
      return "tag the table in " + region + " (" + String.join(", ", new TreeSet<>(tags.keySet())) + ")";
    }

    public boolean tableMutation() {
      return false;
    }
  }

  /** UntagResource for keys the spec no longer has (never the owner tag, never aws: keys). */
  record UntagTable(String region, String resourceArn, Set<String> keys) implements Step {
    public String describe() {
      return "remove tags " + String.join(", ", new TreeSet<>(keys)) + " in " + region;
    }

    public boolean tableMutation() {
      return false;
    }
  }

  /** DeleteTable in the home region (last step of deletionPolicy Delete). */
  record DeleteTable(String region, String tableName) implements Step {
    public String describe() {
      return "delete table " + tableName + " in " + region;
    }
  }
}
