package dev.rr.reader.logic;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.routing.SpannerJsonValues;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The row image a record is routed by. The change record's own values (keys, new values, old
 * values when captured) are used when they hold what the shard-id rule needs; otherwise the row is
 * read from Spanner: a deleted row just before its delete ({@code commitTimestamp - 1µs}), an
 * inserted or updated row at its commit timestamp. With {@code NEW_ROW} capture only deletes need
 * a read, and only when the shard id column is not part of the key.
 *
 * <p>An UPDATE may also move its row to another shard: {@link #before} gives the row as it was,
 * from the captured old values (they hold every changed column) or else read at
 * {@code commitTimestamp - 1µs}; {@link #whole} gives the whole new row a shard that did not hold
 * the row needs, read at the commit timestamp when the stream carries only the changed columns.
 */
public final class RowImages {
  private final ShardRouter router;
  private final SchemaMapping mapping;
  private final RowNeed need;
  private final RowLookup lookup;

  /**
   * @param lookup reads rows from Spanner; may be null when {@code need} is {@link RowNeed#NONE}
   */
  public RowImages(ShardRouter router, SchemaMapping mapping, RowNeed need, RowLookup lookup) {
    this.router = router;
    this.mapping = mapping;
    this.need = need;
    this.lookup = lookup;
  }

  /** Outcome of {@link #rowFor}: the row and whether Spanner had to be read for it. */
  public record Image(Map<String, Object> row, boolean readFromSpanner) {}

  /**
   * The row image of {@code record} (a mapped table's record).
   *
   * @throws RowLookup.LookupFailedException when the row had to be read and cannot be
   */
  public Image rowFor(ChangeRecord record) {
    if (need == RowNeed.NONE) {
      return new Image(Map.of(), false);
    }
    Map<String, Object> own = router.rowOf(record);
    Optional<TableMapping> table = mapping.forSpannerTable(record.tableName());
    if (table.isEmpty() || isEnough(table.get(), own)) {
      return new Image(own, false);
    }
    Timestamp at = record.modType() == ModType.DELETE
        ? justBefore(record.commitTimestamp())
        : record.commitTimestamp();
    Optional<Map<String, Object>> read = lookup.readRow(record.tableName(), record.keysJson(), at);
    return new Image(read.orElse(own), read.isPresent());
  }

  /**
   * The row as it was just before {@code record}, when the record is an UPDATE whose shard could
   * have changed; empty when it cannot have (not an UPDATE, a single shard, a shard id column in
   * the key, captured old values without the shard id column) or the row did not exist before.
   *
   * @param after the record's row image ({@link #rowFor}); old values are laid over it
   * @throws RowLookup.LookupFailedException when the row had to be read and cannot be
   */
  public Optional<Image> before(ChangeRecord record, Image after) {
    Optional<TableMapping> mapped = mapping.forSpannerTable(record.tableName());
    if (need == RowNeed.NONE || record.modType() != ModType.UPDATE || mapped.isEmpty()) {
      return Optional.empty();
    }
    TableMapping table = mapped.get();
    Map<String, Object> old = SpannerJsonValues.toRow(table, record.oldValuesJson());
    if (need == RowNeed.SHARD_ID_COLUMN) {
      Optional<String> shardColumn = table.shardIdColumnName();
      boolean fixed = shardColumn.isEmpty()
          || SpannerJsonValues.toRow(table, record.keysJson()).containsKey(shardColumn.get())
          || (!old.isEmpty() && !old.containsKey(shardColumn.get()));
      if (fixed) {
        // Keys never change, and captured old values name every changed column.
        return Optional.empty();
      }
    }
    if (!old.isEmpty()) {
      return Optional.of(new Image(overlay(after.row(), old), false));
    }
    return lookup.readRow(record.tableName(), record.keysJson(), justBefore(record.commitTimestamp()))
        .map(row -> new Image(row, true));
  }

  /**
   * The whole new row of {@code record}: {@code after} when it holds every mapped column, else
   * the row read at the commit timestamp.
   *
   * @throws RowLookup.LookupFailedException when the row cannot be read or did not exist then
   */
  public Image whole(ChangeRecord record, Image after) {
    TableMapping table = mapping.forSpannerTable(record.tableName()).orElseThrow();
    if (isWhole(table, after.row())) {
      return after;
    }
    return lookup.readRow(record.tableName(), record.keysJson(), record.commitTimestamp())
        .map(row -> new Image(row, true))
        .orElseThrow(() -> new RowLookup.LookupFailedException("row " + record.keysJson() + " of "
            + record.tableName() + " does not exist at its update's commit " + record.commitTimestamp(),
            null));
  }

  private static Map<String, Object> overlay(Map<String, Object> base, Map<String, Object> top) {
    Map<String, Object> row = new LinkedHashMap<>(base);
    row.putAll(top);
    return Collections.unmodifiableMap(row);
  }

  private static boolean isWhole(TableMapping table, Map<String, Object> row) {
    return table.columns().stream().map(ColumnMapping::spannerName).allMatch(row::containsKey);
  }

  private boolean isEnough(TableMapping table, Map<String, Object> row) {
    return switch (need) {
      case NONE -> true;
      case SHARD_ID_COLUMN -> table.shardIdColumnName().map(row::containsKey).orElse(true);
      case FULL_ROW -> isWhole(table, row);
    };
  }

  /** One microsecond before {@code timestamp}: the last moment a deleted row still existed. */
  public static Timestamp justBefore(Timestamp timestamp) {
    long nanos = timestamp.getNanos() - 1_000L;
    long seconds = timestamp.getSeconds();
    if (nanos < 0) {
      nanos += 1_000_000_000L;
      seconds -= 1;
    }
    return Timestamp.ofTimeSecondsAndNanos(seconds, (int) nanos);
  }
}
