package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BufferRecordCodecTest {

  private static List<String> fixtureLines() throws Exception {
    return Files.readAllLines(TestRecords.fixture(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldDecodeEveryFixtureFieldIncludingGsonEscapes() throws Exception {
    List<String> lines = fixtureLines();
    assertEquals(6, lines.size());

    ChangeRecord first = BufferRecordCodec.decode(lines.get(0));
    assertEquals(Timestamp.ofTimeSecondsAndNanos(1719247984, 109263000), first.commitTimestamp());
    assertEquals("NzkxOTE5OTY4NTQzNjMzODY3Mg==", first.serverTransactionId());
    assertEquals("00000000", first.recordSequence());
    assertEquals(0, first.modIndex());
    assertEquals("Users", first.tableName());
    assertEquals(ModType.INSERT, first.modType());
    assertEquals("{\"id\":\"1\"}", first.keysJson());
    assertEquals("{}", first.oldValuesJson());
    assertEquals("{\"name\":\"FF\"}", first.newValuesJson());
    assertEquals(1, first.numberOfRecordsInTransaction());
    assertEquals("", first.transactionTag());
    assertEquals("ls1", first.shard());

    ChangeRecord second = BufferRecordCodec.decode(lines.get(1));
    assertEquals("AllDatatypeTransformation", second.tableName());
    assertTrue(second.newValuesJson().contains("\"binary_column\":\"YmluX2NvbHVtbg==\""),
        second.newValuesJson());
    assertEquals(
        "99999.99",
        JsonParser.parseString(second.newValuesJson()).getAsJsonObject()
            .get("decimal_column").getAsString());

    assertEquals(ModType.UPDATE, BufferRecordCodec.decode(lines.get(2)).modType());
    assertEquals(ModType.DELETE, BufferRecordCodec.decode(lines.get(3)).modType());
  }

  @Test
  void shouldEncodeFixtureLinesBackInTheSameFormatPlusModIndex() throws Exception {
    for (String line : fixtureLines()) {
      String expected = line.substring(0, line.length() - 1) + ",\"modIndex\":0}";
      assertEquals(expected, BufferRecordCodec.encode(BufferRecordCodec.decode(line)));
    }
  }

  @Test
  void shouldRoundTripEveryField() {
    ChangeRecord record = TestRecords.rich();
    String line = BufferRecordCodec.encode(record);
    assertEquals(record, BufferRecordCodec.decode(line));
    assertFalse(line.contains("\n"), line);
    assertFalse(line.contains("="), "'=' is written as \\u003d like the established files: " + line);
    assertTrue(line.contains("\\u003d"), line);
  }

  @Test
  void shouldWriteExactlyTheDocumentedFieldNames() {
    JsonObject object = JsonParser.parseString(BufferRecordCodec.encode(TestRecords.rich()))
        .getAsJsonObject();
    assertEquals(
        List.of("commitTimestamp", "serverTransactionId", "recordSequence", "tableName", "mods",
            "modType", "numberOfRecordsInTransaction", "transactionTag", "shard", "modIndex"),
        List.copyOf(object.keySet()));
    assertEquals(List.of("seconds", "nanos"),
        List.copyOf(object.getAsJsonObject("commitTimestamp").keySet()));
    assertEquals(1, object.getAsJsonArray("mods").size());
    assertEquals(List.of("keysJson", "oldValuesJson", "newValuesJson"),
        List.copyOf(object.getAsJsonArray("mods").get(0).getAsJsonObject().keySet()));
    assertEquals(4, object.get("modIndex").getAsInt());
  }

  @Test
  void shouldOmitShardBeforeRoutingAndReadItBackAsNull() {
    ChangeRecord unrouted = TestRecords.rich().withShard(null);
    String line = BufferRecordCodec.encode(unrouted);
    assertFalse(line.contains("\"shard\""), line);
    assertNull(BufferRecordCodec.decode(line).shard());
  }

  @Test
  void shouldSplitALineWithSeveralModsIntoOneRecordPerMod() {
    String line =
        "{\"commitTimestamp\":{\"seconds\":10,\"nanos\":5},\"serverTransactionId\":\"t\","
            + "\"recordSequence\":\"00000002\",\"tableName\":\"T\",\"mods\":["
            + "{\"keysJson\":\"{\\\"id\\\":\\\"1\\\"}\",\"oldValuesJson\":\"{}\",\"newValuesJson\":\"{\\\"a\\\":1}\"},"
            + "{\"keysJson\":\"{\\\"id\\\":\\\"2\\\"}\",\"newValuesJson\":\"{\\\"a\\\":2}\"},"
            + "{\"keysJson\":\"{\\\"id\\\":\\\"3\\\"}\",\"oldValuesJson\":null,\"newValuesJson\":\"{\\\"a\\\":3}\"}],"
            + "\"modType\":\"INSERT\",\"numberOfRecordsInTransaction\":2,\"transactionTag\":\"x\","
            + "\"shard\":\"s\",\"isLastRecordInTransactionInPartition\":true}";
    List<ChangeRecord> records = BufferRecordCodec.decodeAll(line);
    assertEquals(3, records.size());
    for (int i = 0; i < 3; i++) {
      ChangeRecord record = records.get(i);
      assertEquals(i, record.modIndex());
      assertEquals("{\"id\":\"" + (i + 1) + "\"}", record.keysJson());
      assertEquals("{}", record.oldValuesJson());
      assertEquals("{\"a\":" + (i + 1) + "}", record.newValuesJson());
      assertEquals("00000002", record.recordSequence());
      assertEquals(Timestamp.ofTimeSecondsAndNanos(10, 5), record.commitTimestamp());
    }
    BufferFormatException e =
        assertThrows(BufferFormatException.class, () -> BufferRecordCodec.decode(line));
    assertTrue(e.getMessage().contains("3 mods"), e.getMessage());
  }

  @Test
  void shouldNumberModsFromTheLinesModIndex() {
    String line = BufferRecordCodec.encode(TestRecords.rich());
    assertEquals(4, BufferRecordCodec.decode(line).modIndex());
    String withoutModIndex = line.replace(",\"modIndex\":4", "");
    assertEquals(0, BufferRecordCodec.decode(withoutModIndex).modIndex());
  }

  @Test
  void shouldAcceptIntegersWrittenAsStringsAndDefaultOptionalFields() {
    String line =
        "{\"commitTimestamp\":{\"seconds\":\"1719247984\"},\"serverTransactionId\":\"t\","
            + "\"recordSequence\":\"0\",\"tableName\":\"T\",\"mods\":[{\"keysJson\":\"{}\"}],"
            + "\"modType\":\"DELETE\",\"numberOfRecordsInTransaction\":\"7\"}";
    ChangeRecord record = BufferRecordCodec.decode(line);
    assertEquals(Timestamp.ofTimeSecondsAndNanos(1719247984, 0), record.commitTimestamp());
    assertEquals(7, record.numberOfRecordsInTransaction());
    assertEquals("", record.transactionTag());
    assertNull(record.shard());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing table | \"tableName\":\"T\", | field tableName missing",
        "numeric table | \"tableName\":\"T\" | field tableName is 5",
        "bad mod type | \"modType\":\"INSERT\" | field modType is \"UPSERT\"",
        "fractional count | \"numberOfRecordsInTransaction\":1 | field numberOfRecordsInTransaction is 1.5",
        "bad nanos | \"nanos\":0 | field commitTimestamp",
        "empty mods | \"mods\":[{\"keysJson\":\"{}\"}] | field mods is []",
        "mod without keys | \"mods\":[{\"keysJson\":\"{}\"}] | field mods[0].keysJson missing",
        "negative mod index | \"modIndex\":0 | field modIndex is -1"
      })
  void shouldNameTheFieldAndValueThatBreakTheFormat(String name, String original, String expected) {
    String valid =
        "{\"commitTimestamp\":{\"seconds\":1,\"nanos\":0},\"serverTransactionId\":\"t\","
            + "\"recordSequence\":\"0\",\"tableName\":\"T\",\"mods\":[{\"keysJson\":\"{}\"}],"
            + "\"modType\":\"INSERT\",\"numberOfRecordsInTransaction\":1,\"modIndex\":0}";
    assertEquals(1, BufferRecordCodec.decodeAll(valid).size());
    String broken = valid.replace(original, switch (name) {
      case "missing table" -> "";
      case "numeric table" -> "\"tableName\":5";
      case "bad mod type" -> "\"modType\":\"UPSERT\"";
      case "fractional count" -> "\"numberOfRecordsInTransaction\":1.5";
      case "bad nanos" -> "\"nanos\":1000000000";
      case "empty mods" -> "\"mods\":[]";
      case "mod without keys" -> "\"mods\":[{\"newValuesJson\":\"{}\"}]";
      case "negative mod index" -> "\"modIndex\":-1";
      default -> throw new IllegalArgumentException(name);
    });
    assertFalse(broken.equals(valid), "test replacement did not apply");
    BufferFormatException e =
        assertThrows(BufferFormatException.class, () -> BufferRecordCodec.decodeAll(broken));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void shouldReadEveryLineAsTheJsonTreeReadsIt() throws Exception {
    String valid =
        "{\"commitTimestamp\":{\"seconds\":1,\"nanos\":5,\"x\":[1]},\"serverTransactionId\":\"t\","
            + "\"recordSequence\":\"0\",\"tableName\":\"T\",\"mods\":[{\"keysJson\":\"{\\\"a\\\":1}\","
            + "\"oldValuesJson\":null,\"newValuesJson\":\"{\\u003d}\",\"y\":{}}],"
            + "\"modType\":\"INSERT\",\"numberOfRecordsInTransaction\":1,\"modIndex\":3}";
    List<String> lines = new ArrayList<>(fixtureLines());
    lines.add(valid);
    lines.add(valid.replace("\"modIndex\":3", "\"modIndex\":\"4\",\"shard\":null,\"transactionTag\":null"));
    lines.add(valid.replace("\"mods\":[{", "\"mods\":[{\"keysJson\":\"{}\"},{"));
    lines.add(valid.replace("\"tableName\":\"T\"", "tableName:T"));
    lines.add(valid.replace(",\"modIndex\":3", ""));
    lines.add(valid.replace("\"seconds\":1", "\"seconds\":\"1.0\""));
    lines.add(valid + " ");
    for (String line : lines) {
      assertEquals(BufferRecordCodec.decodeTree(line), BufferRecordCodec.decodeAll(line), line);
    }
    // What the tree rejects (a repeated field, trailing text) is rejected the same way.
    for (String line : List.of(valid.replace("\"tableName\":\"T\"", "\"tableName\":\"T\",\"tableName\":\"U\""),
        valid.replace("\"keysJson\":", "\"keysJson\":\"{}\",\"keysJson\":"),
        valid + "{}", valid.replace("\"modType\":\"INSERT\"", "\"modType\":null"))) {
      String tree = message(() -> BufferRecordCodec.decodeTree(line));
      assertEquals(tree, message(() -> BufferRecordCodec.decodeAll(line)), line);
    }
  }

  /** What {@code decode} throws, or what it returns. */
  private static String message(Supplier<List<ChangeRecord>> decode) {
    try {
      return decode.get().toString();
    } catch (BufferFormatException e) {
      return "error: " + e.getMessage();
    }
  }

  @Test
  void shouldRejectLinesThatAreNotJsonObjects() {
    assertThrows(BufferFormatException.class, () -> BufferRecordCodec.decodeAll("{\"a\":"));
    assertThrows(BufferFormatException.class, () -> BufferRecordCodec.decodeAll("[1,2]"));
  }

  @Test
  void shouldShortenHugeValuesInErrors() {
    String huge = "x".repeat(10_000);
    BufferFormatException e =
        assertThrows(BufferFormatException.class, () -> BufferRecordCodec.decodeAll("{\"" + huge));
    assertTrue(e.getMessage().length() < 500, e.getMessage());
  }
}
