package dev.rr.common.input;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import java.util.Set;
import java.util.TreeSet;

/**
 * The generated (computed) columns of the Spanner database: change streams do not carry their
 * values, so a plain MySQL column mapped from one would never get them. Read by {@code rr launch}
 * and the writer's bootstrap for the schema cross-check.
 */
public final class SpannerGeneratedColumns {
  static final String GOOGLESQL =
      "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
          + " WHERE TABLE_SCHEMA = '' AND IS_GENERATED = 'ALWAYS'";
  static final String POSTGRESQL =
      "SELECT table_name, column_name FROM information_schema.columns"
          + " WHERE table_schema = 'public' AND is_generated = 'ALWAYS'";

  private SpannerGeneratedColumns() {}

  /** Every generated column of the default schema, as {@code Table.column}. */
  public static Set<String> read(DatabaseClient client) {
    String sql = client.getDialect() == Dialect.POSTGRESQL ? POSTGRESQL : GOOGLESQL;
    Set<String> columns = new TreeSet<>();
    try (ResultSet rows = client.singleUse().executeQuery(Statement.of(sql))) {
      while (rows.next()) {
        columns.add(rows.getString(0) + "." + rows.getString(1));
      }
    }
    return columns;
  }
}
