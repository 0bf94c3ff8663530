package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;
import com.google.gson.JsonObject;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.spannerjson.ChangeStreamValues;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a row read from Spanner at the snapshot timestamp T into the {@code INSERT} change record
 * the change stream would carry for it: the same JSON encoding ({@link ChangeStreamValues}), the
 * key columns in {@code keysJson}, the others in {@code newValuesJson}, committed at T. The reader's
 * router and the writer's mapper then treat it exactly like a streamed insert.
 */
public final class SnapshotRows {
  /** Server transaction id of every snapshot record (they are never compared with a checkpoint). */
  public static final String TRANSACTION_ID = "snapshot";

  private SnapshotRows() {}

  /** The Spanner columns read for {@code table}: every column of its mapping. */
  public static List<String> columns(TableMapping table) {
    return table.columns().stream().map(ColumnMapping::spannerName).toList();
  }

  /** The change record of {@code row} (of {@code table}) read at {@code at}. */
  public static ChangeRecord record(TableMapping table, Struct row, Timestamp at) {
    Set<String> keys = keyColumns(table);
    JsonObject keyJson = new JsonObject();
    JsonObject values = new JsonObject();
    for (String column : columns(table)) {
      (keys.contains(column) ? keyJson : values).add(column, ChangeStreamValues.of(row, column));
    }
    return ChangeRecord.builder()
        .commitTimestamp(at)
        .serverTransactionId(TRANSACTION_ID)
        .tableName(table.spannerName())
        .modType(ModType.INSERT)
        .keysJson(keyJson.toString())
        .newValuesJson(values.toString())
        .build();
  }

  /**
   * The chunk of {@code record} among {@code chunkCount}: a hash of its key, so the same row falls
   * in the same chunk in every attempt of a snapshot at one T ({@link String#hashCode} is fixed by
   * the language specification).
   */
  public static int chunkOf(ChangeRecord record, int chunkCount) {
    if (chunkCount < 1) {
      throw new IllegalArgumentException("chunkCount must be at least 1: " + chunkCount);
    }
    return Math.floorMod(record.keysJson().hashCode(), chunkCount);
  }

  /** The chunks a table of {@code rows} rows needs for at most about {@code chunkRows} rows each. */
  public static int chunkCount(long rows, int chunkRows) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (rows + chunkRows - 1) / chunkRows));
  }

  /** Spanner names of the columns the source primary key maps to. */
  private static Set<String> keyColumns(TableMapping table) {
    return table.sourcePrimaryKey().stream()
        .map(source -> table.bySourceColumn(source).map(ColumnMapping::spannerName).orElse(source))
        .collect(Collectors.toSet());
  }
}
