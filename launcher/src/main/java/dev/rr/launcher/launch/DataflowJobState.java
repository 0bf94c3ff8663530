package dev.rr.launcher.launch;

import java.util.Set;

/**
 * What {@code rr launch --wait} makes of a Dataflow job's {@code currentState} ({@code
 * JOB_STATE_*} of the Dataflow v1b3 {@code Job} resource).
 */
public enum DataflowJobState {
  /**
   * Not running yet: queued, pending, {@code JOB_STATE_STOPPED} ("has not yet started to run",
   * the state a job is created in), resources cleaning up, or a state this version does not
   * know.
   */
  STARTING,
  /** {@code JOB_STATE_RUNNING}: what {@code --wait} waits for. */
  RUNNING,
  /** {@code JOB_STATE_DONE}: a bounded job (an end timestamp) already finished successfully. */
  DONE,
  /** Failed, cancelled, drained, updated or on its way there: the launch did not take. */
  STOPPED;

  private static final Set<String> STOPPED_STATES = Set.of(
      "JOB_STATE_FAILED", "JOB_STATE_CANCELLED", "JOB_STATE_CANCELLING", "JOB_STATE_DRAINING",
      "JOB_STATE_DRAINED", "JOB_STATE_UPDATED");

  /** The state a {@code currentState} value means. */
  public static DataflowJobState of(String currentState) {
    if ("JOB_STATE_RUNNING".equals(currentState)) {
      return RUNNING;
    }
    if ("JOB_STATE_DONE".equals(currentState)) {
      return DONE;
    }
    return STOPPED_STATES.contains(currentState) ? STOPPED : STARTING;
  }
}
