package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.IntervalGrid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiryRuleTest {
  private static final Instant ORIGIN = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration LATENESS = Duration.ofHours(1);
  private static final ExpiryRule RULE =
      new ExpiryRule(IntervalGrid.anchoredAt(ORIGIN, Duration.ofSeconds(10)), LATENESS);

  /** Window [0 s, 10 s): the commit at 3 s. */
  private static final Instant COMMIT = ORIGIN.plusSeconds(3);
  private static final Instant WINDOW_END = ORIGIN.plusSeconds(10);

  @Test
  void shouldDivertARecordWhoseWindowEndedTheLatenessLessTheMarginBeforeTheHold() {
    Instant held = WINDOW_END.plus(LATENESS).minus(ExpiryRule.MARGIN);
    assertTrue(RULE.isExpired(COMMIT, Optional.of(held)));
    assertTrue(RULE.isExpired(COMMIT, Optional.of(held.plus(Duration.ofDays(3)))));
  }

  @Test
  void shouldLetALateRecordShortOfExpiryGoOnToTheLatePanes() {
    Instant held = WINDOW_END.plus(LATENESS).minus(ExpiryRule.MARGIN).minusMillis(1);
    assertFalse(RULE.isExpired(COMMIT, Optional.of(held)));
  }

  /**
   * A record not diverted is never dropped by Beam: Beam drops when the window's last instant plus
   * the lateness is before the watermark, and the watermark after the step is at most the hold.
   */
  @Test
  void shouldLeaveBeamNothingToDropBehindTheHold() {
    for (long lateMillis = 0; lateMillis <= LATENESS.toMillis() * 2; lateMillis += 997) {
      Instant held = WINDOW_END.plusMillis(lateMillis);
      boolean beamWouldDrop = WINDOW_END.minusMillis(1).plus(LATENESS).isBefore(held);
      assertTrue(!beamWouldDrop || RULE.isExpired(COMMIT, Optional.of(held)),
          "dropped at " + lateMillis + " ms");
    }
  }

  /**
   * An on-time record, however old: the last timer the step saw fire is before its commit, and
   * the hold that follows never makes it expired - with short windows and with windows longer
   * than the lateness.
   */
  @Test
  void shouldNotDivertAnOnTimeRecordHowOldSoEverItIs() {
    for (Duration window : List.of(Duration.ofSeconds(2), Duration.ofSeconds(10),
        Duration.ofMinutes(50), Duration.ofHours(2))) {
      ExpiryRule rule = new ExpiryRule(IntervalGrid.anchoredAt(ORIGIN, window), LATENESS);
      for (long commitMillis = 1; commitMillis < window.toMillis() * 3; commitMillis += 61_001) {
        Instant commit = ORIGIN.plusMillis(commitMillis);
        // the latest instant strictly before the commit that the watermark may have passed
        Instant passed = commit.minusMillis(1);
        Instant held = rule.holdBefore(rule.nextCheck(passed));
        assertFalse(rule.isExpired(commit, Optional.of(held)),
            window + ": commit " + commit + " after passing " + passed);
      }
    }
    assertFalse(RULE.isExpired(COMMIT, Optional.empty()), "before the loop has a hold");
  }

  /**
   * One timer round lets the watermark after the step move a minute of short windows, not one
   * window: the resumed reader of E2EFinalityIT caught up slower than real time with one round per
   * 2 s window on the DirectRunner.
   */
  @Test
  void shouldLetTheWatermarkMoveAMinuteOfShortWindowsPerTimer() {
    ExpiryRule twoSeconds =
        new ExpiryRule(IntervalGrid.anchoredAt(ORIGIN, Duration.ofSeconds(2)), LATENESS);
    assertEquals(ORIGIN.plus(ExpiryRule.MIN_STEP), twoSeconds.nextCheck(ORIGIN));
    assertEquals(ORIGIN.plus(ExpiryRule.MIN_STEP).minusMillis(1),
        twoSeconds.holdBefore(twoSeconds.nextCheck(ORIGIN)));
  }

  @Test
  void shouldStepAWindowWhenWindowsAreLongerThanAMinuteButNeverBeyondTheLatenessLessTheMargin() {
    ExpiryRule tenMinutes =
        new ExpiryRule(IntervalGrid.anchoredAt(ORIGIN, Duration.ofMinutes(10)), LATENESS);
    assertEquals(Duration.ofMinutes(10), tenMinutes.step());
    ExpiryRule twoHours =
        new ExpiryRule(IntervalGrid.anchoredAt(ORIGIN, Duration.ofHours(2)), LATENESS);
    assertEquals(LATENESS.minus(ExpiryRule.MARGIN), twoHours.step());
  }

  @Test
  void shouldDivertEverythingOnceTheLoopHasEnded() {
    assertTrue(RULE.isExpired(Instant.parse("2099-01-01T00:00:00Z"), Optional.of(Instant.MAX)));
  }

  @Test
  void shouldRefuseALatenessNoLongerThanTheMargin() {
    assertThrows(IllegalArgumentException.class, () -> new ExpiryRule(
        IntervalGrid.anchoredAt(ORIGIN, Duration.ofSeconds(10)), ExpiryRule.MARGIN));
  }
}
