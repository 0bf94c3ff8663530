package dev.rr.writer.logic;

import dev.rr.common.buffer.BufferListing;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.buffer.WindowFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Finds a shard's window files, each as a file spec any Beam file system opens. The two
 * questions {@link ShardWindowIndex} asks: which windows starting in a range have a file (a
 * listing), and which of a few named windows have a file (exact-name lookups).
 */
public interface WindowLister {

  /** The shard's window files whose window starts in {@code [from, to)}, in window order. */
  NavigableMap<TimeWindow, String> listStarting(String shard, Instant from, Instant to)
      throws IOException;

  /** Those of {@code windows} that have a file in the shard's directory, in window order. */
  NavigableMap<TimeWindow, String> lookUp(String shard, Collection<TimeWindow> windows)
      throws IOException;

  /** The window files under {@code <bufferDirectory>/<shard>/}. */
  static WindowLister of(String bufferDirectory) {
    return new WindowLister() {
      @Override
      public NavigableMap<TimeWindow, String> listStarting(String shard, Instant from, Instant to)
          throws IOException {
        return specs(BufferListing.windowsStarting(
            WindowFiles.shardDirectory(bufferDirectory, shard), from, to));
      }

      @Override
      public NavigableMap<TimeWindow, String> lookUp(String shard,
          Collection<TimeWindow> windows) throws IOException {
        return specs(BufferListing.existing(
            WindowFiles.shardDirectory(bufferDirectory, shard), windows));
      }
    };
  }

  private static NavigableMap<TimeWindow, String> specs(Map<TimeWindow, ResourceId> files) {
    NavigableMap<TimeWindow, String> specs = new TreeMap<>();
    files.forEach((window, file) -> specs.put(window, file.toString()));
    return specs;
  }
}
