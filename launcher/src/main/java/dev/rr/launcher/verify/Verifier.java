package dev.rr.launcher.verify;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Struct;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Compares Spanner, read at one timestamp, with every MySQL shard, table by table through the
 * session mapping. Spanner holds the union of the shards: each Spanner row is routed like the
 * reader routes its changes, and each shard must hold exactly the rows routed to it, with equal
 * values. Plain Java; the {@code rr verify} command and the end-to-end tests both use it.
 */
public final class Verifier {
  private final DatabaseClient spanner;
  /** Asked once: the scans spell their SQL in it. */
  private final Dialect dialect;
  private final SchemaMapping mapping;
  private final RowRouter router;
  private final List<ShardDatabase> shards;
  private final VerifyConfig config;

  public Verifier(DatabaseClient spanner, SchemaMapping mapping, RowRouter router,
      List<ShardDatabase> shards, VerifyConfig config) {
    this.spanner = spanner;
    this.dialect = spanner.getDialect();
    this.mapping = mapping;
    this.router = router;
    this.shards = List.copyOf(shards);
    this.config = config;
  }

  /**
   * Compares every selected table; {@code progress} receives a line after each chunk.
   *
   * @throws SQLException when a shard cannot be read
   * @throws IllegalArgumentException when a selected table is not in the mapping
   */
  public VerifyReport verify(Consumer<String> progress) throws SQLException {
    List<TableReport> reports = new ArrayList<>();
    long[] unrouted = {0};
    List<String> unroutedExamples = new ArrayList<>();
    for (TableMapping table : tables()) {
      reports.addAll(verifyTable(new ComparedTable(table), progress, unrouted, unroutedExamples));
    }
    return new VerifyReport(config.readTimestamp(), reports, unrouted[0], unroutedExamples);
  }

  private List<TableMapping> tables() {
    List<String> names = config.tables().isEmpty()
        ? mapping.spannerTables().stream().sorted().toList() : config.tables();
    List<TableMapping> tables = new ArrayList<>();
    for (String name : names) {
      tables.add(mapping.forSpannerTable(name).orElseThrow(() -> new IllegalArgumentException(
          "table " + name + " is not in the session mapping (mapped: " + mapping.spannerTables() + ")")));
    }
    return tables;
  }

  private List<TableReport> verifyTable(ComparedTable table, Consumer<String> progress,
      long[] unrouted, List<String> unroutedExamples) throws SQLException {
    CanonicalValues canonical = null;
    List<String> columnNames = table.comparedColumns.stream().map(ColumnMapping::sourceName).toList();
    Map<String, Connection> connections = new LinkedHashMap<>();
    Map<String, ShardComparison> comparisons = new LinkedHashMap<>();
    Map<String, TableReport.Builder> builders = new LinkedHashMap<>();
    try {
      for (ShardDatabase shard : shards) {
        Connection connection = shard.connector().open();
        connections.put(shard.shardId(), connection);
        useSourceTimeZone(connection);
        if (canonical == null) {
          // Spanner values are cut to the fractional digits of the live columns, as the writer
          // cuts them; the shards of one run share their schema.
          canonical = new CanonicalValues(config.sourceTimezone(), TemporalPrecisions.load(connection));
        }
        TableReport.Builder builder = new TableReport.Builder(
            table.spannerName(), shard.shardId(), columnNames, config.maxListed());
        builders.put(shard.shardId(), builder);
        comparisons.put(shard.shardId(), new ShardComparison(
            new MySqlTableScan(connection, table, canonical, config.chunkSize()), builder));
      }
      if (canonical == null) {
        canonical = new CanonicalValues(config.sourceTimezone());
      }
      SpannerTableScan scan = new SpannerTableScan(
          spanner, dialect, table, config.readTimestamp(), config.chunkSize());
      long read = 0;
      for (List<Struct> chunk = scan.nextChunk(); !chunk.isEmpty(); chunk = scan.nextChunk()) {
        for (Struct row : chunk) {
          VerifyRow canonicalRow = toRow(row, table, canonical);
          Optional<String> shard = router.shardOf(table.mapping, row);
          ShardComparison comparison = shard.map(comparisons::get).orElse(null);
          if (comparison == null) {
            if (unrouted[0]++ < config.maxListed()) {
              unroutedExamples.add(table.spannerName() + " " + VerifyRow.showKey(canonicalRow.key())
                  + " -> " + shard.map(s -> "shard " + s).orElse("no shard id"));
            }
          } else {
            comparison.acceptSpanner(canonicalRow);
          }
        }
        read += chunk.size();
        progress.accept("verify " + table.spannerName() + ": " + read + " Spanner rows compared");
      }
      for (ShardComparison comparison : comparisons.values()) {
        comparison.finish();
      }
    } finally {
      for (Connection connection : connections.values()) {
        closeQuietly(connection);
      }
    }
    return builders.values().stream().map(TableReport.Builder::build).toList();
  }

  /**
   * Sets the connection's session time zone to the source offset, as the writer does on its own
   * connections: MySQL reads TIMESTAMP columns in the session time zone, so only then do they
   * read back as the local date-times the writer wrote.
   */
  private void useSourceTimeZone(Connection connection) throws SQLException {
    SqlStatement timeZone = new MySqlDialect(config.sourceTimezone()).sessionTimeZone();
    try (PreparedStatement statement = timeZone.prepare(connection)) {
      statement.execute();
    }
  }

  /** The canonical row of Spanner row {@code row}: its source key and compared values. */
  static VerifyRow toRow(Struct row, ComparedTable table, CanonicalValues canonical) {
    List<String> key = new ArrayList<>();
    for (ColumnMapping column : table.keyColumns) {
      key.add(canonical.spanner(row, table.sourceName(), column));
    }
    List<String> values = new ArrayList<>();
    for (ColumnMapping column : table.comparedColumns) {
      values.add(canonical.spanner(row, table.sourceName(), column));
    }
    return new VerifyRow(key, values);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Reading is over; a failed close loses nothing.
    }
  }
}
