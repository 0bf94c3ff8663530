package dev.rr.launcher.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One measured run: how much it applied, how long it took, and whether the result was right.
 *
 * @param name what ran ({@code ours}, {@code ceiling}, {@code naive}, ...)
 * @param records change records the run stands for
 * @param rows rows the run wrote (for the ceiling: the final rows)
 * @param bytes buffer-file bytes the run stands for
 * @param elapsed wall-clock time of the measured part
 * @param verifications the state check of every shard it wrote
 * @param cpu CPU time spent while it was measured ({@link CpuUse#UNKNOWN} if not measured)
 */
public record Measurement(
    String name,
    long records,
    long rows,
    long bytes,
    Duration elapsed,
    List<Verification> verifications,
    CpuUse cpu) {

  public Measurement {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(cpu, "cpu");
    verifications = List.copyOf(verifications);
  }

  /** A measurement whose CPU time was not measured. */
  public Measurement(String name, long records, long rows, long bytes, Duration elapsed,
      List<Verification> verifications) {
    this(name, records, rows, bytes, elapsed, verifications, CpuUse.UNKNOWN);
  }

  /** Elapsed seconds, never zero (a run is at least a nanosecond). */
  public double seconds() {
    return Math.max(elapsed.toNanos(), 1) / 1e9;
  }

  /** Change records per second. */
  public double recordsPerSecond() {
    return records / seconds();
  }

  /** Rows written per second. */
  public double rowsPerSecond() {
    return rows / seconds();
  }

  /** Buffer megabytes (10^6 bytes) per second. */
  public double megabytesPerSecond() {
    return bytes / 1e6 / seconds();
  }

  /** True when every shard it wrote holds exactly the expected rows. */
  public boolean verified() {
    return !verifications.isEmpty() && verifications.stream().allMatch(Verification::ok);
  }

  /** The same measurement with the state checks done after it. */
  public Measurement withVerifications(List<Verification> checks) {
    return new Measurement(name, records, rows, bytes, elapsed, checks, cpu);
  }
}
