package dev.globaltable.operator.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The simulator's injectable time. A manual clock moves only by {@link #advance(Duration)}; an accelerated clock runs
 * {@code factor} times faster than the wall clock (plus any advances), for the interactive sandbox. Clocks obtained with
 * {@link #withZone(ZoneId)} share the same time line.
 */
public class SimClock extends Clock {

  /** Shared, thread-safe time line; several zone views may point at one. */
  private static final class TimeLine {
    private final Instant start;
    private final double factor;
    private final long wallStartNanos;
    private long advancedNanos;

    TimeLine(Instant start, double factor) {
      this.start = start;
      this.factor = factor;
      this.wallStartNanos = System.nanoTime();
    }

    synchronized Instant now() {
      long elapsed = advancedNanos;
      if (factor > 0) {
        elapsed += (long) ((System.nanoTime() - wallStartNanos) * factor);
      }
      return start.plusNanos(elapsed);
    }

    synchronized void advance(Duration d) {
      advancedNanos += d.toNanos();
    }
  }

  private final TimeLine timeLine;
  private final ZoneId zone;

  private SimClock(TimeLine timeLine, ZoneId zone) {
    this.timeLine = timeLine;
    this.zone = zone;
  }

  /** A clock that stands still at {@code start} until advanced. */
  public static SimClock manual(Instant start) {
    return new SimClock(new TimeLine(Objects.requireNonNull(start, "start"), 0), ZoneOffset.UTC);
  }

  /**
   * A clock whose virtual time is {@code start + wallElapsed * factor} plus any advances.
   *
   * @param factor how many virtual seconds pass per wall second; must be positive
   */
  public static SimClock accelerated(Instant start, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a positive finite number, was " + factor);
    }
    return new SimClock(new TimeLine(Objects.requireNonNull(start, "start"), factor), ZoneOffset.UTC);
  }

  /** Moves virtual time forward; negative durations are refused because time never runs backwards. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative duration: " + d);
    }
    timeLine.advance(d);
  }

  @Override
  public Instant instant() {
    return timeLine.now();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    if (zone.equals(newZone)) {
      return this;
    }
    return new SimClock(timeLine, newZone);
  }

  @Override
  public String toString() {
    return "SimClock[" + instant() + "," + zone + "]";
  }
}
