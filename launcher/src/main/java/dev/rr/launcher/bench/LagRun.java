package dev.rr.launcher.bench;

import java.time.Duration;
import java.util.List;

/**
 * The lag measured with one window duration.
 *
 * @param window window duration
 * @param startup from starting the pipelines until the first probe was visible in MySQL
 * @param achievedRate transactions per second the workload reached
 * @param changes row changes written by the workload
 * @param lateTransactions workload transactions sent late (Spanner could not keep up)
 * @param endToEnd commit -> visible in MySQL
 * @param readerPart commit -> window ready for the writer (final: its file written and {@code
 *     created_upto} past its end)
 * @param writerPart window ready -> visible in MySQL
 * @param notVisible probes still not visible in MySQL when the drain timeout ended the run; the
 *     figures count them with their lag at that moment, a lower bound
 * @param verification the MySQL state after the run; empty when it did not catch up
 */
public record LagRun(
    Duration window,
    Duration startup,
    double achievedRate,
    long changes,
    long lateTransactions,
    LagStats endToEnd,
    LagStats readerPart,
    LagStats writerPart,
    long notVisible,
    List<Verification> verification) {

  public LagRun {
    verification = List.copyOf(verification);
  }

  /** True when every probe became visible and the final state is exactly as expected. */
  public boolean verified() {
    return notVisible == 0 && !verification.isEmpty()
        && verification.stream().allMatch(Verification::ok);
  }
}
