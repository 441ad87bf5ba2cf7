package dev.globaltable.operator.sim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every call made to the simulator, in order, with its virtual time and outcome (including rejected and fault-injected
 * calls). Thread-safe.
 */
public final class Journal {
  private final Clock clock;
  private final List<JournalEntry> entries = new ArrayList<>();
  private long seq;

  Journal(Clock clock) {
    this.clock = clock;
  }

  /** A snapshot of all entries, markers included. */
  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /** Adds a marker entry (operation "MARK") so a test can find "calls after this point". */
  public synchronized void mark(String label) {
    entries.add(new JournalEntry(++seq, clock.instant(), "journal", "MARK", "", false, "OK", label));
  }

  /** Forgets every entry; sequence numbers keep increasing. */
  public synchronized void clear() {
    entries.clear();
  }

  /** Mutating calls only (markers excluded), whatever their outcome. */
  public synchronized List<JournalEntry> mutations() {
    return entries.stream().filter(e -> e.mutating() && !e.marker()).toList();
  }

  /** Calls that did not succeed (markers excluded). */
  public synchronized List<JournalEntry> failures() {
    return entries.stream().filter(e -> !e.ok() && !e.marker()).toList();
  }

  synchronized void record(String service, String operation, String region, boolean mutating, String outcome,
      String message) {
    entries.add(new JournalEntry(++seq, clock.instant(), service, operation, region, mutating, outcome, message));
  }
}
