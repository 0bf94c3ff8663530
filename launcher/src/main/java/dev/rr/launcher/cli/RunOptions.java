package dev.rr.launcher.cli;

import picocli.CommandLine.Option;

/** The run-identifier option of the commands that act on one existing run. */
public final class RunOptions {
  @Option(names = "--runIdentifier", required = true, description = "The run, as given to (or printed by) rr launch.")
  String runIdentifier;
}
