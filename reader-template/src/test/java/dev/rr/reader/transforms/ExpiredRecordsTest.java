package dev.rr.reader.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.BufferRecordCodec;
import dev.rr.common.buffer.ChangeRecordCoder;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.common.buffer.WindowFiles;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.reader.PipelineCounters;
import dev.rr.reader.dofn.WriteExpiredFn;
import dev.rr.reader.dofn.WriteWindowFileFn;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.ProgressPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records later than the windows' allowed lateness, which Beam's GroupByKey would drop with only
 * its own {@code droppedDueToLateness} counter: each must end up in a file and a counter of ours.
 */
class ExpiredRecordsTest {
  /** Ten-minute windows keep the reader's watermark loop short over the hours these tests span. */
  private static final Duration WINDOW = Duration.ofMinutes(10);

  @TempDir Path out;

  /** A grid anchored five hours before now: the records are old, as in a backlog catch-up. */
  private static Instant origin() {
    long size = WINDOW.toSeconds();
    return Instant.ofEpochSecond(Instant.now().getEpochSecond() / size * size)
        .minus(Duration.ofHours(5));
  }

  private static ChangeRecord change(Instant commit, String tx) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(commit.getEpochSecond(), commit.getNano()))
        .serverTransactionId(tx)
        .modIndex(0)
        .tableName("Users")
        .modType(ModType.INSERT)
        .keysJson("{\"id\":\"" + tx + "\"}")
        .shard("s1")
        .build();
  }

  private static TimestampedValue<KV<String, ChangeRecord>> event(ChangeRecord record) {
    return TimestampedValue.of(KV.of(record.shard(), record),
        new org.joda.time.Instant(record.commitTimestamp().toSqlTimestamp().getTime()));
  }

  private static org.joda.time.Instant joda(Instant instant) {
    return new org.joda.time.Instant(instant.toEpochMilli());
  }

  @Test
  void shouldKeepARecordLaterThanTheAllowedLatenessInTheLateDirectoryAndCountIt() {
    Instant origin = origin();
    IntervalGrid grid = IntervalGrid.anchoredAt(origin, WINDOW);
    ChangeRecord onTime = change(origin.plusSeconds(60), "t1");
    ChangeRecord expired = change(origin.plusSeconds(120), "t0");
    ChangeRecord next = change(origin.plus(Duration.ofHours(2)).plusSeconds(60), "t2");
    ChangeRecord late = change(origin.plus(Duration.ofMinutes(105)), "t3");
    TestStream<KV<String, ChangeRecord>> stream =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), ChangeRecordCoder.of()))
            .advanceWatermarkTo(joda(origin))
            // hours behind the wall clock, yet on time: a catch-up, not late data
            .addElements(event(onTime))
            .advanceWatermarkTo(joda(origin.plus(Duration.ofHours(2))))
            // its window ended almost two hours before the watermark: beyond the allowed lateness
            .addElements(event(expired), event(next))
            // a quarter of an hour late: short of expiry, a late pane as before
            .addElements(event(late))
            .advanceWatermarkToInfinity();
    OutputLayout layout = new OutputLayout(out.toString(), "skip", "skip-unknown-shard");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<KV<String, ChangeRecord>> records = pipeline.apply(stream);
    windowAndWrite(records, grid, origin, layout);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    Map<String, List<ChangeRecord>> files = read(out);
    assertEquals(List.of(onTime), files.get("s1/" + WindowFiles.fileName(origin, origin.plus(WINDOW))),
        "the catch-up record is on time: in its window file " + files.keySet());
    Instant nextStart = grid.windowStart(origin.plus(Duration.ofHours(2)));
    assertEquals(List.of(next), files.get("s1/" + WindowFiles.fileName(nextStart, nextStart.plus(WINDOW))),
        "hours old, but not behind the watermark: on time " + files.keySet());
    assertEquals(List.of(expired), inLateDirectory(files, "-expired-"),
        "kept in the late directory: " + files.keySet());
    assertEquals(List.of(late), inLateDirectory(files, "-late-pane-"),
        "a late pane, as before: " + files.keySet());
    assertEquals(2, PipelineCounters.sum(result, WriteWindowFileFn.class,
        WriteWindowFileFn.LATE_RECORDS), "late_record_count");
    assertEquals(1, PipelineCounters.sum(result, WriteExpiredFn.class,
        WriteExpiredFn.EXPIRED_RECORDS), "late_records_expired");
  }

  private static List<ChangeRecord> inLateDirectory(Map<String, List<ChangeRecord>> files,
      String kind) {
    return files.entrySet().stream()
        .filter(file -> file.getKey().startsWith("skip-late/s1/") && file.getKey().contains(kind))
        .flatMap(file -> file.getValue().stream())
        .toList();
  }

  /** The reader's steps from the diversion to the files, as {@code ReaderPipeline} builds them. */
  private static void windowAndWrite(PCollection<KV<String, ChangeRecord>> records,
      IntervalGrid grid, Instant start, OutputLayout layout) {
    ProgressPlan loop = new ProgressPlan(grid, start, null, List.of("s1"), Map.of());
    records
        .apply(DivertExpiredRecords.of(loop, grid, layout))
        .apply(WindowIntoIntervals.of(grid))
        .apply(WriteShardFiles.to(layout));
  }

  private static Map<String, List<ChangeRecord>> read(Path root) {
    Map<String, List<ChangeRecord>> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(),
            Files.readAllLines(file).stream().map(BufferRecordCodec::decode).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
