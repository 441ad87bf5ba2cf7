package dev.globaltable.operator.sim;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsMode;
import software.amazon.awssdk.services.dynamodb.model.DestinationStatus;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Changes one setting of one table in ONE region as a person in the console would ("drift"), for tests of the
 * operator's drift handling. Obtained from {@link SimulatedAws#outOfBand(String)}. Changes take effect at once (no
 * ENABLING/UPDATING phase), bypass every budget, cooldown and state rule, and are never journalled or faulted, so
 * journal assertions about the operator's own calls stay valid. Each method throws IllegalArgumentException when the
 * region has no such table.
 */
public final class OutOfBand {
  private final DynamoDbControlPlane plane;
  private final String region;

  OutOfBand(DynamoDbControlPlane plane, String region) {
    this.plane = plane;
    this.region = region;
  }

  private SimTable table(String name) {
    plane.settle();
    SimTable t = plane.visible(region, Objects.requireNonNull(name, "table"));
    if (t == null || t.status == TableStatus.DELETING) {
      throw new IllegalArgumentException("no table " + name + " in " + region);
    }
    return t;
  }

  /** Point-in-time recovery on or off in this region; {@code days} null means 35 (ignored when disabling). */
  public OutOfBand setPointInTimeRecovery(String table, boolean enabled, Integer days) {
    synchronized (plane) {
      plane.settings.setPitr(table(table), enabled, enabled ? days : null);
    }
    return this;
  }

  /**
   * Time to live on or off, immediately ENABLED/DISABLED; group-wide like the real API (it is one setting of the
   * global table). Does not start the UpdateTimeToLive cooldown.
   */
  public OutOfBand setTimeToLive(String table, boolean enabled, String attributeName) {
    synchronized (plane) {
      SimTable t = table(table);
      for (SimTable m : DynamoDbControlPlane.groupMembers(t)) {
        m.settings.ttlVersion++;
        m.settings.ttlStatus = enabled ? software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus.ENABLED
            : software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus.DISABLED;
        m.settings.ttlAttribute = enabled ? attributeName : null;
      }
    }
    return this;
  }

  /**
   * The table class of this region only ("STANDARD" or "STANDARD_INFREQUENT_ACCESS"); in a region that is a replica
   * of a group it becomes that replica's TableClassOverride. Spends no budget.
   */
  public OutOfBand setTableClass(String table, String tableClass) {
    synchronized (plane) {
      SimTable t = table(table);
      t.settings.tableClass = Objects.requireNonNull(tableClass, "tableClass");
      t.settings.tableClassUpdated = plane.now();
      if (t.isGlobal()) {
        t.settings.tableClassOverride = true;
      }
    }
    return this;
  }

  /** DeletionProtectionEnabled in this region; no UPDATING hold, no cooldown. */
  public OutOfBand setDeletionProtection(String table, boolean enabled) {
    synchronized (plane) {
      table(table).deletionProtection = enabled;
    }
    return this;
  }

  /** Contributor Insights of the table ({@code indexOrNull} null) or one GSI, immediately ENABLED/DISABLED. */
  public OutOfBand setContributorInsights(String table, String indexOrNull, boolean enabled) {
    synchronized (plane) {
      SimTable t = table(table);
      if (indexOrNull != null && !t.gsis.containsKey(indexOrNull)) {
        throw new IllegalArgumentException("no index " + indexOrNull + " on " + table + " in " + region);
      }
      plane.settings.setContributorInsights(t, indexOrNull, enabled, ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS,
          true);
    }
    return this;
  }

  /**
   * Makes {@code streamArnOrNull} the table's only live Kinesis destination (ACTIVE when the stream exists in this
   * region, else ENABLE_FAILED), or, with null, disables every live destination (DISABLED, listed for the linger).
   */
  public OutOfBand setKinesisDestination(String table, String streamArnOrNull) {
    synchronized (plane) {
      SimTable t = table(table);
      for (TableSettings.Destination d : t.settings.destinations.toArray(new TableSettings.Destination[0])) {
        boolean live = d.status == DestinationStatus.ACTIVE || d.status == DestinationStatus.ENABLING
            || d.status == DestinationStatus.UPDATING;
        if (live && !d.streamArn.equals(streamArnOrNull)) {
          plane.settings.disable(t, d, true);
        }
      }
      if (streamArnOrNull != null) {
        plane.settings.setKinesis(t, streamArnOrNull, null, true);
      }
    }
    return this;
  }

  /**
   * The KMS key of this region only (SSE type KMS; a key other than the region's AWS managed key is a customer
   * managed key), with no UPDATING phase and no budget. Null switches this region to the AWS owned key.
   */
  public OutOfBand setKmsKey(String table, String keyArnOrNull) {
    synchronized (plane) {
      SimTable t = table(table);
      TableSettings s = t.settings;
      if (keyArnOrNull == null) {
        s.sseKms = false;
        s.kmsKeyArn = null;
        s.customerKey = false;
      } else {
        s.sseKms = true;
        s.kmsKeyArn = plane.settings.resolveKey(region, keyArnOrNull);
        s.customerKey = !s.kmsKeyArn.equals(plane.settings.awsManagedKey(region));
      }
    }
    return this;
  }

  /** Adds or overwrites tags in this region; no tag lock. */
  public OutOfBand tag(String table, Map<String, String> tags) {
    synchronized (plane) {
      table(table).tags.putAll(tags);
    }
    return this;
  }

  /** Removes tags in this region; no tag lock. */
  public OutOfBand untag(String table, Collection<String> keys) {
    synchronized (plane) {
      table(table).tags.keySet().removeAll(keys);
    }
    return this;
  }
}
