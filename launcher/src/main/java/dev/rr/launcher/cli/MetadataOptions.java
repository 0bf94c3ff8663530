package dev.rr.launcher.cli;

import dev.rr.common.config.TableSuffix;
import dev.rr.launcher.spanner.MetadataTarget;
import dev.rr.launcher.spanner.SpannerTarget;
import picocli.CommandLine.Option;

/** The options naming the metadata database of a run. */
public final class MetadataOptions {
  @Option(
      names = "--metadataInstance",
      description = "Spanner instance of the metadata database (default: --instanceId).")
  String instance;

  @Option(
      names = "--metadataDatabase",
      description = "Metadata database id (default: <databaseId>_rrmeta, cut to 30 characters).")
  String database;

  @Option(
      names = "--metadataTableSuffix",
      description = "Suffix of the rr metadata table names (tables end in _<suffix>).")
  String tableSuffix;

  /** The metadata database, on the same project and endpoint as {@code source}. */
  MetadataTarget toTarget(SpannerTarget source) {
    String instanceId = SpannerOptions.nonBlank(instance).orElse(source.instanceId());
    String databaseId =
        SpannerOptions.nonBlank(database).orElse(defaultDatabase(source.databaseId()));
    return new MetadataTarget(
        source.withDatabase(instanceId, databaseId), TableSuffix.fromOption(tableSuffix));
  }

  /** Spanner database ids are at most 30 characters. */
  static String defaultDatabase(String databaseId) {
    String name = databaseId + "_rrmeta";
    return name.length() <= 30 ? name : name.substring(0, 23) + "_rrmeta";
  }
}
