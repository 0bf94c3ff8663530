package dev.rr.common.mysql;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.sink.RecordMapping;
import dev.rr.common.sink.RowStatements;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.common.sink.ShardDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns change records into parameterized MySQL statements: INSERT and UPDATE become an upsert
 * ({@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)}, which MySQL 8 and MariaDB both
 * accept), DELETE deletes by the source primary key.
 *
 * <p>Two steps, so that a writer can merge changes per row in between: {@link #map} converts a
 * record into a {@link MappedChange}; {@link #upsertBatch} and {@link #deleteBatch} build one
 * statement for many mapped changes. Values are always parameters; identifiers are quoted with
 * backticks.
 *
 * <p>As a {@link ShardDialect}: the live schema comes from {@code information_schema} ({@link
 * MySqlCatalog}), errors are classified by {@link MySqlErrorClassifier}, and every batch runs with
 * {@value #FOREIGN_KEY_CHECKS_OFF}: Spanner checked the foreign keys when it committed, MySQL
 * would check them after every row, and a transaction Spanner accepted may have no row order
 * MySQL accepts (a self-referencing insert, a cycle, the rewrite of a referenced row). It also
 * stops MySQL's own cascades, whose effects the change stream already carries. The setting is
 * switched back on after every batch, failed or not, and when a session is prepared, so a pooled
 * connection never carries it.
 */
public final class MySqlDialect implements ShardDialect {
  private static final long serialVersionUID = 1L;

  /** Most placeholders one MySQL prepared statement may have. */
  public static final int MAX_PARAMETERS = 65_535;
  /** Session setting while a batch runs: Spanner checked the foreign keys at commit. */
  public static final String FOREIGN_KEY_CHECKS_OFF = "SET foreign_key_checks = 0";
  /** The normal session setting, restored after each batch. */
  public static final String FOREIGN_KEY_CHECKS_ON = "SET foreign_key_checks = 1";

  private final MySqlValueConverter converter;
  private final RowStatements statements = new RowStatements(RowStatements.Syntax.MYSQL);

  /** A dialect for a source database whose local times are at {@code sourceTimezone}. */
  public MySqlDialect(ZoneOffset sourceTimezone) {
    this(new MySqlValueConverter(Objects.requireNonNull(sourceTimezone)));
  }

  private MySqlDialect(MySqlValueConverter converter) {
    this.converter = converter;
  }

  /**
   * This dialect for one shard database whose temporal columns have {@code precisions} (read
   * with {@link TemporalPrecisions#load}): values are truncated to them.
   */
  public MySqlDialect withTemporalPrecisions(TemporalPrecisions precisions) {
    return new MySqlDialect(new MySqlValueConverter(sourceTimezone(), precisions));
  }

  /** A dialect for a source database in UTC. */
  public MySqlDialect() {
    this(ZoneOffset.UTC);
  }

  /** The source time zone offset. */
  public ZoneOffset sourceTimezone() {
    return converter.sourceTimezone();
  }

  /** Quotes a MySQL identifier: backticks around it, embedded backticks doubled. */
  public static String quote(String identifier) {
    return RowStatements.Syntax.MYSQL.quote(identifier);
  }

  /**
   * {@code SET time_zone = ?} for the source offset. Run it once per connection: MySQL reads the
   * local values written to TIMESTAMP columns in the session time zone.
   */
  public SqlStatement sessionTimeZone() {
    int seconds = sourceTimezone().getTotalSeconds();
    int minutes = Math.abs(seconds) / 60;
    String offset =
        String.format("%s%02d:%02d", seconds < 0 ? "-" : "+", minutes / 60, minutes % 60);
    return SqlStatement.of("SET time_zone = ?", offset);
  }

  /**
   * Maps {@code record} of Spanner table {@code table.spannerName()} to the source row change.
   * Inserts and updates carry the values of the record's keys and new values (columns absent from
   * the record are left out, Spanner columns without a source column are ignored); deletes carry
   * only the source key, read from the record's keys and old values.
   *
   * @throws MappingException when the record's JSON is malformed or a source primary-key column
   *     has no value in it
   * @throws ConversionException when a value does not fit its source column
   */
  @Override
  public MappedChange map(ChangeRecord record, TableMapping table) {
    return RecordMapping.map(record, table, converter::convert);
  }

  /** The statement for one record: {@link #upsert} or {@link #delete} of its mapped change. */
  public SqlStatement statement(ChangeRecord record, TableMapping table) {
    MappedChange change = map(record, table);
    return change.isDelete() ? delete(change) : upsert(change);
  }

  /** The upsert for an INSERT or UPDATE record; fails for a DELETE. */
  public SqlStatement upsert(ChangeRecord record, TableMapping table) {
    if (record.modType() == ModType.DELETE) {
      throw new IllegalArgumentException("upsert of a DELETE record of " + record.tableName());
    }
    return upsert(map(record, table));
  }

  /** The delete for a DELETE record; fails for an INSERT or UPDATE. */
  public SqlStatement delete(ChangeRecord record, TableMapping table) {
    if (record.modType() != ModType.DELETE) {
      throw new IllegalArgumentException(
          "delete of a " + record.modType() + " record of " + record.tableName());
    }
    return delete(map(record, table));
  }

  /** {@code INSERT INTO t (...) VALUES (...) ON DUPLICATE KEY UPDATE ...} for one change. */
  public SqlStatement upsert(MappedChange change) {
    return upsertBatch(List.of(change));
  }

  /** {@code DELETE FROM t WHERE k1 = ? AND ...} for one change. */
  public SqlStatement delete(MappedChange change) {
    return deleteBatch(List.of(change));
  }

  /**
   * One multi-row upsert for inserts/updates of one table that write the same set of columns. The
   * rows are applied in list order, so two rows with one key end with the later one's values.
   *
   * @throws IllegalArgumentException when the list is empty, mixes tables, column sets or deletes,
   *     or needs more than {@link #MAX_PARAMETERS} parameters
   */
  @Override
  public SqlStatement upsertBatch(List<MappedChange> changes) {
    return statements.upsert(changes);
  }

  /**
   * One multi-row plain {@code INSERT} (no upsert) of inserts/updates of one table that write the
   * same set of columns: it fails on any duplicate key, primary or secondary.
   *
   * @throws IllegalArgumentException as {@link #upsertBatch}
   */
  @Override
  public SqlStatement insertBatch(List<MappedChange> changes) {
    return statements.insert(changes);
  }

  /**
   * Reads the current rows of inserts/updates of one table by primary key: {@code SELECT CASE
   * WHEN k = ? THEN ? ... END, c1, c2, ... FROM t WHERE k IN (?, ...)}. The first column of each
   * result row is the index in {@code changes} of the change whose key found it; a change whose
   * row does not exist has no result row.
   *
   * @param columns the columns to read, after the index
   * @param asDouble columns of {@code columns} read as {@code CAST(c AS DOUBLE)}: a {@code FLOAT}
   *     printed as text keeps only 6 digits, its double keeps every bit
   * @throws IllegalArgumentException when the list is empty, mixes tables or keys, holds deletes
   *     or needs more than {@link #MAX_PARAMETERS} parameters
   */
  @Override
  public SqlStatement selectByKey(
      List<MappedChange> changes, List<String> columns, Set<String> asDouble) {
    return statements.selectByKey(changes, columns, asDouble);
  }

  /**
   * One delete of the rows of several deletes of one table: {@code WHERE k IN (?,...)} for a
   * one-column key, {@code WHERE (k1,k2) IN ((?,?),...)} for a composite key (both servers use
   * the primary key for either).
   *
   * @throws IllegalArgumentException when the list is empty, mixes tables or holds non-deletes,
   *     or needs more than {@link #MAX_PARAMETERS} parameters
   */
  @Override
  public SqlStatement deleteBatch(List<MappedChange> changes) {
    return statements.delete(changes);
  }

  @Override
  public String databaseName() {
    return "MySQL";
  }

  @Override
  public int maxParameters() {
    return MAX_PARAMETERS;
  }

  @Override
  public void readIdentitySource(Connection connection, IdentitySchemaMapping.Builder builder)
      throws SQLException {
    MySqlIdentitySource.read(connection, builder);
  }

  @Override
  public ShardCatalog readCatalog(Connection connection) throws SQLException {
    return MySqlCatalog.read(connection);
  }

  /** Values are truncated to the shard's temporal precisions. */
  @Override
  public MySqlDialect forShard(ShardCatalog catalog) {
    return withTemporalPrecisions(catalog.precisions());
  }

  @Override
  public SchemaMapping resolve(SchemaMapping mapping, ShardCatalog catalog) {
    return LiveSchemaCheck.resolve(mapping, catalog.columns());
  }

  /** The session time zone ({@link #sessionTimeZone}) and foreign-key checks on. */
  @Override
  public void prepareSession(Connection connection) throws SQLException {
    try (PreparedStatement statement = sessionTimeZone().prepare(connection)) {
      statement.execute();
    }
    execute(connection, FOREIGN_KEY_CHECKS_ON);
  }

  @Override
  public void beforeBatch(Connection connection) throws SQLException {
    execute(connection, FOREIGN_KEY_CHECKS_OFF);
  }

  @Override
  public void afterBatch(Connection connection) throws SQLException {
    execute(connection, FOREIGN_KEY_CHECKS_ON);
  }

  @Override
  public ErrorClass classify(Throwable error) {
    return MySqlErrorClassifier.classify(error);
  }

  @Override
  public boolean isStatementTooLarge(Throwable error) {
    return MySqlErrorClassifier.isStatementTooLarge(error);
  }

  @Override
  public boolean isRefusedBeforeSending(Throwable error) {
    return MySqlErrorClassifier.isRefusedBeforeSending(error);
  }

  @Override
  public CheckpointDao checkpoints() {
    return new CheckpointDao();
  }

  /** Values written in as Connector/J writes them ({@link MySqlLiterals}). */
  @Override
  public Optional<String> inline(SqlStatement statement) {
    return MySqlLiterals.inline(statement);
  }

  @Override
  public boolean acceptsInlinedText(Connection connection) throws SQLException {
    return MySqlLiterals.acceptsInlinedText(connection);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }


}
