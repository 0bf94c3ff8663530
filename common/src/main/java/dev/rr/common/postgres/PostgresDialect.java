package dev.rr.common.postgres;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.sink.RecordMapping;
import dev.rr.common.sink.RowStatements;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.common.sink.ShardDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link ShardDialect} of PostgreSQL 15 and later shards: {@code INSERT ... ON CONFLICT
 * (primary key) DO UPDATE SET c = EXCLUDED.c}, identifiers in double quotes, the checkpoint table
 * in the shard's schema, errors classified by SQLSTATE ({@link PostgresErrorClassifier}), values
 * converted by {@link PostgresValueConverter}. Tables are named unqualified: the connection's
 * search path is the shard's schema ({@code currentSchema}, set by {@link
 * dev.rr.common.input.Shard#jdbcUrl}).
 *
 * <p>Foreign keys: Spanner checks them when a transaction commits. When every foreign key of the
 * shard's schema is {@code DEFERRABLE}, each batch runs {@value #DEFER_ALL}, so PostgreSQL checks
 * them at commit too, whatever the row order. Otherwise PostgreSQL checks each row as it is
 * written: the writer's order (deletes children first, writes parents first) satisfies every
 * acyclic schema, but a self-referencing insert in one statement, a cycle, or the rewrite of a
 * referenced row in a table with a UNIQUE secondary index fail with 23503 and stop the shard
 * (permanent).
 *
 * <p>Foreign keys with an action ({@code ON DELETE CASCADE}, {@code SET NULL}, {@code SET
 * DEFAULT}, or the same {@code ON UPDATE}): Spanner's change stream already carries every row such
 * an action changed, and a batch runs its deletes before its writes, so a cascade in the shard
 * would take rows that a later transaction of the batch had moved away from the deleted parent -
 * lost without an error. With such a key, each batch runs {@value #SKIP_TRIGGERS}, as
 * PostgreSQL's own logical replication applies changes: no foreign key checks or acts (nor does
 * any ordinary trigger) during the batch. Setting it needs a superuser or, from PostgreSQL 15,
 * {@code GRANT SET ON PARAMETER session_replication_role}; without it {@link #resolve} refuses
 * the shard, naming the keys and the grant.
 */
public final class PostgresDialect implements ShardDialect {
  private static final long serialVersionUID = 1L;

  /** Run at the start of each batch when every foreign key is deferrable. */
  public static final String DEFER_ALL = "SET CONSTRAINTS ALL DEFERRED";
  /** Run at the start of each batch when a foreign key has an action; ends with the transaction. */
  public static final String SKIP_TRIGGERS = "SET LOCAL session_replication_role = replica";

  /** What each batch runs first, for the shard's foreign keys. */
  private enum ForeignKeys {
    /** None, or checked row by row. */
    AS_IS,
    /** All deferrable: checked at commit. */
    DEFERRED,
    /** One acts on rows: no key checks or acts during the batch. */
    SKIPPED
  }

  private final PostgresValueConverter converter;
  private final RowStatements statements = new RowStatements(RowStatements.Syntax.POSTGRESQL);
  private final ForeignKeys foreignKeys;

  /** A dialect whose {@code timestamp} (without time zone) values are at {@code sourceTimezone}. */
  public PostgresDialect(ZoneOffset sourceTimezone) {
    this(new PostgresValueConverter(Objects.requireNonNull(sourceTimezone)), ForeignKeys.AS_IS);
  }

  private PostgresDialect(PostgresValueConverter converter, ForeignKeys foreignKeys) {
    this.converter = converter;
    this.foreignKeys = foreignKeys;
  }

  @Override
  public String databaseName() {
    return "PostgreSQL";
  }

  /** PostgreSQL's errors have no vendor code: the SQLSTATE says it all. */
  @Override
  public String describe(SQLException error) {
    return "PostgreSQL error (SQLSTATE " + error.getSQLState() + "): " + error.getMessage();
  }

  @Override
  public int maxParameters() {
    return RowStatements.Syntax.POSTGRESQL.maxParameters();
  }

  @Override
  public MappedChange map(ChangeRecord record, TableMapping table) {
    return RecordMapping.map(record, table, converter::convert);
  }

  @Override
  public SqlStatement upsertBatch(List<MappedChange> changes) {
    return statements.upsert(changes);
  }

  @Override
  public SqlStatement insertBatch(List<MappedChange> changes) {
    return statements.insert(changes);
  }

  @Override
  public SqlStatement deleteBatch(List<MappedChange> changes) {
    return statements.delete(changes);
  }

  @Override
  public SqlStatement selectByKey(List<MappedChange> changes, List<String> columns, Set<String> asDouble) {
    return statements.selectByKey(changes, columns, asDouble);
  }

  @Override
  public void readIdentitySource(Connection connection, IdentitySchemaMapping.Builder builder)
      throws SQLException {
    PostgresIdentitySource.read(connection, builder);
  }

  @Override
  public ShardCatalog readCatalog(Connection connection) throws SQLException {
    return PostgresCatalog.read(connection);
  }

  /**
   * Skips the foreign keys in each batch when one of the shard's acts on rows, else defers them
   * when all are deferrable.
   */
  @Override
  public PostgresDialect forShard(ShardCatalog catalog) {
    if (!catalog.actingForeignKeys().isEmpty()) {
      return new PostgresDialect(converter, ForeignKeys.SKIPPED);
    }
    return new PostgresDialect(converter,
        catalog.allForeignKeysDeferrable() && !catalog.foreignKeyParents().isEmpty()
            ? ForeignKeys.DEFERRED : ForeignKeys.AS_IS);
  }

  /** Also refuses acting foreign keys when the user may not skip them ({@link #SKIP_TRIGGERS}). */
  @Override
  public SchemaMapping resolve(SchemaMapping mapping, ShardCatalog catalog) {
    return PostgresSchemaCheck.resolve(mapping, catalog);
  }

  /** Nothing to set: values carry their zone ({@code timestamptz} values are bound in UTC). */
  @Override
  public void prepareSession(Connection connection) {
    // The search path comes from the connection URL; time zones are explicit in the values.
  }

  @Override
  public void beforeBatch(Connection connection) throws SQLException {
    if (foreignKeys != ForeignKeys.AS_IS) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(foreignKeys == ForeignKeys.SKIPPED ? SKIP_TRIGGERS : DEFER_ALL);
      }
    }
  }

  /** Nothing to restore: SET CONSTRAINTS and SET LOCAL end with the transaction. */
  @Override
  public void afterBatch(Connection connection) {
    // Both settings end with the transaction.
  }

  @Override
  public ErrorClass classify(Throwable error) {
    return PostgresErrorClassifier.classify(error);
  }

  @Override
  public boolean isStatementTooLarge(Throwable error) {
    return PostgresErrorClassifier.isStatementTooLarge(error);
  }

  /** The PostgreSQL driver sends what it is given; the server answers 54000 (too large). */
  @Override
  public boolean isRefusedBeforeSending(Throwable error) {
    return false;
  }

  @Override
  public CheckpointDao checkpoints() {
    return new CheckpointDao(CheckpointDao.Flavor.POSTGRESQL);
  }
}
