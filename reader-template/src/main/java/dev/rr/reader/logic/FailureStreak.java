package dev.rr.reader.logic;

import java.time.Duration;
import java.time.Instant;

/**
 * Failures of a repeated call in a row, and how loud each one must be: quiet while the streak is
 * younger than {@code tolerated} (a resource that does not exist yet at start-up), then an error
 * at most once per {@code tolerated}. Not thread-safe.
 */
public final class FailureStreak {
  /** How loud one failure is. */
  public enum Loudness {
    /** Expected for a while: an INFO line. */
    QUIET,
    /** Failing for too long: an ERROR line. */
    ERROR,
    /** Failing for too long, and an ERROR line was written recently: nothing. */
    ALREADY_REPORTED
  }

  private final Duration tolerated;
  private Instant since;
  private Instant lastError;

  public FailureStreak(Duration tolerated) {
    this.tolerated = tolerated;
  }

  /** A failure at {@code now}. */
  public Loudness failed(Instant now) {
    if (since == null) {
      since = now;
    }
    if (now.isBefore(since.plus(tolerated))) {
      return Loudness.QUIET;
    }
    if (lastError != null && now.isBefore(lastError.plus(tolerated))) {
      return Loudness.ALREADY_REPORTED;
    }
    lastError = now;
    return Loudness.ERROR;
  }

  /** The first failure of the current streak, or null when the last call succeeded. */
  public Instant since() {
    return since;
  }

  /** A success: the streak is over. */
  public void succeeded() {
    since = null;
    lastError = null;
  }
}
