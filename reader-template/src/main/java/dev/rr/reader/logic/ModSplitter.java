package dev.rr.reader.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.Mod;

/**
 * Splits a change-stream data record (one table, one transaction, several mods) into one {@link
 * ChangeRecord} per mod. Each keeps the transaction's commit timestamp, server transaction id,
 * record sequence, records-in-transaction count and tag; {@code modIndex} is the mod's position,
 * so the commit order of mods inside a record survives any later shuffle.
 */
public final class ModSplitter {
  private ModSplitter() {}

  /** The mods of {@code record}, in their order, not yet routed to a shard. */
  public static List<ChangeRecord> split(DataChangeRecord record) {
    ModType modType = ModType.parse(record.getModType().name());
    List<Mod> mods = record.getMods();
    List<ChangeRecord> out = new ArrayList<>(mods.size());
    for (int i = 0; i < mods.size(); i++) {
      Mod mod = mods.get(i);
      out.add(
          ChangeRecord.builder()
              .commitTimestamp(record.getCommitTimestamp())
              .serverTransactionId(record.getServerTransactionId())
              .recordSequence(record.getRecordSequence())
              .modIndex(i)
              .tableName(record.getTableName())
              .modType(modType)
              .keysJson(mod.getKeysJson())
              .oldValuesJson(mod.getOldValuesJson())
              .newValuesJson(mod.getNewValuesJson())
              .numberOfRecordsInTransaction(record.getNumberOfRecordsInTransaction())
              .transactionTag(record.getTransactionTag())
              .build());
    }
    return out;
  }
}
