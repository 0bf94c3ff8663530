package dev.rr.writer.logic;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Consecutive final window files of one shard that are applied together: their records go into MySQL
 * transactions as if they were one file, so that many small windows (1 s windows, or a backlog of
 * them) share transactions, statements and checkpoint writes instead of paying for them once per
 * file. Windows are in order and do not overlap; empty stretches between them hold no changes.
 *
 * @param windows the final windows and their files, in order
 */
public record WindowRun(List<FinalWindow> windows) {

  public WindowRun {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a window run needs at least one window");
    }
    windows = List.copyOf(windows);
    for (int i = 1; i < windows.size(); i++) {
      if (windows.get(i).window().start().isBefore(windows.get(i - 1).window().end())) {
        throw new IllegalArgumentException("window " + windows.get(i).window()
            + " does not follow " + windows.get(i - 1).window());
      }
    }
  }

  /** The first window's start. */
  public Instant start() {
    return windows.get(0).window().start();
  }

  /** The last window's end. */
  public Instant end() {
    return windows.get(windows.size() - 1).window().end();
  }

  /**
   * The window that holds changes committed at {@code commit}: the last one starting at or before
   * it (the first one for a commit before them all).
   */
  public TimeWindow windowOf(Timestamp commit) {
    Instant instant = Instant.ofEpochSecond(commit.getSeconds(), commit.getNanos());
    TimeWindow found = windows.get(0).window();
    for (FinalWindow file : windows) {
      if (file.window().start().isAfter(instant)) {
        break;
      }
      found = file.window();
    }
    return found;
  }

  /** How messages name the run: the window, or the span and the number of windows. */
  @Override
  public String toString() {
    if (windows.size() == 1) {
      return "window " + windows.get(0).window();
    }
    return "windows [" + start() + ", " + end() + ") (" + windows.size() + " files)";
  }

  /**
   * The records of every file, file after file, each file opened (and its commit order checked)
   * when the previous one is exhausted. An I/O error opening a file is thrown as an {@link
   * UncheckedIOException}.
   */
  Records records() {
    List<String> files = new ArrayList<>(windows.size());
    windows.forEach(w -> files.add(w.file()));
    return new Records(files.iterator());
  }

  /** The records of the run's files in order; closing closes the open file. */
  static final class Records implements Iterator<ChangeRecord>, AutoCloseable {
    private final Iterator<String> files;
    private RecordSource current;

    private Records(Iterator<String> files) {
      this.files = files;
    }

    @Override
    public boolean hasNext() {
      while ((current == null || !current.hasNext()) && files.hasNext()) {
        try {
          closeCurrent();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot close a window file: " + e.getMessage(), e);
        }
        String file = files.next();
        try {
          current = RecordSource.open(file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read window file " + file + ": " + e.getMessage(),
              e);
        }
      }
      return current != null && current.hasNext();
    }

    @Override
    public ChangeRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more records in the window run");
      }
      return current.next();
    }

    @Override
    public void close() throws IOException {
      closeCurrent();
    }

    private void closeCurrent() throws IOException {
      if (current != null) {
        RecordSource open = current;
        current = null;
        open.close();
      }
    }
  }
}
