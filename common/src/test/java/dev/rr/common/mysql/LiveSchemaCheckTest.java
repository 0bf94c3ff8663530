package dev.rr.common.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.input.MySqlColumnTypes;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveSchemaCheckTest {
  private static final SpannerType INT64 = SpannerType.of("INT64");
  private static final SpannerType STRING = SpannerType.of("STRING");

  private static final SchemaMapping MAPPING = IdentitySchemaMapping.builder()
      .spannerColumn("T", "id", INT64).spannerColumn("T", "level", INT64)
      .spannerColumn("T", "doc", STRING).spannerColumn("T", "total", INT64)
      .sourceColumn("t", "id", SourceType.of("int", 11L))
      .sourceColumn("t", "level", SourceType.of("tinyint", 4L))
      .sourceColumn("t", "doc", SourceType.of("json"))
      .sourceColumn("t", "total", SourceType.of("int"))
      .sourcePrimaryKey("t", List.of("id"))
      .build();

  private static LiveColumn column(String table, String name, String type, boolean generated) {
    return new LiveColumn(table, name, type, MySqlColumnTypes.parse(type), generated);
  }

  @Test
  void shouldAcceptOtherWidthsSignsAndAJsonColumnMariaDbReportsAsLongtext() {
    LiveSchema live = LiveSchema.of(List.of(column("t", "id", "bigint(20)", false),
        column("t", "level", "tinyint(3) unsigned", false),
        column("t", "doc", "longtext", false), column("t", "total", "int(11)", true)));

    assertEquals(List.of(), LiveSchemaCheck.mismatches(MAPPING, live, Set.of()));
  }

  @Test
  void shouldConvertByTheRealTypeAndNeverWriteAColumnGeneratedInMySql() {
    LiveSchema live = LiveSchema.of(List.of(column("t", "id", "bigint(20)", false),
        column("t", "level", "tinyint(3) unsigned", false),
        column("t", "doc", "longtext", false), column("t", "total", "int(11)", true)));

    SchemaMapping resolved = LiveSchemaCheck.resolve(MAPPING, live);

    ColumnMapping level = resolved.forSpannerTable("T").orElseThrow()
        .bySpannerColumn("level").orElseThrow();
    assertEquals(new SourceType("tinyint", List.of(3L), true), level.sourceType());
    assertFalse(resolved.forSpannerTable("T").orElseThrow().bySpannerColumn("total")
        .orElseThrow().hasSource());
  }

  @Test
  void shouldListMissingColumnsIncompatibleTypesAndSpannerGeneratedColumns() {
    LiveSchema live = LiveSchema.of(List.of(column("t", "id", "varchar(10)", false),
        column("t", "doc", "geometry", false), column("t", "total", "int(11)", false)));

    List<String> found = LiveSchemaCheck.mismatches(MAPPING, live, Set.of("T.total")).stream()
        .map(SchemaMismatch::toString).toList();

    assertEquals(4, found.size(), found.toString());
    assertTrue(found.get(0).startsWith("table t, column id, session type int(11), real type"
        + " varchar(10): incompatible types"), found.toString());
    assertEquals("table t, column level, session type tinyint(4): does not exist in the shard"
        + " database", found.get(1));
    assertEquals("table t, column doc, session type json, real type geometry: the writer cannot"
        + " write this MySQL type", found.get(2));
    assertTrue(found.get(3).contains("Spanner column T.total is generated"), found.toString());
  }

  @Test
  void shouldRefuseAMissingTableAndAGeneratedKeyColumn() {
    SchemaMismatchException missing = assertThrows(SchemaMismatchException.class,
        () -> LiveSchemaCheck.resolve(MAPPING, LiveSchema.of(List.of())));
    LiveSchema generatedKey = LiveSchema.of(List.of(column("t", "id", "int(11)", true),
        column("t", "level", "tinyint(4)", false), column("t", "doc", "json", false),
        column("t", "total", "int(11)", false)));

    assertEquals("table t: does not exist in the shard database (Spanner table T maps to it)",
        missing.mismatches().get(0).toString());
    assertTrue(LiveSchemaCheck.mismatches(MAPPING, generatedKey, Set.of()).get(0).toString()
        .contains("generated column in MySQL and part of the primary key"));
  }
}
