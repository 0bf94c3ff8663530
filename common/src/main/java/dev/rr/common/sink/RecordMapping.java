package dev.rr.common.sink;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MappingException;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a change record to its source row change, shared by every {@link ShardDialect}: inserts
 * and updates carry the values of the record's keys and new values (columns absent from the
 * record are left out, Spanner columns without a source column are ignored); deletes carry only
 * the source key, read from the record's keys and old values. Only the conversion of each value
 * is the dialect's ({@link ValueConverter}).
 */
public final class RecordMapping {
  private RecordMapping() {}

  /** Converts one change-stream JSON value of a column to the JDBC value for its source column. */
  @FunctionalInterface
  public interface ValueConverter extends Serializable {
    Object convert(String sourceTable, ColumnMapping column, JsonElement value);
  }

  /**
   * The source row change of {@code record}.
   *
   * @throws MappingException when the record's JSON is malformed or a source primary-key column
   *     has no value in it
   * @throws dev.rr.common.mysql.ConversionException when a value does not fit its source column
   */
  public static MappedChange map(ChangeRecord record, TableMapping table, ValueConverter converter) {
    JsonObject row = parse(record, "keysJson", record.keysJson());
    JsonObject extra =
        record.modType() == ModType.DELETE
            ? parse(record, "oldValuesJson", record.oldValuesJson())
            : parse(record, "newValuesJson", record.newValuesJson());
    for (Map.Entry<String, JsonElement> entry : extra.entrySet()) {
      if (!row.has(entry.getKey())) {
        row.add(entry.getKey(), entry.getValue());
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (record.modType() != ModType.DELETE) {
      for (ColumnMapping column : table.columns()) {
        if (column.hasSource() && row.has(column.spannerName())) {
          values.put(
              column.sourceName(),
              converter.convert(table.sourceName(), column, row.get(column.spannerName())));
        }
      }
    }
    return new MappedChange(table.sourceName(), record.modType(), key(record, table, row, converter), values);
  }

  private static Map<String, Object> key(
      ChangeRecord record, TableMapping table, JsonObject row, ValueConverter converter) {
    if (table.sourcePrimaryKey().isEmpty()) {
      throw new MappingException(
          "source table " + table.sourceName() + " has no primary key: cannot replicate to it");
    }
    Map<String, Object> key = new LinkedHashMap<>();
    for (String sourceColumn : table.sourcePrimaryKey()) {
      ColumnMapping column =
          table
              .bySourceColumn(sourceColumn)
              .orElseThrow(
                  () ->
                      new MappingException(
                          "source primary-key column "
                              + table.sourceName()
                              + "."
                              + sourceColumn
                              + " has no Spanner column in table "
                              + table.spannerName()));
      JsonElement value = row.get(column.spannerName());
      if (value == null || value.isJsonNull()) {
        throw new MappingException(
            "the "
                + record.modType()
                + " of Spanner table "
                + table.spannerName()
                + " at "
                + record.commitTimestamp()
                + " (transaction "
                + record.serverTransactionId()
                + ") has no value for "
                + column.spannerName()
                + ", which maps to source primary-key column "
                + table.sourceName()
                + "."
                + sourceColumn
                + (record.modType() == ModType.DELETE
                    ? "; deleting by it needs old values in the change stream"
                        + " (value capture type NEW_ROW_AND_OLD_VALUES or OLD_AND_NEW_VALUES)"
                    : ""));
      }
      key.put(sourceColumn, converter.convert(table.sourceName(), column, value));
    }
    return key;
  }

  private static JsonObject parse(ChangeRecord record, String field, String json) {
    JsonObject flat = FlatJsonObject.parse(json);
    if (flat != null) {
      return flat;
    }
    try {
      JsonElement parsed = JsonParser.parseString(json);
      if (parsed.isJsonObject()) {
        // A fresh tree of its own: map() may add to it.
        return parsed.getAsJsonObject();
      }
    } catch (JsonParseException e) {
      throw new MappingException(
          field + " of a change to " + record.tableName() + " is not valid JSON", e);
    }
    throw new MappingException(
        field + " of a change to " + record.tableName() + " is not a JSON object");
  }}
