package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingBenchTest {
  @TempDir Path workDir;

  @Test
  void shouldMeasureBothWaysOnTheSameDirectoryAndFindTheSamePlans() throws Exception {
    StringWriter text = new StringWriter();

    List<ListingBench.Point> points =
        ListingBench.run(workDir, List.of(50, 400), 5, new PrintWriter(text, true));

    assertEquals(2, points.size());
    for (ListingBench.Point point : points) {
      assertTrue(point.samePlans(), point.toString());
      assertEquals(point.files() + 5, point.oldEntriesPerPoll(),
          "the old way lists every file in the directory: " + point);
      assertTrue(point.oldMicros() > 0 && point.newMicros() > 0, point.toString());
    }
    assertTrue(text.toString().lines().anyMatch(l -> l.startsWith("{\"bench\":\"listing\"")
        && l.contains("\"same_plans\":true")), text.toString());
    try (var left = Files.list(workDir)) {
      assertEquals(0, left.count(), "scratch directories are removed");
    }
  }
}
