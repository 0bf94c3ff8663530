package dev.rr.launcher.launch;

import dev.rr.launcher.cli.DurationConverter;
import dev.rr.launcher.spanner.SpannerTarget;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline options of the reader and writer templates for one launch, by their documented
 * names. The same maps feed the Dataflow {@code --parameters} flag and the in-process
 * DirectRunner, so both paths start identical pipelines.
 */
public final class PipelineParameters {
  /** Pipeline option carrying the emulator's {@code host:port} (reader and writer). */
  public static final String EMULATOR_HOST = "spannerEmulatorHost";

  private PipelineParameters() {}

  /** The reader's options, in a stable order. */
  public static Map<String, String> reader(LaunchConfig config) {
    ReplicationSettings rep = config.replication();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("changeStreamName", rep.changeStreamName());
    params.put("instanceId", config.source().instanceId());
    params.put("databaseId", config.source().databaseId());
    params.put("spannerProjectId", config.source().projectId());
    putMetadata(params, config);
    rep.startTimestamp().ifPresent(t -> params.put("startTimestamp", t.toString()));
    rep.endTimestamp().ifPresent(t -> params.put("endTimestamp", t.toString()));
    rep.sessionFile().ifPresent(f -> params.put("sessionFilePath", f));
    params.put("sourceShardsFilePath", rep.shardsFile());
    params.put("sourceType", rep.sourceType().optionName());
    params.put("windowDuration", DurationConverter.format(rep.windowDuration()));
    params.put("gcsOutputDirectory", rep.bufferDirectory());
    params.put("filtrationMode", rep.filtrationMode().optionName());
    params.put("skipDirectoryName", rep.skipDirectoryName());
    params.put("runIdentifier", config.run().runIdentifier());
    params.put("runMode", config.run().readerRunMode().optionName());
    config.customCode().shardIdFetcher().ifPresent(plugin -> {
      params.put("shardingCustomJarPath", plugin.jarPath());
      params.put("shardingCustomClassName", plugin.className());
      plugin.parameters().ifPresent(p -> params.put("shardingCustomParameters", p));
    });
    putEndpoint(params, config.source());
    params.putAll(config.extraReaderParameters());
    return params;
  }

  /** The writer's options, in a stable order. */
  public static Map<String, String> writer(LaunchConfig config) {
    ReplicationSettings rep = config.replication();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("sourceShardsFilePath", rep.shardsFile());
    rep.sessionFile().ifPresent(f -> params.put("sessionFilePath", f));
    params.put("sourceType", rep.sourceType().optionName());
    // Only when given: otherwise the writer takes the session file's TimezoneOffset.
    rep.sourceTimezone().ifPresent(offset -> params.put("sourceDbTimezoneOffset", offsetText(offset)));
    params.put("GCSInputDirectoryPath", rep.bufferDirectory());
    params.put("spannerProjectId", config.source().projectId());
    putMetadata(params, config);
    params.put("runIdentifier", config.run().runIdentifier());
    params.put("runMode", config.run().writerRunMode().optionName());
    rep.startTimestamp().ifPresent(t -> params.put("startTimestamp", t.toString()));
    rep.endTimestamp().ifPresent(t -> params.put("endTimestamp", t.toString()));
    params.put("windowDuration", DurationConverter.format(rep.windowDuration()));
    config.customCode().transformation().ifPresent(plugin -> {
      params.put("transformationJarPath", plugin.jarPath());
      params.put("transformationClassName", plugin.className());
      plugin.parameters().ifPresent(p -> params.put("transformationCustomParameters", p));
    });
    putEndpoint(params, config.source());
    params.putAll(config.extraWriterParameters());
    return params;
  }

  private static void putMetadata(Map<String, String> params, LaunchConfig config) {
    params.put("metadataInstance", config.metadata().database().instanceId());
    params.put("metadataDatabase", config.metadata().database().databaseId());
    config.metadata().tableSuffix().ifPresent(s -> params.put("metadataTableSuffix", s.value()));
  }

  private static void putEndpoint(Map<String, String> params, SpannerTarget target) {
    target.host().ifPresent(h -> params.put("spannerHost", h));
    Optional<String> emulator = target.emulatorHost();
    emulator.ifPresent(h -> params.put(EMULATOR_HOST, h));
  }

  /** {@code +HH:MM} as the writer's option takes it ({@code Z} is {@code +00:00}). */
  static String offsetText(ZoneOffset offset) {
    return offset.getId().equals("Z") ? "+00:00" : offset.getId();
  }
}
