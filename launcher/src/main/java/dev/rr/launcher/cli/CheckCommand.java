package dev.rr.launcher.cli;

import dev.rr.common.config.WriterConfig;
import dev.rr.common.input.InputFileException;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.quickstart.CheckSchema;
import dev.rr.launcher.quickstart.CheckSettings;
import dev.rr.launcher.quickstart.LocalCheck;
import dev.rr.launcher.quickstart.OperatorSession;
import dev.rr.launcher.quickstart.QuickstartSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rr check}: the randomized differential checker on local services. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Replicate seeded random transactions locally and check every shard against Spanner while it runs.",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Starts a Spanner emulator and a private MariaDB (or uses given ones; with --target "
            + "postgresql, a private PostgreSQL cluster). For each seed: "
            + "creates the quickstart's sharded sample (or, with --schema random, the seed's random "
            + "schema; with --session, the schema of an operator's session file) afresh, runs the reader and writer on the "
            + "DirectRunner while seeded random transactions are written, and compares each shard, "
            + "read in one snapshot with its checkpoint, with Spanner read at the checkpoint's "
            + "commit timestamp (every row and value); then cuts over and verifies. Prints a live "
            + "progress line, one DIFF line per seed and a DIFF TOTAL line; exit code 0 only when "
            + "every sample matched and nothing was lost or duplicated.")
public final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seeds", defaultValue = "1", description = "How many seeds to run, one after the other (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--seed", defaultValue = "1", description = "The first seed; the next ones follow it (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long each seed writes (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--faults", description = "Stop the reader (odd seeds; then resume) or the writer (even seeds; then resumeAll) mid-run.")
  boolean faults;

  @Option(names = "--shards", defaultValue = "3", description = "Number of shards, 1-3 (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--workDir", defaultValue = "rr-work/check",
      description = "Working directory, wiped at start (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--cutoverTimeout", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long each seed's cutover may wait for the shards (default: ${DEFAULT-VALUE}).")
  Duration cutoverTimeout;

  @Option(names = "--schema", defaultValue = "sample",
      description = "sample: the quickstart's sample for every seed; random: each seed's own random schema "
          + "(1-8 tables, printed with the seed; session file with renamed tables and columns) (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(names = "--session", paramLabel = "FILE",
      description = "An operator's session file (Spanner migration tool, id-keyed): every seed replicates "
          + "its schema, created on a scratch Spanner database of the emulator and scratch shard databases; "
          + "refused, naming table, column and type, when the generator cannot write it.")
  Path session;

  @Option(names = "--shardMoves",
      description = "Some transactions move a row whose shard id is outside its key, with its children, to another shard.")
  boolean shardMoves;

  @Option(names = "--target", defaultValue = "mysql", converter = NamedOptionConverter.Source.class,
      description = "The shards' database: mysql (a private MariaDB, or --mysqlHost) or postgresql"
          + " (a private PostgreSQL cluster; the sample or --schema random) (default: ${DEFAULT-VALUE}).")
  WriterConfig.SourceType target;

  @Mixin LocalServicesOptions services;

  @Override
  public Integer call() throws Exception {
    CheckSettings settings;
    try {
      settings = new CheckSettings(workDir, seeds, seed, duration, shards, faults,
          services.emulatorHost(), services.mysql(), cutoverTimeout, CheckSchema.parse(schema),
          Optional.ofNullable(session).map(OperatorSession::load), shardMoves, target);
    } catch (IllegalArgumentException | InputFileException e) {
      // An invalid --session file, or one the generator cannot write, is refused like an option.
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    boolean passed = new LocalCheck(settings, DirectPipelines.reader(), DirectPipelines.writer(),
        spec.commandLine().getOut()).run().stream().allMatch(LocalCheck.SeedResult::passed);
    return passed ? ExitCode.OK : ExitCode.FAILURE;
  }
}
