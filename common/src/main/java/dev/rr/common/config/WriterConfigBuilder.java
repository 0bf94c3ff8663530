package dev.rr.common.config;

import static dev.rr.common.config.OptionText.required;
import static dev.rr.common.config.OptionText.timestamp;

import com.google.cloud.Timestamp;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Builds a {@link WriterConfig} from option text, named exactly as the writer's options. Unset
 * options are passed as {@code null} (the edge maps empty template parameters to null); an empty
 * string is an invalid value, never "unset". {@link #build()} parses every option, runs every
 * cross-field rule of {@link WriterConfigRules}, and throws one {@link ConfigException} listing all
 * problems.
 */
public final class WriterConfigBuilder {
  /** Default {@code maxShardConnections}. */
  public static final int DEFAULT_MAX_SHARD_CONNECTIONS = 4;
  /** Default {@code batchSize}. */
  public static final int DEFAULT_BATCH_SIZE = 1000;
  /** Largest {@code batchSize}: bigger MySQL transactions only add lock time and undo log. */
  public static final int MAX_BATCH_SIZE = 100_000;
  /** Largest {@code maxShardConnections}. */
  public static final int MAX_SHARD_CONNECTIONS = 64;
  /** Default {@code pollInterval}. */
  public static final String DEFAULT_POLL_INTERVAL = "2s";


  String sourceShardsFilePath;
  String sessionFilePath;
  String sourceType;
  String sourceDbTimezoneOffset;
  String bufferDirectory;
  String spannerProjectId;
  String metadataInstance;
  String metadataDatabase;
  String metadataTableSuffix;
  String runIdentifier;
  String runMode;
  String startTimestamp;
  String endTimestamp;
  String windowDuration;
  String transformationJarPath;
  String transformationClassName;
  String transformationCustomParameters;
  String maxShardConnections;
  String batchSize;
  String pollInterval;
  String spannerHost;
  String spannerEmulatorHost;

  WriterConfigBuilder() {}

  public WriterConfigBuilder sourceShardsFilePath(String value) {
    sourceShardsFilePath = value;
    return this;
  }

  public WriterConfigBuilder sessionFilePath(String value) {
    sessionFilePath = value;
    return this;
  }

  /** Only {@code mysql}; the default. */
  public WriterConfigBuilder sourceType(String value) {
    sourceType = value;
    return this;
  }

  /**
   * {@code +HH:MM} or {@code -HH:MM}; when not given, the session file's {@code TimezoneOffset},
   * else {@code +00:00} ({@link dev.rr.common.schema.SourceTimezone}).
   */
  public WriterConfigBuilder sourceDbTimezoneOffset(String value) {
    sourceDbTimezoneOffset = value;
    return this;
  }

  /** The option {@code GCSInputDirectoryPath}: root of the buffer, any Beam path. */
  public WriterConfigBuilder bufferDirectory(String value) {
    bufferDirectory = value;
    return this;
  }

  public WriterConfigBuilder spannerProjectId(String value) {
    spannerProjectId = value;
    return this;
  }

  public WriterConfigBuilder metadataInstance(String value) {
    metadataInstance = value;
    return this;
  }

  public WriterConfigBuilder metadataDatabase(String value) {
    metadataDatabase = value;
    return this;
  }

  public WriterConfigBuilder metadataTableSuffix(String value) {
    metadataTableSuffix = value;
    return this;
  }

  public WriterConfigBuilder runIdentifier(String value) {
    runIdentifier = value;
    return this;
  }

  /** One of {@code regular}, {@code resume}, {@code resumeAll}, ...; defaults to regular. */
  public WriterConfigBuilder runMode(String value) {
    runMode = value;
    return this;
  }

  /** RFC 3339; defaults to the run's start timestamp. */
  public WriterConfigBuilder startTimestamp(String value) {
    startTimestamp = value;
    return this;
  }

  /** RFC 3339; defaults to the run's end timestamp (none: the writer never stops). */
  public WriterConfigBuilder endTimestamp(String value) {
    endTimestamp = value;
    return this;
  }

  /** {@code Nms}, {@code Ns}, {@code Nm} or {@code Nh}; defaults to the run's. */
  public WriterConfigBuilder windowDuration(String value) {
    windowDuration = value;
    return this;
  }

  public WriterConfigBuilder transformationJarPath(String value) {
    transformationJarPath = value;
    return this;
  }

  public WriterConfigBuilder transformationClassName(String value) {
    transformationClassName = value;
    return this;
  }

  public WriterConfigBuilder transformationCustomParameters(String value) {
    transformationCustomParameters = value;
    return this;
  }

  /** A whole number from 1; defaults to {@value #DEFAULT_MAX_SHARD_CONNECTIONS}. */
  public WriterConfigBuilder maxShardConnections(String value) {
    maxShardConnections = value;
    return this;
  }

  /** A whole number from 1; defaults to {@value #DEFAULT_BATCH_SIZE}. */
  public WriterConfigBuilder batchSize(String value) {
    batchSize = value;
    return this;
  }

  /** A duration such as {@code 2s}; defaults to {@value #DEFAULT_POLL_INTERVAL}. */
  public WriterConfigBuilder pollInterval(String value) {
    pollInterval = value;
    return this;
  }

  public WriterConfigBuilder spannerHost(String value) {
    spannerHost = value;
    return this;
  }

  public WriterConfigBuilder spannerEmulatorHost(String value) {
    spannerEmulatorHost = value;
    return this;
  }

  /**
   * Parses and validates every option.
   *
   * @throws ConfigException listing every problem found, each naming its option
   */
  public WriterConfig build() {
    ConfigProblems problems = new ConfigProblems();
    Parsed p = new Parsed();
    p.sourceShardsFilePath = required(problems, "sourceShardsFilePath", sourceShardsFilePath);
    p.sessionFilePath =
        sessionFilePath == null ? null : required(problems, "sessionFilePath", sessionFilePath);
    p.sourceType = sourceType == null ? WriterConfig.SourceType.MYSQL
        : problems.attempt(() -> WriterConfig.SourceType.parse(sourceType)).orElse(null);
    p.sourceDbTimezoneOffset =
        sourceDbTimezoneOffset == null ? null : zoneOffset(problems, sourceDbTimezoneOffset);
    p.bufferDirectory = bufferDirectory == null ? null : directory(problems, bufferDirectory);
    p.metadataDatabase = new WriterConfig.DatabaseRef(
        required(problems, "spannerProjectId", spannerProjectId),
        required(problems, "metadataInstance", metadataInstance),
        required(problems, "metadataDatabase", metadataDatabase));
    p.metadataTableSuffix = problems.attempt(() -> TableSuffix.fromOption(metadataTableSuffix))
        .flatMap(s -> s).orElse(null);
    p.runIdentifier = runIdentifier == null
        ? missing(problems, "runIdentifier", "the reader's run identifier")
        : OptionText.runIdentifier(problems, runIdentifier);
    p.runMode = runMode == null ? WriterRunMode.REGULAR
        : problems.attempt(() -> WriterRunMode.parse(runMode)).orElse(null);
    p.startTimestamp =
        startTimestamp == null ? null : timestamp(problems, "startTimestamp", startTimestamp);
    p.endTimestamp = endTimestamp == null ? null : timestamp(problems, "endTimestamp", endTimestamp);
    p.windowDuration = windowDuration == null ? null
        : problems.attempt(() -> Durations.parse("windowDuration", windowDuration)).orElse(null);
    p.transformation = transformationJarPath == null || transformationClassName == null ? null
        : new WriterConfig.CustomTransformation(transformationJarPath, transformationClassName,
            transformationCustomParameters == null ? "" : transformationCustomParameters);
    p.maxShardConnections = wholeNumber(problems, "maxShardConnections", maxShardConnections,
        DEFAULT_MAX_SHARD_CONNECTIONS, MAX_SHARD_CONNECTIONS);
    p.batchSize = wholeNumber(problems, "batchSize", batchSize, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE);
    p.pollInterval = problems.attempt(() -> Durations.parse("pollInterval",
        pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval)).orElse(null);
    p.spannerHost = OptionText.spannerHost(problems, spannerHost);
    p.spannerEmulatorHost = OptionText.spannerEmulatorHost(problems, spannerEmulatorHost);
    WriterConfigRules.check(this, p, problems);
    problems.throwIfAny();
    return new WriterConfig(p);
  }

  private static String missing(ConfigProblems problems, String option, String what) {
    problems.add(option + " is required: " + what);
    return null;
  }

  private static String directory(ConfigProblems problems, String value) {
    String trimmed = value.trim().replaceAll("/+$", "");
    if (trimmed.isEmpty()) {
      problems.add("GCSInputDirectoryPath '" + value + "' is not a directory path");
      return null;
    }
    return trimmed;
  }

  private static ZoneOffset zoneOffset(ConfigProblems problems, String value) {
    try {
      if (value.length() == 6 && (value.charAt(0) == '+' || value.charAt(0) == '-')) {
        return ZoneOffset.of(value);
      }
    } catch (DateTimeException e) {
      // reported below, with the accepted form
    }
    problems.add("sourceDbTimezoneOffset '" + value
        + "' is not valid: use +HH:MM or -HH:MM between -18:00 and +18:00, e.g. +05:30");
    return null;
  }

  private static int wholeNumber(
      ConfigProblems problems, String option, String value, int defaultValue, int max) {
    if (value == null) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= 1 && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the accepted range
    }
    problems.add(option + " '" + value + "' is not valid: use a whole number from 1 to " + max);
    return defaultValue;
  }

  /** Parsed values on their way into a {@link WriterConfig}; null means absent or invalid. */
  static final class Parsed {
    String sourceShardsFilePath;
    String sessionFilePath;
    WriterConfig.SourceType sourceType;
    ZoneOffset sourceDbTimezoneOffset;
    String bufferDirectory;
    WriterConfig.DatabaseRef metadataDatabase;
    TableSuffix metadataTableSuffix;
    String runIdentifier;
    WriterRunMode runMode;
    Timestamp startTimestamp;
    Timestamp endTimestamp;
    Duration windowDuration;
    WriterConfig.CustomTransformation transformation;
    int maxShardConnections;
    int batchSize;
    Duration pollInterval;
    String spannerHost;
    String spannerEmulatorHost;

    static Parsed copyOf(WriterConfig c) {
      Parsed p = new Parsed();
      p.sourceShardsFilePath = c.sourceShardsFilePath();
      p.sessionFilePath = c.sessionFilePath().orElse(null);
      p.sourceType = c.sourceType();
      p.sourceDbTimezoneOffset = c.sourceDbTimezoneOffset().orElse(null);
      p.bufferDirectory = c.bufferDirectory().orElse(null);
      p.metadataDatabase = c.metadataDatabase();
      p.metadataTableSuffix = c.metadataTableSuffix().orElse(null);
      p.runIdentifier = c.runIdentifier();
      p.runMode = c.runMode();
      p.startTimestamp = c.startTimestamp().orElse(null);
      p.endTimestamp = c.endTimestamp().orElse(null);
      p.windowDuration = c.windowDuration().orElse(null);
      p.transformation = c.transformation().orElse(null);
      p.maxShardConnections = c.maxShardConnections();
      p.batchSize = c.batchSize();
      p.pollInterval = c.pollInterval();
      p.spannerHost = c.spannerHost().orElse(null);
      p.spannerEmulatorHost = c.spannerEmulatorHost().orElse(null);
      return p;
    }
  }
}
