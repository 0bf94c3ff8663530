package dev.rr.launcher.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Spanner;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.spanner.MetadataTarget;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** rr status and rr cutover against progress rows in a real (emulated) metadata database. */
class StatusCommandsIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();

  static SpannerTestDatabase spanner;
  static String metadataDb;
  /** A time safely after the progress rows' window ends, but in the past. */
  static Timestamp caughtUpTo;

  @BeforeAll
  static void progressRows() {
    spanner = SPANNER.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)");
    metadataDb = "meta" + Long.toHexString(System.nanoTime() % 0xffffffL);
    SpannerTarget source = new SpannerTarget(spanner.projectId(), spanner.instanceId(),
        spanner.databaseId(), Optional.empty(), Optional.of(spanner.emulatorHost()));
    MetadataTarget target = new MetadataTarget(source.withDatabase(spanner.instanceId(), metadataDb),
        Optional.empty());
    Timestamp now = Timestamp.now();
    Timestamp windowEnd = Timestamp.ofTimeSecondsAndNanos(now.getSeconds() - 5, 0);
    caughtUpTo = Timestamp.ofTimeSecondsAndNanos(now.getSeconds() - 10, 0);
    try (Spanner client = SpannerClients.open(source)) {
      MetadataStore.createDatabaseIfMissing(client.getDatabaseAdminClient(),
          SpannerClients.databaseId(target.database()), Dialect.GOOGLE_STANDARD_SQL);
      MetadataStore store = SpannerClients.metadata(client, target);
      store.createMissingTables();
      store.fileCreateProgress().setCreatedUpto("r1", "s1", windowEnd);
      store.fileProcessProgress().write(ShardProgress.builder().runId("r1").shard("s1")
          .processedUpto(windowEnd).status(ShardStatus.SUCCESS).recordsApplied(3).build());
    }
  }

  static String[] args(String command, String... more) {
    List<String> all = new ArrayList<>(List.of(command, "--runIdentifier=r1",
        "--emulatorHost=" + spanner.emulatorHost(), "--spannerProjectId=" + spanner.projectId(),
        "--instanceId=" + spanner.instanceId(), "--databaseId=" + spanner.databaseId(),
        "--metadataDatabase=" + metadataDb));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void shouldRefuseACutoverTimeInTheFuture() {
    Timestamp future = Timestamp.ofTimeSecondsAndNanos(Timestamp.now().getSeconds() + 3600, 0);

    RrRun run = RrRun.of(args("cutover", "--at=" + future, "--timeout=1s"));

    assertEquals(ExitCode.USAGE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("--at " + future + " is in the future (Spanner's clock reads "),
        run.err());
  }

  @Test
  void shouldPrintOnlyOneJsonDocumentForACutoverWhenNotOnATerminal() {
    RrRun run = RrRun.of(args("cutover", "--at=" + caughtUpTo, "--timeout=5s", "--json"));

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals("DONE", json.get("verdict").getAsString());
    assertEquals("r1", json.get("runIdentifier").getAsString());
    assertEquals(caughtUpTo.toString(), json.get("cutoverTimestamp").getAsString());
    assertEquals("", run.err(), "no progress lines off a terminal");
  }

  @Test
  void shouldShowWhenTheRowWasWrittenWithoutFlaggingAFreshRow() {
    RrRun run = RrRun.of(args("status"));

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    String[] lines = run.out().split("\n");
    assertTrue(lines[1].contains("UPDATED"), run.out());
    assertTrue(lines[2].matches(".*\\d+(\\.\\d)?(ms|s) ago.*"), run.out());
    assertFalse(run.out().contains("STALLED"), run.out());
    assertFalse(run.out().contains("\033["), "no terminal escapes off a terminal");
  }

  @Test
  void shouldFlagTheRowAsStalledWhenItIsOlderThanAsked() throws Exception {
    Thread.sleep(1100);

    RrRun run = RrRun.of(args("status", "--stallAfter=1s"));

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("STALLED"), run.out());
    assertTrue(run.out().contains("! shard s1: STALLED, its row was last written"), run.out());
  }
}
