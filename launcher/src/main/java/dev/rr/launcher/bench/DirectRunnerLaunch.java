package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.rr.common.config.FiltrationMode;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.input.Shard;
import dev.rr.launcher.launch.CustomCode;
import dev.rr.launcher.launch.Jobs;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.ReplicationSettings;
import dev.rr.launcher.launch.RunSettings;
import dev.rr.launcher.launch.Runner;
import dev.rr.launcher.spanner.MetadataTarget;
import dev.rr.launcher.spanner.SpannerTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launch configuration of a benchmark's pipelines, as {@code rr launch --runner direct}
 * would build it from the command line: emulator source and metadata databases, the buffer, a
 * shards file, no session file (identity mapping), regular run modes.
 */
final class DirectRunnerLaunch {

  private DirectRunnerLaunch() {}

  /**
   * The configuration of one launch.
   *
   * @param end end timestamp, empty for an unbounded run
   * @param extraReaderParameters reader options to add (e.g. {@code lowLatency})
   * @param extraWriterParameters writer options to add (e.g. {@code pollInterval})
   */
  static LaunchConfig config(String runId, String emulatorHost, String project, String instance,
      String database, String metadataDatabase, String changeStream, Timestamp start,
      Optional<Timestamp> end, Duration window, String bufferDir, Path shardsFile,
      Map<String, String> extraReaderParameters, Map<String, String> extraWriterParameters) {
    SpannerTarget source = new SpannerTarget(
        project, instance, database, Optional.empty(), Optional.of(emulatorHost));
    MetadataTarget metadata =
        new MetadataTarget(source.withDatabase(instance, metadataDatabase), Optional.empty());
    ReplicationSettings replication = new ReplicationSettings(changeStream, Optional.of(start),
        end, window, bufferDir, Optional.empty(), shardsFile.toString(),
        FiltrationMode.FORWARD_MIGRATION, "skip", Optional.of(ZoneOffset.UTC));
    RunSettings run = new RunSettings(Jobs.BOTH, Runner.DIRECT, runId, ReaderRunMode.REGULAR,
        WriterRunMode.REGULAR, false);
    return new LaunchConfig(run, source, metadata, replication, CustomCode.none(),
        Optional.empty(), extraReaderParameters, extraWriterParameters);
  }

  /** Writes a shards file holding {@code shards} to {@code file}. */
  static Path writeShardsFile(Path file, List<Shard> shards) throws IOException {
    JsonArray array = new JsonArray();
    for (Shard shard : shards) {
      JsonObject entry = new JsonObject();
      entry.addProperty("logicalShardId", shard.logicalShardId());
      entry.addProperty("host", shard.host());
      entry.addProperty("port", shard.port());
      entry.addProperty("user", shard.user());
      entry.addProperty("password", shard.password());
      entry.addProperty("dbName", shard.dbName());
      array.add(entry);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, array.toString(), StandardCharsets.UTF_8);
  }
}
