package dev.globaltable.operator.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this resource manages in AWS, as recorded in its status. Only managed things are ever removed when they leave the
 * spec: a replica or index that someone added out of band (reference 9.12), or a tag another tool put on the table, is left
 * alone. {@link Planner#nextManaged} computes the value to record after each observation.
 *
 * @param replicas replica regions (never the home region)
 * @param indexes global secondary index names
 * @param tagKeys tag keys the spec has declared (never the owner tag, never {@code aws:} keys); a key leaves the set only
 *     once no region carries it any more
 * @param scalableTargets Application Auto Scaling targets this resource registered, or recognised as the ones its spec
 *     asks for (AWS mirrors write autoscaling into new replicas), as {@link #scalingKey} strings; only these are ever
 *     deregistered
 * @param kinesisDestinations Kinesis streaming destinations this resource enabled or declared, as
 *     {@link #kinesisKey} strings ("region streamArn"); only these are ever disabled when the spec drops them
 * @param kmsKeys customer managed key ARNs the spec has declared; a region found on one of them while the spec asks for
 *     AwsManaged is switched (without the KMS API an AWS managed key cannot be told from another customer key)
 */
public record Managed(Set<String> replicas, Set<String> indexes, Set<String> tagKeys, Set<String> scalableTargets,
    Set<String> kinesisDestinations, Set<String> kmsKeys) {

  /** Nothing managed yet (a new resource). */
  public static final Managed NONE = new Managed(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public Managed {
    replicas = sorted(replicas);
    indexes = sorted(indexes);
    tagKeys = sorted(tagKeys);
    scalableTargets = sorted(scalableTargets);
    kinesisDestinations = sorted(kinesisDestinations);
    kmsKeys = sorted(kmsKeys);
  }

  /** Without Kinesis destinations and keys. */
  public Managed(Set<String> replicas, Set<String> indexes, Set<String> tagKeys, Set<String> scalableTargets) {
    this(replicas, indexes, tagKeys, scalableTargets, Set.of(), Set.of());
  }

  /** "region streamArn". */
  public static String kinesisKey(String region, String streamArn) {
    return region + " " + streamArn;
  }

  /** The same, with other replicas, indexes, tag keys and targets (Kinesis destinations and keys kept). */
  public Managed with(Set<String> replicas, Set<String> indexes, Set<String> tagKeys, Set<String> scalableTargets) {
    return new Managed(replicas, indexes, tagKeys, scalableTargets, kinesisDestinations, kmsKeys);
  }

  /** Without autoscaling targets. */
  public Managed(Set<String> replicas, Set<String> indexes, Set<String> tagKeys) {
    this(replicas, indexes, tagKeys, Set.of(), Set.of(), Set.of());
  }

  /** "region resourceId dimension", e.g. "us-east-1 table/Orders/index/ByCustomer dynamodb:index:WriteCapacityUnits". */
  public static String scalingKey(String region, String tableName, String indexName,
      dev.globaltable.operator.model.CapacityDimension dimension) {
    return region + " " + dev.globaltable.operator.model.CapacityDimension.resourceId(tableName, indexName) + " "
        + dimension.wireName();
  }

  /** Replicas and indexes only; no tag keys recorded (the planner then never removes a tag). */
  public Managed(Set<String> replicas, Set<String> indexes) {
    this(replicas, indexes, Set.of(), Set.of(), Set.of(), Set.of());
  }

  private static Set<String> sorted(Collection<String> values) {
    return values == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(values));
  }
}
