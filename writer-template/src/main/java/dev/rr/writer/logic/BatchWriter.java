package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MySqlErrorClassifier;
import dev.rr.writer.logic.SourceConstraints.StoredColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link ChangeBatch}'s statements on a connection inside the caller's transaction, in
 * the one order the batch is written in: every delete (children first), then every write
 * (parents first) - upserts, or for a table with a UNIQUE secondary index the {@link
 * UniqueKeyRewrite}.
 *
 * <p>Foreign keys: Spanner checks them when a transaction commits, MySQL after every row. A
 * transaction Spanner accepted may have no row order MySQL accepts (a child inserted with its
 * parent in a self-referencing table, a parent and child deleted together, a foreign-key cycle,
 * the rewrite of a referenced row), so every batch runs with {@value #FOREIGN_KEY_CHECKS_OFF}:
 * the state it commits is one Spanner verified. This also stops MySQL's own {@code ON DELETE
 * CASCADE} and {@code SET NULL} actions, which is what replication needs: Spanner's change
 * stream already holds the rows its cascades changed, and a MySQL cascade would delete children
 * a rewritten parent keeps. The setting is per session; it is switched back on when the batch
 * ends, whether it succeeded or not, and every connection is prepared with it on ({@link
 * #prepare}), so a pooled connection never carries it.
 */
final class BatchWriter {
  /** Session setting while a batch runs: Spanner checked the foreign keys at commit. */
  static final String FOREIGN_KEY_CHECKS_OFF = "SET foreign_key_checks = 0";
  /** The normal session setting, restored after each batch. */
  static final String FOREIGN_KEY_CHECKS_ON = "SET foreign_key_checks = 1";

  private final BatchStatements statements;
  private final BatchStatements rowByRow;

  /**
   * @param statements multi-row statements, for normal writes
   * @param rowByRow one row per statement, to name the record MySQL rejects
   */
  BatchWriter(BatchStatements statements, BatchStatements rowByRow) {
    this.statements = statements;
    this.rowByRow = rowByRow;
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
    execute(connection, FOREIGN_KEY_CHECKS_OFF);
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
    execute(connection, FOREIGN_KEY_CHECKS_ON);
  }

  /** Sets the session up for applying: foreign-key checks on. */
  static void prepare(Connection connection) throws SQLException {
    execute(connection, FOREIGN_KEY_CHECKS_ON);
  }

  private static void run(Connection connection, List<BatchStatements.Statement> statements,
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
  private static void execute(
      Connection connection, BatchStatements.Statement statement, boolean diagnose, String where)
      throws ApplyException {
    try (PreparedStatement prepared = statement.statement().prepare(connection)) {
      prepared.executeUpdate();
    } catch (SQLException e) {
      if (statement.rows().size() > 1 && MySqlErrorClassifier.isRefusedBeforeSending(e)) {
        for (BatchStatements.Statement half : statement.halves()) {
          execute(connection, half, diagnose, where);
        }
        return;
      }
      throw failure(e, statement, diagnose, where);
    }
  }

  /** Switches checks back on after {@code failure}; a broken connection is closed anyway. */
  private static void restoreChecks(Connection connection, Exception failure) {
    try {
      execute(connection, FOREIGN_KEY_CHECKS_ON);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static ApplyException failure(
      SQLException e, BatchStatements.Statement statement, boolean diagnose, String where) {
    ErrorClass errorClass = ApplyErrors.classify(e);
    ChangeRecord record =
        diagnose && errorClass == ErrorClass.PERMANENT
            ? statement.rows().get(0).lastRecord() : null;
    String subject = record == null ? "" : "the " + record.modType() + " of "
        + record.tableName() + " at " + record.commitTimestamp() + " (transaction "
        + record.serverTransactionId() + ", keys " + record.keysJson() + "): ";
    return new ApplyException(where + subject + "MySQL error " + e.getErrorCode() + " (SQLState "
        + e.getSQLState() + "): " + e.getMessage(), errorClass, record, e);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
