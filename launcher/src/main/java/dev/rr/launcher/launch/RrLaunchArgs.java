package dev.rr.launcher.launch;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.cli.DurationConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a launch back into the {@code rr launch} command line that reproduces it. */
public final class RrLaunchArgs {
  private RrLaunchArgs() {}

  /** {@code rr launch ...} for {@code config}, one option per word, {@code --name=value} form. */
  public static List<String> of(LaunchConfig config) {
    List<String> args = new ArrayList<>(List.of("rr", "launch"));
    RunSettings run = config.run();
    args.add("--jobs=" + run.jobs().name().toLowerCase(Locale.ROOT));
    args.add("--runner=" + run.runner().name().toLowerCase(Locale.ROOT));
    args.add("--runIdentifier=" + run.runIdentifier());
    args.add("--readerRunMode=" + run.readerRunMode().optionName());
    args.add("--writerRunMode=" + run.writerRunMode().optionName());
    args.add("--spannerProjectId=" + config.source().projectId());
    args.add("--instanceId=" + config.source().instanceId());
    args.add("--databaseId=" + config.source().databaseId());
    config.source().host().ifPresent(h -> args.add("--spannerHost=" + h));
    config.source().emulatorHost().ifPresent(h -> args.add("--emulatorHost=" + h));
    args.add("--metadataInstance=" + config.metadata().database().instanceId());
    args.add("--metadataDatabase=" + config.metadata().database().databaseId());
    config.metadata().tableSuffix().ifPresent(s -> args.add("--metadataTableSuffix=" + s));
    ReplicationSettings rep = config.replication();
    args.add("--changeStreamName=" + rep.changeStreamName());
    rep.startTimestamp().ifPresent(t -> args.add("--startTimestamp=" + t));
    rep.endTimestamp().ifPresent(t -> args.add("--endTimestamp=" + t));
    args.add("--windowDuration=" + DurationConverter.format(rep.windowDuration()));
    args.add("--bufferDirectory=" + rep.bufferDirectory());
    rep.sessionFile().ifPresent(f -> args.add("--sessionFilePath=" + f));
    args.add("--sourceShardsFilePath=" + rep.shardsFile());
    if (rep.sourceType() != SourceType.MYSQL) {
      args.add("--sourceType=" + rep.sourceType().optionName());
    }
    args.add("--filtrationMode=" + rep.filtrationMode().optionName());
    args.add("--skipDirectoryName=" + rep.skipDirectoryName());
    rep.sourceTimezone().ifPresent(offset ->
        args.add("--sourceDbTimezoneOffset=" + PipelineParameters.offsetText(offset)));
    config.customCode().shardIdFetcher().ifPresent(p -> {
      args.add("--shardingCustomJarPath=" + p.jarPath());
      args.add("--shardingCustomClassName=" + p.className());
      p.parameters().ifPresent(v -> args.add("--shardingCustomParameters=" + v));
    });
    config.customCode().transformation().ifPresent(p -> {
      args.add("--transformationJarPath=" + p.jarPath());
      args.add("--transformationClassName=" + p.className());
      p.parameters().ifPresent(v -> args.add("--transformationCustomParameters=" + v));
    });
    config.dataflow().ifPresent(d -> {
      args.add("--project=" + d.project());
      args.add("--region=" + d.region());
      args.add("--readerTemplate=" + d.readerTemplate());
      args.add("--writerTemplate=" + d.writerTemplate());
      d.serviceAccountEmail().ifPresent(a -> args.add("--serviceAccountEmail=" + a));
      d.maxWorkers().ifPresent(n -> args.add("--maxWorkers=" + n));
      d.workerMachineType().ifPresent(t -> args.add("--workerMachineType=" + t));
      d.extraGcloudArgs().forEach(a -> args.add("--gcloudArg=" + a));
    });
    addAll(args, "--readerParameter", config.extraReaderParameters());
    addAll(args, "--writerParameter", config.extraWriterParameters());
    return args;
  }

  private static void addAll(List<String> args, String option, Map<String, String> values) {
    values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> args.add(option + "=" + e.getKey() + "=" + e.getValue()));
  }
}
