package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rr check --target postgresql}: one seed's random schema on two private PostgreSQL shards,
 * the reader stopped mid-run and resumed, every shard sampled against Spanner at its checkpoint.
 */
class PostgresCheckIT {
  /**
   * An odd seed stops the reader. This one's 4 tables have string keys (one case-insensitive on
   * MySQL, plain on PostgreSQL), two children interleaved with ON DELETE CASCADE, unique indexes,
   * a composite integer key, and boolean, double, numeric and timestamp values; no foreign key
   * between root tables (see docs/postgresql.md).
   */
  static final long SEED = 3;
  /** Parts of the seed's printed schema: the run replicated what the IT means to test. */
  private static final String[] FEATURES = {
    "tab1 -> src_tab1 key(k1_1 KEY_TEXT ci) v1=BOOL",
    "tab2 -> src_tab2 key(k1_1 KEY_TEXT ci, k2_1 KEY_TEXT) in tab1 on delete cascade unique(code)",
    "tab4 -> tab4 key(k4_1 INT, k4_2 INT) unique(code) v1=DECIMAL?"};

  @TempDir Path work;

  @Test
  void shouldRunARandomSchemaOnPostgresShardsThroughAReaderFaultWithNothingLostOrDuplicated() {
    RrRun run = RrRun.of("check", "--target", "postgresql", "--schema", "random", "--shards", "2",
        "--seeds", "1", "--seed", String.valueOf(SEED), "--duration", "12s", "--faults",
        "--workDir", work.resolve("check").toString());
    System.out.println(run.out());

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("PostgreSQL: started on"), run.out());
    assertTrue(run.out().contains("fault: reader stopped"), run.out());
    assertTrue(run.out().contains("reader resumed"), run.out());
    Matcher total = Pattern.compile("DIFF TOTAL seeds=1 samples=(\\d+) mismatches=0 lost=0 duplicated=0"
        + " faults=1").matcher(run.out());
    assertTrue(total.find(), run.out());
    assertTrue(Long.parseLong(total.group(1)) > 0, run.out());
    // Samples taken before the writer's first commit compare with Spanner before the run; the
    // oracle must also have compared shards at real checkpoints.
    Matcher progress = Pattern.compile("\\((\\d+) at a checkpoint\\)").matcher(run.out());
    long atCheckpoint = 0;
    while (progress.find()) {
      atCheckpoint = Long.parseLong(progress.group(1));
    }
    assertTrue(atCheckpoint > 0, "no sample at a checkpoint:\n" + run.out());
    for (String feature : FEATURES) {
      assertTrue(run.out().contains(feature), feature + " in the seed's schema:\n" + run.out());
    }
  }
}
