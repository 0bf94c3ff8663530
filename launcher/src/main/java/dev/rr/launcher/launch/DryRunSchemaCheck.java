package dev.rr.launcher.launch;

import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.schema.SchemaMapping;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schema cross-check of {@code rr launch --dry-run}: the session file against every shard it
 * can reach, creating nothing. Spanner is not contacted, so the identity mapping (built from
 * Spanner's schema) and Spanner's generated columns are checked at launch only.
 */
final class DryRunSchemaCheck {
  private DryRunSchemaCheck() {}

  /**
   * Prints the cross-check; returns every mismatch found (the launch would be refused when any).
   */
  static List<String> run(LaunchConfig config, PrintWriter out) throws Exception {
    out.println("Schema cross-check (session file against each reachable shard):");
    Optional<String> sessionFile = config.replication().sessionFile();
    if (sessionFile.isEmpty()) {
      out.println("  identity mapping: cross-checked at launch (it reads Spanner's schema)");
      return List.of();
    }
    if (isRemote(sessionFile.get())) {
      out.println("  not checked: the session file is not a local file (checked at launch)");
      return List.of();
    }
    Optional<SchemaMapping> mapping = sessionFile.map(SessionFile::load);
    if (isRemote(config.replication().shardsFile())) {
      out.println("  not checked: the shards file is not a local file (checked at launch)");
      return List.of();
    }
    List<Shard> shards;
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      shards = ShardsFile.load(config.replication().shardsFile(), secrets,
          config.replication().sourceType());
    }
    List<String> mismatches = new ArrayList<>();
    for (Shard shard : shards) {
      try {
        List<String> found = ShardCheck.schemaMismatches(shard, mapping.get(), Set.of());
        out.printf("  shard %s: %s%n", shard.logicalShardId(),
            found.isEmpty() ? "ok" : found.size() + " schema mismatch(es)");
        mismatches.addAll(found);
      } catch (SQLException e) {
        out.printf("  %s; not checked%n", ShardCheck.cannotConnect(shard, e));
      }
    }
    if (!mismatches.isEmpty()) {
      out.printf("schema mismatches between the session file and the shards (%d); a launch"
          + " would be refused:%n  %s%n", mismatches.size(), String.join("\n  ", mismatches));
    }
    out.println("  (Spanner's generated columns are checked at launch)");
    return mismatches;
  }

  /** A dry run reads only local files: reaching a bucket may need credentials and time. */
  private static boolean isRemote(String path) {
    return path.contains("://");
  }
}
