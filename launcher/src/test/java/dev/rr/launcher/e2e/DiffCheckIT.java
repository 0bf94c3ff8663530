package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The randomized differential checker in the suite: a fixed set of seeds ({@code -Ddiff.seeds=7,8}
 * reruns chosen ones, {@code -Ddiff.seconds} sets each seed's write time), each with its random
 * schema and every fault at once ({@link FaultyEmulator}), sampled continuously with the
 * consistent-prefix oracle; then the control that proves the oracle bites, on a correct run of a
 * seed without faults. Together, {@link #CI_SEEDS} and {@link #CONTROL_SEED} cover every schema
 * feature ({@code DiffSeedsTest}). Prints one {@code DIFF TOTAL} line when the class ends.
 */
class DiffCheckIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();
  static final Duration WRITE_TIME = Duration.ofSeconds(Long.getLong("diff.seconds", 10));
  /** The seeds the suite runs with every fault unless {@code -Ddiff.seeds} says otherwise. */
  static final String CI_SEEDS = "60";
  /** The seed whose run also carries the control. */
  static final long CONTROL_SEED = 19;
  private static final List<DiffRun.Result> RESULTS = new ArrayList<>();

  @TempDir Path work;

  static LongStream seeds() {
    return Arrays.stream(System.getProperty("diff.seeds", CI_SEEDS).split(","))
        .mapToLong(s -> Long.parseLong(s.trim()));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldShowEveryShardOnlyStatesSpannerHadThroughEveryFaultForSeed(long seed) throws Exception {
    int[] aborted = new int[1];

    DiffRun.Result result = FaultyEmulator.run(SPANNER, new MySqlShardServers(MYSQL.servers(3)),
        work, seed, FaultyEmulator.everyFault(seed, aborted));
    synchronized (RESULTS) {
      RESULTS.add(result);
    }

    assertTrue(aborted[0] > 0, "the emulator aborted no commit of the probe");
    assertEquals(FaultyEmulator.expectedFaults(seed, SourceType.MYSQL), result.faults(),
        "faults done: " + result.line());
    assertTrue(result.passed(), result.line() + " " + result.detail());
  }

  /**
   * A correct run without faults yields samples and no mismatch, and the control run on its buffer
   * (applied record by record with autocommit) must be reported by the same oracle.
   */
  @Test
  void shouldMatchACorrectRunAndReportTheAutocommitControl() throws Exception {
    DiffRun.Result result = DiffRun.run(SpannerEnv.shared(SPANNER), MYSQL.servers(3), work, CONTROL_SEED,
        WRITE_TIME, DiffRun.Plan.noFaultsWithControl());
    synchronized (RESULTS) {
      RESULTS.add(result);
    }

    assertTrue(result.passed(), result.line() + " " + result.detail());
    assertTrue(result.samples() > 0, result.line());
    assertTrue(result.control().samples() > 0, "the control took no sample");
    assertTrue(result.control().mismatches() > 0, "record-by-record apply went unnoticed in "
        + result.control().samples() + " samples");
  }

  @AfterAll
  static void printTotal() {
    long samples = RESULTS.stream().mapToLong(DiffRun.Result::samples).sum();
    long mismatches = RESULTS.stream().mapToLong(DiffRun.Result::mismatches).sum();
    long lost = RESULTS.stream().mapToLong(DiffRun.Result::lost).sum();
    long duplicated = RESULTS.stream().mapToLong(DiffRun.Result::duplicated).sum();
    long faults = RESULTS.stream().mapToLong(DiffRun.Result::faults).sum();
    RESULTS.forEach(result -> System.out.println(result.line()));
    System.out.println("DIFF TOTAL seeds=" + RESULTS.size() + " samples=" + samples + " mismatches="
        + mismatches + " lost=" + lost + " duplicated=" + duplicated + " faults=" + faults);
  }
}
