package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.TimeWindow;
import dev.rr.writer.logic.WindowPlanner.ApplyWindow;
import dev.rr.writer.logic.WindowPlanner.Plan;
import dev.rr.writer.logic.WindowPlanner.SkipEmpty;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static TimeWindow window(int startSeconds) {
    return new TimeWindow(at(startSeconds), at(startSeconds + 10));
  }

  private static NavigableMap<TimeWindow, String> files(int... starts) {
    NavigableMap<TimeWindow, String> files = new TreeMap<>();
    for (int start : starts) {
      files.put(window(start), "file-" + start);
    }
    return files;
  }

  private static ApplyWindow apply(int startSeconds) {
    return new ApplyWindow(
        FinalWindow.certify(window(startSeconds), "file-" + startSeconds, at(startSeconds + 10)));
  }

  @Test
  void shouldApplyNothingBeforeTheReaderDeclaredAnyWindowFinal() {
    Plan plan = WindowPlanner.plan(at(0), Optional.empty(), files(10, 0), Optional.empty());

    assertEquals(List.of(), plan.steps());
    assertEquals(at(0), plan.positionAfter());
    assertTrue(plan.waiting());
  }

  @Test
  void shouldApplyOnlyWindowsEndingAtOrBeforeCreatedUpto() {
    Plan plan = WindowPlanner.plan(at(0), Optional.of(at(15)), files(0, 10, 20), Optional.empty());

    assertEquals(List.of(apply(0)), plan.steps());
    assertEquals(at(10), plan.positionAfter(), "a file that exists but is not final waits");
    assertTrue(plan.waiting());
  }

  @Test
  void shouldNotSkipPastAWindowThatIsNotFinal() {
    Plan plan = WindowPlanner.plan(at(0), Optional.of(at(25)), files(20), Optional.empty());

    assertEquals(List.of(new SkipEmpty(at(0), at(20))), plan.steps());
    assertEquals(at(20), plan.positionAfter());
  }

  @Test
  void shouldRefuseToCertifyAWindowPastCreatedUpto() {
    FinalWindow.NotFinalException e = assertThrows(FinalWindow.NotFinalException.class,
        () -> FinalWindow.certify(window(20), "file-20", at(29)));
    assertTrue(e.getMessage().contains("file-20"), e.getMessage());
    assertEquals(window(20), FinalWindow.certify(window(20), "file-20", at(30)).window());
  }

  @Test
  void shouldWaitAtAGapTheReaderHasNotPublished() {
    Plan plan = WindowPlanner.plan(at(0), Optional.of(at(10)), files(0, 30), Optional.empty());

    assertEquals(List.of(apply(0)), plan.steps());
    assertEquals(at(10), plan.positionAfter());
    assertFalse(plan.done());
  }

  @Test
  void shouldSkipEmptyWindowsOnceCreatedUptoPassedThem() {
    Plan plan = WindowPlanner.plan(at(0), Optional.of(at(40)), files(0, 30), Optional.empty());

    assertEquals(
        List.of(
            apply(0),
            new SkipEmpty(at(10), at(30)),
            apply(30)),
        plan.steps());
    assertEquals(at(40), plan.positionAfter());
  }

  @Test
  void shouldAdvanceToCreatedUptoWhenNoFileFollows() {
    Plan plan = WindowPlanner.plan(at(0), Optional.of(at(50)), files(0), Optional.empty());

    assertEquals(
        List.of(apply(0), new SkipEmpty(at(10), at(50))),
        plan.steps());
    assertEquals(at(50), plan.positionAfter());
  }

  @Test
  void shouldReapplyTheWindowHoldingTheCheckpoint() {
    Plan plan = WindowPlanner.plan(at(15), Optional.of(at(20)), files(0, 10), Optional.empty());

    assertEquals(List.of(apply(10)), plan.steps());
  }

  @Test
  void shouldBeDoneOnlyAfterTheWindowHoldingTheEndTimestamp() {
    Plan waiting =
        WindowPlanner.plan(at(0), Optional.of(at(20)), files(0), Optional.of(at(20)));
    Plan done =
        WindowPlanner.plan(at(0), Optional.of(at(30)), files(0), Optional.of(at(20)));

    assertFalse(waiting.done(), "changes committed exactly at the end may be in [20, 30)");
    assertEquals(at(20), waiting.positionAfter());
    assertTrue(done.done());
  }

  @Test
  void shouldNotApplyWindowsStartingAfterTheEnd() {
    Plan plan =
        WindowPlanner.plan(at(0), Optional.of(at(60)), files(0, 30, 50), Optional.of(at(35)));

    assertEquals(
        List.of(
            apply(0),
            new SkipEmpty(at(10), at(30)),
            apply(30),
            new SkipEmpty(at(40), at(50))),
        plan.steps());
    assertTrue(plan.done());
    assertEquals(at(50), plan.positionAfter(), "never past a window left unapplied");
  }

  @Test
  void shouldIgnoreWindowsAlreadyPassed() {
    Plan plan = WindowPlanner.plan(at(20), Optional.of(at(20)), files(0, 10), Optional.empty());

    assertEquals(List.of(), plan.steps());
    assertEquals(at(20), plan.positionAfter());
  }
}
