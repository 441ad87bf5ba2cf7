package dev.globaltable.operator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void manualClockMovesOnlyWhenAdvanced() {
    SimClock c = SimClock.manual(START);
    assertThat(c.instant()).isEqualTo(START);
    assertThat(c.instant()).isEqualTo(START);
    c.advance(Duration.ofSeconds(90));
    assertThat(c.instant()).isEqualTo(START.plusSeconds(90));
    assertThat(c.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void zoneViewsShareOneTimeLine() {
    SimClock c = SimClock.manual(START);
    Clock paris = c.withZone(ZoneId.of("Europe/Paris"));
    c.advance(Duration.ofMinutes(5));
    assertThat(paris.instant()).isEqualTo(START.plusSeconds(300));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    ((SimClock) paris).advance(Duration.ofMinutes(1));
    assertThat(c.instant()).isEqualTo(START.plusSeconds(360));
  }

  @Test
  void acceleratedClockRunsFasterThanTheWallAndAddsAdvances() {
    SimClock c = SimClock.accelerated(START, 1_000_000);
    Instant first = c.instant();
    assertThat(first).isAfterOrEqualTo(START);
    c.advance(Duration.ofHours(1));
    assertThat(c.instant()).isAfterOrEqualTo(first.plusSeconds(3600));
  }

  @Test
  void refusesNegativeAdvanceAndBadFactor() {
    SimClock c = SimClock.manual(START);
    assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimClock.accelerated(START, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.instant()).isEqualTo(START);
  }
}
