package dev.rr.writer.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.mysql.LiveSchema;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.sink.ShardCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQL a snapshot or resync sends to PostgreSQL shards, beside MySQL's. */
class SnapshotSqlTest {
  private static final List<String> KEY = List.of("a", "b\"c");

  private static ShardCatalog catalog(Map<String, Set<String>> foreignKeyParents) {
    return new ShardCatalog(foreignKeyParents, Map.of(), TemporalPrecisions.none(),
        LiveSchema.of(List.of()), false);
  }

  @Test
  void shouldPickTheSqlOfEachSourceType() {
    assertEquals(SnapshotSql.POSTGRESQL, SnapshotSql.of(SourceType.POSTGRESQL));
    assertEquals(SnapshotSql.MYSQL, SnapshotSql.of(SourceType.MYSQL));
    assertEquals("PostgreSQL", SnapshotSql.POSTGRESQL.dialect(java.time.ZoneOffset.UTC)
        .databaseName());
  }

  @Test
  void shouldCreatePostgresStagingTableWithTheSourceKeyTypesAndAPrimaryKey() {
    assertEquals(List.of(
            "CREATE TABLE \"rr_resync_t\" AS SELECT \"a\", \"b\"\"c\" FROM \"t\" WITH NO DATA",
            "ALTER TABLE \"rr_resync_t\" ADD PRIMARY KEY (\"a\", \"b\"\"c\")"),
        SnapshotSql.POSTGRESQL.createStaging("rr_resync_t", "t", KEY));
  }

  @Test
  void shouldStagePostgresKeysSkippingThoseStagedAlready() {
    assertEquals("INSERT INTO \"rr_resync_t\" (\"a\", \"b\"\"c\") VALUES (?, ?), (?, ?)"
        + " ON CONFLICT DO NOTHING", SnapshotSql.POSTGRESQL.stageKeys("rr_resync_t", KEY, 2));
    assertEquals("INSERT IGNORE INTO `rr_resync_t` (`a`, `b\"c`) VALUES (?, ?)",
        SnapshotSql.MYSQL.stageKeys("rr_resync_t", KEY, 1));
  }

  @Test
  void shouldSweepPostgresRowsNotStagedInBatchesPickedByRowId() {
    assertEquals("DELETE FROM \"t\" WHERE ctid IN (SELECT s.ctid FROM \"t\" s WHERE NOT EXISTS"
            + " (SELECT 1 FROM \"rr_resync_t\" k WHERE k.\"a\" = s.\"a\" AND k.\"b\"\"c\" ="
            + " s.\"b\"\"c\") LIMIT 5000)",
        SnapshotSql.POSTGRESQL.sweep("t", "rr_resync_t", KEY, 5000));
  }

  @Test
  void shouldUpsertPostgresProgressByItsKeyWithExcludedValues() {
    assertEquals(" ON CONFLICT (run_id, shard_id) DO UPDATE SET n = EXCLUDED.n, m = EXCLUDED.m",
        SnapshotSql.POSTGRESQL.upsertClause(List.of("run_id", "shard_id"), List.of("n", "m")));
    assertEquals(" ON DUPLICATE KEY UPDATE n = VALUES(n)",
        SnapshotSql.MYSQL.upsertClause(List.of("run_id"), List.of("n")));
  }

  @Test
  void shouldSkipAnExistingPostgresChunkRowWithoutAbortingTheTransaction() {
    assertEquals(" ON CONFLICT DO NOTHING", SnapshotSql.POSTGRESQL.insertChunkSuffix());
    assertEquals("", SnapshotSql.MYSQL.insertChunkSuffix());
  }

  @Test
  void shouldSwitchPostgresForeignKeyChecksOffOnlyWhenTheShardHasForeignKeys() {
    assertEquals(Optional.empty(), SnapshotSql.POSTGRESQL.foreignKeysOff(catalog(Map.of())));
    assertEquals(Optional.of("SET session_replication_role = replica"),
        SnapshotSql.POSTGRESQL.foreignKeysOff(catalog(Map.of("child", Set.of("parent")))));
    assertEquals(Optional.of("SET SESSION foreign_key_checks = 0"),
        SnapshotSql.MYSQL.foreignKeysOff(catalog(Map.of())));
  }

  @Test
  void shouldKeepPostgresStagingNamesWithin63Bytes() {
    String longName = "t".repeat(40) + "\u00e9".repeat(20);
    String staged = new KeyStaging(SnapshotSql.POSTGRESQL).stagingTable(longName);
    String mysql = new KeyStaging(SnapshotSql.MYSQL).stagingTable(longName);

    assertTrue(staged.getBytes(StandardCharsets.UTF_8).length <= 63, staged);
    assertTrue(staged.startsWith(KeyStaging.PREFIX), staged);
    assertTrue(mysql.getBytes(StandardCharsets.UTF_8).length <= 64, mysql);
    assertEquals("rr_resync_items", new KeyStaging(SnapshotSql.POSTGRESQL).stagingTable("items"));
  }
}
