package dev.rr.common.sink;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the writer does differently per kind of shard database - MySQL ({@link
 * dev.rr.common.mysql.MySqlDialect}) or PostgreSQL ({@link dev.rr.common.postgres.PostgresDialect})
 * - and nothing else: value conversion, the SQL of upserts, inserts, deletes and reads by key
 * (identifiers quoted its way, values always parameters), the session and per-batch settings, the
 * reading of the live schema, the checkpoint table's SQL and the classification of its errors.
 * Grouping, ordering, batching and the checkpoint protocol stay in the writer, shared.
 */
public interface ShardDialect extends Serializable {

  /** The database's name for messages: {@code MySQL}, {@code PostgreSQL}. */
  String databaseName();

  /** An error of this database for messages, with its code and state. */
  default String describe(SQLException error) {
    return databaseName() + " error " + error.getErrorCode() + " (SQLState " + error.getSQLState()
        + "): " + error.getMessage();
  }

  /** Most placeholders one prepared statement may have. */
  int maxParameters();

  /**
   * Maps {@code record} of Spanner table {@code table.spannerName()} to its source row change, its
   * values converted to the source column types.
   *
   * @throws dev.rr.common.mysql.MappingException when the record cannot be mapped
   * @throws dev.rr.common.mysql.ConversionException when a value does not fit its column
   */
  MappedChange map(ChangeRecord record, TableMapping table);

  /** One multi-row upsert by primary key of changes of one table writing one column set. */
  SqlStatement upsertBatch(List<MappedChange> changes);

  /** One multi-row plain insert (it fails on any duplicate key). */
  SqlStatement insertBatch(List<MappedChange> changes);

  /** One delete by primary key of the rows of several deletes of one table. */
  SqlStatement deleteBatch(List<MappedChange> changes);

  /**
   * Reads current rows by primary key: the first result column is the index in {@code changes}
   * of the change whose key found the row, then {@code columns} ({@code asDouble} ones read as
   * double precision).
   */
  SqlStatement selectByKey(List<MappedChange> changes, List<String> columns, Set<String> asDouble);

  /** Reads the shard's live schema (the connection's database, and schema where there is one). */
  ShardCatalog readCatalog(Connection connection) throws SQLException;

  /**
   * Adds the shard's tables - columns in declared order with their live types, primary keys in
   * key order - to {@code builder}: the source side of the identity mapping (no session file).
   *
   * @throws SQLException when the catalog cannot be read, or the connection has no current
   *     database (MySQL) or schema (PostgreSQL)
   */
  void readIdentitySource(Connection connection, IdentitySchemaMapping.Builder builder)
      throws SQLException;

  /** This dialect for one shard whose live schema is {@code catalog}. */
  ShardDialect forShard(ShardCatalog catalog);

  /**
   * {@code mapping} with the shard's real column types.
   *
   * @throws dev.rr.common.mysql.SchemaMismatchException when the shard cannot take it
   */
  SchemaMapping resolve(SchemaMapping mapping, ShardCatalog catalog);

  /** Prepares a connection before it applies anything (session settings). */
  void prepareSession(Connection connection) throws SQLException;

  /** Runs inside the transaction before a batch's statements (foreign-key handling). */
  void beforeBatch(Connection connection) throws SQLException;

  /** Runs after a batch's statements, also when they failed, before the checkpoint moves. */
  void afterBatch(Connection connection) throws SQLException;

  /** TRANSIENT when retrying the operation that failed with {@code error} may succeed. */
  ErrorClass classify(Throwable error);

  /** True when {@code error} says a statement was larger than the server takes. */
  boolean isStatementTooLarge(Throwable error);

  /** True when the driver refused to send a too-large statement: the transaction is intact. */
  boolean isRefusedBeforeSending(Throwable error);

  /** The checkpoint table in the shard database, in this dialect. */
  CheckpointDao checkpoints();

  /**
   * {@code statement}'s text with its values written in, to send without binding them (built
   * ahead, off the thread that sends it), or empty when this dialect binds values.
   */
  default Optional<String> inline(SqlStatement statement) {
    return Optional.empty();
  }

  /** True when text made by {@link #inline} may run on {@code connection} as it is. */
  default boolean acceptsInlinedText(Connection connection) throws SQLException {
    return false;
  }
}
