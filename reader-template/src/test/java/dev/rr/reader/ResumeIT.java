package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Statement;
import dev.rr.common.config.ConfigException;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.metadata.FileProcessProgressDao;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.testing.SpannerEmulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runMode=resume}: the reader restarts where the buffer stops being final (the least
 * created_upto), never rewrites a final file, and refuses inputs that would route differently.
 */
class ResumeIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();
  private static final Duration WINDOW = Duration.ofSeconds(1);

  @TempDir Path work;

  @AfterEach
  void dropDatabases() {
    ReaderRunFixture.dropDatabases();
  }

  @Test
  void shouldResumeWhereTheBufferStopsBeingFinalAndNeverRewriteAFinalFile() throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("shardA", "shardB"),
        ShardRoutingIT.ORDERS,
        "CREATE CHANGE STREAM cs FOR ALL OPTIONS (value_capture_type = 'NEW_ROW')");
    Timestamp last = null;
    for (int i = 1; i <= 8; i++) {
      last = run.data.write(ShardRoutingIT.order(i, i % 2 == 0 ? "shardA" : "shardB", i));
      Thread.sleep(450);
    }
    String session = ReaderRunFixture.resource("/sessions/orders-sharded-session.json");
    ReaderPipeline.run(run.config("resumable", "1s", last).sessionFilePath(session)
        .runMode("regular").build(), ReaderRunFixture.directOptions()).waitUntilFinish();
    Map<String, String> firstRun = BufferFiles.contents(run.buffer);
    Map<String, FileTime> firstWritten = modified(run.buffer);
    Map<String, Instant> createdUptoAtEnd = run.createdUpto("resumable");

    // The reader had stopped with shardA final up to the end of the 2nd window and shardB up to
    // the 3rd; the writer of shardA sits in ERROR at the run's start, far behind both.
    IntervalGrid grid = IntervalGrid.anchoredAt(run.start, WINDOW);
    Instant secondEnd = grid.windowEnd(IntervalGrid.toInstant(run.start)).plus(WINDOW);
    Map<String, Instant> finalUpto = Map.of("shardA", secondEnd, "shardB", secondEnd.plus(WINDOW));
    finalUpto.forEach((shard, at) -> setCreatedUpto(run, shard, at));
    FileProcessProgressDao writer =
        new FileProcessProgressDao(run.metadata.client(), MetadataTables.withoutSuffix());
    writer.write(progress("shardA", IntervalGrid.toInstant(run.start), ShardStatus.ERROR));
    writer.write(progress("shardB", IntervalGrid.toInstant(run.start), ShardStatus.SUCCESS));
    Thread.sleep(20);

    // Resumed without start or end: from where the buffer stops being final, to the run's end.
    ReaderPipeline.run(run.config("resumable", "1s", last).sessionFilePath(session)
        .runMode("resume").startTimestamp(null).endTimestamp(null).build(),
        ReaderRunFixture.directOptions())
        .waitUntilFinish();

    assertEquals(firstRun, BufferFiles.contents(run.buffer));
    Map<String, FileTime> secondWritten = modified(run.buffer);
    int rewritten = 0;
    int kept = 0;
    for (Map.Entry<String, FileTime> file : firstWritten.entrySet()) {
      String name = file.getKey();
      String shard = name.substring(0, name.indexOf('/'));
      Instant windowEnd = Instant.parse(name.substring(name.indexOf('/') + 26,
          name.indexOf('/') + 50));
      if (!windowEnd.isAfter(finalUpto.get(shard))) {
        assertEquals(file.getValue(), secondWritten.get(name), name + " is final: never rewritten");
        kept++;
      } else {
        assertNotEquals(file.getValue(), secondWritten.get(name), name + " read again");
        rewritten++;
      }
    }
    assertTrue(kept > 0 && rewritten > 0, kept + " kept, " + rewritten + " rewritten");
    assertEquals(createdUptoAtEnd, run.createdUpto("resumable"));
    assertEquals(ReaderRunMode.RESUME,
        run.runs().read("resumable").orElseThrow().readerRunMode());
    assertEquals(run.start, run.runs().read("resumable").orElseThrow().startTimestamp());
  }

  @Test
  void shouldRefuseToResumeWithInputsThatRouteDifferently() throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("shardA", "shardB"),
        ShardRoutingIT.ORDERS,
        "CREATE CHANGE STREAM cs FOR ALL OPTIONS (value_capture_type = 'NEW_ROW')");
    Timestamp last = run.data.write(ShardRoutingIT.order(1, "shardA", 1));
    String session = ReaderRunFixture.resource("/sessions/orders-sharded-session.json");
    ReaderPipeline.run(run.config("routed", "1s", last).sessionFilePath(session)
        .runMode("regular").build(), ReaderRunFixture.directOptions()).waitUntilFinish();
    Path otherSession = work.resolve("other-session.json");
    Files.writeString(otherSession, Files.readString(Path.of(session)) + "\n");
    Path otherShards = work.resolve("other-shards.json");
    ReaderRunFixture.writeShardsFile(otherShards, List.of("shardA", "shardB", "shardC"));

    ConfigException refused = assertThrows(ConfigException.class, () -> ReaderPipeline.run(
        run.config("routed", "1s", last).sessionFilePath(otherSession.toString())
            .sourceShardsFilePath(otherShards.toString())
            .changeStreamName("other_stream")
            .runMode("resume").startTimestamp(null).endTimestamp(null).build(),
        ReaderRunFixture.directOptions()));

    String message = refused.getMessage();
    assertTrue(message.contains("sessionFilePath"), message);
    assertTrue(message.contains("[shardA, shardB, shardC]"), message);
    assertTrue(message.contains("changeStreamName other_stream"), message);
  }

  private static void setCreatedUpto(ReaderRunFixture run, String shard, Instant at) {
    run.metadata.client().readWriteTransaction().run(tx -> tx.executeUpdate(Statement.newBuilder(
            "UPDATE shard_file_create_progress SET created_upto = @at"
                + " WHERE run_id = 'resumable' AND shard = @shard")
        .bind("at").to(Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano()))
        .bind("shard").to(shard)
        .build()));
  }

  private static ShardProgress progress(String shard, Instant processedUpto, ShardStatus status) {
    return ShardProgress.builder()
        .runId("resumable")
        .shard(shard)
        .processedUpto(Timestamp.ofTimeSecondsAndNanos(
            processedUpto.getEpochSecond(), processedUpto.getNano()))
        .status(status)
        .build();
  }

  private static Map<String, FileTime> modified(Path root) {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(BufferFiles::isWindowFile).toList()) {
        times.put(root.relativize(file).toString(), Files.getLastModifiedTime(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return times;
  }
}
