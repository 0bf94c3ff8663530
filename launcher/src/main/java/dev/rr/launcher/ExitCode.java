package dev.rr.launcher;

/**
 * The exit codes of every {@code rr} subcommand; scripts rely on them, so they never change
 * meaning.
 */
public final class ExitCode {
  /** The command did what it says (verify: no difference; cutover: every shard caught up). */
  public static final int OK = 0;

  /** The command failed, or verify found a difference, or the operator declined a prompt. */
  public static final int FAILURE = 1;

  /**
   * The command line is invalid: unknown option, missing or malformed value; or (launch) the
   * input files do not fit the shards: their schemas cannot take the mapping.
   */
  public static final int USAGE = 2;

  /** Cutover was not reached: a shard is in ERROR, or the timeout passed first. */
  public static final int NOT_CAUGHT_UP = 3;

  /** The lines picocli prints under "Exit codes:" in every command's help. */
  static final String[] HELP_LIST = {
    OK + ":success (verify: no difference; cutover: every shard caught up)",
    FAILURE + ":failure, verify found differences, or confirmation declined",
    USAGE + ":invalid command line (launch: also shard schemas that cannot take the mapping)",
    NOT_CAUGHT_UP + ":cutover not reached (a shard in ERROR, or timeout)",
  };

  private ExitCode() {}
}
