package dev.rr.launcher.e2e;

import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.buffer.BufferListing;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The anti-pattern the writer avoids, as a control: a shard's buffer files applied in order, one
 * autocommit statement per change record, so a Spanner transaction of several records becomes
 * several MySQL commits and its intermediate states are visible. A hook runs after every
 * statement (the suite samples balances there, which makes the control deterministic).
 */
final class NaiveApplier {
  private final SchemaMapping mapping;
  private final MySqlDialect dialect;

  NaiveApplier(SchemaMapping mapping, MySqlDialect dialect) {
    this.mapping = mapping;
    this.dialect = dialect;
  }

  /**
   * Applies every window file of {@code shard} in {@code bufferDir} to {@code connection}, record
   * by record with autocommit, running {@code afterEach} after each statement.
   *
   * @return the number of statements executed
   */
  long apply(String bufferDir, String shard, Connection connection, Runnable afterEach)
      throws IOException, SQLException {
    return apply(bufferDir, shard, connection, record -> afterEach.run());
  }

  /** Runs after each record's statement, with the record. */
  @FunctionalInterface
  interface AfterRecord {
    void applied(ChangeRecord record) throws SQLException;
  }

  /** {@link #apply(String, String, Connection, Runnable)} with a hook that sees each record. */
  long apply(String bufferDir, String shard, Connection connection, AfterRecord afterEach)
      throws IOException, SQLException {
    connection.setAutoCommit(true);
    try (PreparedStatement timeZone = dialect.sessionTimeZone().prepare(connection);
        Statement statement = connection.createStatement()) {
      timeZone.execute();
      // Foreign keys are not what the control is about; the real writer orders its batches.
      statement.execute("SET foreign_key_checks = 0");
    }
    long statements = 0;
    for (Map.Entry<TimeWindow, ResourceId> file : BufferListing.windowFiles(bufferDir, shard).entrySet()) {
      try (BufferFileReader records = BufferFileReader.open(file.getValue())) {
        while (records.hasNext()) {
          ChangeRecord record = records.next();
          TableMapping table = mapping.forSpannerTable(record.tableName()).orElseThrow(
              () -> new IllegalStateException("table " + record.tableName() + " is not mapped"));
          SqlStatement sql = dialect.statement(record, table);
          try (PreparedStatement prepared = sql.prepare(connection)) {
            prepared.executeUpdate();
          }
          statements++;
          afterEach.applied(record);
        }
      }
    }
    return statements;
  }
}
