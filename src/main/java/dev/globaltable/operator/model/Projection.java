package dev.globaltable.operator.model;

import java.util.List;
import java.util.Objects;

/**
 * Index projection. {@code type} uses AWS wire names (ALL, KEYS_ONLY, INCLUDE); nonKeyAttributes is empty unless INCLUDE,
 * and kept in the order given (AWS preserves order; compare as sets via {@link #sameAs}).
 */
public record Projection(String type, List<String> nonKeyAttributes) {
  public static final Projection ALL = new Projection("ALL", List.of());

  public Projection {
    Objects.requireNonNull(type, "type");
    nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
  }

  /** Equality that ignores the order of non-key attributes. */
  public boolean sameAs(Projection other) {
    return other != null && type.equals(other.type)
        && new java.util.HashSet<>(nonKeyAttributes).equals(new java.util.HashSet<>(other.nonKeyAttributes));
  }
}
