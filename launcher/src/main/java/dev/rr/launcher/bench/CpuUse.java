package dev.rr.launcher.bench;

/**
 * CPU seconds over one measured run ({@link CpuMeter}).
 *
 * @param jvmSeconds this JVM's
 * @param otherSeconds every other process's on this machine (the shard server, when local)
 * @param cpus the machine's CPUs
 */
public record CpuUse(double jvmSeconds, double otherSeconds, int cpus) {
  public static final CpuUse UNKNOWN = new CpuUse(Double.NaN, Double.NaN, 0);

  /**
   * The shortest wall time this much CPU can take on this machine: all of it spread evenly
   * over every CPU; NaN when unknown.
   */
  public double floorSeconds() {
    return cpus == 0 ? Double.NaN : (jvmSeconds + otherSeconds) / cpus;
  }
}
