package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionRetentionTest {
  @Test
  void shouldParseRetentionPeriodsAsSpannerSpellsThem() {
    assertEquals(Duration.ofHours(1), VersionRetention.parse("1h"));
    assertEquals(Duration.ofSeconds(3600), VersionRetention.parse("3600s"));
    assertEquals(Duration.ofMinutes(90), VersionRetention.parse("90m"));
    assertEquals(Duration.ofDays(7), VersionRetention.parse("7d"));
    assertThrows(IllegalArgumentException.class, () -> VersionRetention.parse("forever"));
  }

  @Test
  void shouldRefuseWithBothNumbersWhenTheEstimatedLoadOutlastsTheRetention() {
    Duration needed = VersionRetention.needed(10_000_000, 2_000, Optional.empty(), Duration.ZERO);
    Optional<String> refusal =
        VersionRetention.refusal(Duration.ofHours(1), needed, "10000000 rows at 2000 rows/s");

    assertEquals(Duration.ofSeconds(5_000), needed);
    assertTrue(refusal.isPresent());
    assertTrue(refusal.get().contains("1h23m20s") && refusal.get().contains("= 1h"), refusal.get());
  }

  @Test
  void shouldAcceptALoadInsideTheRetentionAndCountTimeAlreadyPassedSinceT() {
    Duration fresh = VersionRetention.needed(1_000_000, 2_000, Optional.empty(), Duration.ZERO);
    Duration resumedLate =
        VersionRetention.needed(1_000_000, 2_000, Optional.empty(), Duration.ofMinutes(55));

    assertEquals(Optional.empty(), VersionRetention.refusal(Duration.ofHours(1), fresh, "x"));
    assertTrue(VersionRetention.refusal(Duration.ofHours(1), resumedLate, "x").isPresent());
    assertEquals(Duration.ofHours(2).plusMinutes(55), VersionRetention.needed(
        5, 2_000, Optional.of(Duration.ofHours(2)), Duration.ofMinutes(55)));
  }
}
