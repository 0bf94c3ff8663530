package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MySqlErrorClassifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a {@link ChangeBatch}'s statements on a connection inside the caller's transaction.
 *
 * <p>Spanner checks foreign keys when a transaction commits, MySQL after every statement. A
 * batch of several transactions is always written in an order MySQL accepts (see {@link
 * ChangeBatch}). A single transaction that deletes and re-inserts a row may have no such order
 * at all (a child keeps pointing to the re-inserted parent), so a {@link
 * ChangeBatch#deletesFirst()} batch runs with {@value #FOREIGN_KEY_CHECKS_OFF}: Spanner verified
 * the state the transaction commits. Checks are switched back on right after, and every
 * connection is prepared with them on ({@link #FOREIGN_KEY_CHECKS_ON}).
 */
final class BatchWriter {
  /** Session setting for a transaction whose statements MySQL cannot check one by one. */
  static final String FOREIGN_KEY_CHECKS_OFF = "SET foreign_key_checks = 0";
  /** The normal session setting, restored after each such transaction. */
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
    boolean checksOff = batch.deletesFirst();
    if (checksOff) {
      execute(connection, FOREIGN_KEY_CHECKS_OFF);
    }
    for (BatchStatements.Statement statement :
        (diagnose ? rowByRow : statements).statements(batch)) {
      execute(connection, statement, diagnose, where);
    }
    if (checksOff) {
      execute(connection, FOREIGN_KEY_CHECKS_ON);
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
      if (statement.rows().size() > 1 && MySqlErrorClassifier.isRefusedBeforeSending(e)) {
        for (BatchStatements.Statement half : statements.halves(statement)) {
          execute(connection, half, diagnose, where);
        }
        return;
      }
      throw failure(e, statement, diagnose, where);
    }
  }

  /** Sets the session up for applying: foreign-key checks on. */
  static void prepare(Connection connection) throws SQLException {
    execute(connection, FOREIGN_KEY_CHECKS_ON);
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
