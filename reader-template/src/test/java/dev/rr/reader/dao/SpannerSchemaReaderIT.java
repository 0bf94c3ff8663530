package dev.rr.reader.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.spanner.Dialect;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schemas read from the emulator's information schema in both dialects. */
class SpannerSchemaReaderIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  private static Map<String, SpannerType> expectedColumns() {
    Map<String, SpannerType> columns = new LinkedHashMap<>();
    columns.put("b", SpannerType.of("STRING"));
    columns.put("a", SpannerType.of("INT64"));
    columns.put("flag", SpannerType.of("BOOL"));
    columns.put("ratio", SpannerType.of("FLOAT64"));
    columns.put("score", SpannerType.of("FLOAT32"));
    columns.put("price", SpannerType.of("NUMERIC"));
    columns.put("bin", SpannerType.of("BYTES"));
    columns.put("day", SpannerType.of("DATE"));
    columns.put("seen_at", SpannerType.of("TIMESTAMP"));
    columns.put("doc", SpannerType.of("JSON"));
    columns.put("tags", SpannerType.arrayOf("INT64"));
    columns.put("names", SpannerType.arrayOf("STRING"));
    return columns;
  }

  @Test
  void shouldReadPostgresDialectTablesWithSpannerTypeNames() {
    SpannerTestDatabase db = spanner.newPostgresDatabase(
        "CREATE TABLE items (b character varying(20) NOT NULL, a bigint NOT NULL,"
            + " flag boolean, ratio double precision, score real, price numeric, bin bytea,"
            + " day date, seen_at timestamp with time zone, doc jsonb, tags bigint[],"
            + " names character varying[], PRIMARY KEY (a, b))");

    SpannerSchemaReader reader = SpannerSchemaReader.of(db.client());

    assertEquals(Dialect.POSTGRESQL, reader.dialect());
    assertEquals(Map.of("items", new SpannerTableSchema("items", expectedColumns(),
        List.of("a", "b"))), reader.readAll());
  }

  @Test
  void shouldReadGoogleSqlTablesWithTheSameTypeNames() {
    SpannerTestDatabase db = spanner.newDatabase(
        "CREATE TABLE items (b STRING(20) NOT NULL, a INT64 NOT NULL, flag BOOL,"
            + " ratio FLOAT64, score FLOAT32, price NUMERIC, bin BYTES(MAX), day DATE,"
            + " seen_at TIMESTAMP, doc JSON, tags ARRAY<INT64>, names ARRAY<STRING(MAX)>)"
            + " PRIMARY KEY (a, b)");

    SpannerSchemaReader reader = SpannerSchemaReader.of(db.client());

    assertEquals(Dialect.GOOGLE_STANDARD_SQL, reader.dialect());
    assertEquals(Map.of("items", new SpannerTableSchema("items", expectedColumns(),
        List.of("a", "b"))), reader.readAll());
  }
}
