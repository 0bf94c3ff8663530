package dev.rr.launcher.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the Spanner rows routed to one shard with that shard's rows, both in key order.
 *
 * <p>Rows whose key has not yet been seen on the other side wait in a bounded pending map, so a
 * difference in sort order between the databases (e.g. a case-insensitive collation) causes no
 * false report; with equal orders the pending maps stay small. Past {@link #MAX_PENDING} the
 * oldest pending row is reported as missing or extra.
 */
final class ShardComparison {
  static final int MAX_PENDING = 100_000;

  private final RowSource shardRows;
  private final TableReport.Builder report;
  private final Map<List<String>, VerifyRow> pendingSpanner = new LinkedHashMap<>();
  private final Map<List<String>, VerifyRow> pendingShard = new LinkedHashMap<>();

  ShardComparison(RowSource shardRows, TableReport.Builder report) {
    this.shardRows = shardRows;
    this.report = report;
  }

  /** Takes the next Spanner row routed to this shard. */
  void acceptSpanner(VerifyRow spannerRow) throws SQLException {
    report.spannerRow(spannerRow);
    VerifyRow next = shardRows.peek();
    while (next != null && VerifyRow.KEY_ORDER.compare(next.key(), spannerRow.key()) < 0) {
      acceptShard(shardRows.next());
      next = shardRows.peek();
    }
    VerifyRow match = pendingShard.remove(spannerRow.key());
    if (match == null && next != null && next.key().equals(spannerRow.key())) {
      match = shardRows.next();
      report.shardRow(match);
    }
    if (match != null) {
      report.compare(spannerRow, match);
    } else {
      pendingSpanner.put(spannerRow.key(), spannerRow);
      evictOldest(pendingSpanner, true);
    }
  }

  /** Reads the rest of the shard and settles every pending row. */
  void finish() throws SQLException {
    for (VerifyRow row = shardRows.next(); row != null; row = shardRows.next()) {
      acceptShard(row);
    }
    pendingSpanner.values().forEach(report::missing);
    pendingShard.values().forEach(report::extra);
    pendingSpanner.clear();
    pendingShard.clear();
  }

  private void acceptShard(VerifyRow shardRow) {
    report.shardRow(shardRow);
    VerifyRow match = pendingSpanner.remove(shardRow.key());
    if (match != null) {
      report.compare(match, shardRow);
    } else {
      pendingShard.put(shardRow.key(), shardRow);
      evictOldest(pendingShard, false);
    }
  }

  private void evictOldest(Map<List<String>, VerifyRow> pending, boolean missing) {
    if (pending.size() <= MAX_PENDING) {
      return;
    }
    Iterator<VerifyRow> oldest = pending.values().iterator();
    VerifyRow row = oldest.next();
    oldest.remove();
    if (missing) {
      report.missing(row);
    } else {
      report.extra(row);
    }
  }

  /** Unused rows are never kept beyond the merge; exposed for tests of the bound. */
  int pending() {
    return pendingSpanner.size() + pendingShard.size();
  }

  static List<String> columnsDiffering(VerifyRow a, VerifyRow b, List<String> names) {
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!a.values().get(i).equals(b.values().get(i))) {
        differing.add(names.get(i));
      }
    }
    return differing;
  }
}
