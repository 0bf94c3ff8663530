package dev.rr.common.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.BufferRecordCodec;
import dev.rr.common.input.SessionFile;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The buffer-sample fixture's records through its own session file, as the writer will see them. */
class BufferSampleMappingTest {

  private final MySqlDialect dialect = new MySqlDialect();
  private final SchemaMapping schema =
      SessionFile.parse("session.json", resource("/fixtures/buffer-sample/session.json"));
  private final List<ChangeRecord> events =
      resource("/fixtures/buffer-sample/events.txt")
          .lines()
          .map(BufferRecordCodec::decode)
          .toList();

  @Test
  void shouldMapEveryColumnOfAllDatatypeTransformationToItsMySqlValue() {
    ChangeRecord insert = events.get(1);
    MappedChange change = dialect.map(insert, table("AllDatatypeTransformation"));

    Map<String, Object> values = change.values();
    assertEquals(Map.of("varchar_column", "example2"), change.key());
    assertEquals("example2", values.get("varchar_column"));
    assertEquals(1000L, values.get("bigint_column"));
    assertArrayEquals("bin_column".getBytes(StandardCharsets.UTF_8), (byte[]) values.get("binary_column"));
    assertArrayEquals(new byte[] {0x31}, (byte[]) values.get("bit_column"));
    assertArrayEquals("blob_column".getBytes(StandardCharsets.UTF_8), (byte[]) values.get("blob_column"));
    assertEquals(1L, values.get("bool_column"));
    assertEquals(LocalDate.of(2024, 1, 1), values.get("date_column"));
    assertEquals(LocalDateTime.of(2024, 1, 1, 12, 34, 56), values.get("datetime_column"));
    assertEquals(new BigDecimal("99999.99"), values.get("decimal_column"));
    assertEquals(123456.123d, values.get("double_column"));
    assertEquals("1", values.get("enum_column"));
    assertEquals(12345.67d, values.get("float_column"));
    assertEquals(100L, values.get("int_column"));
    assertEquals("Sample text for entry 2", values.get("text_column"));
    assertEquals("14:30:00", values.get("time_column"));
    assertEquals(LocalDateTime.of(2024, 1, 1, 12, 34, 56), values.get("timestamp_column"));
    assertEquals(2L, values.get("tinyint_column"));
    assertEquals(2024L, values.get("year_column"));
    assertEquals(18, values.size());
  }

  @Test
  void shouldUpsertTheUpdateAndDeleteByTheVarcharKey() {
    TableMapping table = table("AllDatatypeTransformation");
    assertEquals(ModType.UPDATE, events.get(2).modType());
    assertTrue(dialect.statement(events.get(2), table).sql().startsWith("INSERT INTO `AllDatatypeTransformation`"));
    SqlStatement delete = dialect.statement(events.get(3), table);
    assertEquals("DELETE FROM `AllDatatypeTransformation` WHERE `varchar_column` = ?", delete.sql());
    assertEquals(List.of("example2"), delete.params());
  }

  @Test
  void shouldRejectBitValuesWiderThanTheBitColumn() {
    // "examplebit1" is 11 bytes; bit(20) holds 20 bits, so MySQL would refuse it as well.
    ConversionException error =
        assertThrows(
            ConversionException.class,
            () -> dialect.map(events.get(4), table("AllDatatypeTransformation")));
    assertEquals("bit_column", error.column());
    assertTrue(error.getMessage().contains("bit(20)"), error.getMessage());
  }

  @Test
  void shouldMapTheUsersInsert() {
    SqlStatement statement = dialect.statement(events.get(0), table("Users"));
    assertEquals(
        "INSERT INTO `Users` (`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)",
        statement.sql());
    assertEquals(List.of(1L, "FF"), statement.params());
  }

  private TableMapping table(String name) {
    return schema.forSpannerTable(name).orElseThrow();
  }

  private static String resource(String path) {
    try (InputStream in = BufferSampleMappingTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(path, e);
    }
  }
}
