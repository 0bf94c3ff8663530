package dev.rr.common.config;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Options.RpcPriority;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * The reader pipeline's configuration: every option parsed once into a typed, immutable value and
 * validated as a whole. Build it with {@link #builder()}, which takes option text as operators
 * write it and reports every problem in one {@link ConfigException}.
 *
 * <p>Optional values are absent ({@link Optional#empty()}), never empty strings.
 */
public final class ReaderConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Appended to {@code skipDirectoryName} to name the unknown-shard directory. */
  public static final String UNKNOWN_SHARD_SUFFIX = "-unknown-shard";

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
   * A custom shard-id fetcher: the jar holding it (any Beam path), its class name and the free
   * text handed to its {@code init}.
   */
  public record CustomSharding(String jarPath, String className, String parameters)
      implements Serializable {}

  private final DatabaseRef database;
  private final String changeStreamName;
  private final DatabaseRef metadataDatabase;
  private final TableSuffix metadataTableSuffix;
  private final Timestamp startTimestamp;
  private final Timestamp endTimestamp;
  private final Duration windowDuration;
  private final String outputDirectory;
  private final FiltrationMode filtrationMode;
  private final String sourceShardsFilePath;
  private final String sessionFilePath;
  private final WriterConfig.SourceType sourceType;
  private final String skipDirectoryName;
  private final String runIdentifier;
  private final ReaderRunMode runMode;
  private final CustomSharding customSharding;
  private final String spannerHost;
  private final String spannerEmulatorHost;
  private final RpcPriority rpcPriority;
  private final boolean lowLatency;

  ReaderConfig(ReaderConfigBuilder.Parsed parsed) {
    this.database = parsed.database;
    this.changeStreamName = parsed.changeStreamName;
    this.metadataDatabase = parsed.metadataDatabase;
    this.metadataTableSuffix = parsed.metadataTableSuffix;
    this.startTimestamp = parsed.startTimestamp;
    this.endTimestamp = parsed.endTimestamp;
    this.windowDuration = parsed.windowDuration;
    this.outputDirectory = parsed.outputDirectory;
    this.filtrationMode = parsed.filtrationMode;
    this.sourceShardsFilePath = parsed.sourceShardsFilePath;
    this.sessionFilePath = parsed.sessionFilePath;
    this.sourceType = parsed.sourceType;
    this.skipDirectoryName = parsed.skipDirectoryName;
    this.runIdentifier = parsed.runIdentifier;
    this.runMode = parsed.runMode;
    this.customSharding = parsed.customSharding;
    this.spannerHost = parsed.spannerHost;
    this.spannerEmulatorHost = parsed.spannerEmulatorHost;
    this.rpcPriority = parsed.rpcPriority;
    this.lowLatency = parsed.lowLatency;
  }

  /** A builder taking option values as text; {@link ReaderConfigBuilder#build()} validates. */
  public static ReaderConfigBuilder builder() {
    return new ReaderConfigBuilder();
  }

  /** The same configuration starting at {@code start} (resume computes the start at launch). */
  public ReaderConfig withStartTimestamp(Timestamp start) {
    ReaderConfigBuilder.Parsed copy = ReaderConfigBuilder.Parsed.copyOf(this);
    copy.startTimestamp = start;
    return new ReaderConfig(copy);
  }

  /** The same configuration ending at {@code end} (a resumed run keeps its run's end). */
  public ReaderConfig withEndTimestamp(Timestamp end) {
    ReaderConfigBuilder.Parsed copy = ReaderConfigBuilder.Parsed.copyOf(this);
    copy.endTimestamp = end;
    return new ReaderConfig(copy);
  }

  /** The database whose change stream is read. */
  public DatabaseRef database() {
    return database;
  }

  public String changeStreamName() {
    return changeStreamName;
  }

  /** The database for the change-stream partition metadata and the replication metadata tables. */
  public DatabaseRef metadataDatabase() {
    return metadataDatabase;
  }

  public Optional<TableSuffix> metadataTableSuffix() {
    return Optional.ofNullable(metadataTableSuffix);
  }

  /** First commit time read (inclusive); also the origin of the window grid. */
  public Timestamp startTimestamp() {
    return startTimestamp;
  }

  /** Last commit time read (inclusive); absent for an unbounded run. */
  public Optional<Timestamp> endTimestamp() {
    return Optional.ofNullable(endTimestamp);
  }

  public Duration windowDuration() {
    return windowDuration;
  }

  /** The buffer directory (any Beam path), without a trailing slash. */
  public String outputDirectory() {
    return outputDirectory;
  }

  public FiltrationMode filtrationMode() {
    return filtrationMode;
  }

  public String sourceShardsFilePath() {
    return sourceShardsFilePath;
  }

  /** The kind of database the shards are: how the shards file is read. */
  public WriterConfig.SourceType sourceType() {
    return sourceType;
  }

  /** The session file; absent means identity mapping. */
  public Optional<String> sessionFilePath() {
    return Optional.ofNullable(sessionFilePath);
  }

  /** Directory (under the output directory) for records of tables the session does not map. */
  public String skipDirectoryName() {
    return skipDirectoryName;
  }

  /**
   * Directory (under the output directory) for records whose shard id is not in the shards file:
   * {@code <skipDirectoryName>-unknown-shard}. Each record there keeps the shard id it was routed
   * to.
   */
  public String unknownShardDirectoryName() {
    return skipDirectoryName + UNKNOWN_SHARD_SUFFIX;
  }

  public String runIdentifier() {
    return runIdentifier;
  }

  public ReaderRunMode runMode() {
    return runMode;
  }

  public Optional<CustomSharding> customSharding() {
    return Optional.ofNullable(customSharding);
  }

  /** A custom Spanner endpoint (e.g. a regional or batch endpoint). */
  public Optional<String> spannerHost() {
    return Optional.ofNullable(spannerHost);
  }

  /** {@code host:port} of a Spanner emulator; when set, every Spanner call goes there. */
  public Optional<String> spannerEmulatorHost() {
    return Optional.ofNullable(spannerEmulatorHost);
  }

  public RpcPriority rpcPriority() {
    return rpcPriority;
  }

  /** Whether the change stream is read in the connector's low-latency mode. */
  public boolean lowLatency() {
    return lowLatency;
  }

  @Override
  public String toString() {
    return "ReaderConfig{database=" + database
        + ", changeStreamName=" + changeStreamName
        + ", metadataDatabase=" + metadataDatabase
        + ", metadataTableSuffix=" + metadataTableSuffix
        + ", startTimestamp=" + startTimestamp
        + ", endTimestamp=" + endTimestamp
        + ", windowDuration=" + Durations.format(windowDuration)
        + ", outputDirectory=" + outputDirectory
        + ", filtrationMode=" + filtrationMode.optionName()
        + ", sourceShardsFilePath=" + sourceShardsFilePath
        + ", sessionFilePath=" + sessionFilePath
        + ", sourceType=" + sourceType.optionName()
        + ", skipDirectoryName=" + skipDirectoryName
        + ", runIdentifier=" + runIdentifier
        + ", runMode=" + runMode.optionName()
        + ", customSharding=" + customSharding
        + ", spannerHost=" + spannerHost
        + ", spannerEmulatorHost=" + spannerEmulatorHost
        + ", rpcPriority=" + rpcPriority
        + ", lowLatency=" + lowLatency
        + "}";
  }
}
