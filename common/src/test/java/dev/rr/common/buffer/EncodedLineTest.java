package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-level reader of encoder-shaped lines gives the record (and ordering key) the text
 * decoder gives, reads every line the encoder writes in ASCII, and leaves every other line to the
 * decoder.
 */
class EncodedLineTest {
  /** Text pieces: plain, escaped by the encoder (quote, backslash, control, HTML-safe), non-ASCII. */
  private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001",
      "\u001f", "=", "<", ">", "&", "'", "\u007f", "é", "\u00ff", "日本", "😀", "\u2028", "{}"};
  private static final String[] VALUES = {"{}", "{\"id\":\"1\"}", "{\"name\":\"O'Brien \\\"Jr\\\"\"}",
      "{\"blob\":\"YmluX2NvbHVtbg==\",\"at\":\"2024-06-01T00:00:00.123456Z\"}"};

  @Test
  void shouldGiveTheDecodersRecordForEveryLineTheEncoderWrites() {
    Random random = new Random(41);
    EncodedLine reader = new EncodedLine();
    EncodedLine keys = new EncodedLine();
    int read = 0;
    for (int i = 0; i < 5_000; i++) {
      ChangeRecord record = randomRecord(random);
      String line = BufferRecordCodec.encode(record);
      byte[] bytes = bytes(line);
      ChangeRecord fast = reader.record(bytes, bytes.length);
      CommitOrderCheck.LineKey key = keys.key(bytes, bytes.length);
      if (isAscii(record.toString())) {
        assertEquals(record, fast, line);
        assertEquals(CommitOrderCheck.keyOf(line, "test"), key, line);
        read++;
      } else {
        // Non-ASCII text is written as UTF-8 bytes or a \\u escape past ISO-8859-1: the decoder's.
        assertNull(fast, line);
      }
    }
    assertTrue(read > 2_500, "lines read from bytes: " + read);
  }

  @Test
  void shouldReadOnlyWhatTheDecoderReadsTheSameWayWhenLinesAreDamaged() {
    Random random = new Random(43);
    EncodedLine reader = new EncodedLine();
    EncodedLine keys = new EncodedLine();
    int read = 0;
    int left = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = bytes(damage(BufferRecordCodec.encode(randomRecord(random)), random));
      // What the bytes say: a damaged surrogate pair is written as '?'.
      String line = new String(bytes, StandardCharsets.UTF_8);
      ChangeRecord fast = reader.record(bytes, bytes.length);
      CommitOrderCheck.LineKey key = keys.key(bytes, bytes.length);
      if (fast == null) {
        left++;
      } else {
        read++;
        assertEquals(List.of(fast), BufferRecordCodec.decodeAll(line), line);
      }
      if (key != null) {
        assertEquals(CommitOrderCheck.keyOf(line, "test"), key, line);
      }
    }
    // Both outcomes must be exercised for the comparison to mean anything.
    assertTrue(read > 1_000 && left > 1_000, "read " + read + ", left " + left);
  }

  @Test
  void shouldNotReuseTheTextOfTheLineBeforeWhenItDiffersByOneByte() {
    EncodedLine reader = new EncodedLine();
    for (String transaction : List.of("tx-1", "tx-1", "tx-2", "tx-20", "tx-2", "tx-\\u0032")) {
      ChangeRecord record = TestRecords.record(5, 0, transaction.replace("\\u0032", "2"), 0);
      byte[] line = bytes(BufferRecordCodec.encode(record)
          .replace("\"tx-2\"", "\"" + transaction + "\""));
      assertEquals(record, reader.record(line, line.length));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // Another tool's field order, spacing, several mods, nulls, numbers as text.
      "{\"serverTransactionId\":\"t\",\"commitTimestamp\":{\"seconds\":1,\"nanos\":0},"
          + "\"recordSequence\":\"1\",\"tableName\":\"T\",\"mods\":[{\"keysJson\":\"{}\","
          + "\"oldValuesJson\":\"{}\",\"newValuesJson\":\"{}\"}],\"modType\":\"INSERT\","
          + "\"numberOfRecordsInTransaction\":1,\"transactionTag\":\"\",\"modIndex\":0}",
      " {}", "", "{", "{\"commitTimestamp\":{\"seconds\":\"1\",\"nanos\":0}}"})
  void shouldLeaveLinesOfAnyOtherShapeToTheDecoder(String line) {
    byte[] bytes = bytes(line);
    assertNull(new EncodedLine().record(bytes, bytes.length));
    assertNull(new EncodedLine().key(bytes, bytes.length));
  }

  @Test
  void shouldLeaveAModIndexOutsideTheIntRangeToTheDecoder() {
    String line = BufferRecordCodec.encode(TestRecords.record(7, 1, "tx", 3));
    for (String modIndex : List.of("-1", "2147483648", "-9223372036854775808")) {
      byte[] bytes = bytes(line.replace("\"modIndex\":3}", "\"modIndex\":" + modIndex + "}"));
      assertNull(new EncodedLine().record(bytes, bytes.length), modIndex);
      assertNull(new EncodedLine().key(bytes, bytes.length), modIndex);
    }
  }

  @Test
  void shouldReadOnlyTheGivenLengthOfAReusedBuffer() {
    byte[] line = bytes(BufferRecordCodec.encode(TestRecords.record(7, 1, "tx", 3)));
    byte[] buffer = new byte[line.length + 40];
    System.arraycopy(line, 0, buffer, 0, line.length);
    buffer[line.length] = 'x';

    assertNotNull(new EncodedLine().record(buffer, line.length));
    assertNull(new EncodedLine().record(buffer, line.length + 1));
  }

  private static ChangeRecord randomRecord(Random random) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(
            random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 1_717_200_000L,
            random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0))
        // Few distinct ids and sequences: most lines repeat the line before's, some nearly.
        .serverTransactionId("tx-" + random.nextInt(random.nextInt(3) == 0 ? 100 : 3))
        .recordSequence(String.format("%08d", random.nextInt(3)))
        .modIndex(random.nextInt(5) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(9))
        .tableName(random.nextInt(10) == 0 ? text(random) : "orders")
        .modType(ModType.values()[random.nextInt(3)])
        .keysJson(random.nextInt(4) == 0 ? text(random) : VALUES[random.nextInt(VALUES.length)])
        .oldValuesJson(random.nextInt(4) == 0 ? text(random) : VALUES[random.nextInt(VALUES.length)])
        .newValuesJson(random.nextInt(4) == 0 ? text(random) : VALUES[random.nextInt(VALUES.length)])
        .numberOfRecordsInTransaction(random.nextInt(4) == 0 ? random.nextLong() : 5)
        .transactionTag(random.nextInt(5) == 0 ? text(random) : "")
        .shard(random.nextInt(4) == 0 ? null : random.nextInt(5) == 0 ? text(random) : "shard00")
        .build();
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      // Mostly ASCII, so that most lines stay readable from bytes.
      String piece = PIECES[random.nextInt(PIECES.length)];
      text.append(random.nextInt(3) == 0 || isAscii(piece) ? piece : "b");
    }
    return text.toString();
  }

  /** The line with one random edit: a byte replaced, removed or repeated, or a field changed. */
  private static String damage(String line, Random random) {
    int at = random.nextInt(line.length());
    String[] edits = {"\\", "\"", "u", "0", "9", "-", ".", "e", ",", "}", "{", "[", "]", " ", ":",
        "\\u0041", "\\x", "\\ud83d", "null", "é", "\u0001", "00", "1.0", "\"1\""};
    return switch (random.nextInt(6)) {
      case 5 -> renumber(line, random);
      case 0 -> line.substring(0, at) + edits[random.nextInt(edits.length)] + line.substring(at + 1);
      case 1 -> line.substring(0, at) + line.substring(at + 1);
      case 2 -> line.substring(0, at) + edits[random.nextInt(edits.length)] + line.substring(at);
      case 3 -> line.substring(0, at) + line.charAt(at) + line.substring(at);
      default -> line.replace("\"modType\":\"", "\"modType\":\"" + "X".repeat(random.nextInt(2)));
    };
  }

  /** The line with one of its numbers replaced by an unusual one. */
  private static String renumber(String line, Random random) {
    String[] fields = {"seconds", "nanos", "numberOfRecordsInTransaction", "modIndex"};
    String[] numbers = {"-1", "0", "-0", "01", "1.0", "1e3", "\"5\"", "2147483647", "2147483648",
        "999999999", "1000000000", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "253402300799", "253402300800", "null"};
    String field = "\"" + fields[random.nextInt(fields.length)] + "\":";
    int from = line.indexOf(field) + field.length();
    int to = from;
    while (to < line.length() && (Character.isDigit(line.charAt(to)) || line.charAt(to) == '-')) {
      to++;
    }
    return line.substring(0, from) + numbers[random.nextInt(numbers.length)] + line.substring(to);
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }

  private static byte[] bytes(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }
}
