package dev.rr.reader.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.BufferRecordCodec;
import dev.rr.common.buffer.ChangeRecordCoder;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.ProgressPlan;
import dev.rr.reader.logic.ProgressSink;
import dev.rr.reader.logic.ProgressUpdate;
import dev.rr.reader.logic.ReadPosition;
import dev.rr.reader.logic.WrittenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps 5-7 under a controlled watermark: files per (shard, window) in commit order, late data
 * kept apart, and created_upto advancing for every shard - with data or not - only once the
 * files of every window up to it exist.
 */
class WindowedFilesAndProgressTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final IntervalGrid GRID =
      IntervalGrid.anchoredAt(Timestamp.parseTimestamp("2024-01-01T00:00:00Z"), Duration.ofSeconds(10));

  /** Files present in the output directory each time progress was published, by test run. */
  private static final Map<String, List<KV<Instant, Set<String>>>> SNAPSHOTS =
      new ConcurrentHashMap<>();
  /** The latest created_upto published, by test run and shard. */
  private static final Map<String, Map<String, Instant>> PUBLISHED = new ConcurrentHashMap<>();

  @TempDir Path out;

  private static Instant at(double seconds) {
    return START.plusMillis((long) (seconds * 1000));
  }

  private static ChangeRecord change(String shard, double seconds, String tx, int modIndex) {
    return change(shard, at(seconds), tx, modIndex);
  }

  private static ChangeRecord change(String shard, Instant commit, String tx, int modIndex) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(commit.getEpochSecond(), commit.getNano()))
        .serverTransactionId(tx)
        .modIndex(modIndex)
        .tableName("Users")
        .modType(ModType.INSERT)
        .keysJson("{\"id\":\"" + tx + "-" + modIndex + "\"}")
        .shard(shard)
        .build();
  }

  private static TimestampedValue<KV<String, ChangeRecord>> event(ChangeRecord record) {
    return TimestampedValue.of(
        KV.of(record.shard(), record),
        new org.joda.time.Instant(record.commitTimestamp().toSqlTimestamp().getTime()));
  }

  @Test
  void shouldWriteSortedWindowFilesAndPublishProgressOnlyAfterTheirFilesExist() throws Exception {
    ChangeRecord s1a = change("s1", 1, "t1", 0);
    ChangeRecord s1b = change("s1", 1, "t1", 1);
    ChangeRecord s1c = change("s1", 8.5, "t2", 0);
    ChangeRecord s2a = change("s2", 12, "t3", 0);
    ChangeRecord s1Late = change("s1", 5, "t9", 0);
    ChangeRecord s2b = change("s2", 27, "t4", 0);
    TestStream<KV<String, ChangeRecord>> stream =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), ChangeRecordCoder.of()))
            .advanceWatermarkTo(new org.joda.time.Instant(START.toEpochMilli()))
            // out of commit order on purpose: files must be sorted
            .addElements(event(s1c), event(s1b), event(s1a), event(s2a))
            .advanceWatermarkTo(new org.joda.time.Instant(at(25).toEpochMilli()))
            // behind the watermark: its window [0,10) is already final
            .addElements(event(s1Late), event(s2b))
            // [30,40) stays empty for every shard
            .advanceWatermarkTo(new org.joda.time.Instant(at(42).toEpochMilli()))
            .advanceWatermarkToInfinity();
    String runKey = out.toString();
    ProgressPlan plan = new ProgressPlan(GRID, START, at(45), List.of("s1", "s2", "s3"), Map.of());
    OutputLayout layout = new OutputLayout(out.toString(), "skip", "skip-unknown-shard");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<KV<String, WrittenFile>> files =
        pipeline
            .apply(stream)
            .apply(WindowIntoIntervals.of(GRID))
            .apply(WriteShardFiles.to(layout)
                .mergingLatePanesBefore(new SnapshotSink.Factory(runKey, out.toString())));
    PCollection<ProgressUpdate> progress =
        files.apply(
            PublishProgress.of(plan, new SnapshotSink.Factory(runKey, out.toString()))
                .withMinWriteInterval(Duration.ZERO));

    List<ProgressUpdate> expected = new ArrayList<>();
    for (int end = 10; end <= 50; end += 10) {
      for (String shard : List.of("s1", "s2", "s3")) {
        expected.add(new ProgressUpdate(shard, at(end)));
      }
    }
    PAssert.that(progress).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();

    assertEquals(
        Set.of(
            "s1/2024-01-01T00:00:00.000Z-2024-01-01T00:00:10.000Z-pane-0-last-0-of-1.txt",
            "s2/2024-01-01T00:00:10.000Z-2024-01-01T00:00:20.000Z-pane-0-last-0-of-1.txt",
            "s2/2024-01-01T00:00:20.000Z-2024-01-01T00:00:30.000Z-pane-0-last-0-of-1.txt",
            "skip-late/s1/2024-01-01T00:00:00.000Z-2024-01-01T00:00:10.000Z-late-pane-1.txt"),
        listFiles(out));
    assertEquals(
        List.of(s1a, s1b, s1c),
        read(out.resolve("s1/2024-01-01T00:00:00.000Z-2024-01-01T00:00:10.000Z-pane-0-last-0-of-1.txt")));
    assertEquals(
        List.of(s1Late),
        read(out.resolve(
            "skip-late/s1/2024-01-01T00:00:00.000Z-2024-01-01T00:00:10.000Z-late-pane-1.txt")));

    // When created_upto reached T, every data window ending at or before T had its file.
    Map<Instant, Set<String>> seen =
        SNAPSHOTS.get(runKey).stream().collect(Collectors.toMap(KV::getKey, KV::getValue));
    assertEquals(Set.of(at(10), at(20), at(30), at(40), at(50)), seen.keySet());
    assertTrue(seen.get(at(10)).contains(
        "s1/2024-01-01T00:00:00.000Z-2024-01-01T00:00:10.000Z-pane-0-last-0-of-1.txt"));
    assertTrue(seen.get(at(20)).contains(
        "s2/2024-01-01T00:00:10.000Z-2024-01-01T00:00:20.000Z-pane-0-last-0-of-1.txt"));
    assertTrue(seen.get(at(30)).contains(
        "s2/2024-01-01T00:00:20.000Z-2024-01-01T00:00:30.000Z-pane-0-last-0-of-1.txt"));
  }

  private static Set<String> listFiles(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<ChangeRecord> read(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(BufferRecordCodec::decode).toList();
  }

  /**
   * A record behind the watermark whose window is not final yet (the source has not read past it,
   * so created_upto is held before the window's end): it is merged into the window's file, which
   * no writer has read, instead of being kept apart.
   */
  @Test
  void shouldMergeALateRecordIntoItsWindowWhileTheWindowIsNotFinal() throws Exception {
    Instant origin = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 10 * 10 - 60);
    IntervalGrid grid = IntervalGrid.anchoredAt(
        Timestamp.ofTimeSecondsAndNanos(origin.getEpochSecond(), 0), Duration.ofSeconds(10));
    ChangeRecord onTime = change("s1", origin.plusSeconds(3), "t1", 0);
    ChangeRecord late = change("s1", origin.plusSeconds(2), "t0", 0);
    TestStream<KV<String, ChangeRecord>> stream =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), ChangeRecordCoder.of()))
            .advanceWatermarkTo(new org.joda.time.Instant(origin.toEpochMilli()))
            .addElements(event(onTime))
            .advanceWatermarkTo(new org.joda.time.Instant(origin.plusSeconds(25).toEpochMilli()))
            .addElements(event(late))
            .advanceWatermarkToInfinity();
    String runKey = out + "-merge";
    ProgressPlan plan = new ProgressPlan(grid, origin, null, List.of("s1"), Map.of());
    OutputLayout layout = new OutputLayout(out.toString(), "skip", "skip-unknown-shard");
    SnapshotSink.Factory sink = new SnapshotSink.Factory(runKey, out.toString());

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    pipeline
        .apply(stream)
        .apply(WindowIntoIntervals.of(grid))
        .apply(WriteShardFiles.to(layout).mergingLatePanesBefore(sink))
        // The source has read only 5 s of the first window: it never becomes final.
        .apply(PublishProgress.of(plan, sink)
            .withMinWriteInterval(Duration.ZERO)
            .withReadPosition(new FixedPosition(origin.plusSeconds(5))));
    pipeline.run().waitUntilFinish();

    String window = "s1/" + dev.rr.common.buffer.WindowFiles.fileName(origin, origin.plusSeconds(10));
    assertEquals(Set.of(window), listFiles(out), "nothing kept apart");
    assertEquals(List.of(late, onTime), read(out.resolve(window)));
  }

  /**
   * A drain: the watermark jumps to the end of time while the source had read only up to 25 s past
   * the grid's start. Only the window ends it read past are published, although files of later
   * windows (with what was read of them) are written.
   */
  @Test
  void shouldNotPublishWindowsADrainedSourceNeverRead() throws Exception {
    // An unbounded run stops its loop a minute past the wall clock: anchor the grid near now.
    Instant origin = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 10 * 10 - 60);
    IntervalGrid grid = IntervalGrid.anchoredAt(
        Timestamp.ofTimeSecondsAndNanos(origin.getEpochSecond(), 0), Duration.ofSeconds(10));
    ChangeRecord read = change("s1", origin.plusSeconds(3), "t1", 0);
    ChangeRecord partOfWindow = change("s1", origin.plusSeconds(22), "t2", 0);
    TestStream<KV<String, ChangeRecord>> stream =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), ChangeRecordCoder.of()))
            .advanceWatermarkTo(new org.joda.time.Instant(origin.toEpochMilli()))
            .addElements(event(read), event(partOfWindow))
            .advanceWatermarkToInfinity();
    ProgressPlan plan = new ProgressPlan(grid, origin, null, List.of("s1", "s2"), Map.of());
    OutputLayout layout = new OutputLayout(out.toString(), "skip", "skip-unknown-shard");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ProgressUpdate> progress =
        pipeline
            .apply(stream)
            .apply(WindowIntoIntervals.of(grid))
            .apply(WriteShardFiles.to(layout))
            .apply(PublishProgress.of(plan, new SnapshotSink.Factory(out.toString(), out.toString()))
                .withMinWriteInterval(Duration.ZERO)
                .withReadPosition(new FixedPosition(origin.plusSeconds(25))));

    List<ProgressUpdate> expected = new ArrayList<>();
    for (int end = 10; end <= 20; end += 10) {
      for (String shard : List.of("s1", "s2")) {
        expected.add(new ProgressUpdate(shard, origin.plusSeconds(end)));
      }
    }
    PAssert.that(progress).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
    assertEquals(2, listFiles(out).size(), "the window files of both records: " + listFiles(out));
  }

  /** A source that has read up to a fixed instant. */
  private record FixedPosition(Instant upTo) implements ReadPosition.Factory {
    @Override
    public ReadPosition open() {
      return new ReadPosition() {
        @Override
        public ReadPosition.Answer ask() {
          return ReadPosition.Answer.readUpTo(upTo);
        }

        @Override
        public void close() {}
      };
    }
  }

  private static final class SnapshotSink implements ProgressSink {
    private final String runKey;
    private final Path root;

    SnapshotSink(String runKey, Path root) {
      this.runKey = runKey;
      this.root = root;
    }

    @Override
    public void publish(List<ProgressUpdate> updates) {
      SNAPSHOTS
          .computeIfAbsent(runKey, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(KV.of(updates.get(0).createdUpto(), listFiles(root)));
      Map<String, Instant> published = PUBLISHED.computeIfAbsent(runKey, k -> new ConcurrentHashMap<>());
      updates.forEach(update -> published.merge(update.shard(), update.createdUpto(),
          (a, b) -> a.isAfter(b) ? a : b));
    }

    @Override
    public java.util.Optional<Instant> published(String shard) {
      return java.util.Optional.ofNullable(PUBLISHED.getOrDefault(runKey, Map.of()).get(shard));
    }

    @Override
    public void close() {}

    record Factory(String runKey, String root) implements ProgressSink.Factory {
      @Override
      public ProgressSink open() {
        return new SnapshotSink(runKey, Path.of(root));
      }
    }
  }
}
