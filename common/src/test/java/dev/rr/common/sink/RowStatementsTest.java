package dev.rr.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.sink.RowStatements.Syntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowStatementsTest {
  private static final RowStatements POSTGRES = new RowStatements(Syntax.POSTGRESQL);

  private static MappedChange upsert(long id, String name) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", id);
    values.put("na\"me", name);
    return new MappedChange("us\"ers", ModType.UPDATE, Map.of("id", id), values);
  }

  @Test
  void shouldUpsertOnConflictOfThePrimaryKeyWithDoubleQuotedIdentifiers() {
    SqlStatement statement = POSTGRES.upsert(List.of(upsert(1, "a"), upsert(2, "b")));

    assertEquals("INSERT INTO \"us\"\"ers\" (\"id\", \"na\"\"me\") VALUES (?, ?), (?, ?)"
        + " ON CONFLICT (\"id\") DO UPDATE SET \"na\"\"me\" = EXCLUDED.\"na\"\"me\"", statement.sql());
    assertEquals(List.of(1L, "a", 2L, "b"), statement.params());
  }

  @Test
  void shouldDoNothingOnConflictForARowOfKeyColumnsOnly() {
    MappedChange keyOnly = new MappedChange("t", ModType.INSERT, Map.of("id", 1L), Map.of("id", 1L));

    assertEquals("INSERT INTO \"t\" (\"id\") VALUES (?) ON CONFLICT (\"id\") DO NOTHING",
        POSTGRES.upsert(List.of(keyOnly)).sql());
  }

  @Test
  void shouldDeleteByCompositeKeyAndReadFloatsAsDoublePrecision() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("a", 1L);
    key.put("b", "x");
    MappedChange delete = new MappedChange("t", ModType.DELETE, key, Map.of());
    assertEquals("DELETE FROM \"t\" WHERE (\"a\", \"b\") IN ((?, ?), (?, ?))",
        POSTGRES.delete(List.of(delete, delete)).sql());

    SqlStatement select = POSTGRES.selectByKey(List.of(upsert(1, "a")), List.of("id", "f"), Set.of("f"));
    assertEquals("SELECT CASE WHEN \"id\" = ? THEN ? END, \"id\", CAST(\"f\" AS double precision)"
        + " FROM \"us\"\"ers\" WHERE \"id\" = ?", select.sql());
  }

  @Test
  void shouldRefuseMoreParametersThanTheServerTakes() {
    List<MappedChange> rows = new ArrayList<>();
    for (long i = 0; i < Syntax.POSTGRESQL.maxParameters() / 2 + 1; i++) {
      rows.add(upsert(i, "n"));
    }
    assertThrows(IllegalArgumentException.class, () -> POSTGRES.upsert(rows));
  }
}
