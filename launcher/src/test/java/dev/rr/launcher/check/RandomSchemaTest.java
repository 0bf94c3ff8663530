package dev.rr.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.input.SessionFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.launcher.check.RandomSchema.Column;
import dev.rr.launcher.check.RandomSchema.Role;
import dev.rr.launcher.check.RandomSchema.Table;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomSchemaTest {
  @Test
  void shouldGiveTheSameSchemaForTheSameSeed() {
    assertEquals(SchemaDdl.spanner(RandomSchema.generate(7)), SchemaDdl.spanner(RandomSchema.generate(7)));
    assertEquals(SchemaSession.json(RandomSchema.generate(7)), SchemaSession.json(RandomSchema.generate(7)));
    assertNotEquals(SchemaDdl.spanner(RandomSchema.generate(7)), SchemaDdl.spanner(RandomSchema.generate(8)));
  }

  @Test
  void shouldVaryTheNumberOfTablesFromOneToEight() {
    Set<Integer> sizes = new HashSet<>();
    for (long seed = 1; seed <= 100; seed++) {
      sizes.add(RandomSchema.generate(seed).tables().size());
    }

    assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), sizes);
  }

  @Test
  void shouldMapEveryTableAndColumnThroughTheSessionItWrites() {
    for (long seed = 1; seed <= 50; seed++) {
      RandomSchema schema = RandomSchema.generate(seed);
      SchemaMapping mapping = SessionFile.parse("seed-" + seed + ".json", SchemaSession.json(schema));

      for (Table table : schema.tables()) {
        TableMapping mapped = mapping.forSpannerTable(table.spanner()).orElseThrow();
        assertEquals(table.mysql(), mapped.sourceName(), schema.describe());
        assertEquals(table.sourceKey().stream().map(k -> table.column(k).mysql()).toList(),
            mapped.sourcePrimaryKey(), schema.describe());
        assertEquals(RandomSchema.SHARD_COLUMN, mapped.shardIdColumnName().orElseThrow());
        for (Column column : table.columns()) {
          if (column.role() != Role.SHARD) {
            assertEquals(column.mysql(), mapped.bySpannerColumn(column.spanner()).orElseThrow().sourceName());
          }
        }
      }
    }
  }

  @Test
  void shouldCascadeSomeSelfReferencesOnBothSidesAndNothingElse() {
    int cascading = 0;
    int plain = 0;
    for (long seed = 1; seed <= 100; seed++) {
      RandomSchema schema = RandomSchema.generate(seed);
      for (Table table : schema.tables()) {
        boolean self = table.spanner().equals(table.references());
        assertTrue(!table.cascades() || self, schema.describe());
        String spannerFk = SchemaDdl.spanner(schema).stream()
            .filter(ddl -> ddl.startsWith("ALTER TABLE " + table.spanner() + " ")).findFirst().orElse("");
        String mysqlFk = SchemaDdl.mysql(schema).stream()
            .filter(ddl -> ddl.contains("`fk_" + table.mysql() + "_ref`")).findFirst().orElse("");
        assertEquals(table.cascades(), spannerFk.endsWith(" ON DELETE CASCADE"), spannerFk);
        assertEquals(table.cascades(), mysqlFk.endsWith(" ON DELETE CASCADE"), mysqlFk);
        cascading += self && table.cascades() ? 1 : 0;
        plain += self && !table.cascades() ? 1 : 0;
      }
    }

    assertTrue(cascading > 10 && plain > 10, cascading + " cascading, " + plain + " plain self-references");
  }

  @Test
  void shouldKeepTheShardColumnOutOfMySqlAndInsideTheSpannerKeyOnlyWhenAsked() {
    for (long seed = 1; seed <= 50; seed++) {
      RandomSchema schema = RandomSchema.generate(seed);
      for (Table table : schema.tables()) {
        assertEquals(table.shardInKey(), table.key().contains(RandomSchema.SHARD_COLUMN));
        assertTrue(SchemaDdl.mysql(schema).stream().noneMatch(ddl -> ddl.contains(RandomSchema.SHARD_COLUMN)));
      }
    }
  }
}
