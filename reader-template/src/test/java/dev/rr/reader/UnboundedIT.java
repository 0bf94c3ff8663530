package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.model.ModType;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unbounded reader run while writes keep arriving: files appear and created_upto advances, and
 * every window up to created_upto holds exactly the writes committed in it.
 */
class UnboundedIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @TempDir Path work;

  @AfterEach
  void dropDatabases() {
    ReaderRunFixture.dropDatabases();
  }

  @Test
  void shouldKeepWritingFilesAndAdvancingProgressWhileWritesArrive() throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("shardA", "shardB"),
        ShardRoutingIT.ORDERS,
        "CREATE CHANGE STREAM cs FOR ALL OPTIONS (value_capture_type = 'NEW_ROW')");
    ReaderConfig config = ReaderConfig.builder()
        .spannerProjectId(run.data.projectId()).instanceId(run.data.instanceId())
        .databaseId(run.data.databaseId()).metadataDatabase(run.metadata.databaseId())
        .changeStreamName("cs").spannerEmulatorHost(spanner.emulatorHost())
        .startTimestamp(run.start.toString()).windowDuration("2s")
        .gcsOutputDirectory(run.buffer.toString()).sourceShardsFilePath(run.shardsFile.toString())
        .sessionFilePath(ReaderRunFixture.resource("/sessions/orders-sharded-session.json"))
        .runIdentifier("live")
        .build();
    PipelineOptions options = ReaderRunFixture.directOptions();
    options.as(DirectOptions.class).setBlockOnRun(false);

    AtomicBoolean writing = new AtomicBoolean(true);
    List<Timestamp> commits = Collections.synchronizedList(new ArrayList<>());
    Thread writer = new Thread(() -> {
      for (int i = 1; writing.get(); i++) {
        String shard = i % 2 == 0 ? "shardA" : "shardB";
        Timestamp commit = run.data.write(ShardRoutingIT.order(i, shard, i));
        synchronized (run) {
          run.expect(shard, "orders", ModType.INSERT, ShardRoutingIT.key(i), shard, commit);
        }
        commits.add(commit);
        sleep(300);
      }
    }, "unbounded-it-writer");

    PipelineResult result = ReaderPipeline.run(config, options);
    writer.start();
    TreeSet<Instant> progressSeen = new TreeSet<>();
    Instant target = null;
    Instant deadline = Instant.now().plus(PATIENCE);
    try {
      while (Instant.now().isBefore(deadline)) {
        Map<String, Instant> createdUpto = run.createdUpto("live");
        if (createdUpto.size() == 2) {
          progressSeen.add(Collections.min(createdUpto.values()));
        }
        if (target == null && commits.size() >= 12) {
          target = IntervalGrid.anchoredAt(run.start, WINDOW)
              .windowEnd(IntervalGrid.toInstant(commits.get(11)));
        }
        if (target != null && !progressSeen.isEmpty() && !progressSeen.last().isBefore(target)) {
          break;
        }
        Thread.sleep(500);
      }
    } finally {
      writing.set(false);
      writer.join();
      cancel(result);
    }

    assertTrue(target != null && !progressSeen.isEmpty() && !progressSeen.last().isBefore(target),
        "created_upto " + progressSeen + " did not reach " + target + " within " + PATIENCE);
    assertTrue(progressSeen.size() >= 2, "created_upto advanced step by step: " + progressSeen);
    // Every window ending at or before the last created_upto seen is complete and exact.
    Instant complete = progressSeen.last();
    Map<String, List<String>> expected;
    synchronized (run) {
      expected = upTo(run.expectedFiles(WINDOW), complete);
    }
    assertEquals(expected, upTo(run.actualFiles(), complete));
  }

  /** Only the files of windows ending at or before {@code end}. */
  private static Map<String, List<String>> upTo(Map<String, List<String>> files, Instant end) {
    Map<String, List<String>> kept = new TreeMap<>();
    files.forEach((path, records) -> {
      String name = path.substring(path.indexOf('/') + 1);
      Instant windowEnd = Instant.parse(name.substring(25, 49));
      if (!windowEnd.isAfter(end)) {
        kept.put(path, records);
      }
    });
    return kept;
  }

  private static void cancel(PipelineResult result) {
    try {
      result.cancel();
    } catch (Exception e) {
      // The DirectRunner may report the cancellation itself as a failure; the run is over.
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
