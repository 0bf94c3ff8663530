package dev.rr.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.metadata.FileProcessProgressDao;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.RunMetadata;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** status, cutover, reprocess and drop against real metadata tables on the emulator. */
class RunCommandsIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();

  static final String RUN = "run-it";
  SpannerTestDatabase metadata;
  MetadataStore store;

  @BeforeEach
  void createMetadata() {
    metadata = SPANNER.newDatabase();
    store = MetadataStore.open(metadata.client(), metadata.adminClient(), metadata.id(),
        MetadataTables.withoutSuffix(), SPANNER.retry());
    store.createMissingTables();
  }

  RrRun rr(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "--emulatorHost=" + metadata.emulatorHost(),
        "--spannerProjectId=" + metadata.projectId(), "--instanceId=" + metadata.instanceId(),
        "--databaseId=app", "--metadataDatabase=" + metadata.databaseId(), "--runIdentifier=" + RUN));
    all.addAll(List.of(args));
    return RrRun.of(all.toArray(String[]::new));
  }

  void progress(String shard, ShardStatus status, String created, String processed, String error) {
    store.fileCreateProgress().setCreatedUpto(RUN, shard, Timestamp.parseTimestamp(created));
    store.fileProcessProgress().write(ShardProgress.builder().runId(RUN).shard(shard)
        .processedUpto(Timestamp.parseTimestamp(processed)).status(status)
        .lastCommitTimestamp(Timestamp.parseTimestamp(processed)).recordsApplied(12)
        .error(error).build());
  }

  @Test
  void shouldShowEveryShardAsJsonAndTable() {
    progress("s1", ShardStatus.SUCCESS, "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z", null);
    progress("s2", ShardStatus.RETRYING, "2024-05-01T10:00:20Z", "2024-05-01T10:00:00Z", "Connection refused");

    RrRun json = rr("status", "--json");
    RrRun table = rr("status");

    assertEquals(ExitCode.OK, json.exitCode(), json.err());
    JsonObject s2 = JsonParser.parseString(json.out().trim()).getAsJsonObject()
        .getAsJsonArray("shards").get(1).getAsJsonObject();
    assertEquals("RETRYING", s2.get("status").getAsString());
    assertEquals(20.0, s2.get("backlogSeconds").getAsDouble());
    assertEquals("Connection refused", s2.get("error").getAsString());
    assertTrue(table.out().contains("s2     RETRYING"), table.out());
  }

  @Test
  void shouldFailStatusOfUnknownRunListingTheRunsThere() {
    store.runs().upsert(runRow("other-run"));

    RrRun run = rr("status");

    assertEquals(ExitCode.FAILURE, run.exitCode());
    assertTrue(run.err().contains("run run-it does not exist in metadata database "), run.err());
    assertTrue(run.err().contains("check --runIdentifier (runs there: other-run)"), run.err());
  }

  @Test
  void shouldSayAStartedRunHasNoShardProgressYet() {
    store.runs().upsert(runRow(RUN));

    RrRun run = rr("status");

    assertEquals(ExitCode.FAILURE, run.exitCode());
    assertTrue(run.err().contains("run run-it exists (reader started from 2024-05-01T10:00:00Z)"
        + " but no shard has progress yet"), run.err());
  }

  static RunMetadata runRow(String runId) {
    return new RunMetadata(runId, Timestamp.parseTimestamp("2024-05-01T10:00:00Z"), null,
        java.time.Duration.ofSeconds(10), "rrstream", "projects/p/instances/i/databases/app",
        dev.rr.common.config.ReaderRunMode.REGULAR, "/tmp/buffer", "skip", null, null);
  }

  @Test
  void shouldCutOverWhenEveryShardAppliedPastT() {
    progress("s1", ShardStatus.SUCCESS, "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z", null);
    progress("s2", ShardStatus.SUCCESS, "2024-05-01T10:00:10Z", "2024-05-01T10:00:10Z", null);

    RrRun run = rr("cutover", "--at=2024-05-01T10:00:09.999Z", "--timeout=5s", "--poll=500ms");

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("cutover done"), run.out());
  }

  @Test
  void shouldExitThreeNamingShardBehindAfterTimeout() {
    progress("s1", ShardStatus.SUCCESS, "2024-05-01T10:00:20Z", "2024-05-01T10:00:20Z", null);
    progress("s2", ShardStatus.SUCCESS, "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z", null);

    RrRun run = rr("cutover", "--at=2024-05-01T10:00:15Z", "--timeout=2s", "--poll=500ms");

    assertEquals(ExitCode.NOT_CAUGHT_UP, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("cutover timed out before every shard passed 2024-05-01T10:00:15Z: shard s2: applied up to 2024-05-01T10:00:10.000Z"), run.err());
  }

  @Test
  void shouldExitThreeAtOnceWhenAShardIsInError() {
    progress("s1", ShardStatus.ERROR, "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z", "Data too long");

    RrRun run = rr("cutover", "--at=2024-05-01T10:00:15Z", "--timeout=1m");

    assertEquals(ExitCode.NOT_CAUGHT_UP, run.exitCode());
    assertTrue(run.err().contains("shard s1 is in ERROR: Data too long"), run.err());
  }

  @Test
  void shouldMarkShardsReprocessAndNameUnknownOnes() {
    progress("s1", ShardStatus.ERROR, "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z", "bad");
    progress("s2", ShardStatus.SUCCESS, "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z", null);

    RrRun known = rr("reprocess", "--shards=s1");
    RrRun unknown = rr("reprocess", "--shards=s2,s9");

    assertEquals(ExitCode.OK, known.exitCode(), known.err());
    FileProcessProgressDao dao = store.fileProcessProgress();
    assertEquals(ShardStatus.REPROCESS, dao.read(RUN, "s1").orElseThrow().status());
    assertEquals(ExitCode.FAILURE, unknown.exitCode());
    assertTrue(unknown.err().contains("[s9]"), unknown.err());
    assertEquals(ShardStatus.REPROCESS, dao.read(RUN, "s2").orElseThrow().status());
  }

  @Test
  void shouldDropChangeStreamAndBufferFilesToo(@TempDir Path buffer) throws Exception {
    SpannerTestDatabase app = SPANNER.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)",
        "CREATE CHANGE STREAM rrstream FOR ALL");
    Files.createDirectories(buffer.resolve("s1"));
    Files.writeString(buffer.resolve("s1").resolve("w1.txt"), "{}");
    progress("s1", ShardStatus.SUCCESS, "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z", null);

    RrRun run = RrRun.of("drop", "--yes", "--emulatorHost=" + app.emulatorHost(),
        "--spannerProjectId=" + app.projectId(), "--instanceId=" + app.instanceId(),
        "--databaseId=" + app.databaseId(), "--metadataDatabase=" + metadata.databaseId(),
        "--runIdentifier=" + RUN, "--drop-change-stream", "--changeStreamName=rrstream",
        "--delete-buffer", "--bufferDirectory=" + buffer);

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("deleted 1 buffer file(s)"), run.out());
    assertFalse(Files.exists(buffer.resolve("s1").resolve("w1.txt")));
    try (ResultSet rows = app.client().singleUse().executeQuery(Statement.of(
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.CHANGE_STREAMS WHERE CHANGE_STREAM_NAME = 'rrstream'"))) {
      rows.next();
      assertEquals(0, rows.getLong(0));
    }
    assertTrue(store.fileProcessProgress().read(RUN).isEmpty());
  }

  @Test
  void shouldRequireChangeStreamNameToDropIt() {
    RrRun run = rr("drop", "--yes", "--drop-change-stream");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--drop-change-stream needs --changeStreamName"), run.err());
  }

  @Test
  void shouldDropTheRunsRowsOnlyWithYes() {
    progress("s1", ShardStatus.SUCCESS, "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z", null);

    RrRun dropped = rr("drop", "--yes");

    assertEquals(ExitCode.OK, dropped.exitCode(), dropped.err());
    assertTrue(store.fileProcessProgress().read(RUN).isEmpty());
    assertTrue(store.fileCreateProgress().createdUpto(RUN).isEmpty());
  }
}
