package dev.rr.launcher.launch;

import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.config.WriterRunMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands an operator needs after a launch, for the same run identifier: resume every
 * shard, retry the shards in ERROR, reprocess chosen shards, and watch the run.
 */
public final class FollowUpCommands {
  /** One follow-up: what it is for and the lines to run, in order. */
  public record FollowUp(String purpose, List<String> lines) {
    public FollowUp {
      lines = List.copyOf(lines);
    }
  }

  private FollowUpCommands() {}

  /** The follow-ups for {@code config}, with Dataflow commands when it runs on Dataflow. */
  public static List<FollowUp> of(LaunchConfig config) {
    String runId = config.run().runIdentifier();
    List<FollowUp> result = new ArrayList<>();
    result.add(new FollowUp("watch progress", List.of(status(config))));
    LaunchConfig resume = config.withRun(config.run().with(Jobs.BOTH, ReaderRunMode.RESUME, WriterRunMode.RESUME_ALL));
    result.add(new FollowUp("resume (all shards, after a stop)", commands(resume)));
    LaunchConfig retry = config.withRun(config.run().with(Jobs.WRITER, ReaderRunMode.REGULAR, WriterRunMode.RESUME_FAILED));
    result.add(new FollowUp("retry the shards in ERROR (after fixing the cause)",
        commands(retry)));
    LaunchConfig reprocess = config.withRun(config.run().with(Jobs.WRITER, ReaderRunMode.REGULAR, WriterRunMode.REPROCESS));
    List<String> reprocessLines = new ArrayList<>();
    reprocessLines.add(
        "rr reprocess --runIdentifier " + runId + " " + target(config) + " --shards <id,id>");
    reprocessLines.addAll(commands(reprocess));
    result.add(new FollowUp("reprocess chosen shards", reprocessLines));
    result.add(new FollowUp("cut over (after stopping writes to Spanner)", List.of(cutover(config))));
    return result;
  }

  /** {@code rr status ... --watch} for {@code config}'s run. */
  public static String status(LaunchConfig config) {
    return "rr status --runIdentifier " + config.run().runIdentifier() + " " + target(config) + " --watch";
  }

  /** {@code rr cutover} for {@code config}'s run (at the time it runs). */
  public static String cutover(LaunchConfig config) {
    return "rr cutover --runIdentifier " + config.run().runIdentifier() + " " + target(config);
  }

  /** {@code rr verify} of {@code config}'s database against its shards (as of the time it runs). */
  public static String verify(LaunchConfig config) {
    List<String> words = new ArrayList<>(List.of("rr", "verify"));
    words.add("--spannerProjectId=" + config.source().projectId());
    words.add("--instanceId=" + config.source().instanceId());
    words.add("--databaseId=" + config.source().databaseId());
    config.source().emulatorHost().ifPresent(h -> words.add("--emulatorHost=" + h));
    config.replication().sessionFile().ifPresent(f -> words.add("--sessionFilePath=" + f));
    words.add("--sourceShardsFilePath=" + config.replication().shardsFile());
    if (config.replication().sourceType() != SourceType.MYSQL) {
      words.add("--sourceType=" + config.replication().sourceType().optionName());
    }
    return ShellWords.render(words);
  }

  /** The launch lines for {@code config}: gcloud on Dataflow, else the rr launch line. */
  private static List<String> commands(LaunchConfig config) {
    if (config.dataflow().isEmpty()) {
      return List.of(ShellWords.render(RrLaunchArgs.of(config)));
    }
    List<String> lines = new ArrayList<>();
    for (GcloudFlexTemplateCommand command : DataflowJobs.commands(config)) {
      lines.add(command.toShellLine());
    }
    return lines;
  }

  private static String target(LaunchConfig config) {
    List<String> words = new ArrayList<>();
    Map<String, String> reader = PipelineParameters.reader(config);
    words.add("--spannerProjectId=" + reader.get("spannerProjectId"));
    words.add("--instanceId=" + reader.get("instanceId"));
    words.add("--databaseId=" + reader.get("databaseId"));
    words.add("--metadataInstance=" + reader.get("metadataInstance"));
    words.add("--metadataDatabase=" + reader.get("metadataDatabase"));
    config.metadata().tableSuffix().ifPresent(s -> words.add("--metadataTableSuffix=" + s));
    config.source().emulatorHost().ifPresent(h -> words.add("--emulatorHost=" + h));
    return ShellWords.render(words);
  }
}
