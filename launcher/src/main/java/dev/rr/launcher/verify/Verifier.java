package dev.rr.launcher.verify;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Struct;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.postgres.PostgresDialect;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.ResolvedSchemaMapping;
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
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares Spanner, read at one timestamp, with every shard (MySQL or PostgreSQL, {@link
 * ShardValues}), table by table through the
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
  private final SourceType sourceType;

  /** A verifier of MySQL shards. */
  public Verifier(DatabaseClient spanner, SchemaMapping mapping, RowRouter router,
      List<ShardDatabase> shards, VerifyConfig config) {
    this(spanner, mapping, router, shards, config, SourceType.MYSQL);
  }

  /** A verifier of shards of {@code sourceType}. */
  public Verifier(DatabaseClient spanner, SchemaMapping mapping, RowRouter router,
      List<ShardDatabase> shards, VerifyConfig config, SourceType sourceType) {
    this.sourceType = sourceType;
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

  private List<TableReport> verifyTable(ComparedTable mapped, Consumer<String> progress,
      long[] unrouted, List<String> unroutedExamples) throws SQLException {
    ShardValues canonical = null;
    ComparedTable table = null;
    List<String> columnNames = mapped.comparedColumns.stream().map(ColumnMapping::sourceName).toList();
    // Each shard's Spanner values are converted for its own live columns, as its writer converts
    // them: a column widened on one shard (to take a value it had rejected) is wider only there.
    Map<String, ComparedTable> liveTables = new LinkedHashMap<>();
    Map<String, Connection> connections = new LinkedHashMap<>();
    Map<String, ShardComparison> comparisons = new LinkedHashMap<>();
    Map<String, TableReport.Builder> builders = new LinkedHashMap<>();
    try {
      for (ShardDatabase shard : shards) {
        Connection connection = shard.connector().open();
        connections.put(shard.shardId(), connection);
        if (sourceType == SourceType.MYSQL) {
          useSourceTimeZone(connection);
        }
        if (canonical == null) {
          canonical = shardValues(connection);
        }
        ComparedTable live = withLiveTypes(mapped, connection);
        liveTables.put(shard.shardId(), live);
        table = table == null ? live : table;
        TableReport.Builder builder = new TableReport.Builder(
            live.spannerName(), shard.shardId(), columnNames, config.maxListed());
        builders.put(shard.shardId(), builder);
        comparisons.put(shard.shardId(), new ShardComparison(
            new ShardTableScan(connection, live, canonical, config.chunkSize()), builder));
      }
      table = table == null ? mapped : table;
      if (canonical == null) {
        canonical = sourceType == SourceType.POSTGRESQL
            ? new PostgresCanonicalValues(config.sourceTimezone())
            : new CanonicalValues(config.sourceTimezone());
      }
      SpannerTableScan scan = new SpannerTableScan(
          spanner, dialect, table, config.readTimestamp(), config.chunkSize());
      long read = 0;
      for (List<Struct> chunk = scan.nextChunk(); !chunk.isEmpty(); chunk = scan.nextChunk()) {
        for (Struct row : chunk) {
          Optional<String> shard = router.shardOf(table.mapping, row);
          ShardComparison comparison = shard.map(comparisons::get).orElse(null);
          VerifyRow canonicalRow = toRow(row, comparison == null ? table : liveTables.get(shard.get()), canonical);
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
   * The canonical values of this verifier's shards, {@code connection} one of them. MySQL: Spanner
   * values cut to the fractional digits of the live temporal columns.
   */
  private ShardValues shardValues(Connection connection) throws SQLException {
    if (sourceType == SourceType.POSTGRESQL) {
      return new PostgresCanonicalValues(config.sourceTimezone());
    }
    return new CanonicalValues(config.sourceTimezone(), TemporalPrecisions.load(connection));
  }

  /**
   * {@code table} with the live column types of the shard at {@code connection}, resolved by the
   * writer's dialect: a PostgreSQL shard's values are converted by its live types, whatever the
   * session file says. MySQL's canonical forms work from the mapped types.
   */
  private ComparedTable withLiveTypes(ComparedTable table, Connection connection)
      throws SQLException {
    if (sourceType != SourceType.POSTGRESQL) {
      return table;
    }
    PostgresDialect dialect = new PostgresDialect(config.sourceTimezone());
    SchemaMapping one = new ResolvedSchemaMapping(List.of(table.mapping), Optional.empty(), Set.of());
    return new ComparedTable(dialect.resolve(one, dialect.readCatalog(connection))
        .forSpannerTable(table.spannerName()).orElseThrow());
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
  static VerifyRow toRow(Struct row, ComparedTable table, ShardValues canonical) {
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
