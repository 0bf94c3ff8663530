package dev.rr.common.buffer;

import com.google.cloud.Timestamp;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.io.IOException;
import java.io.StringReader;
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
    List<ChangeRecord> read = StreamedLine.read(line);
    return read != null ? read : decodeTree(line);
  }

  /**
   * Decodes {@code line} through a JSON tree, naming what is wrong when it cannot; {@link
   * #decodeAll} without its streamed reading, for tests that compare the two.
   */
  static List<ChangeRecord> decodeTree(String line) {
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

  /**
   * Reads a line with a streaming JSON reader, without building a tree: the fields of a
   * well-formed line are read as {@link #decodeTree} reads them, and anything else (a missing,
   * repeated or mistyped field, trailing text, malformed JSON) gives null, so that {@link
   * #decodeTree} decides it and names what is wrong exactly as before.
   */
  private static final class StreamedLine {
    private Timestamp commitTimestamp;
    private String serverTransactionId;
    private String recordSequence;
    private String tableName;
    private String modType;
    private Long recordsInTransaction;
    private String transactionTag = "";
    private String shard;
    private Long modIndex;
    private List<String[]> mods;
    /** The known fields read so far, one bit each: a repeated one is left to the tree. */
    private int seen;

    /** The fields whose repetition the tree would settle (the last one wins there). */
    private static final List<String> FIELDS = List.of(COMMIT_TIMESTAMP, SERVER_TRANSACTION_ID,
        RECORD_SEQUENCE, TABLE_NAME, MOD_TYPE, NUMBER_OF_RECORDS_IN_TRANSACTION, TRANSACTION_TAG,
        SHARD, MOD_INDEX, MODS);
    private static final List<String> TIMESTAMP_FIELDS = List.of(SECONDS, NANOS);
    private static final List<String> MOD_FIELDS =
        List.of(KEYS_JSON, OLD_VALUES_JSON, NEW_VALUES_JSON);

    static List<ChangeRecord> read(String line) {
      try {
        StreamedLine fields = new StreamedLine();
        return fields.readObject(line) ? fields.records() : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    private boolean readObject(String line) throws IOException {
      JsonReader json = new JsonReader(new StringReader(line));
      // As JsonParser reads it.
      json.setStrictness(Strictness.LENIENT);
      if (json.peek() != JsonToken.BEGIN_OBJECT) {
        return false;
      }
      json.beginObject();
      while (json.hasNext()) {
        String name = json.nextName();
        seen = mark(seen, FIELDS, name);
        if (seen < 0) {
          return false;
        }
        boolean read = switch (name) {
          case COMMIT_TIMESTAMP -> (commitTimestamp = timestamp(json)) != null;
          case SERVER_TRANSACTION_ID -> (serverTransactionId = string(json)) != null;
          case RECORD_SEQUENCE -> (recordSequence = string(json)) != null;
          case TABLE_NAME -> (tableName = string(json)) != null;
          case MOD_TYPE -> (modType = string(json)) != null;
          case NUMBER_OF_RECORDS_IN_TRANSACTION -> (recordsInTransaction = whole(json)) != null;
          case TRANSACTION_TAG -> (transactionTag = optionalString(json, "")) != null;
          case SHARD -> readShard(json);
          case MOD_INDEX -> (modIndex = whole(json)) != null;
          case MODS -> (mods = mods(json)) != null;
          default -> {
            json.skipValue();
            yield true;
          }
        };
        if (!read) {
          return false;
        }
      }
      json.endObject();
      return json.peek() == JsonToken.END_DOCUMENT;
    }

    private List<ChangeRecord> records() {
      if (commitTimestamp == null || serverTransactionId == null || recordSequence == null
          || tableName == null || modType == null || recordsInTransaction == null
          || mods == null || mods.isEmpty()) {
        return null;
      }
      long first = modIndex == null ? 0 : modIndex;
      if (first < 0 || first + mods.size() - 1 > Integer.MAX_VALUE) {
        return null;
      }
      ModType type = ModType.parse(modType);
      List<ChangeRecord> records = new ArrayList<>(mods.size());
      for (int i = 0; i < mods.size(); i++) {
        String[] mod = mods.get(i);
        records.add(new ChangeRecord(commitTimestamp, serverTransactionId, recordSequence,
            (int) (first + i), tableName, type, mod[0], mod[1], mod[2], recordsInTransaction,
            transactionTag, shard));
      }
      return records;
    }

    private boolean readShard(JsonReader json) throws IOException {
      if (json.peek() == JsonToken.NULL) {
        json.nextNull();
        return true;
      }
      return (shard = string(json)) != null;
    }

    private static Timestamp timestamp(JsonReader json) throws IOException {
      if (json.peek() != JsonToken.BEGIN_OBJECT) {
        return null;
      }
      Long seconds = null;
      Long nanos = null;
      int names = 0;
      json.beginObject();
      while (json.hasNext()) {
        String name = json.nextName();
        names = mark(names, TIMESTAMP_FIELDS, name);
        if (names < 0) {
          return null;
        }
        switch (name) {
          case SECONDS -> seconds = whole(json);
          case NANOS -> nanos = whole(json);
          default -> json.skipValue();
        }
        if ((name.equals(SECONDS) && seconds == null) || (name.equals(NANOS) && nanos == null)) {
          return null;
        }
      }
      json.endObject();
      if (seconds == null) {
        return null;
      }
      return Timestamp.ofTimeSecondsAndNanos(seconds, Math.toIntExact(nanos == null ? 0 : nanos));
    }

    /** The mods, each {keysJson, oldValuesJson, newValuesJson}; null when one is not as read. */
    private static List<String[]> mods(JsonReader json) throws IOException {
      if (json.peek() != JsonToken.BEGIN_ARRAY) {
        return null;
      }
      List<String[]> mods = new ArrayList<>(1);
      json.beginArray();
      while (json.hasNext()) {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
          return null;
        }
        String[] mod = {null, "{}", "{}"};
        int names = 0;
        json.beginObject();
        while (json.hasNext()) {
          String name = json.nextName();
          int field = MOD_FIELDS.indexOf(name);
          if (field < 0) {
            json.skipValue();
            continue;
          }
          names = mark(names, MOD_FIELDS, name);
          if (names < 0) {
            return null;
          }
          String value = field == 0 ? string(json) : optionalString(json, "{}");
          if (value == null) {
            return null;
          }
          mod[field] = value;
        }
        json.endObject();
        if (mod[0] == null) {
          return null;
        }
        mods.add(mod);
      }
      json.endArray();
      return mods;
    }

    /**
     * {@code seen} (one bit per field of {@code fields}) with {@code name}'s bit set, or -1 when
     * it was already set; unchanged for a name not in {@code fields}.
     */
    private static int mark(int seen, List<String> fields, String name) {
      int bit = fields.indexOf(name);
      if (bit < 0) {
        return seen;
      }
      return (seen & (1 << bit)) != 0 ? -1 : seen | (1 << bit);
    }

    private static String string(JsonReader json) throws IOException {
      return json.peek() == JsonToken.STRING ? json.nextString() : null;
    }

    /** A string, {@code absent} for JSON null, or null when it is neither. */
    private static String optionalString(JsonReader json, String absent) throws IOException {
      if (json.peek() == JsonToken.NULL) {
        json.nextNull();
        return absent;
      }
      return string(json);
    }

    /** A whole number, as a JSON number or a string, as {@link #requiredLong} reads it. */
    private static Long whole(JsonReader json) throws IOException {
      JsonToken token = json.peek();
      if (token != JsonToken.NUMBER && token != JsonToken.STRING) {
        return null;
      }
      return new BigDecimal(json.nextString()).longValueExact();
    }
  }
}
