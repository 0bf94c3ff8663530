package dev.rr.reader.logic;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * The windows already final when this reader started, by shard directory: every window ending at
 * or before the shard's {@code created_upto} as read at launch. A final file is immutable - the
 * writer may be applying it, or may apply it hours later - so a resumed reader that reads such a
 * window again (because another shard is behind) does not write its file again.
 */
public final class FinalWindows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Instant> createdUpto;

  /** @param createdUpto created_upto by shard directory at launch (empty for a new run) */
  public FinalWindows(Map<String, Instant> createdUpto) {
    this.createdUpto = Map.copyOf(createdUpto);
  }

  /** None: a new run. */
  public static FinalWindows none() {
    return new FinalWindows(Map.of());
  }

  /** True when the window of {@code directory} ending at {@code windowEnd} was already final. */
  public boolean isFinal(String directory, Instant windowEnd) {
    Instant upTo = createdUpto.get(directory);
    return upTo != null && !windowEnd.isAfter(upTo);
  }

  @Override
  public String toString() {
    return "FinalWindows" + createdUpto;
  }
}
