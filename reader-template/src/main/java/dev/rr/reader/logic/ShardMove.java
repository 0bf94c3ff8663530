package dev.rr.reader.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.util.Set;

/**
 * An UPDATE that changed its row's shard, as the two records the shards apply in the update's
 * place in commit order (both keep its commit timestamp, transaction id, record sequence and mod
 * index): a DELETE of the key for the shard that held the row, carrying the whole old row as its
 * old values, and an INSERT of the whole new row for the shard that now holds it.
 *
 * @param leaving the DELETE for the old shard
 * @param arriving the INSERT for the new shard
 */
public record ShardMove(ChangeRecord leaving, ChangeRecord arriving) {

  /**
   * The move of {@code update}, given the row before it and the whole row after it (see {@link
   * RowImages#before} and {@link RowImages#whole}). A row read from Spanner is written in the
   * stream's JSON; otherwise the stream's own JSON is kept: the new values when whole, and the old
   * row is the new row with the captured old values (every changed column) laid over it.
   */
  public static ShardMove of(ChangeRecord update, RowImages.Image before, RowImages.Image whole) {
    Set<String> keys = ChangeStreamJson.names(update.keysJson());
    String newRow = whole.readFromSpanner()
        ? ChangeStreamJson.encode(whole.row(), keys)
        : update.newValuesJson();
    String oldRow = before.readFromSpanner()
        ? ChangeStreamJson.encode(before.row(), keys)
        : ChangeStreamJson.overlay(newRow, update.oldValuesJson());
    return new ShardMove(as(update, ModType.DELETE, oldRow, "{}"), as(update, ModType.INSERT, "{}", newRow));
  }

  private static ChangeRecord as(ChangeRecord update, ModType type, String oldValues, String newValues) {
    return new ChangeRecord(update.commitTimestamp(), update.serverTransactionId(),
        update.recordSequence(), update.modIndex(), update.tableName(), type, update.keysJson(),
        oldValues, newValues, update.numberOfRecordsInTransaction(), update.transactionTag(),
        update.shard());
  }
}
