package dev.rr.common.buffer;

import com.google.cloud.Timestamp;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes one {@link ChangeRecord} as one JSON line of the buffer file format and decodes such
 * lines (see {@code docs/file-format.md}).
 *
 * <p>Each encoded line carries exactly one mod plus its {@code modIndex}. Lines written by other
 * tools may carry several mods and no {@code modIndex}; {@link #decodeAll} turns such a line into
 * one record per mod, numbered from {@code modIndex} (0 when absent). Unknown fields are ignored.
 * The encoder escapes like Gson's defaults ({@code =} as {@code \u003d}), as the established
 * files do; any JSON reader decodes both spellings.
 */
public final class BufferRecordCodec {
  public static final String COMMIT_TIMESTAMP = "commitTimestamp";
  public static final String SECONDS = "seconds";
  public static final String NANOS = "nanos";
  public static final String SERVER_TRANSACTION_ID = "serverTransactionId";
  public static final String RECORD_SEQUENCE = "recordSequence";
  public static final String TABLE_NAME = "tableName";
  public static final String MODS = "mods";
  public static final String KEYS_JSON = "keysJson";
  public static final String OLD_VALUES_JSON = "oldValuesJson";
  public static final String NEW_VALUES_JSON = "newValuesJson";
  public static final String MOD_TYPE = "modType";
  public static final String NUMBER_OF_RECORDS_IN_TRANSACTION = "numberOfRecordsInTransaction";
  public static final String TRANSACTION_TAG = "transactionTag";
  public static final String SHARD = "shard";
  public static final String MOD_INDEX = "modIndex";

  /** Longest value quoted in an error message; buffer values can be whole rows. */
  private static final int MAX_QUOTED_LENGTH = 200;

  private BufferRecordCodec() {}

  /** The record as one JSON line, without line terminator. */
  public static String encode(ChangeRecord record) {
    StringWriter out = new StringWriter(256);
    try {
      encode(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen with a StringWriter", e);
    }
    return out.toString();
  }

  /** Writes the record as one JSON object (no line terminator) to {@code out}, which stays open. */
  public static void encode(ChangeRecord record, Writer out) throws IOException {
    JsonWriter json = new JsonWriter(out);
    json.setHtmlSafe(true);
    json.beginObject();
    json.name(COMMIT_TIMESTAMP).beginObject();
    json.name(SECONDS).value(record.commitTimestamp().getSeconds());
    json.name(NANOS).value(record.commitTimestamp().getNanos());
    json.endObject();
    json.name(SERVER_TRANSACTION_ID).value(record.serverTransactionId());
    json.name(RECORD_SEQUENCE).value(record.recordSequence());
    json.name(TABLE_NAME).value(record.tableName());
    json.name(MODS).beginArray().beginObject();
    json.name(KEYS_JSON).value(record.keysJson());
    json.name(OLD_VALUES_JSON).value(record.oldValuesJson());
    json.name(NEW_VALUES_JSON).value(record.newValuesJson());
    json.endObject().endArray();
    json.name(MOD_TYPE).value(record.modType().name());
    json.name(NUMBER_OF_RECORDS_IN_TRANSACTION).value(record.numberOfRecordsInTransaction());
    json.name(TRANSACTION_TAG).value(record.transactionTag());
    if (record.shard() != null) {
      json.name(SHARD).value(record.shard());
    }
    json.name(MOD_INDEX).value(record.modIndex());
    json.endObject();
    // Flushes the JsonWriter's state only; the caller owns (and buffers) the underlying writer.
    json.flush();
  }

  /**
   * Decodes a line that carries exactly one mod.
   *
   * @throws BufferFormatException naming the field and value that break the format, or when the
   *     line carries several mods (use {@link #decodeAll})
   */
  public static ChangeRecord decode(String line) {
    List<ChangeRecord> records = decodeAll(line);
    if (records.size() != 1) {
      throw new BufferFormatException(
          "field " + MODS + " holds " + records.size() + " mods; decode one record per mod with"
              + " decodeAll");
    }
    return records.get(0);
  }

  /**
   * Decodes a line into one record per mod, in mod order, with {@code modIndex} counting up from
   * the line's {@code modIndex} (0 when absent).
   *
   * @throws BufferFormatException naming the field and value that break the format
   */
  public static List<ChangeRecord> decodeAll(String line) {
    JsonObject object = parseObject(line);
    Timestamp commitTimestamp = commitTimestamp(object);
    String serverTransactionId = requiredString(object, SERVER_TRANSACTION_ID);
    String recordSequence = requiredString(object, RECORD_SEQUENCE);
    String tableName = requiredString(object, TABLE_NAME);
    ModType modType = modType(object);
    long recordsInTransaction = requiredLong(object, NUMBER_OF_RECORDS_IN_TRANSACTION);
    String transactionTag = optionalString(object, TRANSACTION_TAG, "");
    String shard = optionalString(object, SHARD, null);
    long firstModIndex = object.has(MOD_INDEX) ? requiredLong(object, MOD_INDEX) : 0;
    JsonArray mods = mods(object);
    if (firstModIndex < 0 || firstModIndex + mods.size() - 1 > Integer.MAX_VALUE) {
      throw invalid(MOD_INDEX, object.get(MOD_INDEX), "a mod index from 0 to " + Integer.MAX_VALUE);
    }
    List<ChangeRecord> records = new ArrayList<>(mods.size());
    for (int i = 0; i < mods.size(); i++) {
      String path = MODS + "[" + i + "]";
      if (!mods.get(i).isJsonObject()) {
        throw invalid(path, mods.get(i), "an object {keysJson, oldValuesJson, newValuesJson}");
      }
      JsonObject mod = mods.get(i).getAsJsonObject();
      records.add(
          new ChangeRecord(
              commitTimestamp,
              serverTransactionId,
              recordSequence,
              (int) (firstModIndex + i),
              tableName,
              modType,
              requiredString(mod, KEYS_JSON, path),
              optionalString(mod, OLD_VALUES_JSON, path, "{}"),
              optionalString(mod, NEW_VALUES_JSON, path, "{}"),
              recordsInTransaction,
              transactionTag,
              shard));
    }
    return records;
  }

  private static JsonObject parseObject(String line) {
    JsonElement element;
    try {
      element = JsonParser.parseString(line);
    } catch (JsonParseException e) {
      throw new BufferFormatException("line is not JSON: " + quote(line), e);
    }
    if (!element.isJsonObject()) {
      throw new BufferFormatException("line is not a JSON object: " + quote(line));
    }
    return element.getAsJsonObject();
  }

  private static Timestamp commitTimestamp(JsonObject object) {
    JsonElement element = object.get(COMMIT_TIMESTAMP);
    if (element == null || !element.isJsonObject()) {
      throw invalid(COMMIT_TIMESTAMP, element, "an object {seconds, nanos}");
    }
    JsonObject timestamp = element.getAsJsonObject();
    long seconds = requiredLong(timestamp, SECONDS, COMMIT_TIMESTAMP);
    long nanos = timestamp.has(NANOS) ? requiredLong(timestamp, NANOS, COMMIT_TIMESTAMP) : 0;
    try {
      return Timestamp.ofTimeSecondsAndNanos(seconds, Math.toIntExact(nanos));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new BufferFormatException(
          "field " + COMMIT_TIMESTAMP + " " + element + " is not a valid timestamp", e);
    }
  }

  private static ModType modType(JsonObject object) {
    String value = requiredString(object, MOD_TYPE);
    try {
      return ModType.parse(value);
    } catch (IllegalArgumentException e) {
      throw new BufferFormatException(
          "field " + MOD_TYPE + " is \"" + quote(value) + "\", expected INSERT, UPDATE or DELETE",
          e);
    }
  }

  private static JsonArray mods(JsonObject object) {
    JsonElement element = object.get(MODS);
    if (element == null || !element.isJsonArray() || element.getAsJsonArray().isEmpty()) {
      throw invalid(MODS, element, "a non-empty array of mods");
    }
    return element.getAsJsonArray();
  }

  private static String requiredString(JsonObject object, String field) {
    return requiredString(object, field, null);
  }

  private static String requiredString(JsonObject object, String field, String parent) {
    JsonElement element = object.get(field);
    if (!isString(element)) {
      throw invalid(path(parent, field), element, "a string");
    }
    return element.getAsString();
  }

  private static String optionalString(JsonObject object, String field, String absent) {
    return optionalString(object, field, null, absent);
  }

  private static String optionalString(
      JsonObject object, String field, String parent, String absent) {
    JsonElement element = object.get(field);
    if (element == null || element.isJsonNull()) {
      return absent;
    }
    if (!isString(element)) {
      throw invalid(path(parent, field), element, "a string");
    }
    return element.getAsString();
  }

  private static long requiredLong(JsonObject object, String field) {
    return requiredLong(object, field, null);
  }

  /** A whole number, given as a JSON number or a string (as protobuf's JSON writes int64). */
  private static long requiredLong(JsonObject object, String field, String parent) {
    JsonElement element = object.get(field);
    if (element != null && element.isJsonPrimitive()) {
      JsonPrimitive primitive = element.getAsJsonPrimitive();
      if (primitive.isNumber() || primitive.isString()) {
        try {
          return new BigDecimal(primitive.getAsString()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
          throw invalid(path(parent, field), element, "a whole number");
        }
      }
    }
    throw invalid(path(parent, field), element, "a whole number");
  }

  private static boolean isString(JsonElement element) {
    return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
  }

  private static String path(String parent, String field) {
    return parent == null ? field : parent + "." + field;
  }

  private static BufferFormatException invalid(String field, JsonElement value, String expected) {
    String shown = value == null ? "missing" : "is " + quote(value.toString());
    return new BufferFormatException("field " + field + " " + shown + ", expected " + expected);
  }

  private static String quote(String value) {
    if (value.length() <= MAX_QUOTED_LENGTH) {
      return value;
    }
    return value.substring(0, MAX_QUOTED_LENGTH) + "... (" + value.length() + " chars)";
  }
}
