package dev.rr.launcher.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The comparison of one table on one shard: row counts on both sides, matched rows, and the
 * missing (in Spanner, not in the shard), extra (in the shard only) and different rows, with
 * the first few keys of each. Checksums are sums of the per-row checksums of each side.
 */
public record TableReport(
    String table,
    String shard,
    long spannerRows,
    long shardRows,
    long spannerChecksum,
    long shardChecksum,
    long matched,
    long missing,
    long extra,
    long different,
    List<String> examples) {
  public TableReport {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(shard, "shard");
    examples = List.copyOf(examples);
  }

  /** True when the shard holds exactly the Spanner rows routed to it, with equal values. */
  public boolean equal() {
    return missing == 0 && extra == 0 && different == 0;
  }

  /** Accumulates a report while rows stream past. */
  static final class Builder {
    private final String table;
    private final String shard;
    private final List<String> columnNames;
    private final int maxListed;
    private long spannerRows;
    private long shardRows;
    private long spannerChecksum;
    private long shardChecksum;
    private long matched;
    private long missing;
    private long extra;
    private long different;
    private int listedMissing;
    private int listedExtra;
    private int listedDifferent;
    private final List<String> examples = new ArrayList<>();

    Builder(String table, String shard, List<String> columnNames, int maxListed) {
      this.table = table;
      this.shard = shard;
      this.columnNames = List.copyOf(columnNames);
      this.maxListed = maxListed;
    }

    void spannerRow(VerifyRow row) {
      spannerRows++;
      spannerChecksum += row.checksum();
    }

    void shardRow(VerifyRow row) {
      shardRows++;
      shardChecksum += row.checksum();
    }

    void compare(VerifyRow spannerRow, VerifyRow shardRow) {
      if (spannerRow.checksum() == shardRow.checksum() && spannerRow.values().equals(shardRow.values())) {
        matched++;
        return;
      }
      different++;
      if (listedDifferent++ < maxListed) {
        List<String> details = new ArrayList<>();
        for (String column : ShardComparison.columnsDiffering(spannerRow, shardRow, columnNames)) {
          int i = columnNames.indexOf(column);
          details.add(column + ": spanner=" + show(spannerRow.values().get(i))
              + " shard=" + show(shardRow.values().get(i)));
        }
        examples.add("different " + VerifyRow.showKey(spannerRow.key()) + " " + String.join(", ", details));
      }
    }

    void missing(VerifyRow spannerRow) {
      missing++;
      if (listedMissing++ < maxListed) {
        examples.add("missing " + VerifyRow.showKey(spannerRow.key()));
      }
    }

    void extra(VerifyRow shardRow) {
      extra++;
      if (listedExtra++ < maxListed) {
        examples.add("extra " + VerifyRow.showKey(shardRow.key()));
      }
    }

    TableReport build() {
      return new TableReport(table, shard, spannerRows, shardRows, spannerChecksum, shardChecksum,
          matched, missing, extra, different, examples);
    }

    private static String show(String value) {
      if (value.startsWith(CanonicalValues.UNWRITABLE)) {
        return "(the writer refuses it: "
            + value.substring(CanonicalValues.UNWRITABLE.length()) + ")";
      }
      return CanonicalValues.NULL.equals(value) ? "NULL" : "'" + value + "'";
    }
  }
}
