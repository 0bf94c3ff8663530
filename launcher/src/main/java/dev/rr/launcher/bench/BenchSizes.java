package dev.rr.launcher.bench;

import dev.rr.common.config.Durations;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The size options of each benchmark, as picocli mixins; {@code rr bench all} takes them all. */
final class BenchSizes {

  private BenchSizes() {}

  /** Sizes of {@code rr bench writer}. */
  static final class Writer {
    @Option(names = "--records", defaultValue = "50000",
        description = "Writer: change records in the workload (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--warmupRecords", defaultValue = "50000",
        description = "Writer: records of the unmeasured warm-up each contender applies first"
            + " (naive: at most 5,000) (default: ${DEFAULT-VALUE}; 0: none).")
    long warmupRecords;

    @Option(names = "--rounds", defaultValue = "3",
        description = "Writer: alternating rounds of ours and the ceiling; the figures are the"
            + " median round of each (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--batchSize", defaultValue = "1000",
        description = "Writer: the writer's batchSize option, records per MySQL transaction"
            + " (default: ${DEFAULT-VALUE}, the writer's own).")
    int batchSize;

    @Option(names = "--writerWindow", defaultValue = "10s", converter = DurationConverter.class,
        description = "Writer: window duration of the generated files (default:"
            + " ${DEFAULT-VALUE}, the reader's own).")
    Duration window;

    @Option(names = "--writerTransactionsPerSecond", defaultValue = "500",
        description = "Writer: commit rate of the generated history, which with --writerWindow sets"
            + " the records per file (5.5 per transaction; default: ${DEFAULT-VALUE}).")
    int transactionsPerSecond;
  }

  /** Sizes of {@code rr bench scaling}. */
  static final class Scaling {
    @Option(names = "--shardCounts", split = ",", defaultValue = "1,4,16,32",
        description = "Scaling: shard counts to run (default: ${DEFAULT-VALUE}).")
    List<Integer> shardCounts;

    @Option(names = "--recordsPerShard", defaultValue = "10000",
        description = "Scaling: change records per shard (default: ${DEFAULT-VALUE}).")
    long recordsPerShard;
  }

  /** Sizes of {@code rr bench reader}. */
  static final class Reader {
    @Option(names = "--changes", defaultValue = "100000",
        description = "Reader: row changes in the history (default: ${DEFAULT-VALUE}).")
    long changes;

    @Option(names = "--readerWindow", defaultValue = "10s", converter = DurationConverter.class,
        description = "Reader: window duration (default: ${DEFAULT-VALUE}).")
    Duration window;
  }

  /** Sizes of {@code rr bench lag}. */
  static final class Lag {
    @Option(names = "--rate", defaultValue = "20",
        description = "Lag: workload transactions per second (default: ${DEFAULT-VALUE}; the"
            + " reader on the DirectRunner and the emulator keeps up with about 40).")
    int rate;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
        description = "Lag: workload duration per window size (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--windows", split = ",", defaultValue = "1s,10s",
        converter = DurationConverter.class,
        description = "Lag: window durations to measure (default: ${DEFAULT-VALUE}).")
    List<Duration> windows;

    @Option(names = "--probeRate", defaultValue = "10",
        description = "Lag: probes per second (default: ${DEFAULT-VALUE}).")
    int probeRate;

    @Option(names = "--readerLowLatency", defaultValue = "true", arity = "1",
        description = "Lag: the reader's lowLatency option (default: ${DEFAULT-VALUE}).")
    boolean readerLowLatency;

    @Option(names = "--writerPollInterval", defaultValue = "200ms",
        converter = DurationConverter.class,
        description = "Lag: the writer's pollInterval option (default: ${DEFAULT-VALUE}; the"
            + " writer's own default is 2s).")
    Duration writerPollInterval;

    @Option(names = "--drainTimeout", defaultValue = "3m", converter = DurationConverter.class,
        description = "Lag: wait at most this long after the workload for everything to be"
            + " applied (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--senders", defaultValue = "4",
        description = "Lag: concurrent workload senders (default: ${DEFAULT-VALUE}).")
    int senders;
  }

  /** Parses {@code 10s}, {@code 500ms}, {@code 5m}, {@code 1h}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value);
    }
  }
}
