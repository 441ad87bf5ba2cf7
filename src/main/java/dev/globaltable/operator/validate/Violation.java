package dev.globaltable.operator.validate;

import java.util.Objects;

/**
 * One broken rule of a GlobalTable spec.
 *
 * @param field path of the offending field, e.g. {@code spec.replicas[2].region}
 * @param message the whole sentence a person acts on, {@code "<field>: <rule>"}, e.g.
 *     {@code "spec.replicas[2].region: duplicate region eu-west-1"}
 */
public record Violation(String field, String message) {
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** A violation of {@code field} whose message is {@code field + ": " + rule}. */
  public static Violation of(String field, String rule) {
    return new Violation(field, field + ": " + rule);
  }

  @Override
  public String toString() {
    return message;
  }
}
