package dev.rr.reader.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.routing.RouteResult;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.SchemaMapping;

/**
 * Decides the output directory of each record: its shard's directory when routed, the skip
 * directory for tables the mapping does not know, the unknown-shard directory when the shard id is
 * missing or not in the shards file (the record keeps that id). Nothing is dropped.
 */
public final class ShardAssigner {

  /**
   * Where one record goes.
   *
   * @param directory output directory name (a shard id or one of the reserved directories)
   * @param record the record, with its shard set when one was found
   * @param outcome routed, or why not
   * @param readFromSpanner whether the row had to be read from Spanner to route it
   * @param lookupFailed whether reading the row failed (the record went to unknown-shard)
   */
  public record Assignment(
      String directory,
      ChangeRecord record,
      RouteResult.Outcome outcome,
      boolean readFromSpanner,
      boolean lookupFailed) {}

  private final ShardRouter router;
  private final SchemaMapping mapping;
  private final RowImages rows;
  private final OutputLayout layout;

  public ShardAssigner(ShardRouter router, SchemaMapping mapping, RowImages rows, OutputLayout layout) {
    this.router = router;
    this.mapping = mapping;
    this.rows = rows;
    this.layout = layout;
  }

  /** The directory and routed record for {@code record}. */
  public Assignment assign(ChangeRecord record) {
    if (mapping.forSpannerTable(record.tableName()).isEmpty()) {
      return new Assignment(
          layout.skipDirectory(), record, RouteResult.Outcome.UNKNOWN_TABLE, false, false);
    }
    RowImages.Image image;
    boolean lookupFailed = false;
    try {
      image = rows.rowFor(record);
    } catch (RowLookup.LookupFailedException e) {
      // Kept with the unknown-shard records (and counted) rather than guessed or dropped.
      image = new RowImages.Image(router.rowOf(record), false);
      lookupFailed = true;
    }
    RouteResult result = lookupFailed
        ? RouteResult.unknownShard(null)
        : router.route(record, image.row());
    return switch (result.outcome()) {
      case ROUTED -> new Assignment(result.logicalShardId(),
          record.withShard(result.logicalShardId()), result.outcome(), image.readFromSpanner(), false);
      case UNKNOWN_TABLE -> new Assignment(
          layout.skipDirectory(), record, result.outcome(), image.readFromSpanner(), false);
      case UNKNOWN_SHARD -> new Assignment(layout.unknownShardDirectory(),
          record.withShard(result.logicalShardId()), result.outcome(), image.readFromSpanner(),
          lookupFailed);
    };
  }
}
