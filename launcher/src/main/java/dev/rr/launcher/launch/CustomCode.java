package dev.rr.launcher.launch;

import java.util.Objects;
import java.util.Optional;

/**
 * Operator-supplied code loaded by the pipelines: a custom shard-id fetcher for the reader and a
 * custom transformation for the writer. Each is a jar path, a class name and free-form
 * parameters; all empty when not used.
 */
public record CustomCode(
    Optional<Plugin> shardIdFetcher, Optional<Plugin> transformation) {
  public CustomCode {
    Objects.requireNonNull(shardIdFetcher, "shardIdFetcher");
    Objects.requireNonNull(transformation, "transformation");
  }

  /** No custom code. */
  public static CustomCode none() {
    return new CustomCode(Optional.empty(), Optional.empty());
  }

  /** One pluggable class: where its jar is, its name, and its parameters. */
  public record Plugin(String jarPath, String className, Optional<String> parameters) {
    public Plugin {
      Objects.requireNonNull(jarPath, "jarPath");
      Objects.requireNonNull(className, "className");
      Objects.requireNonNull(parameters, "parameters");
    }
  }
}
