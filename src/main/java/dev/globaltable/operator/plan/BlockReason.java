package dev.globaltable.operator.plan;

/** Why the plan cannot act right now. WAIT kinds resolve by themselves; STALLED kinds need a person. */
public enum BlockReason {
  TABLE_CREATING(true),
  TABLE_UPDATING(true),
  TABLE_DELETING(true),
  TABLE_NOT_ACTIVE(true),
  REPLICA_CREATING(true),
  REPLICA_DELETING(true),
  /** A replica is UPDATING (AWS applies a fanned-out change there, e.g. capacity). */
  REPLICA_UPDATING(true),
  REPLICA_NOT_ACTIVE(true),
  INDEX_CREATING(true),
  INDEX_DELETING(true),
  /** An index is UPDATING (its provisioned throughput is changing). */
  INDEX_UPDATING(true),
  INDEX_NOT_ACTIVE(true),
  /**
   * An earlier table step of the same plan must run first (one UpdateTable-class call at a time, in plan order). Never
   * the plan's own blocker; only later steps carry it.
   */
  QUEUED(true),
  /**
   * A capacity decrease AWS would refuse now (after 4 decreases in a UTC day, one per hour); planned for the instant
   * the budget allows it ({@link Blocker#notBefore()}).
   */
  DECREASE_BUDGET(true) {
    @Override
    public String describe() {
      return "AWS allows 4 capacity decreases per UTC day, then one per hour";
    }
  },
  /**
   * A per-region setting AWS is still changing (time to live ENABLING/DISABLING, Contributor Insights ENABLING, a Kinesis
   * destination DISABLING, encryption UPDATING): the next step on that setting waits for it to settle.
   */
  SETTING_UPDATING(true),
  /**
   * An AWS budget or cooldown that no Describe call shows (time to live: one change per hour; encryption: 4 per 24 h;
   * table class: 2 per 30 days; deletion protection: 15 s between toggles); the step runs at {@link Blocker#notBefore()}.
   */
  COOLDOWN(true),
  /** Per-region state was not read this pass; the next (deep) pass decides. */
  NEEDS_DEEP_OBSERVATION(true),
  /** The table exists but is not ours. */
  TABLE_OWNED_ELSEWHERE(false),
  /** The table in AWS contradicts an immutable field (key schema, LSIs). */
  IMMUTABLE_MISMATCH(false),
  /** The spec asks for something AWS forbids in the current state (e.g. stream change with replicas). */
  NOT_ALLOWED(false),
  /** Deletion blocked by deletion protection in some region. */
  DELETION_PROTECTED(false),
  /**
   * A replica in a state that waiting does not fix: CREATION_FAILED, REGION_DISABLED, INACCESSIBLE_ENCRYPTION_CREDENTIALS,
   * ARCHIVING, ARCHIVED, REPLICATION_NOT_AUTHORIZED.
   */
  REPLICA_FAILED(false),
  /** The table itself is INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING, ARCHIVED or REPLICATION_NOT_AUTHORIZED. */
  TABLE_UNHEALTHY(false);

  private final boolean transientWait;

  BlockReason(boolean transientWait) {
    this.transientWait = transientWait;
  }

  /** Plain words for the wait, where a pending step names when it can run. */
  public String describe() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /**
   * Whether this wait is AWS applying a change to a table that is otherwise in shape (the table, a replica or an index
   * UPDATING), as when Application Auto Scaling changes capacity: a table that was Ready for its spec stays Ready.
   */
  public boolean isUpdateInPlace() {
    return this == TABLE_UPDATING || this == REPLICA_UPDATING || this == INDEX_UPDATING;
  }

  /** true when waiting is enough; false when a person must act. */
  public boolean isWait() {
    return transientWait;
  }
}
