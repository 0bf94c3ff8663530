package dev.rr.reader.logic;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * How far the change stream has really been read, asked of the source itself rather than
 * inferred from the watermark: when a streaming job is drained, the runner moves the watermark to
 * the end of time without reading on, and every window it passes would look complete. {@code
 * created_upto} never goes beyond this position (see {@link ProgressTracker}).
 */
public interface ReadPosition extends AutoCloseable {

  /**
   * What the source says at one moment.
   *
   * @param stuck why the source cannot read past {@code upTo} by itself (empty when it reads on):
   *     e.g. a change-stream partition that ended without handing over to its children
   */
  record Answer(Status status, Instant upTo, List<String> stuck) {
    public Answer {
      stuck = List.copyOf(stuck);
    }

    public static Answer readUpTo(Instant upTo) {
      return new Answer(Status.READ_UP_TO, upTo, List.of());
    }

    /** Read up to {@code upTo}, and never further by itself, for the {@code reasons} given. */
    public static Answer stuckAt(Instant upTo, List<String> reasons) {
      return new Answer(Status.READ_UP_TO, upTo, reasons);
    }

    public static Answer finished() {
      return new Answer(Status.FINISHED, null, List.of());
    }

    public static Answer unknown() {
      return new Answer(Status.UNKNOWN, null, List.of());
    }
  }

  /** What kind of answer the source gave. */
  enum Status {
    /** Every change committed before {@code upTo} has been read (later ones may still come). */
    READ_UP_TO,
    /** The source has read everything it will read (a bounded run whose partitions all ended). */
    FINISHED,
    /** The source cannot say now (not started, already cleaned up, or the query failed). */
    UNKNOWN
  }

  /** Asks the source now. */
  Answer ask();

  @Override
  void close();

  /** Opens a position source on a worker; serializable so a DoFn can carry it. */
  interface Factory extends Serializable {
    ReadPosition open();
  }

  /** No source to ask (tests, and sources whose watermark never jumps): always finished. */
  static Factory unlimited() {
    return () -> new ReadPosition() {
      @Override
      public Answer ask() {
        return Answer.finished();
      }

      @Override
      public void close() {}
    };
  }
}
