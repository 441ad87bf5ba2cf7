package dev.globaltable.operator.sim;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Fault-injection switches. Faults are decided before a call touches any state, so a faulted call changes nothing; the
 * journal records it with its error code. Randomness comes from one seeded {@link Random}, so a scenario with a fixed
 * seed fails the same calls every run. Setters return {@code this} for chaining. Thread-safe.
 */
public final class Faults {
  private static final long DEFAULT_SEED = 42L;

  private double throttleRate;
  private double internalErrorRate;
  private Duration latency = Duration.ZERO;
  private final Set<String> failReplicaCreate = new HashSet<>();
  private final Set<String> throttleNext = new HashSet<>();
  private Random random = new Random(DEFAULT_SEED);

  Faults() {}

  /** Fraction (0..1) of calls that fail with ThrottlingException "Rate exceeded" (HTTP 400). */
  public synchronized Faults throttleRate(double p) {
    this.throttleRate = checkRate(p);
    return this;
  }

  /** Fraction (0..1) of calls that fail with InternalServerErrorException (HTTP 500). */
  public synchronized Faults internalErrorRate(double p) {
    this.internalErrorRate = checkRate(p);
    return this;
  }

  /**
   * Latency attributed to every call. It is recorded in the journal only; the simulator never sleeps and never moves
   * the clock for it.
   */
  public synchronized Faults latency(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + d);
    }
    this.latency = d;
    return this;
  }

  /** The next replica creation into {@code region} ends in CREATION_FAILED instead of ACTIVE (one shot). */
  public synchronized Faults failReplicaCreate(String region) {
    failReplicaCreate.add(Objects.requireNonNull(region, "region"));
    return this;
  }

  /**
   * The next call of {@code operation} (e.g. "CreateTable", in any service and region) fails with the service's
   * throttling error, once; other calls are untouched. Unlike {@link #throttleRate}, it can refuse one mutation while
   * the reads around it succeed.
   */
  public synchronized Faults throttleNext(String operation) {
    throttleNext.add(Objects.requireNonNull(operation, "operation"));
    return this;
  }

  /** Re-seeds the random source that decides which calls fail. */
  public synchronized Faults seed(long seed) {
    this.random = new Random(seed);
    return this;
  }

  /** Switches every fault off (the random source keeps its state). */
  public synchronized Faults clear() {
    throttleRate = 0;
    internalErrorRate = 0;
    latency = Duration.ZERO;
    failReplicaCreate.clear();
    throttleNext.clear();
    return this;
  }

  synchronized Duration latency() {
    return latency;
  }

  /**
   * Which fault, if any, hits this call of {@code operation}. Draws from the random source only when a rate is set
   * (a one-shot {@link #throttleNext} draws nothing).
   */
  synchronized Injected decide(String operation) {
    if (throttleNext.remove(operation)) {
      return Injected.THROTTLE;
    }
    if (throttleRate > 0 && random.nextDouble() < throttleRate) {
      return Injected.THROTTLE;
    }
    if (internalErrorRate > 0 && random.nextDouble() < internalErrorRate) {
      return Injected.INTERNAL_ERROR;
    }
    return Injected.NONE;
  }

  /** Consumes the one-shot replica-create failure for {@code region}, if armed. */
  synchronized boolean takeReplicaCreateFailure(String region) {
    return failReplicaCreate.remove(region);
  }

  private static double checkRate(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("rate must be within 0..1, was " + p);
    }
    return p;
  }

  /** The outcome of {@link #decide(String)}. */
  enum Injected { NONE, THROTTLE, INTERNAL_ERROR }
}
