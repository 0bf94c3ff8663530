package dev.rr.launcher.bench;

import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.buffer.WindowFiles;
import dev.rr.common.input.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The lag probe's eyes, outside the pipelines: every {@value #POLL_MILLIS} ms it lists the
 * shard's buffer directory (noting when each window file first appears - files appear whole, by
 * rename, so that is when the window is final) and reads the highest probe id in MySQL (noting
 * when each probe became visible).
 */
final class VisibilityWatcher implements AutoCloseable {
  static final long POLL_MILLIS = 20;

  private final Path shardDirectory;
  private final Shard shard;
  private final Map<TimeWindow, Instant> filesSeen = new ConcurrentHashMap<>();
  private final Map<Long, Instant> probesVisible = new ConcurrentHashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running;
  private volatile long maxVisible;
  private Thread thread;

  VisibilityWatcher(Path bufferDir, Shard shard) {
    this.shardDirectory = bufferDir.resolve(shard.logicalShardId());
    this.shard = shard;
  }

  synchronized void start() {
    running = true;
    thread = new Thread(this::loop, "bench-visibility-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** When each window file first appeared. */
  Map<TimeWindow, Instant> filesSeen() {
    return filesSeen;
  }

  /** When each probe id first was visible in MySQL. */
  Map<Long, Instant> probesVisible() {
    return probesVisible;
  }

  /** The highest probe id visible in MySQL so far. */
  long maxVisible() {
    return maxVisible;
  }

  /** The window file holding {@code commit}, when it has appeared. */
  Optional<Instant> fileSeen(Instant commit) {
    return filesSeen.entrySet().stream()
        .filter(e -> e.getKey().contains(commit))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * Stops watching.
   *
   * @throws IllegalStateException when polling failed
   */
  @Override
  public void close() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("watching the buffer and MySQL failed", failure.get());
    }
  }

  private void loop() {
    try (Connection connection = BenchServer.connect(shard);
        PreparedStatement maxId = connection.prepareStatement(
            "SELECT COALESCE(MAX(id), 0) FROM " + BenchSchema.PROBE_TABLE.name())) {
      while (running) {
        // Files first: a probe's file is then never seen after the probe itself.
        pollFiles(Instant.now());
        pollProbes(maxId, Instant.now());
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | IOException | RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private void pollFiles(Instant now) throws IOException {
    try (Stream<Path> files = Files.list(shardDirectory)) {
      files.forEach(file -> WindowFiles.parse(file.getFileName().toString())
          .ifPresent(window -> filesSeen.putIfAbsent(window, now)));
    } catch (NoSuchFileException e) {
      // The reader has not written this shard's first file yet.
    }
  }

  private void pollProbes(PreparedStatement maxId, Instant now) throws SQLException {
    try (ResultSet rows = maxId.executeQuery()) {
      rows.next();
      long max = rows.getLong(1);
      for (long id = maxVisible + 1; id <= max; id++) {
        probesVisible.putIfAbsent(id, now);
      }
      maxVisible = Math.max(maxVisible, max);
    }
  }
}
