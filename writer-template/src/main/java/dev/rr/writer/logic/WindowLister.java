package dev.rr.writer.logic;

import dev.rr.common.buffer.BufferListing;
import dev.rr.common.buffer.TimeWindow;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Lists a shard's window files, each as a file spec any Beam file system opens. */
@FunctionalInterface
public interface WindowLister {

  /** The shard's window files by window, in window order. */
  NavigableMap<TimeWindow, String> list(String shard) throws IOException;

  /** Lists {@code <bufferDirectory>/<shard>/} with one file-system listing. */
  static WindowLister of(String bufferDirectory) {
    return shard -> {
      NavigableMap<TimeWindow, String> files = new TreeMap<>();
      for (Map.Entry<TimeWindow, ?> entry :
          BufferListing.windowFiles(bufferDirectory, shard).entrySet()) {
        files.put(entry.getKey(), entry.getValue().toString());
      }
      return files;
    };
  }
}
