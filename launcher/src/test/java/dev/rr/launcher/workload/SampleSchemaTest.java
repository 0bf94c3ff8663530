package dev.rr.launcher.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.input.SessionFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleSchemaTest {
  final SchemaMapping mapping = SessionFile.parse("sample-session.json", SampleSchema.sessionJson());

  @Test
  void shouldMapEverySampleTableThroughTheSessionParser() {
    assertEquals(Set.copyOf(SampleSchema.TABLES), mapping.spannerTables());
  }

  @Test
  void shouldMapRenamedChildColumnAndDifferentPrimaryKey() {
    TableMapping child21 = mapping.forSpannerTable("child21").orElseThrow();

    assertEquals("parent_id", child21.bySpannerColumn("id").orElseThrow().sourceName());
    assertEquals(List.of("child_id"), child21.sourcePrimaryKey());
    assertEquals("timestamp(6)", child21.bySpannerColumn("update_ts").orElseThrow().sourceType().toString());
  }

  @Test
  void shouldShardEveryTableByItsSpannerOnlyShardColumn() {
    for (String table : SampleSchema.TABLES) {
      TableMapping mapped = mapping.forSpannerTable(table).orElseThrow();
      assertEquals(SampleSchema.SHARD_ID_COLUMN, mapped.shardIdColumn(), table);
      assertTrue(!mapped.bySpannerColumn(SampleSchema.SHARD_ID_COLUMN).orElseThrow().hasSource(), table);
    }
  }

  @Test
  void shouldInterleaveChild21AndKeepMySqlForeignKeys() {
    assertTrue(SampleSchema.spannerDdl().stream().anyMatch(d -> d.startsWith("CREATE TABLE child21")
        && d.endsWith("PRIMARY KEY (id, child_id), INTERLEAVE IN PARENT parent2 ON DELETE CASCADE")));
    assertTrue(SampleSchema.mysqlDdl().stream().anyMatch(d -> d.startsWith("CREATE TABLE `child21`")
        && d.contains("PRIMARY KEY (`child_id`)") && d.contains("REFERENCES parent2(id)")));
  }
}
