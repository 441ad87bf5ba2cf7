package dev.globaltable.operator.model;

/**
 * A GSI as DescribeTable reports it in one region.
 *
 * @param status IndexStatus verbatim (CREATING, UPDATING, DELETING, ACTIVE)
 * @param backfilling Backfilling flag (false when absent)
 */
public record ObservedIndex(IndexDefinition definition, String status, boolean backfilling) {
  public String name() {
    return definition.name();
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }
}
