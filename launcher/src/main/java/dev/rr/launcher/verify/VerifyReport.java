package dev.rr.launcher.verify;

import com.google.cloud.Timestamp;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * The result of a verification: one {@link TableReport} per (table, shard), and the Spanner
 * rows that routed to no known shard.
 */
public record VerifyReport(
    Timestamp readTimestamp, List<TableReport> tables, long unroutedRows, List<String> unroutedExamples) {
  public VerifyReport {
    Objects.requireNonNull(readTimestamp, "readTimestamp");
    tables = List.copyOf(tables);
    unroutedExamples = List.copyOf(unroutedExamples);
  }

  /** True when every shard holds exactly its Spanner rows and every Spanner row has a shard. */
  public boolean equal() {
    return unroutedRows == 0 && tables.stream().allMatch(TableReport::equal);
  }

  /** Rows compared in Spanner, over all tables. */
  public long spannerRows() {
    return tables.stream().mapToLong(TableReport::spannerRows).sum();
  }

  /** Rows missing from shards, over all tables. */
  public long missing() {
    return tables.stream().mapToLong(TableReport::missing).sum();
  }

  /** Rows only in shards, over all tables. */
  public long extra() {
    return tables.stream().mapToLong(TableReport::extra).sum();
  }

  /** Rows present on both sides with different values, over all tables. */
  public long different() {
    return tables.stream().mapToLong(TableReport::different).sum();
  }

  /** Prints one line per (table, shard), the listed differences, and a verdict line. */
  public void print(PrintWriter out) {
    out.printf("verify at %s%n", readTimestamp);
    for (TableReport table : tables) {
      out.printf("  %-24s shard %-10s spanner=%d shard=%d matched=%d missing=%d extra=%d"
              + " different=%d checksum %016x/%016x %s%n",
          table.table(), table.shard(), table.spannerRows(), table.shardRows(), table.matched(),
          table.missing(), table.extra(), table.different(), table.spannerChecksum(),
          table.shardChecksum(), table.equal() ? "OK" : "DIFFERENT");
      table.examples().forEach(example -> out.printf("      %s%n", example));
    }
    if (unroutedRows > 0) {
      out.printf("  %d Spanner row(s) route to no shard of the shards file%n", unroutedRows);
      unroutedExamples.forEach(example -> out.printf("      %s%n", example));
    }
    out.printf("%s: %d Spanner rows compared, %d missing, %d extra, %d different, %d unrouted%n",
        equal() ? "EQUAL" : "DIFFERENT", spannerRows(), missing(), extra(), different(), unroutedRows);
    out.flush();
  }
}
