package dev.rr.launcher.cli;

import dev.rr.launcher.spanner.SpannerTarget;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options naming the replicated Spanner database, shared by several subcommands. */
public final class SpannerOptions {
  /** Project id used with the emulator when none is given. */
  static final String EMULATOR_PROJECT = "emulator-project";

  @Option(
      names = "--spannerProjectId",
      defaultValue = "${env:GOOGLE_CLOUD_PROJECT}",
      description = "Google Cloud project of the Spanner instance (default: $GOOGLE_CLOUD_PROJECT).")
  String projectId;

  @Option(names = "--instanceId", required = true, description = "Spanner instance id.")
  String instanceId;

  @Option(names = "--databaseId", required = true, description = "Spanner database id.")
  String databaseId;

  @Option(names = "--spannerHost", description = "Custom Spanner endpoint, e.g. a regional one.")
  String host;

  @Option(
      names = "--emulatorHost",
      defaultValue = "${env:SPANNER_EMULATOR_HOST}",
      description = "host:port of a Spanner emulator (default: $SPANNER_EMULATOR_HOST).")
  String emulatorHost;

  /** The typed target; the project defaults to a fixed id on the emulator. */
  SpannerTarget toTarget(picocli.CommandLine.Model.CommandSpec spec) {
    Optional<String> emulator = nonBlank(emulatorHost);
    String project = projectId;
    if (project == null || project.isBlank()) {
      if (emulator.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "Missing --spannerProjectId (or $GOOGLE_CLOUD_PROJECT); only the emulator has a default");
      }
      project = EMULATOR_PROJECT;
    }
    return new SpannerTarget(project, instanceId, databaseId, nonBlank(host), emulator);
  }

  static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }
}
