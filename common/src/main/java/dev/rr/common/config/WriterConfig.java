package dev.rr.common.config;

import com.google.cloud.Timestamp;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The writer pipeline's configuration: every option parsed once into a typed, immutable value and
 * validated as a whole. Build it with {@link #builder()}, which takes option text as operators
 * write it and reports every problem in one {@link ConfigException}.
 *
 * <p>Values the reader recorded for the run (buffer directory, start and end timestamp, window
 * duration) are optional here: absent means "as the run metadata says", resolved when the writer
 * starts.
 */
public final class WriterConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A Spanner database: project, instance and database ids. */
  public record DatabaseRef(String projectId, String instanceId, String databaseId)
      implements Serializable {
    /** {@code projects/p/instances/i/databases/d}, for logs and messages. */
    @Override
    public String toString() {
      return "projects/" + projectId + "/instances/" + instanceId + "/databases/" + databaseId;
    }
  }

  /**
   * A custom transformation: the jar holding it (any Beam path), its class name and the free text
   * handed to its {@code init}.
   */
  public record CustomTransformation(String jarPath, String className, String parameters)
      implements Serializable {}

  /** The kind of source database the shards are. */
  public enum SourceType implements NamedOption {
    /** MySQL 8 or MariaDB 10.11 (the default). */
    MYSQL("mysql", 3306),
    /** PostgreSQL 15 or later. */
    POSTGRESQL("postgresql", 5432);

    private final String optionName;
    private final int defaultPort;

    SourceType(String optionName, int defaultPort) {
      this.optionName = optionName;
      this.defaultPort = defaultPort;
    }

    @Override
    public String optionName() {
      return optionName;
    }

    /** The server's usual port: what a shards-file entry without a port gets (PostgreSQL only). */
    public int defaultPort() {
      return defaultPort;
    }

    /** The type named exactly {@code value}: {@code mysql} or {@code postgresql}. */
    public static SourceType parse(String value) {
      return NamedOption.parse(SourceType.class, "sourceType", value);
    }
  }

  private final String sourceShardsFilePath;
  private final String sessionFilePath;
  private final SourceType sourceType;
  private final ZoneOffset sourceDbTimezoneOffset;
  private final String bufferDirectory;
  private final DatabaseRef metadataDatabase;
  private final TableSuffix metadataTableSuffix;
  private final String runIdentifier;
  private final WriterRunMode runMode;
  private final Timestamp startTimestamp;
  private final Timestamp endTimestamp;
  private final Duration windowDuration;
  private final CustomTransformation transformation;
  private final int maxShardConnections;
  private final int batchSize;
  private final Duration pollInterval;
  private final String spannerHost;
  private final String spannerEmulatorHost;

  WriterConfig(WriterConfigBuilder.Parsed parsed) {
    this.sourceShardsFilePath = parsed.sourceShardsFilePath;
    this.sessionFilePath = parsed.sessionFilePath;
    this.sourceType = parsed.sourceType;
    this.sourceDbTimezoneOffset = parsed.sourceDbTimezoneOffset;
    this.bufferDirectory = parsed.bufferDirectory;
    this.metadataDatabase = parsed.metadataDatabase;
    this.metadataTableSuffix = parsed.metadataTableSuffix;
    this.runIdentifier = parsed.runIdentifier;
    this.runMode = parsed.runMode;
    this.startTimestamp = parsed.startTimestamp;
    this.endTimestamp = parsed.endTimestamp;
    this.windowDuration = parsed.windowDuration;
    this.transformation = parsed.transformation;
    this.maxShardConnections = parsed.maxShardConnections;
    this.batchSize = parsed.batchSize;
    this.pollInterval = parsed.pollInterval;
    this.spannerHost = parsed.spannerHost;
    this.spannerEmulatorHost = parsed.spannerEmulatorHost;
  }

  /** A builder taking option values as text; {@link WriterConfigBuilder#build()} validates. */
  public static WriterConfigBuilder builder() {
    return new WriterConfigBuilder();
  }

  /** The same configuration in another run mode (e.g. the launcher's {@code resumeFailed}). */
  public WriterConfig withRunMode(WriterRunMode mode) {
    WriterConfigBuilder.Parsed copy = WriterConfigBuilder.Parsed.copyOf(this);
    copy.runMode = Objects.requireNonNull(mode, "mode");
    return new WriterConfig(copy);
  }

  /** The shards file (any Beam path). */
  public String sourceShardsFilePath() {
    return sourceShardsFilePath;
  }

  /** The session file; absent means identity mapping (same table and column names). */
  public Optional<String> sessionFilePath() {
    return Optional.ofNullable(sessionFilePath);
  }

  public SourceType sourceType() {
    return sourceType;
  }

  /**
   * The {@code sourceDbTimezoneOffset} option when given: the offset of the source database's
   * time zone, TIMESTAMP values are converted to it. When absent the session file's
   * {@code TimezoneOffset} applies, else UTC ({@link dev.rr.common.schema.SourceTimezone}).
   */
  public Optional<ZoneOffset> sourceDbTimezoneOffset() {
    return Optional.ofNullable(sourceDbTimezoneOffset);
  }

  /** Root of the buffer (no trailing {@code /}); absent means the run metadata's directory. */
  public Optional<String> bufferDirectory() {
    return Optional.ofNullable(bufferDirectory);
  }

  /** The Spanner database holding the replication metadata tables. */
  public DatabaseRef metadataDatabase() {
    return metadataDatabase;
  }

  public Optional<TableSuffix> metadataTableSuffix() {
    return Optional.ofNullable(metadataTableSuffix);
  }

  /** The run this writer belongs to (the reader's run identifier). */
  public String runIdentifier() {
    return runIdentifier;
  }

  public WriterRunMode runMode() {
    return runMode;
  }

  /** Changes committed before it are not applied; absent means the run's start timestamp. */
  public Optional<Timestamp> startTimestamp() {
    return Optional.ofNullable(startTimestamp);
  }

  /**
   * The writer stops once every change committed at or before it is applied; absent means the
   * run's end timestamp, and when the run has none the writer never stops.
   */
  public Optional<Timestamp> endTimestamp() {
    return Optional.ofNullable(endTimestamp);
  }

  /** Window length; absent means the run's window duration. */
  public Optional<Duration> windowDuration() {
    return Optional.ofNullable(windowDuration);
  }

  public Optional<CustomTransformation> transformation() {
    return Optional.ofNullable(transformation);
  }

  /** Most connections each worker opens to one shard. */
  public int maxShardConnections() {
    return maxShardConnections;
  }

  /**
   * Change records per MySQL transaction, at most (whole Spanner transactions are never split,
   * so one larger Spanner transaction goes alone into one MySQL transaction).
   */
  public int batchSize() {
    return batchSize;
  }

  /** How long a shard waits before looking again for a window the reader has not finished. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** Spanner endpoint URL, when not the default. */
  public Optional<String> spannerHost() {
    return Optional.ofNullable(spannerHost);
  }

  /** {@code host:port} of a Spanner emulator; when set, every Spanner call goes there. */
  public Optional<String> spannerEmulatorHost() {
    return Optional.ofNullable(spannerEmulatorHost);
  }

  @Override
  public String toString() {
    return "WriterConfig{sourceShardsFilePath=" + sourceShardsFilePath
        + ", sessionFilePath=" + sessionFilePath
        + ", sourceType=" + sourceType.optionName()
        + ", sourceDbTimezoneOffset=" + sourceDbTimezoneOffset
        + ", bufferDirectory=" + bufferDirectory
        + ", metadataDatabase=" + metadataDatabase
        + ", metadataTableSuffix=" + metadataTableSuffix
        + ", runIdentifier=" + runIdentifier
        + ", runMode=" + runMode.optionName()
        + ", startTimestamp=" + startTimestamp
        + ", endTimestamp=" + endTimestamp
        + ", windowDuration=" + windowDuration
        + ", transformation=" + transformation
        + ", maxShardConnections=" + maxShardConnections
        + ", batchSize=" + batchSize
        + ", pollInterval=" + pollInterval
        + ", spannerHost=" + spannerHost
        + ", spannerEmulatorHost=" + spannerEmulatorHost
        + "}";
  }
}
