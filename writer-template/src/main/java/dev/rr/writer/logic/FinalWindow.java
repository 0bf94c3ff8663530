package dev.rr.writer.logic;

import dev.rr.common.buffer.TimeWindow;
import java.time.Instant;
import java.util.Objects;

/**
 * A window file the reader has declared final for its shard: the window ends at or before the
 * shard's {@code created_upto}, so its file holds every change committed in the window and will
 * never be rewritten. Only final windows are applied; the only way to make one is {@link
 * #certify}, which checks that evidence, so a file that merely exists (written by a drained or
 * stopped reader, or while a change-stream partition was unread) cannot reach the applier.
 */
public final class FinalWindow {
  private final TimeWindow window;
  private final String file;

  private FinalWindow(TimeWindow window, String file) {
    this.window = window;
    this.file = file;
  }

  /**
   * The window file {@code file} of {@code window}, final because the shard's {@code
   * createdUpto} has reached the window's end.
   *
   * @throws NotFinalException when {@code createdUpto} is before the window's end
   */
  public static FinalWindow certify(TimeWindow window, String file, Instant createdUpto) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(createdUpto, "createdUpto");
    if (createdUpto.isBefore(window.end())) {
      throw new NotFinalException("window " + window + " (" + file + ") is not final: the"
          + " reader's created_upto is " + createdUpto + ", before the window's end");
    }
    return new FinalWindow(window, file);
  }

  /** The window. */
  public TimeWindow window() {
    return window;
  }

  /** The window's file, as a Beam file spec (path or {@code gs://} URI). */
  public String file() {
    return file;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FinalWindow other && window.equals(other.window)
        && file.equals(other.file);
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, file);
  }

  @Override
  public String toString() {
    return "final window " + window + " (" + file + ")";
  }

  /** Thrown when a window that is not final would be certified. */
  public static final class NotFinalException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NotFinalException(String message) {
      super(message);
    }
  }
}
