package dev.rr.reader.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.routing.RouteResult;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.SchemaMapping;
import java.util.List;
import java.util.Optional;

/**
 * Decides the output directory of each record: its shard's directory when routed, the skip
 * directory for tables the mapping does not know, the unknown-shard directory when the shard id is
 * missing or not in the shards file (the record keeps that id). Nothing is dropped.
 *
 * <p>An UPDATE whose row was routed elsewhere before it (its shard id changed, or a custom
 * fetcher answers differently for the old row) becomes a {@link ShardMove}: a DELETE for the
 * directory of the old row and an INSERT of the whole new row for the directory of the new one.
 * When a row needed to tell either cannot be read, the record goes to the unknown-shard directory
 * as it is, counted as a failed lookup.
 */
public final class ShardAssigner {

  /**
   * Where one record goes.
   *
   * @param directory output directory name (a shard id or one of the reserved directories)
   * @param record the record, with its shard set when one was found
   * @param outcome routed, or why not
   * @param rowLookups rows read from Spanner to route it (and its move, if any)
   * @param lookupFailed whether reading a row failed (the record went to unknown-shard)
   */
  public record Assignment(
      String directory,
      ChangeRecord record,
      RouteResult.Outcome outcome,
      int rowLookups,
      boolean lookupFailed) {

    /** Whether any row had to be read from Spanner. */
    public boolean readFromSpanner() {
      return rowLookups > 0;
    }
  }

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

  /**
   * The directory and routed record for {@code record}: one assignment, or two for a row that
   * moved shards (the old shard's DELETE first; the lookups are counted on it).
   */
  public List<Assignment> assign(ChangeRecord record) {
    if (mapping.forSpannerTable(record.tableName()).isEmpty()) {
      return List.of(new Assignment(
          layout.skipDirectory(), record, RouteResult.Outcome.UNKNOWN_TABLE, 0, false));
    }
    try {
      RowImages.Image after = rows.rowFor(record);
      RouteResult to = router.route(record, after.row());
      Optional<RowImages.Image> before = rows.before(record, after);
      int lookups = count(after) + before.map(ShardAssigner::count).orElse(0);
      RouteResult from = before.map(row -> router.route(record, row.row())).orElse(to);
      if (directory(from).equals(directory(to))) {
        return List.of(assignment(record, to, lookups));
      }
      RowImages.Image whole = rows.whole(record, after);
      ShardMove move = ShardMove.of(record, before.orElseThrow(), whole);
      lookups += whole == after ? 0 : count(whole);
      return List.of(assignment(move.leaving(), from, lookups), assignment(move.arriving(), to, 0));
    } catch (RowLookup.LookupFailedException e) {
      // Kept with the unknown-shard records (and counted) rather than guessed or dropped.
      return List.of(new Assignment(layout.unknownShardDirectory(), record.withShard(null),
          RouteResult.Outcome.UNKNOWN_SHARD, 0, true));
    }
  }

  private Assignment assignment(ChangeRecord record, RouteResult result, int lookups) {
    return new Assignment(directory(result), result.outcome() == RouteResult.Outcome.UNKNOWN_TABLE
        ? record : record.withShard(result.logicalShardId()), result.outcome(), lookups, false);
  }

  private String directory(RouteResult result) {
    return switch (result.outcome()) {
      case ROUTED -> result.logicalShardId();
      case UNKNOWN_TABLE -> layout.skipDirectory();
      case UNKNOWN_SHARD -> layout.unknownShardDirectory();
    };
  }

  private static int count(RowImages.Image image) {
    return image.readFromSpanner() ? 1 : 0;
  }
}
