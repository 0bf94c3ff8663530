package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagStatsTest {

  @Test
  void shouldTakeNearestRankPercentilesWhateverTheOrder() {
    List<Duration> lags = new ArrayList<>();
    for (int ms = 1; ms <= 200; ms++) {
      lags.add(Duration.ofMillis(ms * 10L));
    }
    Collections.shuffle(lags, new java.util.Random(1));

    LagStats stats = LagStats.of(lags);

    assertEquals(200, stats.count());
    assertEquals(1.00, stats.p50(), 1e-9);
    assertEquals(1.90, stats.p95(), 1e-9);
    assertEquals(1.98, stats.p99(), 1e-9);
    assertEquals(2.00, stats.max(), 1e-9);
  }

  @Test
  void shouldGiveTheOnlySampleForEveryPercentile() {
    LagStats stats = LagStats.of(List.of(Duration.ofMillis(750)));

    assertEquals(0.75, stats.p50(), 1e-9);
    assertEquals(0.75, stats.p99(), 1e-9);
  }

  @Test
  void shouldReportNoFiguresWithoutSamples() {
    LagStats stats = LagStats.of(List.of());

    assertEquals(0, stats.count());
    assertTrue(Double.isNaN(stats.p50()));
  }

  @Test
  void shouldWriteMissingFiguresAsJsonNullAndNumbersPlain() {
    String json = new JsonLine("lag").put("p50", Double.NaN).put("rps", 1000.0)
        .put("ratio", 2.0 / 3).toString();

    assertEquals("{\"bench\":\"lag\",\"p50\":null,\"rps\":1000,\"ratio\":0.667}", json);
  }
}
