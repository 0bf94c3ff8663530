package dev.rr.launcher.launch;

import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceTimezone;
import dev.rr.common.schema.TableMapping;
import dev.rr.launcher.spanner.SpannerClients;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code rr launch} checks or creates before starting a pipeline: change stream,
 * metadata database and tables, session and shards files, and every shard.
 */
public final class PreLaunchChecks {
  /** The validated input files. */
  public record Inputs(Optional<SchemaMapping> mapping, List<Shard> shards) {}

  private final Spanner spanner;
  private final PrintWriter out;
  private final boolean checkPrivileges;

  public PreLaunchChecks(Spanner spanner, PrintWriter out, boolean checkPrivileges) {
    this.spanner = spanner;
    this.out = out;
    this.checkPrivileges = checkPrivileges;
  }

  /**
   * Runs every check for {@code config}.
   *
   * @throws IllegalStateException listing every problem found in the shards
   */
  public Inputs run(LaunchConfig config) throws Exception {
    // The input files first: a mistake in them stops the launch before anything is created.
    Optional<SchemaMapping> mapping = config.replication().sessionFile().map(SessionFile::load);
    out.printf("  session file: %s%n", mapping.map(m -> m.spannerTables().size() + " table(s) mapped")
        .orElse("none (identity mapping)"));
    out.printf("  source time zone offset: %s%n", sourceTimezone(config, mapping));
    List<Shard> shards;
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      shards = ShardsFile.load(config.replication().shardsFile(), secrets);
    }
    out.printf("  shards file: %d shard(s)%n", shards.size());
    DatabaseAdminClient admin = spanner.getDatabaseAdminClient();
    if (config.run().jobs().includesReader()) {
      out.println("  " + ChangeStreamCheck.ensure(
          spanner.getDatabaseClient(SpannerClients.databaseId(config.source())), admin,
          config.source().instanceId(), config.source().databaseId(),
          config.replication().changeStreamName()));
    }
    boolean created = MetadataStore.createDatabaseIfMissing(
        admin, SpannerClients.databaseId(config.metadata().database()), Dialect.GOOGLE_STANDARD_SQL);
    out.printf("  metadata database %s %s%n", config.metadata().database(), created ? "created" : "exists");
    MetadataStore store = SpannerClients.metadata(spanner, config.metadata());
    List<String> tables = store.createMissingTables();
    out.printf("  metadata tables: %s%n", tables.isEmpty() ? "present" : "created " + tables);
    if (config.run().jobs().includesReader()) {
      out.println("  " + ReaderRunCheck.require(store, config));
    }
    if (config.run().jobs().includesWriter()) {
      checkShards(shards, mapping);
    }
    out.flush();
    return new Inputs(mapping, shards);
  }

  /** The offset the writer will use, and where it comes from (the writer applies the same rule). */
  private static String sourceTimezone(LaunchConfig config, Optional<SchemaMapping> mapping) {
    Optional<ZoneOffset> option = config.replication().sourceTimezone();
    Optional<ZoneOffset> session = mapping.flatMap(SchemaMapping::sourceTimezone);
    String origin = option.isPresent() ? "--sourceDbTimezoneOffset"
        : session.isPresent() ? "the session file's TimezoneOffset" : "default";
    return PipelineParameters.offsetText(SourceTimezone.resolve(option, session))
        + " (" + origin + ")";
  }

  private void checkShards(List<Shard> shards, Optional<SchemaMapping> mapping) {
    List<String> sourceTables = mapping.map(m -> m.spannerTables().stream().sorted()
        .map(t -> m.forSpannerTable(t).map(TableMapping::sourceName).orElse(t)).toList())
        .orElse(List.of());
    List<String> problems = new ArrayList<>();
    for (Shard shard : shards) {
      List<String> found = ShardCheck.check(shard, sourceTables, checkPrivileges);
      out.printf("  shard %s: %s%n", shard.logicalShardId(), found.isEmpty() ? "ok" : found.size() + " problem(s)");
      problems.addAll(found);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("pre-launch checks failed:\n  " + String.join("\n  ", problems));
    }
  }
}
