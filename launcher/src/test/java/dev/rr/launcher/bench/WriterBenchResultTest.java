package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriterBenchResultTest {
  private static final Verification OK = new Verification("shard00", 10, 10, 0, 0, 0, List.of());

  private static Measurement run(String name, long millis, Verification check) {
    return new Measurement(name, 1_000, 500, 0, Duration.ofMillis(millis), List.of(check));
  }

  private static WriterBench.Round round(long oursMillis, long ceilingMillis) {
    return new WriterBench.Round(
        Optional.of(run("ours", oursMillis, OK)), run("ceiling", ceilingMillis, OK));
  }

  @Test
  void shouldReportTheMedianRoundOfOursAndOfTheCeilingEachOnItsOwn() {
    WriterBench.Result result = new WriterBench.Result(SourceType.MYSQL, null,
        List.of(round(100, 50), round(300, 20), round(200, 40)), run("naive", 1_000, OK));

    assertEquals(Duration.ofMillis(200), result.ours().orElseThrow().elapsed());
    assertEquals(Duration.ofMillis(40), result.ceiling().elapsed());
    assertEquals(40.0 / 200.0, result.ratioCeiling(), 1e-9);
    assertEquals(1_000.0 / 200.0, result.ratioNaive(), 1e-9);
  }

  @Test
  void shouldTakeTheSlowerMiddleRunOfAnEvenCount() {
    WriterBench.Result result = new WriterBench.Result(SourceType.MYSQL, null,
        List.of(round(100, 50), round(300, 20)), run("naive", 1_000, OK));

    assertEquals(Duration.ofMillis(300), result.ours().orElseThrow().elapsed());
    assertEquals(Duration.ofMillis(50), result.ceiling().elapsed());
  }

  @Test
  void shouldNotBeVerifiedWhenAnyRoundLeftAWrongState() {
    Verification wrong = new Verification("shard00", 10, 10, 0, 0, 1, List.of("orders id=1: different"));
    WriterBench.Result result = new WriterBench.Result(SourceType.MYSQL, null,
        List.of(round(100, 50), new WriterBench.Round(
            Optional.of(run("ours", 900, wrong)), run("ceiling", 45, OK)), round(200, 40)),
        run("naive", 1_000, OK));

    assertFalse(result.verified());
  }

  @Test
  void shouldBePendingWithoutOurs() {
    WriterBench.Result result = new WriterBench.Result(SourceType.MYSQL, null,
        List.of(new WriterBench.Round(Optional.empty(), run("ceiling", 40, OK))),
        run("naive", 1_000, OK));

    assertTrue(result.ours().isEmpty());
    assertTrue(Double.isNaN(result.ratioCeiling()));
    assertTrue(result.verified());
  }
}
