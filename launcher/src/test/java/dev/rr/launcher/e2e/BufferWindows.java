package dev.rr.launcher.e2e;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.buffer.WindowFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A scenario's buffer directory seen as the consistency contract sees it (docs/consistency.md):
 * which window files are final, whether they changed, and the footprint a drained reader leaves.
 */
final class BufferWindows {
  private BufferWindows() {}

  /**
   * The modification time of every window file that is final: its window ends at or before its
   * shard's {@code created_upto}.
   */
  static Map<Path, FileTime> finalFiles(Path buffer, Map<String, Timestamp> createdUpto)
      throws IOException {
    Map<Path, FileTime> files = new TreeMap<>();
    for (Map.Entry<String, Timestamp> shard : createdUpto.entrySet()) {
      Instant upTo = instant(shard.getValue());
      for (Path file : windowFiles(buffer.resolve(shard.getKey()))) {
        if (!window(file).end().isAfter(upTo)) {
          files.put(file, Files.getLastModifiedTime(file));
        }
      }
    }
    return files;
  }

  /** The files of {@code before} that are gone or were modified since, one line each. */
  static List<String> changedSince(Map<Path, FileTime> before) throws IOException {
    List<String> changed = new ArrayList<>();
    for (Map.Entry<Path, FileTime> file : before.entrySet()) {
      if (!Files.exists(file.getKey())) {
        changed.add(file.getKey() + " deleted");
      } else if (!Files.getLastModifiedTime(file.getKey()).equals(file.getValue())) {
        changed.add(file.getKey() + " rewritten at " + Files.getLastModifiedTime(file.getKey())
            + " (was " + file.getValue() + ")");
      }
    }
    return changed;
  }

  /**
   * Leaves, with the reader stopped, what a Dataflow drain leaves when the reader had read the
   * change stream up to {@code drainedAt}: for each shard, the windows from its {@code
   * created_upto} (the first that is not final) hold the changes committed up to {@code drainedAt}
   * - complete before the window holding it, partial in that one - and no later window has a
   * file. The files are made by a separate bounded reader ({@code <run>-drain<n>} into {@code
   * scratch}) from the shard's {@code created_upto} to {@code drainedAt}, and copied into the
   * buffer under the same names: the drain fired every open window with what it had read.
   *
   * @return the partial window's file and its record count, by shard (count 0 when the shard had
   *     no change in that window before the drain point, so no file)
   */
  static Map<String, Partial> leaveDrainFootprint(ReplicationFixture fixture, Path scratch,
      Instant drainedAt) throws Exception {
    Map<String, Timestamp> createdUpto = fixture.createdUpto();
    Map<Timestamp, List<String>> shardsByStart = new TreeMap<>();
    for (String shard : ReplicationFixture.SHARD_IDS) {
      shardsByStart.computeIfAbsent(createdUpto.getOrDefault(shard, fixture.start),
          from -> new ArrayList<>()).add(shard);
    }
    Map<String, Partial> partials = new TreeMap<>();
    int drains = 0;
    for (Map.Entry<Timestamp, List<String>> group : shardsByStart.entrySet()) {
      Instant from = instant(group.getKey());
      Instant at = drainedAt.isAfter(from) ? drainedAt : from.plus(ReplicationFixture.WINDOW.dividedBy(2));
      String run = fixture.runId + "-drain" + drains++;
      Path drained = scratch.resolve(run);
      fixture.runBoundedReader(run, drained, group.getKey(), timestamp(at));
      for (String shard : group.getValue()) {
        partials.put(shard, placeDrained(fixture.buffer.resolve(shard), drained.resolve(shard),
            from, at));
      }
    }
    fixture.log("drain footprint (the window holding the drain point, its records) by shard: %s",
        partials);
    return partials;
  }

  /** A partial window file left in the buffer. */
  record Partial(Path file, long records) {
    @Override
    public String toString() {
      return file.getFileName() + "=" + records;
    }
  }

  /**
   * Replaces {@code shardDir}'s files of windows from {@code from} on with {@code drainedDir}'s;
   * returns the window holding {@code drainedAt}.
   */
  private static Partial placeDrained(Path shardDir, Path drainedDir, Instant from,
      Instant drainedAt) throws IOException {
    for (Path file : windowFiles(shardDir)) {
      if (!window(file).start().isBefore(from)) {
        Files.delete(file);
      }
    }
    Files.createDirectories(shardDir);
    for (Path source : windowFiles(drainedDir)) {
      Path temporary = shardDir.resolve(".drained-" + source.getFileName());
      Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temporary, shardDir.resolve(source.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
    long sinceStart = Duration.between(from, drainedAt).toMillis()
        / ReplicationFixture.WINDOW.toMillis();
    Instant start = from.plus(ReplicationFixture.WINDOW.multipliedBy(sinceStart));
    Path partial = shardDir.resolve(
        WindowFiles.fileName(start, start.plus(ReplicationFixture.WINDOW)));
    return new Partial(partial, records(partial));
  }

  static TimeWindow window(Path file) {
    return WindowFiles.parse(file.getFileName().toString()).orElseThrow();
  }

  /** The latest end of a window file of any shard: the reader fired every window up to it. */
  static Optional<Instant> lastWindowEnd(Path buffer) throws IOException {
    Optional<Instant> last = Optional.empty();
    for (String shard : ReplicationFixture.SHARD_IDS) {
      for (Path file : windowFiles(buffer.resolve(shard))) {
        Instant end = window(file).end();
        last = last.filter(at -> !at.isBefore(end)).or(() -> Optional.of(end));
      }
    }
    return last;
  }

  /** Records (lines) in a window file; 0 when it does not exist. */
  static long records(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(line -> !line.isBlank()).count();
    }
  }

  private static List<Path> windowFiles(Path shardDir) throws IOException {
    if (!Files.isDirectory(shardDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(shardDir)) {
      return files.filter(file -> WindowFiles.parse(file.getFileName().toString()).isPresent())
          .sorted().toList();
    }
  }

  static Instant instant(Timestamp at) {
    return Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
  }

  static Timestamp timestamp(Instant at) {
    return Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano());
  }

  static Optional<Timestamp> least(Map<String, Timestamp> times) {
    return times.values().stream().min(Timestamp::compareTo);
  }
}
