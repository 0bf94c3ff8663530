package dev.rr.writer.snapshot;

import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.schema.TableMapping;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The keys a resync loaded into one shard table, kept in a table of their own beside it ({@link
 * #tableFor}), with the source table's own key column types. Each chunk adds its keys in the
 * transaction that loads it, so the keys staged are exactly the keys of the chunks loaded; once
 * every chunk is in, {@link #sweep} deletes the table's rows whose key is not staged (rows
 * Spanner does not have at T for this shard), in bounded statements. Everything stays in MySQL:
 * memory does not grow with the table.
 */
public final class KeyStaging {
  /** Prefix of the staging tables. */
  public static final String PREFIX = "rr_resync_";

  /** Rows one sweep statement deletes, at most. */
  static final int SWEEP_BATCH = 5_000;

  private static final int MAX_IDENTIFIER = 64;
  private static final String FOREIGN_KEY_CHECKS_OFF = "SET SESSION foreign_key_checks = 0";

  /** The staging table of source table {@code sourceTable}. */
  public static String tableFor(String sourceTable) {
    String name = PREFIX + sourceTable;
    if (name.length() <= MAX_IDENTIFIER) {
      return name;
    }
    CRC32 crc = new CRC32();
    crc.update(sourceTable.getBytes(StandardCharsets.UTF_8));
    return name.substring(0, MAX_IDENTIFIER - 9) + "_" + String.format("%08x", crc.getValue());
  }

  /** Drops and creates the (empty) staging table of {@code table}; commits (it is DDL). */
  public void recreate(Connection connection, TableMapping table) throws SQLException {
    execute(connection, "DROP TABLE IF EXISTS " + MySqlDialect.quote(tableFor(table.sourceName())));
    create(connection, table, "CREATE TABLE ");
  }

  /** Creates the staging table of {@code table} unless it exists (a resumed resync). */
  public void ensure(Connection connection, TableMapping table) throws SQLException {
    create(connection, table, "CREATE TABLE IF NOT EXISTS ");
  }

  /** Drops the staging table of {@code table}, if any. */
  public void drop(Connection connection, TableMapping table) throws SQLException {
    execute(connection, "DROP TABLE IF EXISTS " + MySqlDialect.quote(tableFor(table.sourceName())));
  }

  /** Stages the keys of {@code rows} (all of one source table) in the caller's transaction. */
  public void add(Connection connection, List<MappedChange> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    List<String> key = List.copyOf(rows.get(0).key().keySet());
    StringBuilder sql = new StringBuilder("INSERT IGNORE INTO ")
        .append(MySqlDialect.quote(tableFor(rows.get(0).sourceTable()))).append(" (")
        .append(String.join(", ", key.stream().map(MySqlDialect::quote).toList()))
        .append(") VALUES ");
    String tuple = "(" + String.join(", ", key.stream().map(k -> "?").toList()) + ")";
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(tuple);
      params.addAll(rows.get(i).key().values());
    }
    try (PreparedStatement statement =
        SqlStatement.of(sql.toString(), params.toArray()).prepare(connection)) {
      statement.executeUpdate();
    }
  }

  /**
   * Deletes every row of {@code table} whose key is not staged, {@value #SWEEP_BATCH} rows per
   * autocommitted statement, with foreign key checks off (a parent and its children go in any
   * order; both are absent at T). Running it again deletes nothing more. Returns the rows deleted.
   */
  public long sweep(Connection connection, TableMapping table) throws SQLException {
    String source = MySqlDialect.quote(table.sourceName());
    String staged = MySqlDialect.quote(tableFor(table.sourceName()));
    List<String> match = table.sourcePrimaryKey().stream()
        .map(c -> "k." + MySqlDialect.quote(c) + " = " + source + "." + MySqlDialect.quote(c))
        .toList();
    // No alias for the deleted table: MariaDB 10.11 takes none in a single-table DELETE.
    String delete = "DELETE FROM " + source + " WHERE NOT EXISTS (SELECT 1 FROM " + staged
        + " k WHERE " + String.join(" AND ", match) + ") LIMIT " + SWEEP_BATCH;
    connection.setAutoCommit(true);
    execute(connection, FOREIGN_KEY_CHECKS_OFF);
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

  private static void create(Connection connection, TableMapping table, String create)
      throws SQLException {
    List<String> key = table.sourcePrimaryKey().stream().map(MySqlDialect::quote).toList();
    // The source table's own key columns, types and collations: what the loader binds there
    // compares equal here.
    execute(connection, create + MySqlDialect.quote(tableFor(table.sourceName()))
        + " (PRIMARY KEY (" + String.join(", ", key) + ")) SELECT " + String.join(", ", key)
        + " FROM " + MySqlDialect.quote(table.sourceName()) + " WHERE 1 = 0");
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
