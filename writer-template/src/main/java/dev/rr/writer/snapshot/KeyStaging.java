package dev.rr.writer.snapshot;

import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.schema.TableMapping;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The keys a resync loaded into one shard table, kept in a table of their own beside it ({@link
 * #tableFor}), with the source table's own key column types. Each chunk adds its keys in the
 * transaction that loads it, so the keys staged are exactly the keys of the chunks loaded; once
 * every chunk is in, {@link #sweep} deletes the table's rows whose key is not staged (rows
 * Spanner does not have at T for this shard), in bounded statements. Everything stays in the
 * shard database: memory does not grow with the table. The SQL is {@link SnapshotSql}'s.
 */
public final class KeyStaging {
  /** Prefix of the staging tables. */
  public static final String PREFIX = "rr_resync_";

  /** Rows one sweep statement deletes, at most. */
  static final int SWEEP_BATCH = 5_000;

  private final SnapshotSql sql;

  /** The staging tables of a MySQL shard. */
  public KeyStaging() {
    this(SnapshotSql.MYSQL);
  }

  /** The staging tables of a shard whose database speaks {@code sql}. */
  public KeyStaging(SnapshotSql sql) {
    this.sql = sql;
  }

  /** The MySQL staging table of source table {@code sourceTable}. */
  public static String tableFor(String sourceTable) {
    return tableFor(sourceTable, SnapshotSql.MYSQL.maxIdentifier());
  }

  /** The staging table of source table {@code sourceTable} in this database. */
  public String stagingTable(String sourceTable) {
    return tableFor(sourceTable, sql.maxIdentifier());
  }

  private static String tableFor(String sourceTable, int maxIdentifier) {
    String name = PREFIX + sourceTable;
    if (name.getBytes(StandardCharsets.UTF_8).length <= maxIdentifier) {
      return name;
    }
    CRC32 crc = new CRC32();
    crc.update(sourceTable.getBytes(StandardCharsets.UTF_8));
    // Cut by characters to fit in bytes too: the prefix is ASCII, a character is at most 4 bytes.
    String head = name.substring(0, Math.min(name.length(), maxIdentifier - 9));
    while (head.getBytes(StandardCharsets.UTF_8).length > maxIdentifier - 9) {
      head = head.substring(0, head.length() - 1);
    }
    return head + "_" + String.format("%08x", crc.getValue());
  }

  /** Drops and creates the (empty) staging table of {@code table}. */
  public void recreate(Connection connection, TableMapping table) throws SQLException {
    drop(connection, table);
    create(connection, table);
  }

  /** Creates the staging table of {@code table} unless it exists (a resumed resync). */
  public void ensure(Connection connection, TableMapping table) throws SQLException {
    if (!exists(connection, stagingTable(table.sourceName()))) {
      create(connection, table);
    }
  }

  /** Drops the staging table of {@code table}, if any. */
  public void drop(Connection connection, TableMapping table) throws SQLException {
    execute(connection, "DROP TABLE IF EXISTS " + sql.quote(stagingTable(table.sourceName())));
  }

  /** Stages the keys of {@code rows} (all of one source table) in the caller's transaction. */
  public void add(Connection connection, List<MappedChange> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    List<String> key = List.copyOf(rows.get(0).key().keySet());
    List<Object> params = new ArrayList<>();
    rows.forEach(row -> params.addAll(row.key().values()));
    String insert = sql.stageKeys(stagingTable(rows.get(0).sourceTable()), key, rows.size());
    try (PreparedStatement statement =
        SqlStatement.of(insert, params.toArray()).prepare(connection)) {
      statement.executeUpdate();
    }
  }

  /**
   * Deletes every row of {@code table} whose key is not staged, {@value #SWEEP_BATCH} rows per
   * autocommitted statement, with foreign key checks off when {@code foreignKeysOff} says so (a
   * parent and its children go in any order; both are absent at T). Running it again deletes
   * nothing more. Returns the rows deleted.
   */
  public long sweep(Connection connection, TableMapping table, Optional<String> foreignKeysOff)
      throws SQLException {
    String delete = sql.sweep(table.sourceName(), stagingTable(table.sourceName()),
        table.sourcePrimaryKey(), SWEEP_BATCH);
    connection.setAutoCommit(true);
    if (foreignKeysOff.isPresent()) {
      execute(connection, foreignKeysOff.get());
    }
    long deleted = 0;
    while (true) {
      int rows;
      try (Statement statement = connection.createStatement()) {
        rows = statement.executeUpdate(delete);
      }
      deleted += rows;
      if (rows < SWEEP_BATCH) {
        return deleted;
      }
    }
  }

  private void create(Connection connection, TableMapping table) throws SQLException {
    for (String statement : sql.createStaging(stagingTable(table.sourceName()),
        table.sourceName(), table.sourcePrimaryKey())) {
      execute(connection, statement);
    }
  }

  private boolean exists(Connection connection, String staged) throws SQLException {
    try (PreparedStatement statement = SqlStatement.of(sql.tablesExist(), staged, staged)
            .prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() && rows.getInt(1) > 0;
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
