package dev.rr.common.input;

import static dev.rr.common.input.SessionFileTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceTimezone;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every session file layout the Spanner migration tool has written maps the same two tables the
 * same way (fixtures under {@code fixtures/session-variants}, described in their README).
 */
class SessionFileVariantsTest {
  private static final String DIR = "fixtures/session-variants/";

  private static SessionSchemaMapping load(String variant) {
    return SessionFile.parse(variant, fixture(DIR + variant));
  }

  private static ColumnMapping column(TableMapping table, String spannerName) {
    return table.bySpannerColumn(spannerName)
        .orElseThrow(() -> new AssertionError("no column " + spannerName));
  }

  @ParameterizedTest
  @ValueSource(strings = {"name-keyed.json", "name-keyed-numbered.json", "id-keyed.json",
      "id-keyed-sharded.json", "source-type-as-t.json"})
  void shouldMapRenamedTablesAndColumnsOfEveryLayout(String variant) {
    SessionSchemaMapping mapping = load(variant);

    assertEquals(Set.of("Users", "Orders", "audit"), mapping.spannerTables());
    TableMapping users = mapping.forSpannerTable("Users").orElseThrow();
    assertEquals("users", users.sourceName());
    assertEquals(List.of("id"), users.sourcePrimaryKey());
    ColumnMapping fullName = column(users, "full_name");
    assertEquals("name", fullName.sourceName());
    assertEquals(SourceType.of("varchar", 50L), fullName.sourceType());
    assertEquals(SpannerType.of("STRING"), fullName.spannerType());
    assertEquals(SourceType.of("decimal", 10L, 2L), column(users, "balance").sourceType());
    assertEquals(SourceType.of("datetime"), column(users, "created").sourceType());

    TableMapping orders = mapping.forSpannerTable("Orders").orElseThrow();
    assertEquals("orders", orders.sourceName());
    assertEquals(List.of("user_id", "order_id"), orders.sourcePrimaryKey());
    assertEquals(new SourceType("int", List.of(10L), true), column(orders, "amount").sourceType());
  }

  @ParameterizedTest
  @ValueSource(strings = {"name-keyed.json", "name-keyed-numbered.json", "id-keyed.json",
      "id-keyed-sharded.json", "source-type-as-t.json"})
  void shouldLeaveTheSyntheticPrimaryKeyWithoutSourceInEveryLayout(String variant) {
    TableMapping audit = load(variant).forSpannerTable("audit").orElseThrow();

    assertFalse(column(audit, "synth_id").hasSource());
    assertEquals("note", column(audit, "note").sourceName());
    assertEquals(List.of(), audit.sourcePrimaryKey());
  }

  @Test
  void shouldReadShardIdColumnAndTypeAttributesOfShardedSessions() {
    SessionSchemaMapping mapping = load("id-keyed-sharded.json");

    TableMapping orders = mapping.forSpannerTable("Orders").orElseThrow();
    assertEquals("migration_shard_id", orders.shardIdColumn());
    assertFalse(column(orders, "migration_shard_id").hasSource());
    assertEquals(SourceType.of("longtext"),
        column(mapping.forSpannerTable("audit").orElseThrow(), "note").sourceType());
  }

  @Test
  void shouldReadTheSessionsTimezoneOffset() {
    assertEquals(Optional.of(ZoneOffset.of("+10:00")),
        load("name-keyed-numbered.json").sourceTimezone());
    assertEquals(Optional.of(ZoneOffset.UTC), load("id-keyed.json").sourceTimezone());
    assertEquals(ZoneOffset.of("+10:00"), SourceTimezone.resolve(Optional.empty(),
        load("name-keyed-numbered.json")));
  }

  @Test
  void shouldRejectATimezoneOffsetThatIsNoOffset() {
    String json = fixture(DIR + "id-keyed.json")
        .replace("\"TimezoneOffset\": \"+00:00\"", "\"TimezoneOffset\": \"Australia/Sydney\"");

    InputFileException e =
        assertThrows(InputFileException.class, () -> SessionFile.parse("s.json", json));

    assertEquals("$.TimezoneOffset", e.problems().get(0).jsonPath());
  }

  @Test
  void shouldTakeHarbourBridgesMinusOneModifierAsNone() {
    String json = fixture(DIR + "name-keyed.json").replace(
        "{\"Name\": \"datetime\", \"Mods\": null,", "{\"Name\": \"datetime\", \"Mods\": [-1],");

    TableMapping users = SessionFile.parse("s.json", json).forSpannerTable("Users").orElseThrow();

    assertEquals(SourceType.of("datetime"), column(users, "created").sourceType());
  }

  @Test
  void shouldHaveNoShardIdColumnInNameKeyedSessions() {
    assertNull(load("name-keyed.json").forSpannerTable("Orders").orElseThrow().shardIdColumn());
  }

  @Test
  void shouldRejectToSourceNamingAMissingSourceColumn() {
    String json = fixture(DIR + "name-keyed.json")
        .replace("\"full_name\": \"name\"", "\"full_name\": \"nmae\"");

    InputFileException e =
        assertThrows(InputFileException.class, () -> SessionFile.parse("s.json", json));

    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals("$.ToSource.Users.Cols.full_name", e.problems().get(0).jsonPath());
  }

  @Test
  void shouldRejectToSourceNamingAMissingSourceTable() {
    String json = fixture(DIR + "name-keyed.json")
        .replace("\"Users\": {\"Name\": \"users\"", "\"Users\": {\"Name\": \"customers\"");

    InputFileException e =
        assertThrows(InputFileException.class, () -> SessionFile.parse("s.json", json));

    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals("$.ToSource.Users.Name", e.problems().get(0).jsonPath());
  }
}
