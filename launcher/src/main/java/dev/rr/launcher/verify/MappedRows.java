package dev.rr.launcher.verify;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Struct;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of one mapped table in canonical form, read whole from one side: a shard's rows
 * through the caller's connection (so they belong to the caller's MySQL snapshot), or the Spanner
 * rows routed to one shard at one timestamp. The same scans and canonical values as {@link
 * Verifier}, for checks that keep both sides' rows (the consistent-prefix checker); they hold a
 * table in memory, so they suit test-sized tables, not a production cutover.
 */
public final class MappedRows {
  private final ComparedTable table;
  private final ShardValues canonical;
  private final int chunkSize;

  /**
   * @throws IllegalArgumentException when the table's source key has no Spanner column
   */
  public MappedRows(TableMapping table, CanonicalValues canonical, int chunkSize) {
    this(table, (ShardValues) canonical, chunkSize);
  }

  private MappedRows(TableMapping table, ShardValues canonical, int chunkSize) {
    this.table = new ComparedTable(table);
    this.canonical = canonical;
    this.chunkSize = chunkSize;
  }

  /**
   * The rows of {@code table} on shards of {@code sourceType}, compared as {@link Verifier}
   * compares them; a PostgreSQL {@code table} must carry the live column types.
   */
  public static MappedRows of(TableMapping table, SourceType sourceType, ZoneOffset sourceTimezone,
      int chunkSize) {
    return new MappedRows(table, sourceType == SourceType.POSTGRESQL
        ? new PostgresCanonicalValues(sourceTimezone) : new CanonicalValues(sourceTimezone),
        chunkSize);
  }

  /** Source names of the compared columns, in the order of {@link VerifyRow#values()}. */
  public List<String> columnNames() {
    return table.comparedColumns.stream().map(ColumnMapping::sourceName).toList();
  }

  /** The shard's rows in source key order, read with {@code connection} (its transaction, if any). */
  public List<VerifyRow> shard(Connection connection) throws SQLException {
    ShardTableScan scan = new ShardTableScan(connection, table, canonical, chunkSize);
    List<VerifyRow> rows = new ArrayList<>();
    for (VerifyRow row = scan.next(); row != null; row = scan.next()) {
      rows.add(row);
    }
    return rows;
  }

  /** Spanner's rows at {@code at} that {@code router} sends to {@code shardId}, in Spanner key order. */
  public List<VerifyRow> spanner(DatabaseClient client, Timestamp at, RowRouter router, String shardId) {
    SpannerTableScan scan = new SpannerTableScan(client, client.getDialect(), table, at, chunkSize);
    List<VerifyRow> rows = new ArrayList<>();
    for (List<Struct> chunk = scan.nextChunk(); !chunk.isEmpty(); chunk = scan.nextChunk()) {
      for (Struct row : chunk) {
        if (router.shardOf(table.mapping, row).filter(shardId::equals).isPresent()) {
          rows.add(Verifier.toRow(row, table, canonical));
        }
      }
    }
    return rows;
  }
}
