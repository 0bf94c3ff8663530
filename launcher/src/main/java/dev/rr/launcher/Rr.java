package dev.rr.launcher;

import dev.rr.launcher.cli.CheckCommand;
import dev.rr.launcher.cli.CutoverCommand;
import dev.rr.launcher.cli.DropCommand;
import dev.rr.launcher.cli.LaunchCommand;
import dev.rr.launcher.cli.QuickstartCommand;
import dev.rr.launcher.cli.ReprocessCommand;
import dev.rr.launcher.cli.ResyncCommand;
import dev.rr.launcher.cli.StatusCommand;
import dev.rr.launcher.cli.VerifyCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rr}: the operator's entry point to Spanner reverse replication. */
@Command(
    name = "rr",
    mixinStandardHelpOptions = true,
    version = "rr 0.1.0",
    description = "Spanner reverse replication: Spanner change stream -> buffer -> MySQL shards.",
    subcommands = {
      LaunchCommand.class,
      StatusCommand.class,
      CutoverCommand.class,
      VerifyCommand.class,
      ReprocessCommand.class,
      ResyncCommand.class,
      DropCommand.class,
      QuickstartCommand.class,
      CheckCommand.class,
      dev.rr.launcher.bench.BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nSee docs/launcher.md for examples.%n")
public final class Rr implements Runnable {
  @Spec CommandSpec spec;

  /** Library loggers quieted for the command line; held so java.util.logging keeps the levels. */
  private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

  public static void main(String[] args) {
    quietLibraryLogging();
    System.exit(newCommandLine().execute(args));
  }

  /**
   * Operators read rr's own output: library INFO logs (client options, channel metrics, runner
   * progress) are hidden unless {@code RR_DEBUG} is set; warnings and errors still show.
   */
  static void quietLibraryLogging() {
    if (System.getenv("RR_DEBUG") != null) {
      return;
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    for (String name : List.of("com.google", "io.grpc", "io.opencensus", "org.apache.beam")) {
      quiet(name, java.util.logging.Level.WARNING);
    }
    // Export of Spanner client metrics to Cloud Monitoring: unreachable (and useless) on the
    // emulator, where it warns every few seconds.
    quiet("com.google.cloud.spanner.SpannerCloudMonitoringExporter", java.util.logging.Level.OFF);
    quiet("io.grpc.internal.ManagedChannelImpl", java.util.logging.Level.SEVERE);
  }

  private static void quiet(String name, java.util.logging.Level level) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(level);
    QUIETED.add(logger);
  }

  /**
   * The configured command line: documented exit codes on every subcommand, case-insensitive
   * enum values, and failures printed as one readable message (with causes) instead of a stack
   * trace.
   */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new Rr());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    applyExitCodeHelp(commandLine);
    commandLine.setExecutionExceptionHandler(Rr::handleFailure);
    commandLine.setParameterExceptionHandler(Rr::handleUsageError);
    return commandLine;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  private static void applyExitCodeHelp(CommandLine commandLine) {
    CommandSpec spec = commandLine.getCommandSpec();
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n");
    spec.usageMessage().exitCodeList(exitCodes());
    boolean anyRequired = spec.options().stream().anyMatch(o -> o.required());
    if (anyRequired) {
      spec.usageMessage().requiredOptionMarker('*');
      spec.usageMessage().optionListHeading("%nOptions (* = required):%n");
    }
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      applyExitCodeHelp(sub);
    }
  }

  private static java.util.Map<String, String> exitCodes() {
    java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
    for (String line : ExitCode.HELP_LIST) {
      int colon = line.indexOf(':');
      codes.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return codes;
  }

  /**
   * A command line that does not parse: the problem, suggestions for a misspelt option, and one
   * line pointing to the help - not the whole help, which buries the problem.
   */
  private static int handleUsageError(ParameterException failure, String[] args) {
    CommandLine commandLine = failure.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String name = commandLine.getCommandSpec().qualifiedName();
    err.println(commandLine.getColorScheme().errorText(name + ": " + failure.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(failure, err);
    err.println("Try '" + name + " --help' for the options.");
    err.flush();
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static int handleFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getColorScheme().errorText("rr " + commandLine.getCommandName()
        + ": " + describe(failure)));
    if (System.getenv("RR_DEBUG") != null) {
      failure.printStackTrace(err);
    }
    err.flush();
    return ExitCode.FAILURE;
  }

  /** The message of {@code failure} and of each distinct cause, joined by "; caused by: ". */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    String previous = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (previous == null || !previous.contains(message)) {
        text.append(text.length() == 0 ? "" : "; caused by: ").append(message);
      }
      previous = message;
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }
}
