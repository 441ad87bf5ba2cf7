package dev.globaltable.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The provisioned-throughput decrease budget of one table or one GSI in one region, for one incarnation
 * (aws-semantics 1.5, LAB DDB-TABLE-157/326): the first 4 decreases of a UTC day are free, after that one decrease
 * per 3600 s counted from the last ACCEPTED decrease; the count resets at 00:00 UTC. Rejected attempts change
 * nothing. Also remembers the last increase for DescribeTable. Mutable; guarded by the control plane's lock.
 */
final class ThroughputBudget {
  static final int FREE_DECREASES_PER_DAY = 4;
  static final Duration SPACING = Duration.ofSeconds(3600);
  private static final DateTimeFormatter AWS_TIME = DateTimeFormatter
      .ofPattern("EEEE, MMMM d, yyyy 'at' h:mm:ss a 'Coordinated Universal Time'", Locale.US)
      .withZone(ZoneOffset.UTC);

  private LocalDate day;
  private int decreasesThatDay;
  private Instant lastDecrease;
  private Instant lastIncrease;

  /** Decreases accepted in the UTC day of {@code now} (0 once the day has rolled over). */
  long decreasesToday(Instant now) {
    return day != null && day.equals(utcDay(now)) ? decreasesThatDay : 0;
  }

  Instant lastDecrease() {
    return lastDecrease;
  }

  Instant lastIncrease() {
    return lastIncrease;
  }

  /**
   * Throws the LimitExceededException AWS returns when a decrease at {@code now} is over budget; returns quietly when
   * it is allowed.
   */
  void checkDecrease(Instant now) {
    long today = decreasesToday(now);
    if (today < FREE_DECREASES_PER_DAY || !now.isBefore(lastDecrease.plus(SPACING))) {
      return; // within the 4 free decreases, or an hour has passed since the last accepted one
    }
    Instant nextHour = lastDecrease.plus(SPACING);
    Instant midnight = utcDay(now).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant next = nextHour.isBefore(midnight) ? nextHour : midnight;
    throw SimErrors.limitExceeded("Subscriber limit exceeded: Provisioned throughput decreases are limited within a "
        + "given UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day can be performed "
        + "at most once every 3600 seconds. Number of decreases today: " + today + ". Last decrease at "
        + AWS_TIME.format(lastDecrease) + ". Next decrease can be made at " + AWS_TIME.format(next));
  }

  /** Records an accepted change: {@code decrease} if any dimension went down, else {@code increase} if any went up. */
  void record(Instant now, boolean decrease, boolean increase) {
    if (decrease) {
      LocalDate d = utcDay(now);
      if (!d.equals(day)) {
        day = d;
        decreasesThatDay = 0;
      }
      decreasesThatDay++;
      lastDecrease = now;
    } else if (increase) {
      lastIncrease = now;
    }
  }

  private static LocalDate utcDay(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }
}
