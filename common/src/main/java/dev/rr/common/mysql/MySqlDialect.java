package dev.rr.common.mysql;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns change records into parameterized MySQL statements: INSERT and UPDATE become an upsert
 * ({@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)}, which MySQL 8 and MariaDB both
 * accept), DELETE deletes by the source primary key.
 *
 * <p>Two steps, so that a writer can merge changes per row in between: {@link #map} converts a
 * record into a {@link MappedChange}; {@link #upsertBatch} and {@link #deleteBatch} build one
 * statement for many mapped changes. Values are always parameters; identifiers are quoted with
 * backticks.
 */
public final class MySqlDialect implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Most placeholders one MySQL prepared statement may have. */
  public static final int MAX_PARAMETERS = 65_535;

  private final MySqlValueConverter converter;
  private final MySqlStatements statements = new MySqlStatements();

  /** A dialect for a source database whose local times are at {@code sourceTimezone}. */
  public MySqlDialect(ZoneOffset sourceTimezone) {
    this(new MySqlValueConverter(Objects.requireNonNull(sourceTimezone)));
  }

  private MySqlDialect(MySqlValueConverter converter) {
    this.converter = converter;
  }

  /**
   * This dialect for one shard database whose temporal columns have {@code precisions} (read
   * with {@link TemporalPrecisions#load}): values are truncated to them.
   */
  public MySqlDialect withTemporalPrecisions(TemporalPrecisions precisions) {
    return new MySqlDialect(new MySqlValueConverter(sourceTimezone(), precisions));
  }

  /** A dialect for a source database in UTC. */
  public MySqlDialect() {
    this(ZoneOffset.UTC);
  }

  /** The source time zone offset. */
  public ZoneOffset sourceTimezone() {
    return converter.sourceTimezone();
  }

  /** Quotes a MySQL identifier: backticks around it, embedded backticks doubled. */
  public static String quote(String identifier) {
    return MySqlStatements.quote(identifier);
  }

  /**
   * {@code SET time_zone = ?} for the source offset. Run it once per connection: MySQL reads the
   * local values written to TIMESTAMP columns in the session time zone.
   */
  public SqlStatement sessionTimeZone() {
    int seconds = sourceTimezone().getTotalSeconds();
    int minutes = Math.abs(seconds) / 60;
    String offset =
        String.format("%s%02d:%02d", seconds < 0 ? "-" : "+", minutes / 60, minutes % 60);
    return SqlStatement.of("SET time_zone = ?", offset);
  }

  /**
   * Maps {@code record} of Spanner table {@code table.spannerName()} to the source row change.
   * Inserts and updates carry the values of the record's keys and new values (columns absent from
   * the record are left out, Spanner columns without a source column are ignored); deletes carry
   * only the source key, read from the record's keys and old values.
   *
   * @throws MappingException when the record's JSON is malformed or a source primary-key column
   *     has no value in it
   * @throws ConversionException when a value does not fit its source column
   */
  public MappedChange map(ChangeRecord record, TableMapping table) {
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
    return new MappedChange(table.sourceName(), record.modType(), key(record, table, row), values);
  }

  /** The statement for one record: {@link #upsert} or {@link #delete} of its mapped change. */
  public SqlStatement statement(ChangeRecord record, TableMapping table) {
    MappedChange change = map(record, table);
    return change.isDelete() ? delete(change) : upsert(change);
  }

  /** The upsert for an INSERT or UPDATE record; fails for a DELETE. */
  public SqlStatement upsert(ChangeRecord record, TableMapping table) {
    if (record.modType() == ModType.DELETE) {
      throw new IllegalArgumentException("upsert of a DELETE record of " + record.tableName());
    }
    return upsert(map(record, table));
  }

  /** The delete for a DELETE record; fails for an INSERT or UPDATE. */
  public SqlStatement delete(ChangeRecord record, TableMapping table) {
    if (record.modType() != ModType.DELETE) {
      throw new IllegalArgumentException(
          "delete of a " + record.modType() + " record of " + record.tableName());
    }
    return delete(map(record, table));
  }

  /** {@code INSERT INTO t (...) VALUES (...) ON DUPLICATE KEY UPDATE ...} for one change. */
  public SqlStatement upsert(MappedChange change) {
    return upsertBatch(List.of(change));
  }

  /** {@code DELETE FROM t WHERE k1 = ? AND ...} for one change. */
  public SqlStatement delete(MappedChange change) {
    return deleteBatch(List.of(change));
  }

  /**
   * One multi-row upsert for inserts/updates of one table that write the same set of columns. The
   * rows are applied in list order, so two rows with one key end with the later one's values.
   *
   * @throws IllegalArgumentException when the list is empty, mixes tables, column sets or deletes,
   *     or needs more than {@link #MAX_PARAMETERS} parameters
   */
  public SqlStatement upsertBatch(List<MappedChange> changes) {
    return statements.upsert(changes);
  }

  /**
   * One multi-row plain {@code INSERT} (no upsert) of inserts/updates of one table that write the
   * same set of columns: it fails on any duplicate key, primary or secondary.
   *
   * @throws IllegalArgumentException as {@link #upsertBatch}
   */
  public SqlStatement insertBatch(List<MappedChange> changes) {
    return statements.insert(changes);
  }

  /**
   * Reads the current rows of inserts/updates of one table by primary key: {@code SELECT CASE
   * WHEN k = ? THEN ? ... END, c1, c2, ... FROM t WHERE k IN (?, ...)}. The first column of each
   * result row is the index in {@code changes} of the change whose key found it; a change whose
   * row does not exist has no result row.
   *
   * @param columns the columns to read, after the index
   * @param asDouble columns of {@code columns} read as {@code CAST(c AS DOUBLE)}: a {@code FLOAT}
   *     printed as text keeps only 6 digits, its double keeps every bit
   * @throws IllegalArgumentException when the list is empty, mixes tables or keys, holds deletes
   *     or needs more than {@link #MAX_PARAMETERS} parameters
   */
  public SqlStatement selectByKey(
      List<MappedChange> changes, List<String> columns, Set<String> asDouble) {
    return statements.selectByKey(changes, columns, asDouble);
  }

  /**
   * One delete of the rows of several deletes of one table: {@code WHERE k IN (?,...)} for a
   * one-column key, {@code WHERE (k1,k2) IN ((?,?),...)} for a composite key (both servers use
   * the primary key for either).
   *
   * @throws IllegalArgumentException when the list is empty, mixes tables or holds non-deletes,
   *     or needs more than {@link #MAX_PARAMETERS} parameters
   */
  public SqlStatement deleteBatch(List<MappedChange> changes) {
    return statements.delete(changes);
  }

  private Map<String, Object> key(ChangeRecord record, TableMapping table, JsonObject row) {
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
  }
}
