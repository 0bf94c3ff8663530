package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.sink.ShardDialect;
import dev.rr.writer.logic.SourceConstraints.StoredColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
   * The statements that write {@code batch}, built without a connection, so that they can be
   * built ahead on another thread: every delete, then per table its upserts, or nothing yet for a
   * table with a UNIQUE secondary index (its rewrite reads the table when written).
   *
   * @param diagnose one row per statement
   */
  Plan plan(ChangeBatch batch, boolean diagnose) {
    BatchStatements chosen = diagnose ? rowByRow : statements;
    List<Plan.TableWrite> writes = new ArrayList<>();
    for (ChangeBatch.TableChanges table : batch.tablesForUpserts()) {
      Optional<List<StoredColumn>> unique = batch.uniqueTableColumns(table.name);
      writes.add(new Plan.TableWrite(table, unique.orElse(null),
          unique.isPresent() ? null : chosen.upserts(table)));
    }
    return new Plan(batch, diagnose, chosen.deletes(batch), writes);
  }

  /**
   * A batch's statements, in the order they run.
   *
   * @param batch the batch
   * @param diagnose built one row per statement
   * @param deletes every delete, children first
   * @param writes per table, parents first, what writes its rows
   */
  record Plan(ChangeBatch batch, boolean diagnose, List<BatchStatements.Statement> deletes,
      List<TableWrite> writes) {

    /**
     * @param unique the table's stored columns when it has a UNIQUE secondary index, else null
     * @param upserts the table's upserts; null when it has a UNIQUE secondary index
     */
    record TableWrite(ChangeBatch.TableChanges table, List<StoredColumn> unique,
        List<BatchStatements.Statement> upserts) {}
  }

  /**
   * Writes {@code batch}.
   *
   * @param where context for messages, e.g. {@code [shard=s1] window [...]: }
   * @throws ApplyException naming the record when {@code diagnose} is set and MySQL rejects a row
   */
  void write(Connection connection, ChangeBatch batch, boolean diagnose, String where)
      throws ApplyException, SQLException {
    write(connection, plan(batch, diagnose), where);
  }

  /**
   * Writes what {@code plan} plans.
   *
   * @param where context for messages, e.g. {@code [shard=s1] window [...]: }
   * @throws ApplyException naming the record when the plan is one row per statement and MySQL
   *     rejects a row
   */
  void write(Connection connection, Plan plan, String where)
      throws ApplyException, SQLException {
    if (plan.batch().isEmpty()) {
      return;
    }
    boolean diagnose = plan.diagnose();
    Sending sending = new Sending(diagnose, dialect.acceptsInlinedText(connection), where);
    dialect.beforeBatch(connection);
    try {
      run(connection, plan.deletes(), sending);
      UniqueKeyRewrite rewrite = new UniqueKeyRewrite(diagnose ? rowByRow : statements);
      for (Plan.TableWrite table : plan.writes()) {
        run(connection, table.unique() != null
            ? rewrite.statements(connection, table.table(), table.unique())
            : table.upserts(), sending);
      }
    } catch (ApplyException | SQLException | RuntimeException e) {
      restoreChecks(connection, e);
      throw e;
    }
    dialect.afterBatch(connection);
  }

  /**
   * How statements are sent.
   *
   * @param diagnose one row per statement, errors naming the record
   * @param inlined the connection takes inlined text ({@link ShardDialect#acceptsInlinedText})
   * @param where context for messages
   */
  private record Sending(boolean diagnose, boolean inlined, String where) {}

  private void run(Connection connection, List<BatchStatements.Statement> statements,
      Sending sending) throws ApplyException {
    for (BatchStatements.Statement statement : statements) {
      execute(connection, statement, sending);
    }
  }

  /**
   * Runs {@code statement}: its inlined text when it has one and the connection takes it, else
   * with its values bound. One that Connector/J refuses to send for being larger than {@code
   * max_allowed_packet} is run as two halves instead (recursively), in the same transaction:
   * nothing was sent, so nothing needs undoing. A single row too large stays an error.
   */
  private void execute(
      Connection connection, BatchStatements.Statement statement, Sending sending)
      throws ApplyException {
    try {
      if (sending.inlined() && statement.inlined() != null) {
        try (Statement plain = connection.createStatement()) {
          // The text holds no JDBC escapes; scanning it for them would only cost time.
          plain.setEscapeProcessing(false);
          plain.executeUpdate(statement.inlined());
        }
      } else {
        try (PreparedStatement prepared = statement.statement().prepare(connection)) {
          prepared.executeUpdate();
        }
      }
    } catch (SQLException e) {
      if (statement.rows().size() > 1 && dialect.isRefusedBeforeSending(e)) {
        for (BatchStatements.Statement half : statement.halves()) {
          execute(connection, half, sending);
        }
        return;
      }
      throw failure(e, statement, sending.diagnose(), sending.where());
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
