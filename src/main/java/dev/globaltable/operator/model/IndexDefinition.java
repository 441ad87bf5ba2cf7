package dev.globaltable.operator.model;

import java.util.Objects;

/** Definition of a secondary index (GSI or LSI; an LSI's partition key is the table's). */
public record IndexDefinition(String name, KeySchema keySchema, Projection projection) {
  public IndexDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySchema, "keySchema");
    projection = projection == null ? Projection.ALL : projection;
  }

  /** Same keys and projection (names are compared by the caller). */
  public boolean sameShapeAs(IndexDefinition other) {
    return other != null && keySchema.equals(other.keySchema) && projection.sameAs(other.projection);
  }
}
