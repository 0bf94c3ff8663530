package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.sink.RowStatements;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads every benchmark table of a shard database and compares it, row by row (by key and value
 * digest), with the {@link ExpectedState}. A benchmark that measured a wrong result would be
 * worthless, so every measured run ends here.
 */
public final class StateVerifier {

  private StateVerifier() {}

  /** Compares {@code shard}'s database with what {@code expected} holds for its id. */
  public static Verification verify(Shard shard, ExpectedState expected) throws SQLException {
    RowComparison comparison = new RowComparison(shard.logicalShardId(), expected);
    try (Connection connection = BenchServer.connect(shard)) {
      for (BenchTable table : BenchSchema.tables()) {
        comparison.table(table);
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(select(table, shard.sourceType()))) {
          while (rows.next()) {
            comparison.found(read(table, rows));
          }
        }
      }
    }
    return comparison.result();
  }

  private static String select(BenchTable table, SourceType target) {
    RowStatements.Syntax syntax = target == SourceType.POSTGRESQL
        ? RowStatements.Syntax.POSTGRESQL : RowStatements.Syntax.MYSQL;
    StringJoiner columns = new StringJoiner(", ");
    table.columns().forEach(c -> columns.add(syntax.quote(c.name())));
    return "SELECT " + columns + " FROM " + syntax.quote(table.name());
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
