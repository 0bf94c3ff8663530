package dev.rr.reader.dao;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ReadOnlyTransaction;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import dev.rr.common.schema.SpannerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the table schemas of a Spanner database from its information schema (user tables of the
 * default schema: {@code ''} in GoogleSQL, {@code public} in PostgreSQL), in one read-only
 * transaction. The dialect is asked once; PostgreSQL type names get their Spanner names ({@link
 * SpannerType#fromInformationSchema}), so routing and key building see the same types in both
 * dialects.
 */
public final class SpannerSchemaReader {
  static final String COLUMNS_GOOGLESQL =
      "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.SPANNER_TYPE FROM INFORMATION_SCHEMA.COLUMNS c"
          + " JOIN INFORMATION_SCHEMA.TABLES t"
          + " ON t.TABLE_CATALOG = c.TABLE_CATALOG AND t.TABLE_SCHEMA = c.TABLE_SCHEMA"
          + " AND t.TABLE_NAME = c.TABLE_NAME"
          + " WHERE c.TABLE_SCHEMA = '' AND t.TABLE_TYPE = 'BASE TABLE'"
          + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
  static final String KEYS_GOOGLESQL =
      "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
          + " WHERE TABLE_SCHEMA = '' AND INDEX_NAME = 'PRIMARY_KEY'"
          + " ORDER BY TABLE_NAME, ORDINAL_POSITION";
  static final String COLUMNS_POSTGRESQL =
      "SELECT c.table_name, c.column_name, c.spanner_type FROM information_schema.columns c"
          + " JOIN information_schema.tables t"
          + " ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema"
          + " AND t.table_name = c.table_name"
          + " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
          + " ORDER BY c.table_name, c.ordinal_position";
  static final String KEYS_POSTGRESQL =
      "SELECT table_name, column_name FROM information_schema.index_columns"
          + " WHERE table_schema = 'public' AND index_name = 'PRIMARY_KEY'"
          + " ORDER BY table_name, ordinal_position";

  private final DatabaseClient client;
  private final Dialect dialect;

  private SpannerSchemaReader(DatabaseClient client, Dialect dialect) {
    this.client = client;
    this.dialect = dialect;
  }

  /** A reader of {@code client}'s database, whose dialect it asks now (one call). */
  public static SpannerSchemaReader of(DatabaseClient client) {
    return new SpannerSchemaReader(client, client.getDialect());
  }

  /** Every user table of {@code client}'s database, by name. */
  public static Map<String, SpannerTableSchema> readAll(DatabaseClient client) {
    return of(client).readAll();
  }

  /** The database's dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** Every user table of the database, by name. */
  public Map<String, SpannerTableSchema> readAll() {
    boolean postgres = dialect == Dialect.POSTGRESQL;
    Map<String, Map<String, SpannerType>> columns = new LinkedHashMap<>();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    try (ReadOnlyTransaction tx = client.readOnlyTransaction();
        ResultSet columnRows = tx.executeQuery(
            Statement.of(postgres ? COLUMNS_POSTGRESQL : COLUMNS_GOOGLESQL));
        ResultSet keyRows = tx.executeQuery(
            Statement.of(postgres ? KEYS_POSTGRESQL : KEYS_GOOGLESQL))) {
      while (columnRows.next()) {
        columns
            .computeIfAbsent(columnRows.getString(0), t -> new LinkedHashMap<>())
            .put(columnRows.getString(1),
                SpannerType.fromInformationSchema(columnRows.getString(2)));
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
}
