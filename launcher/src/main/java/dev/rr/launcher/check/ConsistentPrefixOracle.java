package dev.rr.launcher.check;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.sink.ShardDialects;
import dev.rr.launcher.verify.MappedRows;
import dev.rr.launcher.verify.RowRouter;
import dev.rr.launcher.verify.VerifyRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consistent-prefix oracle: a shard may lag, but it may never show a state Spanner never had.
 *
 * <p>One {@link #sample} reads, in one snapshot ({@code START TRANSACTION WITH CONSISTENT
 * SNAPSHOT} under REPEATABLE READ on MySQL, a {@code REPEATABLE READ} transaction on PostgreSQL,
 * whose snapshot its first read takes), the shard's checkpoint and every mapped table; then reads
 * Spanner at exactly the checkpoint's commit timestamp (inclusive: transactions sharing one commit
 * timestamp are one point of Spanner's history), keeps the rows the reader's routing sends to the
 * shard, and compares every row and value through the session mapping. A shard without a
 * checkpoint has applied nothing: it is compared with Spanner just before the run's start.
 * PostgreSQL shards are read by their live column types (as the writer converts for them), read
 * from the shard sampled at each sample: shards of one run may differ in a column's length.
 */
public final class ConsistentPrefixOracle {
  /** MySQL error 1146, table doesn't exist: the writer has not created its checkpoint table yet. */
  private static final int NO_SUCH_TABLE = 1146;
  private static final int CHUNK = 1000;
  private static final String MYSQL_SNAPSHOT = "START TRANSACTION WITH CONSISTENT SNAPSHOT";
  private static final String POSTGRES_SNAPSHOT =
      "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

  private final DatabaseClient spanner;
  private final SchemaMapping mapping;
  private final RowRouter router;
  private final String runId;
  private final Timestamp beforeStart;
  private final SourceType sourceType;
  private final ZoneOffset sourceTimezone;
  private final ShardDialect dialect;
  private final CheckpointDao checkpoints;

  /**
   * @param runStart the run's start timestamp (the first commit timestamp it replicates)
   */
  public ConsistentPrefixOracle(DatabaseClient spanner, SchemaMapping mapping, RowRouter router,
      String runId, Timestamp runStart, ZoneOffset sourceTimezone) {
    this(spanner, mapping, router, runId, runStart, sourceTimezone, SourceType.MYSQL);
  }

  /**
   * @param runStart the run's start timestamp (the first commit timestamp it replicates)
   * @param sourceType the kind of the shards' databases
   */
  public ConsistentPrefixOracle(DatabaseClient spanner, SchemaMapping mapping, RowRouter router,
      String runId, Timestamp runStart, ZoneOffset sourceTimezone, SourceType sourceType) {
    this.sourceType = sourceType;
    this.sourceTimezone = sourceTimezone;
    this.dialect = ShardDialects.of(sourceType, sourceTimezone);
    this.checkpoints = dialect.checkpoints();
    this.spanner = spanner;
    this.mapping = mapping;
    this.router = router;
    this.runId = runId;
    // The run replicates commits at or after its start; a shard that applied nothing shows the
    // state before them.
    this.beforeStart = Timestamp.ofTimeMicroseconds(
        runStart.getSeconds() * 1_000_000L + runStart.getNanos() / 1000 - 1);
  }

  /**
   * Samples shard {@code shardId} through {@code connection} (left in autocommit, its transaction
   * ended). Every mapped table is compared.
   */
  public PrefixSample sample(String shardId, Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    Map<String, MappedRows> tables = tables(connection);
    Map<String, List<VerifyRow>> shardRows = new LinkedHashMap<>();
    Optional<Checkpoint> checkpoint;
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (Statement statement = connection.createStatement()) {
      statement.execute(sourceType == SourceType.POSTGRESQL ? POSTGRES_SNAPSHOT : MYSQL_SNAPSHOT);
      try {
        checkpoint = checkpoint(connection, shardId);
        for (Map.Entry<String, MappedRows> table : tables.entrySet()) {
          shardRows.put(table.getKey(), table.getValue().shard(connection));
        }
      } finally {
        statement.execute("COMMIT");
      }
    }
    Timestamp at = checkpoint.map(Checkpoint::commitTimestamp).orElse(beforeStart);
    Map<String, List<VerifyRow>> spannerRows = new LinkedHashMap<>();
    List<RowDifference> differences = new ArrayList<>();
    for (Map.Entry<String, MappedRows> table : tables.entrySet()) {
      List<VerifyRow> expected = table.getValue().spanner(spanner, at, router, shardId);
      spannerRows.put(table.getKey(), expected);
      differences.addAll(compare(table.getKey(), table.getValue().columnNames(), expected,
          shardRows.get(table.getKey())));
    }
    return new PrefixSample(shardId, checkpoint, at, shardRows, spannerRows, differences);
  }

  private Map<String, MappedRows> tables(Connection connection) throws SQLException {
    SchemaMapping compared = comparedMapping(connection);
    Map<String, MappedRows> tables = new LinkedHashMap<>();
    for (String name : compared.spannerTables().stream().sorted().toList()) {
      TableMapping table = compared.forSpannerTable(name).orElseThrow();
      tables.put(name, MappedRows.of(table, sourceType, sourceTimezone, CHUNK));
    }
    return tables;
  }

  /**
   * The mapping as compared: PostgreSQL's values are converted by the live column types of the
   * shard sampled, read at each sample, as that shard's writer converts them: a column widened on
   * one shard mid-run (to take a value it had rejected) is wider there only, and from then on.
   */
  private SchemaMapping comparedMapping(Connection connection) throws SQLException {
    if (sourceType != SourceType.POSTGRESQL) {
      return mapping;
    }
    return dialect.resolve(mapping, dialect.readCatalog(connection));
  }

  private Optional<Checkpoint> checkpoint(Connection connection, String shardId) throws SQLException {
    if (sourceType == SourceType.POSTGRESQL) {
      // A failed statement would abort the snapshot's transaction; PostgreSQL's catalog is read
      // in the same snapshot, so a table created after it reads as absent.
      return checkpoints.readIfPresent(connection, runId, shardId)
          .filter(c -> !c.commitTimestamp().equals(Timestamp.MIN_VALUE));
    }
    try {
      return checkpoints.read(connection, runId, shardId)
          .filter(c -> !c.commitTimestamp().equals(Timestamp.MIN_VALUE));
    } catch (SQLException e) {
      if (e.getErrorCode() == NO_SUCH_TABLE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Every row of {@code spannerRows} and {@code shardRows} (both keyed by canonical source key) that differs. */
  static List<RowDifference> compare(String table, List<String> columns, List<VerifyRow> spannerRows,
      List<VerifyRow> shardRows) {
    Map<List<String>, VerifyRow> shard = new LinkedHashMap<>();
    shardRows.forEach(row -> shard.put(row.key(), row));
    List<RowDifference> differences = new ArrayList<>();
    for (VerifyRow expected : spannerRows) {
      VerifyRow actual = shard.remove(expected.key());
      if (actual == null) {
        differences.add(new RowDifference(table, RowDifference.Kind.MISSING, expected, null, columns));
      } else if (!actual.values().equals(expected.values())) {
        differences.add(new RowDifference(table, RowDifference.Kind.DIFFERENT, expected, actual, columns));
      }
    }
    shard.values().forEach(extra ->
        differences.add(new RowDifference(table, RowDifference.Kind.EXTRA, null, extra, columns)));
    return differences;
  }
}
