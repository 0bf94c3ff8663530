package dev.rr.launcher.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * CPU time spent while one run is measured: this JVM's (the code under test and its driver), and
 * the rest of the machine's, which is the shard server's when it runs here and nothing else does.
 * The machine's busy time comes from {@code /proc/stat} (Linux), as the share of all CPUs' ticks
 * that were not idle over the measured wall time, so the tick rate need not be known.
 */
final class CpuMeter {
  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** What the machine's CPUs had counted at one moment. */
  record Ticks(long busy, long total, int cpus) {}

  private final long startedNanos;
  private final long jvmStartNanos;
  private final Ticks machineStart;
  private Duration elapsed;

  private CpuMeter() {
    this.machineStart = machineTicks();
    this.jvmStartNanos = jvmCpuNanos();
    this.startedNanos = System.nanoTime();
  }

  /** Starts measuring now. */
  static CpuMeter start() {
    return new CpuMeter();
  }

  /**
   * CPU time since {@link #start}; unknown parts are NaN (no {@code /proc/stat}, say). The wall
   * time it covers is {@link #elapsed} from then on.
   */
  CpuUse stop() {
    long wallNanos = System.nanoTime() - startedNanos;
    elapsed = Duration.ofNanos(wallNanos);
    long jvmEnd = jvmCpuNanos();
    Ticks machineEnd = machineTicks();
    double jvm = jvmStartNanos < 0 || jvmEnd < 0 ? Double.NaN : (jvmEnd - jvmStartNanos) / 1e9;
    double machine = Double.NaN;
    if (machineStart != null && machineEnd != null && machineEnd.total() > machineStart.total()) {
      double busyShare = (double) (machineEnd.busy() - machineStart.busy())
          / (machineEnd.total() - machineStart.total());
      machine = busyShare * machineEnd.cpus() * wallNanos / 1e9;
    }
    // NaN when either part is unknown: Math.max keeps a NaN.
    return new CpuUse(jvm, Math.max(0, machine - jvm), machineEnd == null ? 0 : machineEnd.cpus());
  }

  /** Wall time from {@link #start} to {@link #stop}. */
  Duration elapsed() {
    if (elapsed == null) {
      throw new IllegalStateException("not stopped yet");
    }
    return elapsed;
  }

  private static long jvmCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The summed "cpu" line of /proc/stat, or null where there is none. */
  private static Ticks machineTicks() {
    List<String> lines;
    try {
      lines = Files.readAllLines(PROC_STAT);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return parse(lines);
  }

  /** Busy and total ticks of the "cpu" line, and how many "cpuN" lines follow; null if absent. */
  static Ticks parse(List<String> procStat) {
    Ticks ticks = null;
    int cpus = 0;
    for (String line : procStat) {
      String[] fields = line.trim().split("\\s+");
      if (fields[0].equals("cpu") && fields.length >= 5) {
        long total = 0;
        long idle = 0;
        // user nice system idle iowait irq softirq steal [guest guest_nice, already in user/nice]
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
          long value = Long.parseLong(fields[i]);
          total += value;
          if (i == 4 || i == 5) {
            idle += value;
          }
        }
        ticks = new Ticks(total - idle, total, 0);
      } else if (fields[0].matches("cpu\\d+")) {
        cpus++;
      }
    }
    return ticks == null || cpus == 0 ? null : new Ticks(ticks.busy(), ticks.total(), cpus);
  }
}
