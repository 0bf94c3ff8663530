package dev.rr.common.buffer;

import java.io.IOException;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Lists the window files of one shard directory of the buffer: one file-system listing, names
 * parsed with {@link WindowFiles#parse(String)}; temporary files and foreign names are skipped.
 * A missing directory lists as empty (a shard that has not had data yet).
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
    String pattern = shardDirectory + "*.txt";
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
}
