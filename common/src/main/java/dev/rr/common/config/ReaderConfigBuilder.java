package dev.rr.common.config;

import static dev.rr.common.config.OptionText.matching;
import static dev.rr.common.config.OptionText.required;
import static dev.rr.common.config.OptionText.timestamp;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Options.RpcPriority;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds a {@link ReaderConfig} from option text, named exactly as the reader's options. Unset
 * options are passed as {@code null} (the edge maps empty template parameters to null); an empty
 * string is an invalid value, never "unset". {@link #build()} parses every option, runs every
 * cross-field rule of {@link ReaderConfigRules}, and throws one {@link ConfigException} listing all
 * problems.
 */
public final class ReaderConfigBuilder {
  /** Default {@code windowDuration}. */
  public static final String DEFAULT_WINDOW_DURATION = "10s";
  /** Default {@code skipDirectoryName}. */
  public static final String DEFAULT_SKIP_DIRECTORY_NAME = "skip";
  /** Default {@code rpcPriority}. */
  public static final RpcPriority DEFAULT_RPC_PRIORITY = RpcPriority.HIGH;

  private static final Pattern DIRECTORY_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  String changeStreamName;
  String instanceId;
  String databaseId;
  String spannerProjectId;
  String metadataInstance;
  String metadataDatabase;
  String metadataTableSuffix;
  String startTimestamp;
  String endTimestamp;
  String windowDuration;
  String gcsOutputDirectory;
  String filtrationMode;
  String sourceShardsFilePath;
  String sessionFilePath;
  String sourceType;
  String skipDirectoryName;
  String runIdentifier;
  String runMode;
  String shardingCustomJarPath;
  String shardingCustomClassName;
  String shardingCustomParameters;
  String spannerHost;
  String spannerEmulatorHost;
  String rpcPriority;
  String lowLatency;

  ReaderConfigBuilder() {}

  public ReaderConfigBuilder changeStreamName(String value) {
    changeStreamName = value;
    return this;
  }

  public ReaderConfigBuilder instanceId(String value) {
    instanceId = value;
    return this;
  }

  public ReaderConfigBuilder databaseId(String value) {
    databaseId = value;
    return this;
  }

  public ReaderConfigBuilder spannerProjectId(String value) {
    spannerProjectId = value;
    return this;
  }

  /** Defaults to {@code instanceId}. */
  public ReaderConfigBuilder metadataInstance(String value) {
    metadataInstance = value;
    return this;
  }

  public ReaderConfigBuilder metadataDatabase(String value) {
    metadataDatabase = value;
    return this;
  }

  public ReaderConfigBuilder metadataTableSuffix(String value) {
    metadataTableSuffix = value;
    return this;
  }

  /**
   * RFC 3339, rounded down to the millisecond (the precision of the window grid it anchors);
   * defaults to the time {@link #build()} runs.
   */
  public ReaderConfigBuilder startTimestamp(String value) {
    startTimestamp = value;
    return this;
  }

  /** RFC 3339; absent for an unbounded run. */
  public ReaderConfigBuilder endTimestamp(String value) {
    endTimestamp = value;
    return this;
  }

  /** {@code Nms}, {@code Ns}, {@code Nm} or {@code Nh}; defaults to {@value #DEFAULT_WINDOW_DURATION}. */
  public ReaderConfigBuilder windowDuration(String value) {
    windowDuration = value;
    return this;
  }

  public ReaderConfigBuilder gcsOutputDirectory(String value) {
    gcsOutputDirectory = value;
    return this;
  }

  public ReaderConfigBuilder filtrationMode(String value) {
    filtrationMode = value;
    return this;
  }

  public ReaderConfigBuilder sourceShardsFilePath(String value) {
    sourceShardsFilePath = value;
    return this;
  }

  public ReaderConfigBuilder sessionFilePath(String value) {
    sessionFilePath = value;
    return this;
  }

  /**
   * {@code mysql} or {@code postgresql}: how the shards file is read (PostgreSQL entries may omit
   * the port and may name a schema); defaults to {@code mysql}, as for the writer.
   */
  public ReaderConfigBuilder sourceType(String value) {
    sourceType = value;
    return this;
  }

  public ReaderConfigBuilder skipDirectoryName(String value) {
    skipDirectoryName = value;
    return this;
  }

  /** Required for {@code resume}; otherwise defaults to {@code run_<start as yyyyMMddTHHmmssZ>}. */
  public ReaderConfigBuilder runIdentifier(String value) {
    runIdentifier = value;
    return this;
  }

  public ReaderConfigBuilder runMode(String value) {
    runMode = value;
    return this;
  }

  public ReaderConfigBuilder shardingCustomJarPath(String value) {
    shardingCustomJarPath = value;
    return this;
  }

  public ReaderConfigBuilder shardingCustomClassName(String value) {
    shardingCustomClassName = value;
    return this;
  }

  public ReaderConfigBuilder shardingCustomParameters(String value) {
    shardingCustomParameters = value;
    return this;
  }

  public ReaderConfigBuilder spannerHost(String value) {
    spannerHost = value;
    return this;
  }

  public ReaderConfigBuilder spannerEmulatorHost(String value) {
    spannerEmulatorHost = value;
    return this;
  }

  /** {@code LOW}, {@code MEDIUM} or {@code HIGH}; defaults to {@code HIGH}. */
  public ReaderConfigBuilder rpcPriority(String value) {
    rpcPriority = value;
    return this;
  }

  /**
   * {@code true} reads the change stream in the connector's low-latency mode (short heartbeats,
   * frequent checkpoints: lower lag, more Spanner queries); defaults to {@code false}.
   */
  public ReaderConfigBuilder lowLatency(String value) {
    lowLatency = value;
    return this;
  }

  /**
   * Parses and validates every option.
   *
   * @throws ConfigException listing every problem found, each naming its option
   */
  public ReaderConfig build() {
    return build(Clock.systemUTC());
  }

  /** {@link #build()} with the clock that supplies the default start timestamp. */
  ReaderConfig build(Clock clock) {
    ConfigProblems problems = new ConfigProblems();
    Parsed p = new Parsed();
    String project = required(problems, "spannerProjectId", spannerProjectId);
    String instance = required(problems, "instanceId", instanceId);
    p.database = new ReaderConfig.DatabaseRef(
        project, instance, required(problems, "databaseId", databaseId));
    p.changeStreamName = required(problems, "changeStreamName", changeStreamName);
    p.metadataDatabase = new ReaderConfig.DatabaseRef(
        project,
        metadataInstance == null ? instance : required(problems, "metadataInstance", metadataInstance),
        required(problems, "metadataDatabase", metadataDatabase));
    p.metadataTableSuffix =
        problems.attempt(() -> TableSuffix.fromOption(metadataTableSuffix)).flatMap(s -> s).orElse(null);
    p.startTimestamp = startTimestamp == null
        ? Timestamp.ofTimeMicroseconds(clock.millis() * 1_000)
        : toMillis(timestamp(problems, "startTimestamp", startTimestamp));
    p.endTimestamp = endTimestamp == null ? null : timestamp(problems, "endTimestamp", endTimestamp);
    p.windowDuration = problems.attempt(() -> Durations.parse("windowDuration",
        windowDuration == null ? DEFAULT_WINDOW_DURATION : windowDuration)).orElse(null);
    p.outputDirectory = outputDirectory(problems);
    p.filtrationMode = filtrationMode == null ? FiltrationMode.FORWARD_MIGRATION
        : problems.attempt(() -> FiltrationMode.parse(filtrationMode)).orElse(null);
    p.sourceShardsFilePath = required(problems, "sourceShardsFilePath", sourceShardsFilePath);
    p.sessionFilePath = sessionFilePath == null ? null
        : required(problems, "sessionFilePath", sessionFilePath);
    p.sourceType = sourceType == null ? WriterConfig.SourceType.MYSQL
        : problems.attempt(() -> WriterConfig.SourceType.parse(sourceType)).orElse(null);
    p.skipDirectoryName = matching(problems, "skipDirectoryName",
        skipDirectoryName == null ? DEFAULT_SKIP_DIRECTORY_NAME : skipDirectoryName,
        DIRECTORY_NAME, "a single directory name of letters, digits, '_', '-' or '.'");
    p.runMode = runMode == null ? ReaderRunMode.REGULAR
        : problems.attempt(() -> ReaderRunMode.parse(runMode)).orElse(null);
    p.runIdentifier = runIdentifier == null ? defaultRunIdentifier(p.startTimestamp)
        : OptionText.runIdentifier(problems, runIdentifier);
    p.customSharding = shardingCustomJarPath == null || shardingCustomClassName == null ? null
        : new ReaderConfig.CustomSharding(shardingCustomJarPath, shardingCustomClassName,
            shardingCustomParameters == null ? "" : shardingCustomParameters);
    p.spannerHost = OptionText.spannerHost(problems, spannerHost);
    p.spannerEmulatorHost = OptionText.spannerEmulatorHost(problems, spannerEmulatorHost);
    p.rpcPriority = rpcPriority == null ? DEFAULT_RPC_PRIORITY
        : parseEnum(problems, "rpcPriority", rpcPriority, RpcPriority::valueOf, "LOW, MEDIUM, HIGH");
    p.lowLatency = OptionText.flag(problems, "lowLatency", lowLatency);
    ReaderConfigRules.check(this, p, problems);
    problems.throwIfAny();
    return new ReaderConfig(p);
  }

  private String outputDirectory(ConfigProblems problems) {
    String dir = required(problems, "gcsOutputDirectory", gcsOutputDirectory);
    if (dir == null) {
      return null;
    }
    String trimmed = dir.replaceAll("/+$", "");
    problems.check(!trimmed.isEmpty(), "gcsOutputDirectory '" + dir + "' is not a directory path");
    return trimmed;
  }

  private static String defaultRunIdentifier(Timestamp start) {
    return start == null ? null : "run_" + RUN_ID_TIME.format(start.toDate().toInstant());
  }

  /**
   * {@code timestamp} rounded down to the millisecond: the start is the origin of the window grid,
   * whose boundaries (file names, created_upto) have millisecond precision.
   */
  private static Timestamp toMillis(Timestamp timestamp) {
    return timestamp == null ? null
        : Timestamp.ofTimeSecondsAndNanos(
            timestamp.getSeconds(), timestamp.getNanos() / 1_000_000 * 1_000_000);
  }

  private static <E> E parseEnum(ConfigProblems problems, String option, String value,
      Function<String, E> parse, String accepted) {
    try {
      return parse.apply(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(option + " must be one of " + accepted + " but was '" + value + "'");
      return null;
    }
  }

  /** Parsed values on their way into a {@link ReaderConfig}; null means absent or invalid. */
  static final class Parsed {
    ReaderConfig.DatabaseRef database;
    String changeStreamName;
    ReaderConfig.DatabaseRef metadataDatabase;
    TableSuffix metadataTableSuffix;
    Timestamp startTimestamp;
    Timestamp endTimestamp;
    Duration windowDuration;
    String outputDirectory;
    FiltrationMode filtrationMode;
    String sourceShardsFilePath;
    String sessionFilePath;
    WriterConfig.SourceType sourceType;
    String skipDirectoryName;
    String runIdentifier;
    ReaderRunMode runMode;
    ReaderConfig.CustomSharding customSharding;
    String spannerHost;
    String spannerEmulatorHost;
    RpcPriority rpcPriority;
    boolean lowLatency;

    static Parsed copyOf(ReaderConfig c) {
      Parsed p = new Parsed();
      p.database = c.database();
      p.changeStreamName = c.changeStreamName();
      p.metadataDatabase = c.metadataDatabase();
      p.metadataTableSuffix = c.metadataTableSuffix().orElse(null);
      p.startTimestamp = c.startTimestamp();
      p.endTimestamp = c.endTimestamp().orElse(null);
      p.windowDuration = c.windowDuration();
      p.outputDirectory = c.outputDirectory();
      p.filtrationMode = c.filtrationMode();
      p.sourceShardsFilePath = c.sourceShardsFilePath();
      p.sessionFilePath = c.sessionFilePath().orElse(null);
      p.sourceType = c.sourceType();
      p.skipDirectoryName = c.skipDirectoryName();
      p.runIdentifier = c.runIdentifier();
      p.runMode = c.runMode();
      p.customSharding = c.customSharding().orElse(null);
      p.spannerHost = c.spannerHost().orElse(null);
      p.spannerEmulatorHost = c.spannerEmulatorHost().orElse(null);
      p.rpcPriority = c.rpcPriority();
      p.lowLatency = c.lowLatency();
      return p;
    }
  }
}
