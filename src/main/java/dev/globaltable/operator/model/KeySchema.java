package dev.globaltable.operator.model;

import java.util.Objects;

/** Partition key and optional sort key (null when absent). */
public record KeySchema(KeyAttribute partitionKey, KeyAttribute sortKey) {
  public KeySchema {
    Objects.requireNonNull(partitionKey, "partitionKey");
  }

  public boolean hasSortKey() {
    return sortKey != null;
  }

  @Override
  public String toString() {
    return sortKey == null ? partitionKey.toString() : partitionKey + ", " + sortKey;
  }
}
