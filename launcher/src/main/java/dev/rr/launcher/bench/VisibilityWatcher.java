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
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The lag probe's eyes, outside the pipelines: every {@value #POLL_MILLIS} ms it lists the
 * shard's buffer directory (noting when each window file first appears - files appear whole, by
 * rename, so that is when the window is final) and reads the highest probe id in MySQL (noting
 * when each probe became visible); every {@value #PROGRESS_POLL_MILLIS} ms it reads the reader's
 * {@code created_upto} from the metadata database (noting when each value was first seen), which
 * is what tells the writer that a window without a file is empty.
 */
final class VisibilityWatcher implements AutoCloseable {
  static final long POLL_MILLIS = 20;
  static final long PROGRESS_POLL_MILLIS = 100;

  private final Path shardDirectory;
  private final Shard shard;
  private final Supplier<Optional<Instant>> createdUpto;
  private final NavigableMap<Instant, Instant> createdUptoSeen = new ConcurrentSkipListMap<>();
  private final Map<TimeWindow, Instant> filesSeen = new ConcurrentHashMap<>();
  private final Map<Long, Instant> probesVisible = new ConcurrentHashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running;
  private volatile long maxVisible;
  private Thread thread;

  /**
   * @param createdUpto reads the shard's {@code created_upto}; empty before the reader wrote one
   */
  VisibilityWatcher(Path bufferDir, Shard shard, Supplier<Optional<Instant>> createdUpto) {
    this.shardDirectory = bufferDir.resolve(shard.logicalShardId());
    this.shard = shard;
    this.createdUpto = createdUpto;
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

  /**
   * When the writer could start on the window holding {@code commit}, the reader's part being
   * done: the window is final - its file has appeared and {@code created_upto} has passed its end
   * (the writer applies final windows only; every earlier window is then final too). Empty when
   * that had not happened (yet).
   */
  Optional<Instant> windowReady(Instant commit) {
    Optional<Map.Entry<TimeWindow, Instant>> own = filesSeen.entrySet().stream()
        .filter(e -> e.getKey().contains(commit)).findFirst();
    if (own.isEmpty()) {
      return Optional.empty();
    }
    Instant fileSeen = own.get().getValue();
    return firstCreatedUptoAtLeast(own.get().getKey().end()).map(known -> later(fileSeen, known));
  }

  /** Notes that {@code window}'s file was seen at {@code at} (kept if seen earlier). */
  void noteFile(TimeWindow window, Instant at) {
    filesSeen.putIfAbsent(window, at);
  }

  /** Notes that {@code created_upto} was {@code upto} at {@code at} (kept if seen earlier). */
  void noteCreatedUpto(Instant upto, Instant at) {
    createdUptoSeen.putIfAbsent(upto, at);
  }

  /** When a {@code created_upto} at or past {@code instant} was first seen. */
  private Optional<Instant> firstCreatedUptoAtLeast(Instant instant) {
    return createdUptoSeen.tailMap(instant, true).values().stream().min(Instant::compareTo);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
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
      long nextProgressPoll = 0;
      while (running) {
        // Progress, then files, then MySQL: each is then never seen after what depends on it.
        if (System.currentTimeMillis() >= nextProgressPoll) {
          Instant now = Instant.now();
          createdUpto.get().ifPresent(upto -> noteCreatedUpto(upto, now));
          nextProgressPoll = System.currentTimeMillis() + PROGRESS_POLL_MILLIS;
        }
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
          .ifPresent(window -> noteFile(window, now)));
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
