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
 * @param readerPart commit -> window file final
 * @param writerPart window file final -> visible in MySQL
 * @param verification the MySQL state after the run
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
    List<Verification> verification) {

  public LagRun {
    verification = List.copyOf(verification);
  }

  public boolean verified() {
    return !verification.isEmpty() && verification.stream().allMatch(Verification::ok);
  }
}
