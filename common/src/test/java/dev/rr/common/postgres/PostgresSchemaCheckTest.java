package dev.rr.common.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.mysql.LiveColumn;
import dev.rr.common.mysql.LiveSchema;
import dev.rr.common.mysql.SchemaMismatchException;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.common.schema.ResolvedSchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostgresSchemaCheckTest {
  private static final SpannerType INT64 = SpannerType.of("INT64");

  private static final SchemaMapping MAPPING = IdentitySchemaMapping.builder()
      .spannerColumn("T", "id", INT64).spannerColumn("T", "total", INT64)
      .sourceColumn("t", "id", SourceType.of("bigint"))
      .sourceColumn("t", "total", SourceType.of("bigint"))
      .sourcePrimaryKey("t", List.of("id"))
      .build();

  private static LiveColumn column(String name, boolean generated) {
    return new LiveColumn("t", name, "bigint", SourceType.of("bigint"), generated);
  }

  @Test
  void shouldRefuseASpannerGeneratedColumnThatIsNotGeneratedInPostgres() {
    SchemaMapping generatedInSpanner =
        ResolvedSchemaMapping.withSpannerGenerated(MAPPING, Set.of("T.total"));

    SchemaMismatchException refused = assertThrows(SchemaMismatchException.class,
        () -> PostgresSchemaCheck.resolve(generatedInSpanner,
            LiveSchema.of(List.of(column("id", false), column("total", false)))));

    assertEquals(1, refused.mismatches().size(), refused.getMessage());
    assertTrue(refused.mismatches().get(0).toString().startsWith("table t, column total"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("Spanner column T.total is generated"),
        refused.getMessage());
  }

  @Test
  void shouldNeverWriteAColumnGeneratedInPostgresWhetherOrNotSpannerComputesIt() {
    LiveSchema live = LiveSchema.of(List.of(column("id", false), column("total", true)));

    for (SchemaMapping mapping : List.of(MAPPING,
        ResolvedSchemaMapping.withSpannerGenerated(MAPPING, Set.of("T.total")))) {
      SchemaMapping resolved = PostgresSchemaCheck.resolve(mapping, live);
      assertFalse(resolved.forSpannerTable("T").orElseThrow().bySpannerColumn("total")
          .orElseThrow().hasSource());
    }
  }

  @Test
  void shouldRefuseAnActingForeignKeyOnlyWhenTheUserMayNotKeepItFromActing() {
    LiveSchema live = LiveSchema.of(List.of(column("id", false), column("total", false)));
    List<String> acting = List.of("t.t_total_fkey ON DELETE CASCADE");

    SchemaMismatchException refused = assertThrows(SchemaMismatchException.class,
        () -> PostgresSchemaCheck.resolve(MAPPING, catalog(live, acting, false)));

    assertEquals(1, refused.mismatches().size(), refused.getMessage());
    assertTrue(refused.mismatches().get(0).toString().startsWith(
        "table t: foreign key t.t_total_fkey ON DELETE CASCADE: "), refused.getMessage());
    assertTrue(refused.getMessage().contains(
        "GRANT SET ON PARAMETER session_replication_role"), refused.getMessage());
    assertTrue(PostgresSchemaCheck.resolve(MAPPING, catalog(live, acting, true))
        .forSpannerTable("T").isPresent());
    assertTrue(PostgresSchemaCheck.resolve(MAPPING, catalog(live, List.of(), false))
        .forSpannerTable("T").isPresent());
  }

  @Test
  void shouldNameTheActionsThatChangeRowsAndNotTheOnesThatOnlyCheck() {
    assertEquals(Optional.of("ON DELETE CASCADE"), PostgresCatalog.action("DELETE", "c"));
    assertEquals(Optional.of("ON UPDATE SET NULL"), PostgresCatalog.action("UPDATE", "n"));
    assertEquals(Optional.of("ON DELETE SET DEFAULT"), PostgresCatalog.action("DELETE", "d"));
    assertEquals(Optional.empty(), PostgresCatalog.action("DELETE", "a"));
    assertEquals(Optional.empty(), PostgresCatalog.action("UPDATE", "r"));
  }

  private static ShardCatalog catalog(LiveSchema live, List<String> acting, boolean canSkip) {
    return new ShardCatalog(Map.of("t", Set.of("t")), Map.of(), TemporalPrecisions.none(), live,
        false, acting, canSkip);
  }
}
