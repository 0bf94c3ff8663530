package dev.rr.writer.testing;

import dev.rr.common.buffer.BufferFileWriter;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.buffer.WindowFiles;
import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A buffer directory the test writes window files into, as the reader would. */
public final class TestBuffer {
  private final Path root;

  public TestBuffer(Path root) {
    this.root = root;
  }

  public String directory() {
    return root.toString();
  }

  /** Writes one window file of {@code shard} with {@code records} in the given order. */
  public void write(String shard, TimeWindow window, List<ChangeRecord> records)
      throws IOException {
    BufferFileWriter.write(WindowFiles.fileFor(directory(), shard, window), records);
  }

  /**
   * Cuts {@code records} (in commit order) into windows of {@code duration} from {@code start}
   * and writes one file per window that has records; returns the windows written, in order.
   */
  public List<TimeWindow> writeWindows(
      String shard, Instant start, Duration duration, List<ChangeRecord> records)
      throws IOException {
    Map<TimeWindow, List<ChangeRecord>> byWindow = windows(start, duration, records);
    for (Map.Entry<TimeWindow, List<ChangeRecord>> entry : byWindow.entrySet()) {
      write(shard, entry.getKey(), entry.getValue());
    }
    return new ArrayList<>(byWindow.keySet());
  }

  /** The records of each window of {@code duration} from {@code start}, in window order. */
  public static Map<TimeWindow, List<ChangeRecord>> windows(
      Instant start, Duration duration, List<ChangeRecord> records) {
    Map<TimeWindow, List<ChangeRecord>> byWindow = new TreeMap<>();
    for (ChangeRecord record : records) {
      Instant at = Instant.ofEpochSecond(
          record.commitTimestamp().getSeconds(), record.commitTimestamp().getNanos());
      long index = Duration.between(start, at).toMillis() / duration.toMillis();
      Instant windowStart = start.plus(duration.multipliedBy(index));
      byWindow.computeIfAbsent(TimeWindow.starting(windowStart, duration), w -> new ArrayList<>())
          .add(record);
    }
    return byWindow;
  }
}
