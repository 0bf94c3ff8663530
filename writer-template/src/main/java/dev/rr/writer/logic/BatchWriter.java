package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.sink.ShardDialect;
import dev.rr.writer.logic.SourceConstraints.StoredColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link ChangeBatch}'s statements on a connection inside the caller's transaction, in
 * the one order the batch is written in: every delete (children first), then every write
 * (parents first) - upserts, or for a table with a UNIQUE secondary index the {@link
 * UniqueKeyRewrite}.
 *
 * <p>Foreign keys: Spanner checks them when a transaction commits; the dialect decides how the
 * shard is kept from checking them row by row ({@link ShardDialect#beforeBatch}: MySQL switches
 * {@code foreign_key_checks} off for the batch, PostgreSQL defers deferrable constraints to
 * commit). {@link ShardDialect#afterBatch} runs after the batch, whether it succeeded or not.
 */
final class BatchWriter {
  private final BatchStatements statements;
  private final BatchStatements rowByRow;
  private final ShardDialect dialect;

  /**
   * @param statements multi-row statements, for normal writes
   * @param rowByRow one row per statement, to name the record the shard rejects
   */
  BatchWriter(BatchStatements statements, BatchStatements rowByRow) {
    this.statements = statements;
    this.rowByRow = rowByRow;
    this.dialect = statements.dialect();
  }

  /**
   * Writes {@code batch}.
   *
   * @param where context for messages, e.g. {@code [shard=s1] window [...]: }
   * @throws ApplyException naming the record when {@code diagnose} is set and MySQL rejects a row
   */
  void write(Connection connection, ChangeBatch batch, boolean diagnose, String where)
      throws ApplyException, SQLException {
    if (batch.isEmpty()) {
      return;
    }
    BatchStatements chosen = diagnose ? rowByRow : statements;
    dialect.beforeBatch(connection);
    try {
      run(connection, chosen.deletes(batch), diagnose, where);
      UniqueKeyRewrite rewrite = new UniqueKeyRewrite(chosen);
      for (ChangeBatch.TableChanges table : batch.tablesForUpserts()) {
        Optional<List<StoredColumn>> unique = batch.uniqueTableColumns(table.name);
        run(connection, unique.isPresent()
            ? rewrite.statements(connection, table, unique.get())
            : chosen.upserts(table), diagnose, where);
      }
    } catch (ApplyException | SQLException | RuntimeException e) {
      restoreChecks(connection, e);
      throw e;
    }
    dialect.afterBatch(connection);
  }

  private void run(Connection connection, List<BatchStatements.Statement> statements,
      boolean diagnose, String where) throws ApplyException {
    for (BatchStatements.Statement statement : statements) {
      execute(connection, statement, diagnose, where);
    }
  }

  /**
   * Runs {@code statement}. One that Connector/J refuses to send for being larger than {@code
   * max_allowed_packet} is run as two halves instead (recursively), in the same transaction:
   * nothing was sent, so nothing needs undoing. A single row too large stays an error.
   */
  private void execute(
      Connection connection, BatchStatements.Statement statement, boolean diagnose, String where)
      throws ApplyException {
    try (PreparedStatement prepared = statement.statement().prepare(connection)) {
      prepared.executeUpdate();
    } catch (SQLException e) {
      if (statement.rows().size() > 1 && dialect.isRefusedBeforeSending(e)) {
        for (BatchStatements.Statement half : statement.halves()) {
          execute(connection, half, diagnose, where);
        }
        return;
      }
      throw failure(e, statement, diagnose, where);
    }
  }

  /** Ends the batch after {@code failure}; a broken connection is closed anyway. */
  private void restoreChecks(Connection connection, Exception failure) {
    try {
      dialect.afterBatch(connection);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private ApplyException failure(
      SQLException e, BatchStatements.Statement statement, boolean diagnose, String where) {
    ErrorClass errorClass = ApplyErrors.classify(e, dialect);
    ChangeRecord record =
        diagnose && errorClass == ErrorClass.PERMANENT
            ? statement.rows().get(0).lastRecord() : null;
    String subject = record == null ? "" : "the " + record.modType() + " of "
        + record.tableName() + " at " + record.commitTimestamp() + " (transaction "
        + record.serverTransactionId() + ", keys " + record.keysJson() + "): ";
    return new ApplyException(where + subject + dialect.describe(e), errorClass, record, e);
  }
}
