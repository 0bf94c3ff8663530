package dev.rr.launcher.status;

/** Reads a run's current progress (from the Spanner metadata tables, or a fake in tests). */
public interface RunStateSource {
  /**
   * The run's progress now.
   *
   * @throws IllegalArgumentException when the metadata holds nothing for {@code runId}
   */
  RunState read(String runId);
}
