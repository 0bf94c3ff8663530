package dev.rr.launcher.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads one shard's table in source primary-key order, one keyset chunk per query, and yields
 * canonical rows (quoting, selection and canonical forms from the shard's {@link ShardValues}).
 * Key values of the last row are bound back as parameters as JDBC read them. {@code LIMIT} and
 * row-value keyset predicates are spelled alike in MySQL and PostgreSQL.
 */
final class ShardTableScan implements RowSource {
  private final Connection connection;
  private final ComparedTable table;
  private final ShardValues canonical;
  private final int chunkSize;
  private final Deque<VerifyRow> buffered = new ArrayDeque<>();
  private Object[] lastKey;
  private boolean exhausted;

  ShardTableScan(Connection connection, ComparedTable table, ShardValues canonical, int chunkSize) {
    this.connection = connection;
    this.table = table;
    this.canonical = canonical;
    this.chunkSize = chunkSize;
  }

  /** The next row without consuming it, null when the table is done. */
  @Override
  public VerifyRow peek() throws SQLException {
    if (buffered.isEmpty() && !exhausted) {
      fetch();
    }
    return buffered.peek();
  }

  /** The next row, null when the table is done. */
  @Override
  public VerifyRow next() throws SQLException {
    VerifyRow row = peek();
    buffered.poll();
    return row;
  }

  private void fetch() throws SQLException {
    List<String> keys = table.keyColumns.stream().map(c -> canonical.quote(c.sourceName())).toList();
    List<String> columns = new ArrayList<>(keys);
    table.comparedColumns.forEach(c -> columns.add(canonical.selected(c)));
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", columns))
        .append(" FROM ").append(canonical.quote(table.sourceName()));
    if (lastKey != null) {
      sql.append(" WHERE ").append(KeysetPredicate.after(keys, i -> "?"));
    }
    sql.append(" ORDER BY ").append(String.join(", ", keys)).append(" LIMIT ").append(chunkSize);
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      if (lastKey != null) {
        int index = 1;
        // The predicate repeats earlier key columns in each alternative: k1 | k1, k2 | ...
        for (int i = 0; i < lastKey.length; i++) {
          for (int j = 0; j <= i; j++) {
            statement.setObject(index++, lastKey[j]);
          }
        }
      }
      int count = 0;
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          buffered.add(toRow(rows));
          lastKey = new Object[keys.size()];
          for (int i = 0; i < keys.size(); i++) {
            lastKey[i] = rows.getObject(i + 1);
          }
          count++;
        }
      }
      exhausted = count < chunkSize;
    }
  }

  private VerifyRow toRow(ResultSet rows) throws SQLException {
    List<String> key = new ArrayList<>();
    for (int i = 0; i < table.keyColumns.size(); i++) {
      key.add(canonical.shard(rows, i + 1, table.keyColumns.get(i)));
    }
    List<String> values = new ArrayList<>();
    int offset = table.keyColumns.size() + 1;
    for (int i = 0; i < table.comparedColumns.size(); i++) {
      values.add(canonical.shard(rows, offset + i, table.comparedColumns.get(i)));
    }
    return new VerifyRow(key, values);
  }
}
