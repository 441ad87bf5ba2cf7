package dev.globaltable.operator.model;

import java.util.Objects;

/** A key attribute name and type. */
public record KeyAttribute(String name, ScalarType type) {
  public KeyAttribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return name + "(" + type + ")";
  }
}
