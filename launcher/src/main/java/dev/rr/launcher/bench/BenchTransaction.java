package dev.rr.launcher.bench;

import dev.rr.common.model.ModType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One generated transaction: the row changes one Spanner transaction makes on one shard's rows.
 * No row is changed twice in one transaction.
 *
 * @param shard the logical shard whose rows it changes
 * @param changes the row changes, in the order they are made
 */
public record BenchTransaction(String shard, List<Change> changes) {

  public BenchTransaction {
    Objects.requireNonNull(shard, "shard");
    changes = List.copyOf(changes);
  }

  /**
   * One row change.
   *
   * @param table the table
   * @param type insert, update (every column written) or delete
   * @param row the row after an insert or update; only the key columns for a delete
   */
  public record Change(BenchTable table, ModType type, Map<String, Object> row) {}
}
