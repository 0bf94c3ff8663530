package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.metadata.FileProcessProgressDao;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.reader.logic.IntervalGrid;
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
 * {@code runMode=resume}: the reader restarts at the earliest window any shard still needs (the
 * writer's processed_upto) and rewrites the windows from there into identical files.
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
  void shouldResumeFromTheEarliestWindowAShardStillNeedsAndRewriteIdenticalFiles()
      throws Exception {
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
    Map<String, Instant> createdUpto = run.createdUpto("resumable");

    // The writer has applied shardA up to the end of the 2nd window and shardB up to the 3rd.
    IntervalGrid grid = IntervalGrid.anchoredAt(run.start, WINDOW);
    Instant secondEnd = grid.windowEnd(IntervalGrid.toInstant(run.start)).plus(WINDOW);
    FileProcessProgressDao writer =
        new FileProcessProgressDao(run.metadata.client(), MetadataTables.withoutSuffix());
    writer.write(progress("shardA", secondEnd));
    writer.write(progress("shardB", secondEnd.plus(WINDOW)));
    Thread.sleep(20);

    // Resumed without start or end: from the writer's progress to the run's own end.
    ReaderPipeline.run(run.config("resumable", "1s", last).sessionFilePath(session)
        .runMode("resume").startTimestamp(null).endTimestamp(null).build(),
        ReaderRunFixture.directOptions())
        .waitUntilFinish();

    assertEquals(firstRun, BufferFiles.contents(run.buffer));
    Map<String, FileTime> secondWritten = modified(run.buffer);
    int rewritten = 0;
    for (Map.Entry<String, FileTime> file : firstWritten.entrySet()) {
      Instant windowStart = Instant.parse(file.getKey().substring(file.getKey().indexOf('/') + 1,
          file.getKey().indexOf('/') + 25));
      if (windowStart.isBefore(secondEnd)) {
        assertEquals(file.getValue(), secondWritten.get(file.getKey()), file.getKey() + " rewritten");
      } else {
        assertNotEquals(file.getValue(), secondWritten.get(file.getKey()), file.getKey() + " kept");
        rewritten++;
      }
    }
    assertTrue(rewritten > 0, "some windows lie after the resume point");
    assertEquals(createdUpto, run.createdUpto("resumable"));
    assertEquals(ReaderRunMode.RESUME,
        run.runs().read("resumable").orElseThrow().readerRunMode());
    assertEquals(run.start, run.runs().read("resumable").orElseThrow().startTimestamp());
  }

  private static ShardProgress progress(String shard, Instant processedUpto) {
    return ShardProgress.builder()
        .runId("resumable")
        .shard(shard)
        .processedUpto(Timestamp.ofTimeSecondsAndNanos(
            processedUpto.getEpochSecond(), processedUpto.getNano()))
        .status(ShardStatus.SUCCESS)
        .build();
  }

  private static Map<String, FileTime> modified(Path root) {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        times.put(root.relativize(file).toString(), Files.getLastModifiedTime(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return times;
  }
}
