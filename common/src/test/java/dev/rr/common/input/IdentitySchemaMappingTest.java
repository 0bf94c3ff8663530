package dev.rr.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentitySchemaMappingTest {
  private static final SpannerType INT64 = SpannerType.of("INT64");
  private static final SpannerType STRING = SpannerType.of("STRING");

  @Test
  void shouldMapSameNamedTablesAndColumnsInSpannerColumnOrder() {
    IdentitySchemaMapping mapping = IdentitySchemaMapping.builder()
        .spannerColumn("Users", "id", INT64)
        .spannerColumn("Users", "name", STRING)
        .sourceColumn("Users", "name", SourceType.of("varchar", 25L))
        .sourceColumn("Users", "id", new SourceType("bigint", List.of(20L), true))
        .sourcePrimaryKey("Users", List.of("id"))
        .build();

    TableMapping users = mapping.forSpannerTable("Users").orElseThrow();
    assertEquals(new TableMapping("Users", "Users", List.of(
        new ColumnMapping("id", INT64, "id", new SourceType("bigint", List.of(20L), true)),
        new ColumnMapping("name", STRING, "name", SourceType.of("varchar", 25L))),
        List.of("id"), null), users);
  }

  @Test
  void shouldMatchNamesIgnoringCaseWhenUnambiguous() {
    IdentitySchemaMapping mapping = IdentitySchemaMapping.builder()
        .spannerColumn("Orders", "OrderId", INT64)
        .sourceColumn("orders", "orderid", SourceType.of("int"))
        .sourcePrimaryKey("orders", List.of("orderid"))
        .build();

    TableMapping orders = mapping.forSpannerTable("Orders").orElseThrow();
    assertEquals("orders", orders.sourceName());
    assertEquals("orderid", orders.bySpannerColumn("OrderId").orElseThrow().sourceName());
  }

  @Test
  void shouldNotGuessBetweenNamesDifferingOnlyInCase() {
    IdentitySchemaMapping mapping = IdentitySchemaMapping.builder()
        .spannerColumn("T", "id", INT64)
        .sourceColumn("t", "id", SourceType.of("int"))
        .sourceColumn("t", "x", SourceType.of("int"))
        .sourceColumn("Ab", "id", SourceType.of("int"))
        .sourceColumn("aB", "id", SourceType.of("int"))
        .spannerColumn("AB", "id", INT64)
        .build();

    assertEquals("t", mapping.forSpannerTable("T").orElseThrow().sourceName());
    assertEquals(List.of("AB"), mapping.spannerOnlyTables());
  }

  @Test
  void shouldKeepSpannerOnlyColumnsWithoutSourceAndIgnoreSourceOnlyColumns() {
    IdentitySchemaMapping mapping = IdentitySchemaMapping.builder()
        .spannerColumn("T", "id", INT64)
        .spannerColumn("T", "shard", STRING)
        .sourceColumn("T", "id", SourceType.of("int"))
        .sourceColumn("T", "legacy", SourceType.of("int"))
        .build();

    TableMapping table = mapping.forSpannerTable("T").orElseThrow();
    assertEquals(2, table.columns().size());
    assertNull(table.bySpannerColumn("shard").orElseThrow().sourceName());
    assertTrue(table.bySourceColumn("legacy").isEmpty());
    assertEquals(List.of(), table.sourcePrimaryKey());
  }

  @Test
  void shouldLeaveSpannerOnlyTablesUnmapped() {
    IdentitySchemaMapping mapping = IdentitySchemaMapping.builder()
        .spannerColumn("A", "id", INT64)
        .spannerColumn("B", "id", INT64)
        .sourceColumn("A", "id", SourceType.of("int"))
        .build();

    assertEquals(Set.of("A"), mapping.spannerTables());
    assertEquals(List.of("B"), mapping.spannerOnlyTables());
  }

  @Test
  void shouldRejectPrimaryKeyColumnThatDoesNotExist() {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder()
        .spannerColumn("A", "id", INT64)
        .sourceColumn("A", "id", SourceType.of("int"))
        .sourcePrimaryKey("A", List.of("uid"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertTrue(e.getMessage().contains("uid") && e.getMessage().contains("A"), e.getMessage());
  }
}
