package dev.rr.launcher.cli;

import com.google.cloud.Timestamp;
import dev.rr.common.config.WriterConfig;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rr verify}: Spanner at one read timestamp against every shard, row by row. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Compare Spanner with every shard, row by row.",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Compares Spanner (at one read timestamp) with every shard, table by table through the "
            + "session mapping: row counts and per-row checksums, in primary-key chunks. Each shard "
            + "must hold exactly the Spanner rows routed to it. Lists the first missing, extra and "
            + "different keys per table; exits 1 when anything differs.")
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SpannerOptions spanner;

  @Option(names = "--sourceShardsFilePath", required = true, description = "Shards file (JSON array of shards).")
  String shardsFilePath;

  @Option(names = "--sessionFilePath", description = "Session file (default: identity mapping, read from Spanner and the first shard).")
  String sessionFilePath;

  @Option(names = "--readTimestamp", converter = TimestampConverter.class,
      description = "Spanner read timestamp, RFC 3339 (default: now). Use the cutover time.")
  Timestamp readTimestamp;

  @Option(names = "--tables", split = ",", paramLabel = "TABLE", description = "Only these Spanner tables (default: every mapped table).")
  List<String> tables = new ArrayList<>();

  @Option(names = "--chunkSize", defaultValue = "1000", description = "Rows per primary-key chunk (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(names = "--maxDifferences", defaultValue = "10", description = "Differing keys listed per table and shard (default: ${DEFAULT-VALUE}).")
  int maxDifferences;

  @Option(names = "--sourceType", defaultValue = "mysql", converter = NamedOptionConverter.Source.class,
      description = "Type of the shards: mysql or postgresql (default: ${DEFAULT-VALUE}).")
  WriterConfig.SourceType sourceType;

  @Option(names = "--sourceDbTimezoneOffset", description = "Time zone offset of the shards, as the writer used it (default: the session file's TimezoneOffset, else +00:00).")
  ZoneOffset sourceTimezone;

  @Option(names = "--json", description = "Print the report as one JSON document.")
  boolean json;

  @Option(names = "--shardingCustomJarPath", description = "Jar with the custom ShardIdFetcher the reader uses.")
  String shardingJar;

  @Option(names = "--shardingCustomClassName", description = "Class name of the custom ShardIdFetcher.")
  String shardingClass;

  @Option(names = "--shardingCustomParameters", description = "Parameters of the custom ShardIdFetcher.")
  String shardingParameters;

  @Override
  public Integer call() throws Exception {
    return VerifyCommands.verify(this);
  }
}
