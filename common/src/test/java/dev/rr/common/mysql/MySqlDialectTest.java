package dev.rr.common.mysql;

import static dev.rr.common.mysql.Types.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MySqlDialectTest {

  private final MySqlDialect dialect = new MySqlDialect();

  /** The interleave fixture's child21: Spanner key (id, child_id), source key (child_id). */
  static final TableMapping CHILD21 =
      new TableMapping(
          "child21",
          "child21",
          List.of(
              column("child_id", "INT64", "child_id", "int(10)"),
              column("id", "INT64", "parent_id", "int(10)"),
              column("update_ts", "TIMESTAMP", "update_ts", "timestamp"),
              column("in_ts", "TIMESTAMP", "in_ts", "timestamp")),
          List.of("child_id"),
          null);

  /** Reserved words and a backtick as names; a Spanner-only shard column. */
  static final TableMapping ORDER =
      new TableMapping(
          "Orders",
          "order",
          List.of(
              column("Id", "INT64", "select", "bigint"),
              column("Name", "STRING", "from", "varchar(20)"),
              column("Odd", "STRING", "we`ird", "text"),
              new ColumnMapping("migration_shard_id", Types.spanner("STRING"), null, null)),
          List.of("select"),
          "migration_shard_id");

  /** Every column is a key column. */
  static final TableMapping TAGS =
      new TableMapping(
          "Tags",
          "tags",
          List.of(column("post", "INT64", "bigint"), column("tag", "STRING", "varchar(20)")),
          List.of("post", "tag"),
          null);

  @Test
  void shouldUpsertInsertWithValuesOfKeysAndNewValuesByTheSourceNames() {
    SqlStatement statement =
        dialect.statement(
            record(ModType.INSERT, "{\"id\":\"2\",\"child_id\":\"21\"}",
                "{\"update_ts\":\"2024-01-01T00:00:00.5Z\",\"in_ts\":null}"),
            CHILD21);
    assertEquals(
        "INSERT INTO `child21` (`child_id`, `parent_id`, `update_ts`, `in_ts`) VALUES (?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE `parent_id` = VALUES(`parent_id`),"
            + " `update_ts` = VALUES(`update_ts`), `in_ts` = VALUES(`in_ts`)",
        statement.sql());
    assertEquals(
        Arrays.asList(21L, 2L, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 500_000_000), null),
        statement.params());
  }

  @Test
  void shouldDeleteChild21ByItsSourcePrimaryKeyNotItsSpannerKey() {
    SqlStatement statement =
        dialect.statement(record(ModType.DELETE, "{\"id\":\"2\",\"child_id\":\"21\"}", "{}"), CHILD21);
    assertEquals("DELETE FROM `child21` WHERE `child_id` = ?", statement.sql());
    assertEquals(List.of(21L), statement.params());
  }

  @Test
  void shouldOfferUpsertAndDeleteStraightFromRecordsForTheirKindOnly() {
    ChangeRecord delete = record(ModType.DELETE, "{\"id\":\"2\",\"child_id\":\"21\"}", "{}");
    ChangeRecord insert = record(ModType.INSERT, "{\"id\":\"2\",\"child_id\":\"21\"}", "{}");
    assertEquals(dialect.statement(delete, CHILD21), dialect.delete(delete, CHILD21));
    assertEquals(dialect.statement(insert, CHILD21), dialect.upsert(insert, CHILD21));
    assertThrows(IllegalArgumentException.class, () -> dialect.upsert(delete, CHILD21));
    assertThrows(IllegalArgumentException.class, () -> dialect.delete(insert, CHILD21));
  }

  @Test
  void shouldQuoteReservedWordsAndDoubleEmbeddedBackticks() {
    SqlStatement statement =
        dialect.statement(
            record(ModType.UPDATE, "{\"Id\":\"7\"}",
                "{\"Name\":\"it's\",\"Odd\":\"x\",\"migration_shard_id\":\"ls1\"}"),
            ORDER);
    assertEquals(
        "INSERT INTO `order` (`select`, `from`, `we``ird`) VALUES (?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE `from` = VALUES(`from`), `we``ird` = VALUES(`we``ird`)",
        statement.sql());
    assertEquals(List.of(7L, "it's", "x"), statement.params());
    assertEquals("`a``b`", MySqlDialect.quote("a`b"));
  }

  @Test
  void shouldLeaveColumnsAbsentFromTheRecordOutOfTheStatement() {
    SqlStatement statement =
        dialect.statement(record(ModType.UPDATE, "{\"Id\":\"7\"}", "{\"Odd\":\"y\"}"), ORDER);
    assertEquals(
        "INSERT INTO `order` (`select`, `we``ird`) VALUES (?, ?)"
            + " ON DUPLICATE KEY UPDATE `we``ird` = VALUES(`we``ird`)",
        statement.sql());
    assertEquals(List.of(7L, "y"), statement.params());
  }

  @Test
  void shouldUpsertAKeyOnlyTableWithANoOpAssignment() {
    SqlStatement statement =
        dialect.statement(record(ModType.INSERT, "{\"post\":\"1\",\"tag\":\"select\"}", "{}"), TAGS);
    assertEquals(
        "INSERT INTO `tags` (`post`, `tag`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `post` = `post`",
        statement.sql());
    assertEquals(List.of(1L, "select"), statement.params());
  }

  @Test
  void shouldDeleteByEveryKeyColumnInKeyOrder() {
    SqlStatement statement =
        dialect.statement(record(ModType.DELETE, "{\"tag\":\"a\",\"post\":\"1\"}", "{}"), TAGS);
    assertEquals("DELETE FROM `tags` WHERE `post` = ? AND `tag` = ?", statement.sql());
    assertEquals(List.of(1L, "a"), statement.params());
  }

  @Test
  void shouldTakeTheDeleteKeyFromOldValuesWhenTheSourceKeyIsNotASpannerKey() {
    TableMapping byEmail = byEmail();
    SqlStatement statement =
        dialect.statement(
            ChangeRecord.builder()
                .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(10, 0))
                .serverTransactionId("tx")
                .tableName("Users")
                .modType(ModType.DELETE)
                .keysJson("{\"id\":\"1\"}")
                .oldValuesJson("{\"id\":\"1\",\"email\":\"a@b\"}")
                .build(),
            byEmail);
    assertEquals("DELETE FROM `users` WHERE `email` = ?", statement.sql());
    assertEquals(List.of("a@b"), statement.params());
  }

  @Test
  void shouldFailLoudlyWhenADeleteLacksASourceKeyValue() {
    MappingException error =
        assertThrows(
            MappingException.class,
            () -> dialect.map(record(ModType.DELETE, "{\"id\":\"1\"}", "{}"), byEmail()));
    assertTrue(error.getMessage().contains("users.email"), error.getMessage());
    assertTrue(error.getMessage().contains("NEW_ROW_AND_OLD_VALUES"), error.getMessage());
    assertEquals(ErrorClass.PERMANENT, MySqlErrorClassifier.classify(error));
  }

  @Test
  void shouldFailWhenASourceKeyColumnHasNoSpannerColumn() {
    TableMapping noSpannerKey =
        new TableMapping("T", "t", List.of(column("a", "INT64", "int")), List.of("b"), null);
    MappingException error =
        assertThrows(
            MappingException.class,
            () -> dialect.map(record(ModType.INSERT, "{\"a\":\"1\"}", "{}"), noSpannerKey));
    assertTrue(error.getMessage().contains("t.b has no Spanner column"), error.getMessage());
  }

  @Test
  void shouldRejectMalformedJson() {
    assertThrows(
        MappingException.class,
        () -> dialect.map(record(ModType.INSERT, "{\"post\":", "{}"), TAGS));
    assertThrows(
        MappingException.class, () -> dialect.map(record(ModType.INSERT, "[1]", "{}"), TAGS));
  }

  @Test
  void shouldBuildOneMultiRowUpsertInListOrder() {
    MappedChange first = dialect.map(record(ModType.INSERT, "{\"Id\":\"1\"}", "{\"Name\":\"a\"}"), ORDER);
    MappedChange second =
        new MappedChange("order", ModType.UPDATE, Map.of("select", 2L), reversed(2L, "b"));
    SqlStatement statement = dialect.upsertBatch(List.of(first, second));
    assertEquals(
        "INSERT INTO `order` (`select`, `from`) VALUES (?, ?), (?, ?)"
            + " ON DUPLICATE KEY UPDATE `from` = VALUES(`from`)",
        statement.sql());
    assertEquals(List.of(1L, "a", 2L, "b"), statement.params());
  }

  @Test
  void shouldRefuseToBatchDifferentColumnSetsTablesOrKinds() {
    MappedChange nameOnly = dialect.map(record(ModType.INSERT, "{\"Id\":\"1\"}", "{\"Name\":\"a\"}"), ORDER);
    MappedChange oddOnly = dialect.map(record(ModType.INSERT, "{\"Id\":\"2\"}", "{\"Odd\":\"a\"}"), ORDER);
    MappedChange tag = dialect.map(record(ModType.INSERT, "{\"post\":\"1\",\"tag\":\"a\"}", "{}"), TAGS);
    MappedChange delete = dialect.map(record(ModType.DELETE, "{\"Id\":\"3\"}", "{}"), ORDER);
    assertThrows(IllegalArgumentException.class, () -> dialect.upsertBatch(List.of(nameOnly, oddOnly)));
    assertThrows(IllegalArgumentException.class, () -> dialect.upsertBatch(List.of(nameOnly, tag)));
    assertThrows(IllegalArgumentException.class, () -> dialect.upsertBatch(List.of(nameOnly, delete)));
    assertThrows(IllegalArgumentException.class, () -> dialect.deleteBatch(List.of(delete, nameOnly)));
    assertThrows(IllegalArgumentException.class, () -> dialect.upsertBatch(List.of()));
  }

  @Test
  void shouldInsertWithoutAnUpsertClauseSoThatAnyDuplicateKeyFails() {
    MappedChange row =
        dialect.map(record(ModType.INSERT, "{\"Id\":\"1\"}", "{\"Name\":\"a\"}"), ORDER);
    SqlStatement statement = dialect.insertBatch(List.of(row, row));
    assertEquals("INSERT INTO `order` (`select`, `from`) VALUES (?, ?), (?, ?)", statement.sql());
    assertEquals(List.of(1L, "a", 1L, "a"), statement.params());
  }

  @Test
  void shouldSelectRowsByCompositeKeyNumberingEachRowWithItsChangesIndex() {
    SqlStatement statement =
        dialect.selectByKey(
            List.of(
                dialect.map(record(ModType.INSERT, "{\"post\":\"1\",\"tag\":\"a\"}", "{}"), TAGS),
                dialect.map(record(ModType.UPDATE, "{\"post\":\"2\",\"tag\":\"b\"}", "{}"), TAGS)),
            List.of("post", "tag", "from"), Set.of("from"));
    String when = "WHEN `post` = ? AND `tag` = ? THEN ?";
    assertEquals("SELECT CASE " + when + " " + when + " END, `post`, `tag`,"
        + " CAST(`from` AS DOUBLE) FROM `tags`"
        + " WHERE (`post`, `tag`) IN ((?, ?), (?, ?))", statement.sql());
    assertEquals(List.of(1L, "a", 0L, 2L, "b", 1L, 1L, "a", 2L, "b"), statement.params());
  }

  @Test
  void shouldDeleteManyRowsOfAOneColumnKeyWithIn() {
    SqlStatement statement =
        dialect.deleteBatch(
            List.of(
                dialect.map(record(ModType.DELETE, "{\"id\":\"2\",\"child_id\":\"21\"}", "{}"), CHILD21),
                dialect.map(record(ModType.DELETE, "{\"id\":\"2\",\"child_id\":\"22\"}", "{}"), CHILD21)));
    assertEquals("DELETE FROM `child21` WHERE `child_id` IN (?, ?)", statement.sql());
    assertEquals(List.of(21L, 22L), statement.params());
  }

  @Test
  void shouldDeleteManyRowsOfACompositeKeyWithARowConstructor() {
    SqlStatement statement =
        dialect.deleteBatch(
            List.of(
                dialect.map(record(ModType.DELETE, "{\"post\":\"1\",\"tag\":\"a\"}", "{}"), TAGS),
                dialect.map(record(ModType.DELETE, "{\"post\":\"2\",\"tag\":\"b\"}", "{}"), TAGS)));
    assertEquals(
        "DELETE FROM `tags` WHERE (`post`, `tag`) IN ((?, ?), (?, ?))", statement.sql());
    assertEquals(List.of(1L, "a", 2L, "b"), statement.params());
  }

  @Test
  void shouldRefuseAStatementBeyondTheParameterLimit() {
    MappedChange row = dialect.map(record(ModType.INSERT, "{\"post\":\"1\",\"tag\":\"a\"}", "{}"), TAGS);
    List<MappedChange> rows = Collections.nCopies(MySqlDialect.MAX_PARAMETERS / 2 + 1, row);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> dialect.upsertBatch(rows));
    assertTrue(error.getMessage().contains("65535"), error.getMessage());
    assertEquals(
        MySqlDialect.MAX_PARAMETERS - 1,
        dialect.upsertBatch(rows.subList(0, rows.size() - 1)).params().size());
  }

  @Test
  void shouldSetTheSessionTimeZoneToTheSourceOffset() {
    assertEquals(List.of("+00:00"), dialect.sessionTimeZone().params());
    assertEquals("SET time_zone = ?", dialect.sessionTimeZone().sql());
    assertEquals(List.of("+05:30"), new MySqlDialect(ZoneOffset.of("+05:30")).sessionTimeZone().params());
    assertEquals(List.of("-03:30"), new MySqlDialect(ZoneOffset.of("-03:30")).sessionTimeZone().params());
  }

  @Test
  void shouldConvertTimestampsAtTheDialectsSourceOffset() {
    MySqlDialect ist = new MySqlDialect(ZoneOffset.of("+05:30"));
    MappedChange change =
        ist.map(record(ModType.UPDATE, "{\"id\":\"2\",\"child_id\":\"21\"}",
            "{\"update_ts\":\"2024-01-01T00:00:00Z\"}"), CHILD21);
    assertEquals(LocalDateTime.of(2024, 1, 1, 5, 30), change.values().get("update_ts"));
  }

  @Test
  void shouldBindBytesAsParametersNeverAsSqlText() {
    TableMapping blobs =
        new TableMapping("B", "b", List.of(column("k", "BYTES", "varbinary(8)")), List.of("k"), null);
    SqlStatement statement = dialect.statement(record(ModType.INSERT, "{\"k\":\"Jyk7\"}", "{}"), blobs);
    assertEquals("INSERT INTO `b` (`k`) VALUES (?) ON DUPLICATE KEY UPDATE `k` = `k`", statement.sql());
    assertArrayEquals("');".getBytes(), (byte[]) statement.params().get(0));
  }

  @Test
  void shouldSurviveJavaSerializationAsPipelineStepsNeed() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(new MySqlDialect(ZoneOffset.of("-07:00")));
    }
    MySqlDialect copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (MySqlDialect) in.readObject();
    }
    assertEquals(ZoneOffset.of("-07:00"), copy.sourceTimezone());
    assertEquals(
        LocalDateTime.of(2023, 12, 31, 17, 0),
        copy.map(record(ModType.UPDATE, "{\"id\":\"2\",\"child_id\":\"21\"}",
            "{\"update_ts\":\"2024-01-01T00:00:00Z\"}"), CHILD21).values().get("update_ts"));
  }

  private static TableMapping byEmail() {
    return new TableMapping(
        "Users",
        "users",
        List.of(column("id", "INT64", "bigint"), column("email", "STRING", "varchar(50)")),
        List.of("email"),
        null);
  }

  private static Map<String, Object> reversed(long id, String name) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("from", name);
    values.put("select", id);
    return values;
  }

  static ChangeRecord record(ModType type, String keys, String values) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1_700_000_000, 0))
        .serverTransactionId("tx1")
        .tableName("any")
        .modType(type)
        .keysJson(keys)
        .newValuesJson(type == ModType.DELETE ? "{}" : values)
        .oldValuesJson(type == ModType.DELETE ? values : "{}")
        .build();
  }
}
