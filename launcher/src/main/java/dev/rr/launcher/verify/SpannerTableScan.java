package dev.rr.launcher.verify;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.TimestampBound;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Spanner table at one timestamp in key order, one primary-key chunk per query
 * ({@code WHERE key > last ORDER BY key LIMIT n}), so tables of any size stream in bounded memory.
 * Identifiers and parameters are spelled in the database's dialect: {@code `t`} and {@code @p1}
 * in GoogleSQL, {@code "t"} and {@code $1} in PostgreSQL (parameter {@code p1} either way).
 */
final class SpannerTableScan {
  private final DatabaseClient client;
  private final Dialect dialect;
  private final ComparedTable table;
  private final Timestamp readTimestamp;
  private final int chunkSize;
  private Struct last;
  private boolean exhausted;

  SpannerTableScan(DatabaseClient client, Dialect dialect, ComparedTable table,
      Timestamp readTimestamp, int chunkSize) {
    this.client = client;
    this.dialect = dialect;
    this.table = table;
    this.readTimestamp = readTimestamp;
    this.chunkSize = chunkSize;
  }

  /** The next chunk of rows (all Spanner columns of the mapping), empty when the table is done. */
  List<Struct> nextChunk() {
    List<Struct> rows = new ArrayList<>();
    if (exhausted) {
      return rows;
    }
    try (ResultSet result = client.singleUse(TimestampBound.ofReadTimestamp(readTimestamp))
        .executeQuery(statement())) {
      while (result.next()) {
        rows.add(result.getCurrentRowAsStruct());
      }
    }
    exhausted = rows.size() < chunkSize;
    if (!rows.isEmpty()) {
      last = rows.get(rows.size() - 1);
    }
    return rows;
  }

  private Statement statement() {
    List<String> keys = table.keyColumns.stream().map(c -> quote(c.spannerName())).toList();
    StringBuilder sql = new StringBuilder("SELECT ")
        .append(String.join(", ", table.mapping.columns().stream()
            .map(c -> quote(c.spannerName())).toList()))
        .append(" FROM ").append(quote(table.spannerName()));
    if (last != null) {
      sql.append(" WHERE ").append(KeysetPredicate.after(keys, this::placeholder));
    }
    sql.append(" ORDER BY ").append(String.join(", ", keys)).append(" LIMIT ").append(chunkSize);
    Statement.Builder builder = Statement.newBuilder(sql.toString());
    if (last != null) {
      for (int i = 0; i < table.keyColumns.size(); i++) {
        builder.bind("p" + (i + 1)).to(last.getValue(table.keyColumns.get(i).spannerName()));
      }
    }
    return builder.build();
  }

  /** The placeholder of key parameter {@code i} (0-based), bound as {@code p<i+1>}. */
  private String placeholder(int i) {
    return (dialect == Dialect.POSTGRESQL ? "$" : "@p") + (i + 1);
  }

  private String quote(String identifier) {
    return dialect == Dialect.POSTGRESQL
        ? "\"" + identifier.replace("\"", "\"\"") + "\""
        : "`" + identifier.replace("`", "\\`") + "`";
  }
}
