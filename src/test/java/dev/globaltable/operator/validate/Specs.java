package dev.globaltable.operator.validate;

import dev.globaltable.operator.api.AttributeType;
import dev.globaltable.operator.api.GlobalSecondaryIndexSpec;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.KeyAttributeSpec;
import dev.globaltable.operator.api.KeySchemaSpec;
import dev.globaltable.operator.api.LocalSecondaryIndexSpec;
import dev.globaltable.operator.api.ProjectionSpec;
import dev.globaltable.operator.api.ProjectionType;
import dev.globaltable.operator.api.ReplicaSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builders of api objects for validator and mapper tests. */
public final class Specs {
  private Specs() {}

  /** A valid single-region spec: us-east-1, partition key PK (S), sort key SK (S). */
  public static GlobalTableSpec spec(String... regions) {
    GlobalTableSpec spec = new GlobalTableSpec();
    spec.homeRegion = regions.length == 0 ? "us-east-1" : regions[0];
    spec.keySchema = new KeySchemaSpec(key("PK", AttributeType.S), key("SK", AttributeType.S));
    spec.replicas = new ArrayList<>();
    for (String region : regions.length == 0 ? new String[] {"us-east-1"} : regions) {
      spec.replicas.add(new ReplicaSpec(region));
    }
    return spec;
  }

  public static KeyAttributeSpec key(String name, AttributeType type) {
    return new KeyAttributeSpec(name, type);
  }

  public static GlobalSecondaryIndexSpec gsi(String name, KeyAttributeSpec pk, KeyAttributeSpec sk,
      ProjectionSpec projection) {
    GlobalSecondaryIndexSpec gsi = new GlobalSecondaryIndexSpec();
    gsi.name = name;
    gsi.partitionKey = pk;
    gsi.sortKey = sk;
    gsi.projection = projection;
    return gsi;
  }

  public static LocalSecondaryIndexSpec lsi(String name, KeyAttributeSpec sk, ProjectionSpec projection) {
    LocalSecondaryIndexSpec lsi = new LocalSecondaryIndexSpec();
    lsi.name = name;
    lsi.sortKey = sk;
    lsi.projection = projection;
    return lsi;
  }

  public static ProjectionSpec projection(ProjectionType type, String... nonKey) {
    ProjectionSpec p = new ProjectionSpec();
    p.type = type;
    p.nonKeyAttributes = nonKey.length == 0 ? null : new ArrayList<>(Arrays.asList(nonKey));
    return p;
  }

  public static List<String> names(String prefix, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(prefix + i);
    }
    return out;
  }
}
