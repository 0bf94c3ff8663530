package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rr check --session}: an operator's session file replicated on scratch databases. */
class CheckSessionIT {
  @TempDir Path work;

  @Test
  void shouldReplicateTheSchemaOfASessionFileWithShardMovesAndFindNoMismatch() throws Exception {
    RrRun run = RrRun.of("check", "--session", resource("/check/shop-session.json").toString(),
        "--seeds", "1", "--duration", "10s", "--shards", "2", "--shardMoves",
        "--workDir", work.resolve("check").toString());
    System.out.println(run.out());

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    Matcher total = Pattern.compile("DIFF TOTAL seeds=1 samples=(\\d+) mismatches=0 lost=0 duplicated=0"
        + " faults=0").matcher(run.out());
    assertTrue(total.find(), run.out());
    assertTrue(Long.parseLong(total.group(1)) > 0, run.out());
    assertTrue(run.out().contains("Orders -> orders key(migration_shard_id"), run.out());
    // The operator's session file is the mapping under test, used as given.
    assertEquals(Files.readString(resource("/check/shop-session.json")),
        Files.readString(work.resolve("check/seed-1/session.json")));
    Matcher stats = Pattern.compile("seed 1: (\\d+) transactions").matcher(run.out());
    assertTrue(stats.find() && Long.parseLong(stats.group(1)) > 0, run.out());
  }

  @Test
  void shouldRefuseASessionTheGeneratorCannotWriteBeforeStartingAnything() throws Exception {
    // common's 2023 fixture (in common's test jar): a decimal(10,2) rounds the generated values.
    Path session = work.resolve("id-keyed-sharded.json");
    try (InputStream in = CheckSessionIT.class.getResourceAsStream("/fixtures/session-variants/id-keyed-sharded.json")) {
      Files.copy(in, session);
    }
    RrRun run = RrRun.of("check", "--session", session.toString(),
        "--workDir", work.resolve("check").toString());

    assertEquals(ExitCode.USAGE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("table Users, column balance (NUMERIC -> decimal(10,2))"), run.err());
    assertFalse(Files.exists(work.resolve("check")), "nothing started");
  }

  @Test
  void shouldRefuseAnInvalidSessionFileAsAnOption() throws Exception {
    Path session = work.resolve("broken.json");
    Files.writeString(session, "{\"SpSchema\": {}}");

    RrRun run = RrRun.of("check", "--session", session.toString(), "--workDir", work.resolve("check").toString());

    assertEquals(ExitCode.USAGE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("SrcSchema"), run.err());
  }

  private static Path resource(String path) throws URISyntaxException {
    return Path.of(CheckSessionIT.class.getResource(path).toURI());
  }
}
