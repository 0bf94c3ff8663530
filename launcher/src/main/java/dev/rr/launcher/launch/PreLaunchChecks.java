package dev.rr.launcher.launch;

import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.input.IdentitySchemaMappings;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.SpannerGeneratedColumns;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceTimezone;
import dev.rr.common.sink.ShardDialects;
import dev.rr.launcher.spanner.SpannerClients;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
   * @throws SchemaMismatchesException when a shard's schema cannot take the mapping (listed
   *     on {@code out} too)
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
      shards = ShardsFile.load(config.replication().shardsFile(), secrets,
          config.replication().sourceType());
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
      checkShards(config, shards, mapping);
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

  /**
   * Checks every shard: reachable, privileges, checkpoint table, and its live schema against the
   * mapping - the session file's, or without one the identity mapping the writer builds from the
   * first shard.
   */
  private void checkShards(
      LaunchConfig config, List<Shard> shards, Optional<SchemaMapping> session) {
    DatabaseClient source = spanner.getDatabaseClient(SpannerClients.databaseId(config.source()));
    Set<String> generated = SpannerGeneratedColumns.read(source);
    Optional<SchemaMapping> read = session.isPresent() ? session : identity(source, shards.get(0));
    // An unreadable first shard: its own check below says why.
    SchemaMapping mapping = read.orElseGet(() -> IdentitySchemaMapping.builder().build());
    List<String> problems = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    if (read.isPresent() && mapping.spannerTables().isEmpty()) {
      mismatches.add("shard " + shards.get(0).logicalShardId() + ": no Spanner table has a"
          + " table of the same name in its database: every change would be skipped as"
          + " unmapped (give --sessionFilePath when the names differ)");
    }
    for (Shard shard : shards) {
      ShardCheck.Findings found = ShardCheck.check(shard, mapping, generated, checkPrivileges);
      out.printf("  shard %s: %s%n", shard.logicalShardId(), found.isEmpty() ? "ok"
          : found.problems().size() + " problem(s), " + found.mismatches().size()
              + " schema mismatch(es)");
      problems.addAll(found.problems());
      mismatches.addAll(found.mismatches());
    }
    if (!mismatches.isEmpty()) {
      out.printf("schema mismatches between the %s and the shards (%d):%n  %s%n",
          session.isPresent() ? "session file" : "Spanner schema", mismatches.size(),
          String.join("\n  ", mismatches));
      if (!problems.isEmpty()) {
        out.printf("other problems (%d):%n  %s%n", problems.size(), String.join("\n  ", problems));
      }
      throw new SchemaMismatchesException(mismatches, problems);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("pre-launch checks failed:\n  " + String.join("\n  ", problems));
    }
  }

  /** The identity mapping as the writer builds it, from the first shard; empty when unreadable. */
  private Optional<SchemaMapping> identity(DatabaseClient source, Shard first) {
    try (Connection connection = ShardCheck.connect(first)) {
      IdentitySchemaMapping mapping = IdentitySchemaMappings.fromDatabases(source, connection,
          ShardDialects.of(first, ZoneOffset.UTC));
      if (!mapping.spannerOnlyTables().isEmpty()) {
        out.printf("  Spanner tables with no table of the same name in shard %s (not"
            + " replicated): %s%n", first.logicalShardId(), mapping.spannerOnlyTables());
      }
      return Optional.of(mapping);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /** The launch is refused: the shards' schemas cannot take the mapping. */
  public static final class SchemaMismatchesException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SchemaMismatchesException(List<String> mismatches, List<String> problems) {
      super("pre-launch checks failed: " + mismatches.size() + " schema mismatch(es)"
          + (problems.isEmpty() ? "" : " and " + problems.size() + " other problem(s)")
          + ":\n  " + String.join("\n  ", concat(mismatches, problems)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }
  }
}
