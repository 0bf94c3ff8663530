package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import dev.rr.common.mysql.MySqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads every benchmark table of a shard database and compares it, row by row (by key and value
 * digest), with the {@link ExpectedState}. A benchmark that measured a wrong result would be
 * worthless, so every measured run ends here.
 */
public final class StateVerifier {
  private static final int MAX_EXAMPLES = 5;

  private StateVerifier() {}

  /** Compares {@code shard}'s database with what {@code expected} holds for its id. */
  public static Verification verify(Shard shard, ExpectedState expected) throws SQLException {
    long expectedRows = 0;
    long actualRows = 0;
    long missing = 0;
    long extra = 0;
    long different = 0;
    List<String> examples = new ArrayList<>();
    try (Connection connection = BenchServer.connect(shard)) {
      for (BenchTable table : BenchSchema.tables()) {
        Map<String, Long> want = expected.rows(shard.logicalShardId(), table.name());
        Set<String> seen = new HashSet<>();
        expectedRows += want.size();
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(select(table))) {
          while (rows.next()) {
            Map<String, Object> row = read(table, rows);
            String key = RowValues.keyText(table, row);
            actualRows++;
            seen.add(key);
            Long digest = want.get(key);
            String problem =
                digest == null ? "extra" : digest != RowValues.digest(table, row) ? "different" : null;
            if (problem != null) {
              extra += digest == null ? 1 : 0;
              different += digest == null ? 0 : 1;
              example(examples, table, key, problem);
            }
          }
        }
        for (String key : want.keySet()) {
          if (!seen.contains(key)) {
            missing++;
            example(examples, table, key, "missing");
          }
        }
      }
    }
    return new Verification(
        shard.logicalShardId(), expectedRows, actualRows, missing, extra, different, examples);
  }

  private static void example(List<String> examples, BenchTable table, String key, String what) {
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(table.name() + " " + String.join(",", table.primaryKey()) + "=" + key + ": "
          + what);
    }
  }

  private static String select(BenchTable table) {
    StringJoiner columns = new StringJoiner(", ");
    table.columns().forEach(c -> columns.add(MySqlDialect.quote(c.name())));
    return "SELECT " + columns + " FROM " + MySqlDialect.quote(table.name());
  }

  private static Map<String, Object> read(BenchTable table, ResultSet rows) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    for (BenchColumn column : table.columns()) {
      Object value =
          switch (column.kind()) {
            case BIGINT, INT -> rows.getLong(column.name());
            case TEXT -> rows.getString(column.name());
            case MONEY -> rows.getBigDecimal(column.name());
            case TIME -> rows.getObject(column.name(), LocalDateTime.class);
          };
      row.put(column.name(), rows.wasNull() ? null : value);
    }
    return row;
  }
}
