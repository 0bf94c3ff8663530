package dev.rr.reader.logic;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.util.Map;
import java.util.Optional;

/**
 * The row image a record is routed by. The change record's own values (keys, new values, old
 * values when captured) are used when they hold what the shard-id rule needs; otherwise the row is
 * read from Spanner: a deleted row just before its delete ({@code commitTimestamp - 1µs}), an
 * inserted or updated row at its commit timestamp. With {@code NEW_ROW} capture only deletes need
 * a read, and only when the shard id column is not part of the key.
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

  private boolean isEnough(TableMapping table, Map<String, Object> row) {
    return switch (need) {
      case NONE -> true;
      case SHARD_ID_COLUMN -> table.shardIdColumnName().map(row::containsKey).orElse(true);
      case FULL_ROW -> table.columns().stream().map(ColumnMapping::spannerName).allMatch(row::containsKey);
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
