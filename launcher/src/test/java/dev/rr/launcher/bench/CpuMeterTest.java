package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

  @Test
  void shouldCountEveryTickButIdleAndIowaitAsBusyAndTheCpuLines() {
    CpuMeter.Ticks ticks = CpuMeter.parse(List.of(
        "cpu  100 5 50 1000 20 3 2 7 40 0",
        "cpu0 50 2 25 500 10 1 1 3 20 0",
        "cpu1 50 3 25 500 10 2 1 4 20 0",
        "intr 12345"));

    // user+nice+system+irq+softirq+steal; guest is already inside user, so not added again
    assertEquals(100 + 5 + 50 + 3 + 2 + 7, ticks.busy());
    assertEquals(100 + 5 + 50 + 1000 + 20 + 3 + 2 + 7, ticks.total());
    assertEquals(2, ticks.cpus());
  }

  @Test
  void shouldKnowNothingWithoutACpuLine() {
    assertNull(CpuMeter.parse(List.of("intr 1", "ctxt 2")));
  }

  @Test
  void shouldSeeThisJvmsWorkAndSpreadTheFloorOverTheCores() {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
    CpuMeter meter = CpuMeter.start();
    long sum = 0;
    long until = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < until) {
      sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
    }
    CpuUse used = meter.stop();

    assertTrue(sum > 0);
    assertTrue(used.jvmSeconds() >= 0.2 && used.jvmSeconds() < 5, "busy 0.3 s: " + used);
    assertTrue(used.otherSeconds() >= 0, used.toString());
    assertEquals((used.jvmSeconds() + used.otherSeconds()) / used.cpus(), used.floorSeconds(),
        1e-9);
  }

  @Test
  void shouldLeaveTheFloorUnknownWhenTheCpusAre() {
    assertTrue(Double.isNaN(CpuUse.UNKNOWN.floorSeconds()));
  }
}
