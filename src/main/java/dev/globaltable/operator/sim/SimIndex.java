package dev.globaltable.operator.sim;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/** One global secondary index of one regional table. Mutable; guarded by the control plane's lock. */
final class SimIndex {
  final String name;
  final List<KeySchemaElement> keySchema;
  final Projection projection;
  final String arn;
  IndexStatus status;
  /** Null for indexes created with the table (AWS omits the field); true/false for indexes added by UpdateTable. */
  Boolean backfilling;
  long rcu;
  long wcu;
  /** This index's own decrease budget, separate from the table's (LAB DDB-TABLE-157). */
  final ThroughputBudget budget = new ThroughputBudget();
  /** On-demand limits; null = no limit (reported as -1). */
  Long maxRead;
  Long maxWrite;
  /** Per-replica read override (ReplicaUpdates GlobalSecondaryIndexes); null = inherited. */
  Long rcuOverride;
  Long maxReadOverride;

  SimIndex(String name, List<KeySchemaElement> keySchema, Projection projection, String arn, IndexStatus status) {
    this.name = name;
    this.keySchema = List.copyOf(keySchema);
    this.projection = projection;
    this.arn = arn;
    this.status = status;
  }

  /** A copy for a new replica in another region: same definition and limits, ACTIVE, no overrides. */
  SimIndex copyFor(String tableArn) {
    SimIndex c = new SimIndex(name, keySchema, projection, tableArn + "/index/" + name, IndexStatus.ACTIVE);
    c.rcu = rcu;
    c.wcu = wcu;
    c.maxRead = maxRead;
    c.maxWrite = maxWrite;
    return c;
  }

  boolean transitioning() {
    return status == IndexStatus.CREATING || status == IndexStatus.DELETING || status == IndexStatus.UPDATING;
  }
}
