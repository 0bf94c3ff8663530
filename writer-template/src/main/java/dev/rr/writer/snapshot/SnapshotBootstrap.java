package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import com.google.cloud.spanner.TimestampBound;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What runs before and after the snapshot pipeline: counting each table's rows at T (which sizes
 * its chunks and gives the estimate), checking that every shard may take the snapshot, and, once
 * every chunk is loaded, setting each shard's checkpoint to T.
 */
public final class SnapshotBootstrap {
  private SnapshotBootstrap() {}

  /** Rows of every mapped table of {@code schema} at {@code at}, by Spanner table name. */
  public static Map<String, Long> rowCounts(DatabaseClient client, SchemaMapping schema,
      Timestamp at) {
    Map<String, Long> counts = new TreeMap<>();
    String quote = client.getDialect() == Dialect.POSTGRESQL ? "\"" : "`";
    for (String table : schema.spannerTables()) {
      // An identifier cannot be a parameter; the name comes from the session file, quoted.
      Statement count = Statement.of("SELECT COUNT(*) FROM " + quote
          + table.replace(quote, quote + quote) + quote);
      try (ResultSet rows = client.singleUse(TimestampBound.ofReadTimestamp(at))
          .executeQuery(count)) {
        counts.put(table, rows.next() ? rows.getLong(0) : 0L);
      }
    }
    return counts;
  }

  /**
   * Rows of every mapped table at {@code at} per shard they route to: by shard id, then Spanner
   * table name (every shard and table has an entry). With one shard every row is its; with
   * several, a table's rows are counted by its shard id column (rows of a shard id not in
   * {@code shardIds} route nowhere and are not counted; a table without the column gets 0).
   */
  public static Map<String, Map<String, Long>> shardRowCounts(DatabaseClient client,
      SchemaMapping schema, Timestamp at, List<String> shardIds) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    if (shardIds.size() == 1) {
      counts.put(shardIds.get(0), rowCounts(client, schema, at));
      return counts;
    }
    shardIds.forEach(shard -> counts.put(shard, new TreeMap<>()));
    String quote = client.getDialect() == Dialect.POSTGRESQL ? "\"" : "`";
    for (String table : schema.spannerTables()) {
      shardIds.forEach(shard -> counts.get(shard).put(table, 0L));
      Optional<String> column =
          schema.forSpannerTable(table).flatMap(TableMapping::shardIdColumnName);
      if (column.isEmpty()) {
        continue;
      }
      // Identifiers cannot be parameters; both names come from the session file, quoted.
      String shardColumn = quote + column.get().replace(quote, quote + quote) + quote;
      String asText = client.getDialect() == Dialect.POSTGRESQL ? "VARCHAR" : "STRING";
      Statement count = Statement.of("SELECT CAST(" + shardColumn + " AS " + asText
          + "), COUNT(*) FROM " + quote
          + table.replace(quote, quote + quote) + quote + " GROUP BY " + shardColumn);
      try (ResultSet rows = client.singleUse(TimestampBound.ofReadTimestamp(at))
          .executeQuery(count)) {
        while (rows.next()) {
          String shard = rows.isNull(0) ? null : rows.getString(0);
          if (shard != null && counts.containsKey(shard)) {
            counts.get(shard).put(table, rows.getLong(1));
          }
        }
      }
    }
    return counts;
  }

  /** Chunks per table for at most about {@code chunkRows} rows each, from {@link #rowCounts}. */
  public static Map<String, Integer> chunkCounts(Map<String, Long> rowCounts, int chunkRows) {
    Map<String, Integer> chunks = new TreeMap<>();
    rowCounts.forEach((table, rows) -> chunks.put(table, SnapshotRows.chunkCount(rows, chunkRows)));
    return chunks;
  }

  /**
   * Checks every shard of {@code plan} before loading, and creates its chunk table: a shard that
   * has chunks of this run must have them from the same T (a resume); a shard without any must
   * have every mapped table empty (rows Spanner does not have would stay).
   *
   * @throws SnapshotRefusedException naming the shard and the reason
   */
  public static void checkShards(SnapshotPlan plan, ShardTargets targets) throws SQLException {
    ChunkDao chunks = new ChunkDao(plan.sql());
    for (String shard : plan.shardIds()) {
      try (Connection connection = targets.connect(shard)) {
        plan.sql().requireForeignKeysOff(connection, shard);
        chunks.ensureTable(connection);
        Optional<Timestamp> earlier = chunks.snapshotOf(connection, plan.runId(), shard);
        if (earlier.isPresent() && !earlier.get().equals(plan.snapshot())) {
          throw new SnapshotRefusedException("[shard=" + shard + "] run " + plan.runId()
              + " has chunks loaded from a snapshot at " + earlier.get() + ", not "
              + plan.snapshot() + ": resume with --startTimestamp " + earlier.get()
              + " or start a new run");
        }
        if (earlier.isEmpty()) {
          checkEmpty(connection, plan, shard);
        }
      }
    }
  }

  /**
   * {@code plan} with the chunk counts the loaded shards' finished chunks were cut by: a resumed
   * load keeps its first attempt's chunking even when its row estimate or {@code
   * --snapshotChunkRows} differ (a chunk number names other rows under another count, so its
   * skipped chunk would lose them). Tables without finished chunks keep the plan's counts.
   *
   * @throws SnapshotRefusedException when two shards' chunks of a table disagree
   */
  public static SnapshotPlan keepRecordedChunking(SnapshotPlan plan, ShardTargets targets)
      throws SQLException {
    ChunkDao chunks = new ChunkDao(plan.sql());
    Map<String, Integer> recorded = new TreeMap<>();
    for (String shard : plan.loadedShards()) {
      try (Connection connection = targets.connect(shard)) {
        chunks.ensureTable(connection);
        for (Map.Entry<String, Integer> table : chunks.chunking(connection, plan.chunkRunId(),
            shard, plan.snapshot()).entrySet()) {
          Integer other = recorded.putIfAbsent(table.getKey(), table.getValue());
          if (other != null && !other.equals(table.getValue())) {
            throw new SnapshotRefusedException("table " + table.getKey() + " has chunks of "
                + other + " and of " + table.getValue() + " in the shards of run "
                + plan.runId() + ": start the load over");
          }
        }
      }
    }
    return plan.withChunkCounts(recorded);
  }

  /** Sets the checkpoint of every shard of {@code plan} to its snapshot timestamp. */
  public static void finish(SnapshotPlan plan, ShardTargets targets) throws SQLException {
    SnapshotCheckpoint checkpoint = new SnapshotCheckpoint(plan.sql().checkpoints());
    for (String shard : plan.shardIds()) {
      try (Connection connection = targets.connect(shard)) {
        checkpoint.set(connection, plan.runId(), shard, plan.snapshot());
      }
    }
  }

  private static void checkEmpty(Connection connection, SnapshotPlan plan, String shard)
      throws SQLException {
    for (String name : new TreeSet<>(plan.schema().spannerTables())) {
      TableMapping table = plan.schema().forSpannerTable(name).orElseThrow();
      SqlStatement any =
          SqlStatement.of("SELECT 1 FROM " + plan.sql().quote(table.sourceName()) + " LIMIT 1");
      try (PreparedStatement statement = any.prepare(connection);
          java.sql.ResultSet rows = statement.executeQuery()) {
        if (rows.next()) {
          throw new SnapshotRefusedException("[shard=" + shard + "] table "
              + table.sourceName() + " is not empty: an initial snapshot loads empty shards only"
              + " (rows Spanner does not have would stay); empty it or replicate without"
              + " initialSnapshot");
        }
      }
    }
  }
}
