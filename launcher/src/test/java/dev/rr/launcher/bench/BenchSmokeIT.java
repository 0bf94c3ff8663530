package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every benchmark, tiny, through the command line: figures are produced and the final state is
 * verified, so the benchmarks cannot rot.
 */
class BenchSmokeIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();
  @TempDir Path dir;

  @Test
  void shouldPrintWriterFiguresForAVerifiedRun() {
    MySqlTestDatabase db = mysql.newDatabase();
    Run run = bench("writer", "--records", "1500", "--warmupRecords", "200",
        "--workDir", dir.toString(),
        "--mysqlServer", db.host() + ":" + db.port(),
        "--mysqlUser", db.user(), "--mysqlPassword", db.password());

    JsonObject json = run.json("writer");
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(json.get("ours_rps").getAsDouble() > 0, run.output());
    assertTrue(json.get("ratio_ceiling").getAsDouble() > 0, run.output());
    assertTrue(json.get("ratio_naive").getAsDouble() > 0, run.output());
    assertTrue(json.get("ceiling_rps").getAsDouble() > 0, run.output());
    assertTrue(json.get("naive_rps").getAsDouble() > 0, run.output());
    assertTrue(json.get("ceiling_rps").getAsDouble() > json.get("naive_rps").getAsDouble(),
        "loading final rows in big transactions beats a commit per record: " + run.output());
    assertTrue(json.get("verified").getAsBoolean(), run.output());
    assertTrue(json.get("records").getAsLong() >= 1500);
    assertEquals(3, json.get("rounds").getAsInt(), run.output());
    assertTrue(json.get("ours_jvm_cpu_s").getAsDouble() > 0, run.output());
    assertTrue(json.get("ceiling_other_cpu_s").getAsDouble() >= 0, run.output());
    assertTrue(run.output().contains("median of 3 alternating rounds"), run.output());
  }

  @Test
  void shouldPrintWriterFiguresForAVerifiedRunOnAPrivatePostgres() {
    Run run = bench("writer", "--target", "postgresql", "--records", "2000",
        "--warmupRecords", "200", "--workDir", dir.toString());

    JsonObject json = run.json("writer");
    assertEquals(0, run.exitCode(), run.output());
    assertEquals("postgresql", json.get("target").getAsString(), run.output());
    assertTrue(run.output().contains("started private PostgreSQL"), run.output());
    assertTrue(run.output().contains("writer apply, 1 PostgreSQL shard:"), run.output());
    for (String name : new String[] {"ours", "ceiling", "naive"}) {
      assertTrue(run.output().lines().anyMatch(l -> l.matches("\\s*" + name + "\\s.*\\syes\\s*")),
          "a verified table row for " + name + " in:\n" + run.output());
    }
    assertTrue(run.output().contains("ours/ceiling "), run.output());
    assertTrue(json.get("ours_rps").getAsDouble() > 0, run.output());
    assertTrue(json.get("ratio_ceiling").getAsDouble() > 0, run.output());
    assertTrue(json.get("ratio_naive").getAsDouble() > 0, run.output());
    assertTrue(json.get("ceiling_rps").getAsDouble() > json.get("naive_rps").getAsDouble(),
        "loading final rows in big transactions beats a commit per record: " + run.output());
    assertTrue(json.get("final_rows").getAsLong() > 0, run.output());
    assertTrue(json.get("verified").getAsBoolean(), run.output());
    assertTrue(json.get("records").getAsLong() >= 2000);
  }

  @Test
  void shouldRefusePostgresForABenchmarkThatRunsOnMySqlOnly() {
    Run scaling = bench("scaling", "--target", "postgresql", "--workDir", dir.toString());
    Run lag = bench("lag", "--target", "postgresql", "--workDir", dir.toString());

    assertEquals(2, scaling.exitCode(), scaling.output());
    assertTrue(scaling.output().contains("--target postgresql is supported by 'rr bench writer'"
        + " only; 'rr bench scaling' runs against MySQL shards"), scaling.output());
    assertEquals(2, lag.exitCode(), lag.output());
    assertTrue(lag.output().contains("'rr bench lag' runs against MySQL shards"), lag.output());
    assertTrue(scaling.output().lines().noneMatch(l -> l.startsWith("{")), scaling.output());
  }

  @Test
  void shouldPrintScalingFiguresForEveryShardCount() {
    MySqlTestDatabase db = mysql.newDatabase();
    Run run = bench("scaling", "--shardCounts", "1,3", "--recordsPerShard", "400",
        "--workDir", dir.toString(), "--mysqlServer", db.host() + ":" + db.port(),
        "--mysqlUser", db.user(), "--mysqlPassword", db.password());

    assertEquals(0, run.exitCode(), run.output());
    JsonObject json = run.json("scaling");
    assertEquals(2, json.getAsJsonArray("points").size(), run.output());
    for (var point : json.getAsJsonArray("points")) {
      JsonObject step = point.getAsJsonObject();
      assertTrue(step.get("total_rps").getAsDouble() > 0, run.output());
      assertTrue(step.get("per_shard_rps").getAsDouble() > 0, run.output());
      assertTrue(step.get("peak_heap_mb").getAsDouble() > 0, run.output());
    }
    assertEquals(3, json.getAsJsonArray("points").get(1).getAsJsonObject().get("shards").getAsInt());
    assertTrue(json.get("verified").getAsBoolean(), run.output());
  }

  @Test
  void shouldPrintReaderFiguresForAHistoryReadCompletely() {
    Run run = bench("reader", "--changes", "600", "--workDir", dir.toString(),
        "--emulatorHost", spanner.emulatorHost());

    JsonObject json = run.json("reader");
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(json.get("ours_rps").getAsDouble() > 0, run.output());
    assertTrue(json.get("ours_fixed_s").getAsDouble() > 0, run.output());
    assertTrue(json.get("raw_rps").getAsDouble() > 0, run.output());
    assertTrue(json.get("changes").getAsLong() >= 600, run.output());
    assertTrue(json.get("verified").getAsBoolean(), run.output());
  }

  @Test
  void shouldPrintLagFiguresSplitIntoReaderAndWriterParts() {
    MySqlTestDatabase db = mysql.newDatabase();
    // 2 s windows: with 1 s windows the reader's progress needs many more steps to catch up.
    Run run = bench("lag", "--rate", "20", "--duration", "3s", "--windows", "2s",
        "--probeRate", "5", "--senders", "2", "--writerPollInterval", "200ms",
        "--workDir", dir.toString(), "--emulatorHost", spanner.emulatorHost(),
        "--mysqlServer", db.host() + ":" + db.port(),
        "--mysqlUser", db.user(), "--mysqlPassword", db.password());

    JsonObject json = run.json("lag");
    assertEquals(0, run.exitCode(), run.output());
    JsonObject lag = json.getAsJsonArray("runs").get(0).getAsJsonObject();
    assertEquals(2.0, lag.get("window_s").getAsDouble());
    for (String figure : new String[] {"e2e_p50_s", "e2e_p99_s", "reader_p50_s", "writer_p50_s"}) {
      assertTrue(lag.get(figure).getAsDouble() >= 0, figure + " in " + run.output());
    }
    assertEquals(0, lag.get("probes_not_visible").getAsLong(), run.output());
    assertTrue(json.get("verified").getAsBoolean(), run.output());
  }

  private static Run bench(String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new BenchCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(out, true));
    int exitCode = commandLine.execute(args);
    // The figures in the test log: a smoke run that fails is then easy to read.
    System.out.println(out);
    return new Run(exitCode, out.toString());
  }

  private record Run(int exitCode, String output) {
    /** The JSON line of benchmark {@code bench}; fails when there is none. */
    JsonObject json(String bench) {
      List<JsonObject> lines = new ArrayList<>();
      for (String line : output.split("\n")) {
        if (line.startsWith("{")) {
          JsonObject json = JsonParser.parseString(line).getAsJsonObject();
          if (json.get("bench").getAsString().equals(bench)) {
            lines.add(json);
          }
        }
      }
      assertEquals(1, lines.size(), "one JSON line for " + bench + " in:\n" + output);
      return lines.get(0);
    }
  }
}
