package dev.globaltable.operator.sim;

import java.time.Instant;

/**
 * One simulated AWS call (or a marker) as the {@link Journal} recorded it.
 *
 * @param seq position in the journal, starting at 1
 * @param time virtual time of the call
 * @param service "dynamodb", "application-autoscaling" or "cloudwatch" (or "journal" for markers)
 * @param operation AWS operation name, e.g. "UpdateTable"; "MARK" for markers
 * @param region region of the client that made the call
 * @param mutating whether the call changes state (Create*, Update*, Delete*, Tag*, Untag*, Enable*, Disable*, Register*,
 *     Deregister*, Put*)
 * @param outcome "OK" or the AWS error code (e.g. "ResourceInUseException")
 * @param message error message, or a short summary of what the call did
 */
public record JournalEntry(long seq, Instant time, String service, String operation, String region, boolean mutating,
    String outcome, String message) {

  /** True for successful calls. */
  public boolean ok() {
    return "OK".equals(outcome);
  }

  /** True for entries made with {@link Journal#mark(String)}. */
  public boolean marker() {
    return "MARK".equals(operation);
  }
}
