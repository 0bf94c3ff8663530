package dev.rr.reader.dao;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.ReadOnlyTransaction;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import dev.rr.common.schema.SpannerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads table schemas of a GoogleSQL Spanner database from {@code INFORMATION_SCHEMA} (user
 * tables of the default schema), in one read-only transaction.
 */
public final class SpannerSchemaReader {
  static final String COLUMNS_SQL =
      "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.SPANNER_TYPE FROM INFORMATION_SCHEMA.COLUMNS c"
          + " JOIN INFORMATION_SCHEMA.TABLES t"
          + " ON t.TABLE_CATALOG = c.TABLE_CATALOG AND t.TABLE_SCHEMA = c.TABLE_SCHEMA"
          + " AND t.TABLE_NAME = c.TABLE_NAME"
          + " WHERE c.TABLE_SCHEMA = '' AND t.TABLE_TYPE = 'BASE TABLE'"
          + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
  static final String KEYS_SQL =
      "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
          + " WHERE TABLE_SCHEMA = '' AND INDEX_NAME = 'PRIMARY_KEY'"
          + " ORDER BY TABLE_NAME, ORDINAL_POSITION";

  private SpannerSchemaReader() {}

  /** Every user table of the database, by name. */
  public static Map<String, SpannerTableSchema> readAll(DatabaseClient client) {
    Map<String, Map<String, SpannerType>> columns = new LinkedHashMap<>();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    try (ReadOnlyTransaction tx = client.readOnlyTransaction();
        ResultSet columnRows = tx.executeQuery(Statement.of(COLUMNS_SQL));
        ResultSet keyRows = tx.executeQuery(Statement.of(KEYS_SQL))) {
      while (columnRows.next()) {
        columns
            .computeIfAbsent(columnRows.getString(0), t -> new LinkedHashMap<>())
            .put(columnRows.getString(1), parseType(columnRows.getString(2)));
      }
      while (keyRows.next()) {
        keys.computeIfAbsent(keyRows.getString(0), t -> new ArrayList<>()).add(keyRows.getString(1));
      }
    }
    Map<String, SpannerTableSchema> tables = new LinkedHashMap<>();
    columns.forEach(
        (table, cols) ->
            tables.put(table, new SpannerTableSchema(table, cols, keys.getOrDefault(table, List.of()))));
    return tables;
  }

  /**
   * The type of an {@code INFORMATION_SCHEMA.COLUMNS.SPANNER_TYPE} such as {@code INT64}, {@code
   * STRING(MAX)} or {@code ARRAY<BYTES(16)>}.
   */
  static SpannerType parseType(String spannerType) {
    String type = spannerType.trim().toUpperCase(Locale.ROOT);
    boolean array = type.startsWith("ARRAY<") && type.endsWith(">");
    if (array) {
      type = type.substring("ARRAY<".length(), type.length() - 1);
    }
    int parenthesis = type.indexOf('(');
    if (parenthesis >= 0) {
      type = type.substring(0, parenthesis);
    }
    return new SpannerType(type.trim(), array);
  }
}
