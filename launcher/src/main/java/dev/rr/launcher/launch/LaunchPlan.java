package dev.rr.launcher.launch;

import java.io.PrintWriter;
import java.util.List;

/**
 * What a launch creates, checks and runs, as text: the dry run prints exactly this, and a real
 * launch prints the same commands before running them.
 */
public final class LaunchPlan {
  private final LaunchConfig config;

  public LaunchPlan(LaunchConfig config) {
    this.config = config;
  }

  /** Prints the whole plan for {@code --dry-run}. */
  public void printDryRun(PrintWriter out) {
    out.printf("rr launch --dry-run: run %s on %s; nothing is created or started.%n",
        config.run().runIdentifier(), config.run().runner().name().toLowerCase());
    out.println();
    out.println("Would create if missing (an existing change stream is validated instead):");
    out.printf("  change stream in %s:%n", config.source());
    out.printf("    %s%n", ChangeStreamDdl.create(config.replication().changeStreamName()));
    out.printf("    (an existing one must have value_capture_type %s)%n",
        String.join(", ", ChangeStreamDdl.ACCEPTED_CAPTURE_TYPES.stream().sorted().toList()));
    out.printf("  metadata database %s%n", config.metadata().database());
    out.printf("  rr metadata tables spanner_to_gcs_metadata, shard_file_create_progress,"
        + " shard_file_process_progress%s in it%n",
        config.metadata().tableSuffix().map(s -> " (suffix _" + s + ")").orElse(""));
    out.printf("  checkpoint table in every shard database of %s%n",
        config.replication().shardsFile());
    out.println();
    out.println("Would check:");
    out.printf("  session file %s%n", config.replication().sessionFile().orElse("(none: identity mapping)"));
    out.printf("  shards file %s: every shard reachable, its tables and columns against the"
        + " mapping, privileges to write data and checkpoints%n", config.replication().shardsFile());
    out.println();
    printCommands(out);
    printFollowUps(out);
    out.flush();
  }

  /** Prints what runs: gcloud lines on Dataflow, the in-process pipelines otherwise. */
  public void printCommands(PrintWriter out) {
    if (config.dataflow().isPresent()) {
      out.println("Dataflow jobs (equivalent gcloud commands):");
      for (GcloudFlexTemplateCommand command : DataflowJobs.commands(config)) {
        out.printf("  %s%n", command.toShellLine());
      }
    } else {
      out.println("Pipelines in this process (DirectRunner):");
      if (config.run().jobs().includesReader()) {
        out.printf("  reader %s%n", PipelineParameters.reader(config));
      }
      if (config.run().jobs().includesWriter()) {
        out.printf("  writer %s%n", PipelineParameters.writer(config));
      }
    }
    out.println();
  }

  /** Prints the resume / retry / reprocess / status / cutover commands for this run. */
  public void printFollowUps(PrintWriter out) {
    out.println("Afterwards, for this run:");
    List<FollowUpCommands.FollowUp> followUps = FollowUpCommands.of(config);
    for (FollowUpCommands.FollowUp followUp : followUps) {
      out.printf("  # %s%n", followUp.purpose());
      for (String line : followUp.lines()) {
        out.printf("  %s%n", line);
      }
    }
  }
}
