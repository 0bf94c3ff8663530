package dev.rr.common.buffer;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Finds the window files of one shard directory of the buffer, names parsed with {@link
 * WindowFiles#parse(String)}; temporary files and foreign names are skipped. A missing directory
 * lists as empty (a shard that has not had data yet).
 *
 * <p>Three ways, by cost: {@link #windowFiles} lists the whole directory; {@link #windowsStarting}
 * lists only the names under the longest name prefix shared by a range of window starts (names
 * begin with the window start in a fixed-width format, so they sort by it); {@link #existing}
 * asks for exact names, in one batched call where the file system batches (GCS).
 */
public final class BufferListing {

  private BufferListing() {}

  /** The window files of {@code shard} under {@code bufferDir}, ordered by window. */
  public static NavigableMap<TimeWindow, ResourceId> windowFiles(String bufferDir, String shard)
      throws IOException {
    return windowFiles(WindowFiles.shardDirectory(bufferDir, shard));
  }

  /** The window files directly in {@code shardDirectory}, ordered by window. */
  public static NavigableMap<TimeWindow, ResourceId> windowFiles(ResourceId shardDirectory)
      throws IOException {
    return matching(shardDirectory, "");
  }

  /**
   * The window files directly in {@code shardDirectory} whose window starts in {@code [from,
   * to)}, ordered by window. One listing of the names that share the longest prefix of the two
   * bounds' names: narrow on object stores that list by prefix (GCS); a local directory is still
   * read whole by the file system.
   */
  public static NavigableMap<TimeWindow, ResourceId> windowsStarting(
      ResourceId shardDirectory, Instant from, Instant to) throws IOException {
    if (!from.isBefore(to)) {
      return Collections.emptyNavigableMap();
    }
    String prefix = commonPrefix(WindowFiles.startName(from), WindowFiles.startName(to));
    NavigableMap<TimeWindow, ResourceId> files = new TreeMap<>();
    matching(shardDirectory, prefix).forEach((window, file) -> {
      if (!window.start().isBefore(from) && window.start().isBefore(to)) {
        files.put(window, file);
      }
    });
    return Collections.unmodifiableNavigableMap(files);
  }

  /**
   * Those of {@code windows} that have a file in {@code shardDirectory}, ordered by window: one
   * exact-name match per window, sent together (GCS batches them, 100 to a request). The cost
   * does not depend on how many other files the directory holds.
   */
  public static NavigableMap<TimeWindow, ResourceId> existing(
      ResourceId shardDirectory, Collection<TimeWindow> windows) throws IOException {
    List<TimeWindow> asked = List.copyOf(windows);
    NavigableMap<TimeWindow, ResourceId> files = new TreeMap<>();
    if (asked.isEmpty()) {
      return Collections.unmodifiableNavigableMap(files);
    }
    List<String> specs = new ArrayList<>(asked.size());
    for (TimeWindow window : asked) {
      specs.add(shardDirectory.resolve(WindowFiles.fileName(window),
          StandardResolveOptions.RESOLVE_FILE).toString());
    }
    List<MatchResult> results = FileSystems.match(specs);
    for (int i = 0; i < asked.size(); i++) {
      MatchResult result = results.get(i);
      if (result.status() == MatchResult.Status.OK && !result.metadata().isEmpty()) {
        files.put(asked.get(i), result.metadata().get(0).resourceId());
      } else if (result.status() != MatchResult.Status.NOT_FOUND) {
        throw new IOException(
            "cannot look up buffer file " + specs.get(i) + ": status " + result.status());
      }
    }
    return Collections.unmodifiableNavigableMap(files);
  }

  private static NavigableMap<TimeWindow, ResourceId> matching(
      ResourceId shardDirectory, String namePrefix) throws IOException {
    String pattern = shardDirectory + namePrefix + "*.txt";
    MatchResult result = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    NavigableMap<TimeWindow, ResourceId> files = new TreeMap<>();
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return Collections.unmodifiableNavigableMap(files);
    }
    if (result.status() != MatchResult.Status.OK) {
      throw new IOException("cannot list buffer files " + pattern + ": status " + result.status());
    }
    for (MatchResult.Metadata metadata : result.metadata()) {
      ResourceId file = metadata.resourceId();
      Optional<TimeWindow> window = WindowFiles.parse(file);
      window.ifPresent(w -> files.put(w, file));
    }
    return Collections.unmodifiableNavigableMap(files);
  }

  private static String commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return a.substring(0, i);
  }
}
