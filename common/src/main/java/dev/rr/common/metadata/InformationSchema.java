package dev.rr.common.metadata;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Looks tables up in {@code INFORMATION_SCHEMA}. This is the one place where the SQL of the two
 * dialects differs: GoogleSQL names parameters {@code @p1}, PostgreSQL {@code $1} (both bound as
 * {@code p1}), and user tables live in schema {@code ''} and {@code public} respectively.
 */
final class InformationSchema {
  private InformationSchema() {}

  /** Which of {@code tableNames} exist in the default schema, compared exactly. */
  static Set<String> existingTables(
      DatabaseClient client, Dialect dialect, Collection<String> tableNames) {
    List<String> names = List.copyOf(tableNames);
    if (names.isEmpty()) {
      return Set.of();
    }
    StringBuilder sql =
        new StringBuilder("SELECT table_name FROM information_schema.tables WHERE table_schema = ")
            .append(placeholder(dialect, 1))
            .append(" AND table_name IN (");
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(placeholder(dialect, i + 2));
    }
    Statement.Builder statement = Statement.newBuilder(sql.append(")").toString());
    statement.bind(parameterName(1)).to(defaultSchema(dialect));
    for (int i = 0; i < names.size(); i++) {
      statement.bind(parameterName(i + 2)).to(names.get(i));
    }
    Set<String> existing = new TreeSet<>();
    try (ResultSet rows = client.singleUse().executeQuery(statement.build())) {
      while (rows.next()) {
        existing.add(rows.getString(0));
      }
    }
    return existing;
  }

  /** How parameter {@code index} (1-based) is written in {@code dialect}'s SQL. */
  static String placeholder(Dialect dialect, int index) {
    return switch (dialect) {
      case GOOGLE_STANDARD_SQL -> "@" + parameterName(index);
      case POSTGRESQL -> "$" + index;
    };
  }

  /** The name parameter {@code index} is bound under, the same in both dialects. */
  static String parameterName(int index) {
    return "p" + index;
  }

  private static String defaultSchema(Dialect dialect) {
    return switch (dialect) {
      case GOOGLE_STANDARD_SQL -> "";
      case POSTGRESQL -> "public";
    };
  }
}
