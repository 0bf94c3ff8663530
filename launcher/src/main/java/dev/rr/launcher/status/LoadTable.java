package dev.rr.launcher.status;

import dev.rr.writer.snapshot.TableLoad;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders, under {@code rr status}'s table, the loads under way in the shards: one row per shard
 * and Spanner table (rows loaded of the estimate at T, chunks done, the current attempt's rate,
 * ETA), a fenced shard without progress yet, and shards whose database could not be read.
 */
final class LoadTable {
  private static final String[] HEADERS = {
    "SHARD", "LOADING", "TABLE", "LOADED", "ESTIMATED", "DONE", "CHUNKS", "RATE", "ETA"
  };

  private LoadTable() {}

  /** Prints nothing when no shard loads and every shard could be read. */
  static void print(Collection<ShardLoad> loads, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    List<String> notes = new ArrayList<>();
    // By shard, as the status table above it: the caller's map may have any order.
    for (ShardLoad load : loads.stream().sorted(Comparator.comparing(ShardLoad::shard)).toList()) {
      load.unreadable().ifPresent(why -> notes.add("! shard " + load.shard()
          + ": its database could not be read for load progress: " + why));
      if (load.tables().isEmpty() && load.fence().isPresent()) {
        notes.add("! shard " + load.shard() + ": fenced by rr resync at T = "
            + load.fence().get().readAt() + ", no table load recorded yet");
      }
      for (TableLoad table : load.tables()) {
        rows.add(row(table));
      }
    }
    if (rows.size() > 1) {
      out.println("loading (from each shard's rr_snapshot_table and rr_snapshot_chunk):");
      StatusTable.printColumns(rows, out);
    }
    notes.forEach(out::println);
  }

  static String[] row(TableLoad table) {
    return new String[] {
      table.shard(),
      table.kind().name(),
      table.table(),
      Long.toString(table.loaded()),
      Long.toString(table.estimated()),
      table.percent() + "%",
      Long.toString(table.chunksDone()),
      String.format(Locale.ROOT, "%.0f rows/s", table.rowsPerSecond()),
      table.eta().map(TableLoad::human).orElse("-")
    };
  }
}
