package dev.rr.common.buffer;

import static dev.rr.common.buffer.BufferRecordCodec.COMMIT_TIMESTAMP;
import static dev.rr.common.buffer.BufferRecordCodec.KEYS_JSON;
import static dev.rr.common.buffer.BufferRecordCodec.MODS;
import static dev.rr.common.buffer.BufferRecordCodec.MOD_INDEX;
import static dev.rr.common.buffer.BufferRecordCodec.MOD_TYPE;
import static dev.rr.common.buffer.BufferRecordCodec.NANOS;
import static dev.rr.common.buffer.BufferRecordCodec.NEW_VALUES_JSON;
import static dev.rr.common.buffer.BufferRecordCodec.NUMBER_OF_RECORDS_IN_TRANSACTION;
import static dev.rr.common.buffer.BufferRecordCodec.OLD_VALUES_JSON;
import static dev.rr.common.buffer.BufferRecordCodec.RECORD_SEQUENCE;
import static dev.rr.common.buffer.BufferRecordCodec.SECONDS;
import static dev.rr.common.buffer.BufferRecordCodec.SERVER_TRANSACTION_ID;
import static dev.rr.common.buffer.BufferRecordCodec.SHARD;
import static dev.rr.common.buffer.BufferRecordCodec.TABLE_NAME;
import static dev.rr.common.buffer.BufferRecordCodec.TRANSACTION_TAG;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a buffer line straight from its bytes when it has exactly the shape {@link
 * BufferRecordCodec#encode} writes: the encoder's fields in the encoder's order, one mod, no
 * whitespace, ASCII text with JSON's standard escapes, plain whole numbers. That is every line the
 * reader writes, so the writer skips decoding UTF-8, tokenizing and copying each string twice.
 *
 * <p>Any other line - another tool's field order, several mods, a null, non-ASCII text, a number
 * written as a string, a broken line - gives null, and the caller decodes its text with {@link
 * BufferRecordCodec#decodeAll}, which reads it or names what is wrong exactly as before. A line
 * read here gives the record {@code decodeAll} gives (EncodedLineTest compares the two).
 *
 * <p>One instance reads one file's lines in turn: it reuses the strings and commit timestamp of
 * the line before when they repeat (a transaction's records share all but their values).
 */
final class EncodedLine {
  private static final byte[] START =
      ascii("{\"" + COMMIT_TIMESTAMP + "\":{\"" + SECONDS + "\":");
  private static final byte[] THEN_NANOS = ascii(",\"" + NANOS + "\":");
  private static final byte[] THEN_TRANSACTION = ascii("},\"" + SERVER_TRANSACTION_ID + "\":\"");
  private static final byte[] THEN_SEQUENCE = field(RECORD_SEQUENCE);
  private static final byte[] THEN_TABLE = field(TABLE_NAME);
  private static final byte[] THEN_KEYS = ascii(",\"" + MODS + "\":[{\"" + KEYS_JSON + "\":\"");
  private static final byte[] THEN_OLD_VALUES = field(OLD_VALUES_JSON);
  private static final byte[] THEN_NEW_VALUES = field(NEW_VALUES_JSON);
  private static final byte[] THEN_MOD_TYPE = ascii("}],\"" + MOD_TYPE + "\":\"");
  private static final byte[] THEN_RECORDS = ascii(",\"" + NUMBER_OF_RECORDS_IN_TRANSACTION + "\":");
  private static final byte[] THEN_TAG = field(TRANSACTION_TAG);
  private static final byte[] THEN_SHARD = field(SHARD);
  private static final byte[] THEN_MOD_INDEX = ascii(",\"" + MOD_INDEX + "\":");
  private static final byte[] EMPTY_OBJECT = ascii("{}");
  private static final ModType[] TYPES = ModType.values();
  private static final byte[][] TYPE_NAMES =
      Arrays.stream(TYPES).map(type -> ascii(type.name())).toArray(byte[][]::new);
  /** Digits that always fit a long. */
  private static final int MAX_DIGITS = 18;

  /** Thrown (without a stack) when the line is not in the encoder's shape; never leaves here. */
  private static final NotEncoded NOT_ENCODED = new NotEncoded();

  private final Repeated transaction = new Repeated();
  private final Repeated sequence = new Repeated();
  private final Repeated table = new Repeated();
  private final Repeated tag = new Repeated();
  private final Repeated shard = new Repeated();
  private long commitSeconds;
  private long commitNanos = -1;
  private Timestamp commit;
  private byte[] unescaped = new byte[256];

  private byte[] line;
  private int end;
  private int at;
  /** Whether the string {@link #closingQuote} last checked holds an escape. */
  private boolean escapes;

  /** The record {@code line[0, length)} holds, or null when it is not in the encoder's shape. */
  ChangeRecord record(byte[] line, int length) {
    return read(line, length, true);
  }

  /**
   * The ordering key of {@code line[0, length)}, reading its mod's strings only as far as to find
   * where they end; null when the line is not in the encoder's shape.
   */
  CommitOrderCheck.LineKey key(byte[] line, int length) {
    ChangeRecord record = read(line, length, false);
    return record == null ? null : new CommitOrderCheck.LineKey(record.commitTimestamp(),
        record.serverTransactionId(), record.recordSequence(), record.modIndex(), 1);
  }

  /**
   * The record of {@code line[0, length)}, or null when it is not in the encoder's shape; without
   * {@code values} its mod's keys and values are only checked, and left empty.
   */
  private ChangeRecord read(byte[] line, int length, boolean values) {
    start(line, length);
    try {
      readCommit();
      String transactionId = transaction.read(this, THEN_TRANSACTION);
      String recordSequence = sequence.read(this, THEN_SEQUENCE);
      String tableName = table.read(this, THEN_TABLE);
      literal(THEN_KEYS);
      String keys = text(values);
      literal(THEN_OLD_VALUES);
      String oldValues = text(values);
      literal(THEN_NEW_VALUES);
      String newValues = text(values);
      ModType type = readModType();
      literal(THEN_RECORDS);
      long records = whole();
      String transactionTag = tag.read(this, THEN_TAG);
      String shardId = follows(THEN_SHARD) ? shard.read(this, THEN_SHARD) : null;
      int modIndex = readModIndex();
      return new ChangeRecord(commit, transactionId, recordSequence, modIndex, tableName, type,
          keys, oldValues, newValues, records, transactionTag, shardId);
    } catch (NotEncoded e) {
      return null;
    }
  }

  private void start(byte[] line, int length) {
    this.line = line;
    this.end = length;
    this.at = 0;
  }

  private void readCommit() {
    literal(START);
    long seconds = whole();
    literal(THEN_NANOS);
    long nanos = whole();
    if (seconds != commitSeconds || nanos != commitNanos) {
      try {
        commit = Timestamp.ofTimeSecondsAndNanos(seconds, Math.toIntExact(nanos));
      } catch (IllegalArgumentException | ArithmeticException e) {
        // Out of Timestamp's range: the decoder names it.
        throw NOT_ENCODED;
      }
      commitSeconds = seconds;
      commitNanos = nanos;
    }
  }

  private ModType readModType() {
    literal(THEN_MOD_TYPE);
    int from = at;
    int quote = closingQuote();
    at = quote + 1;
    for (int i = 0; i < TYPES.length; i++) {
      if (Arrays.equals(line, from, quote, TYPE_NAMES[i], 0, TYPE_NAMES[i].length)) {
        return TYPES[i];
      }
    }
    throw NOT_ENCODED;
  }

  /** The line's last field: its mod's index, which the record type holds as an int. */
  private int readModIndex() {
    literal(THEN_MOD_INDEX);
    long modIndex = whole();
    if (modIndex < 0 || modIndex > Integer.MAX_VALUE || at != end - 1 || line[at] != '}') {
      throw NOT_ENCODED;
    }
    return (int) modIndex;
  }

  private boolean follows(byte[] literal) {
    return end - at >= literal.length
        && Arrays.equals(line, at, at + literal.length, literal, 0, literal.length);
  }

  private void literal(byte[] literal) {
    if (!follows(literal)) {
      throw NOT_ENCODED;
    }
    at += literal.length;
  }

  /** A whole number that fits a long, optionally negative, without leading zeros. */
  private long whole() {
    boolean negative = at < end && line[at] == '-';
    int from = negative ? at + 1 : at;
    int to = from;
    long value = 0;
    while (to < end && line[to] >= '0' && line[to] <= '9') {
      value = value * 10 + (line[to] - '0');
      to++;
    }
    int digits = to - from;
    if (digits == 0 || (digits > 1 && line[from] == '0') || digits > MAX_DIGITS + 1) {
      throw NOT_ENCODED;
    }
    long read = negative ? -value : value;
    if (digits > MAX_DIGITS) {
      // 19 digits may not fit: let the JDK tell.
      try {
        read = Long.parseLong(new String(line, at, to - at, StandardCharsets.ISO_8859_1));
      } catch (NumberFormatException e) {
        throw NOT_ENCODED;
      }
    }
    at = to;
    return read;
  }

  /**
   * The string whose opening quote was just read, unescaped, or null when not {@code wanted} (it
   * is still checked); {@code at} moves past its end.
   */
  private String text(boolean wanted) {
    int from = at;
    int quote = closingQuote();
    at = quote + 1;
    if (!wanted) {
      return null;
    }
    if (quote - from == 2 && line[from] == '{' && line[from + 1] == '}') {
      return "{}";
    }
    return string(from, quote);
  }

  /**
   * Where the string starting at {@code at} ends, noting in {@link #escapes} whether it holds
   * an escape. Checks every escape as the decoder would and
   * refuses control characters and any byte outside ASCII (those lines go to the decoder).
   */
  private int closingQuote() {
    escapes = false;
    int i = at;
    while (i < end) {
      byte b = line[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\') {
        escapes = true;
        i += escapeLength(i);
      } else if (b < 0x20) {
        // A control character, or (bytes are signed) any byte from 0x80 up.
        throw NOT_ENCODED;
      } else {
        i++;
      }
    }
    throw NOT_ENCODED;
  }

  /** Length of the escape at {@code i} (its backslash included): 2, or 6 for a {@code \\u}. */
  private int escapeLength(int i) {
    if (i + 1 >= end) {
      throw NOT_ENCODED;
    }
    switch (line[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return 2;
      }
      case 'u' -> {
        if (i + 6 > end) {
          throw NOT_ENCODED;
        }
        for (int h = i + 2; h < i + 6; h++) {
          if (Character.digit(line[h], 16) < 0) {
            throw NOT_ENCODED;
          }
        }
        return 6;
      }
      default -> throw NOT_ENCODED;
    }
  }

  /**
   * The text of {@code line[from, to)}, the string body {@link #closingQuote} has just checked,
   * with its escapes resolved.
   */
  private String string(int from, int to) {
    if (!escapes) {
      return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }
    if (unescaped.length < to - from) {
      unescaped = new byte[Math.max(to - from, unescaped.length * 2)];
    }
    int length = 0;
    int i = from;
    while (i < to) {
      byte b = line[i];
      if (b != '\\') {
        unescaped[length++] = b;
        i++;
        continue;
      }
      int c = escaped(i);
      if (c > 0xFF) {
        // Not a single ISO-8859-1 byte: left to the decoder.
        throw NOT_ENCODED;
      }
      unescaped[length++] = (byte) c;
      i += line[i + 1] == 'u' ? 6 : 2;
    }
    return new String(unescaped, 0, length, StandardCharsets.ISO_8859_1);
  }

  /** The character the (checked) escape at {@code i} stands for. */
  private int escaped(int i) {
    return switch (line[i + 1]) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> hex(i + 2) << 12 | hex(i + 3) << 8 | hex(i + 4) << 4 | hex(i + 5);
      default -> line[i + 1];
    };
  }

  private int hex(int i) {
    return Character.digit(line[i], 16);
  }

  private static byte[] field(String name) {
    return ascii(",\"" + name + "\":\"");
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A string field that tends to repeat from line to line: the text of the line before is kept
   * with its bytes and given again when the bytes are the same.
   */
  private static final class Repeated {
    private byte[] bytes = new byte[0];
    private int length = -1;
    private String value;

    /** Reads {@code opening}, then the string after it. */
    String read(EncodedLine in, byte[] opening) {
      in.literal(opening);
      int from = in.at;
      int quote = in.closingQuote();
      in.at = quote + 1;
      int count = quote - from;
      if (count == length && Arrays.equals(in.line, from, quote, bytes, 0, count)) {
        return value;
      }
      value = in.string(from, quote);
      if (bytes.length < count) {
        bytes = new byte[Math.max(count, 2 * bytes.length)];
      }
      System.arraycopy(in.line, from, bytes, 0, count);
      length = count;
      return value;
    }
  }

  private static final class NotEncoded extends RuntimeException {
    NotEncoded() {
      super("not in the encoder's shape", null, false, false);
    }
  }
}
