package dev.rr.launcher.bench;

import java.util.List;

/**
 * How one shard database compares with the rows the workload must leave behind.
 *
 * @param shard logical shard id
 * @param expectedRows rows expected, all tables
 * @param actualRows rows found, all tables
 * @param missing expected rows not found
 * @param extra rows found but not expected
 * @param different rows found with other values than expected
 * @param examples the first few differences, e.g. {@code orders id=12: missing}
 */
public record Verification(
    String shard,
    long expectedRows,
    long actualRows,
    long missing,
    long extra,
    long different,
    List<String> examples) {

  public Verification {
    examples = List.copyOf(examples);
  }

  /** True when the database holds exactly the expected rows. */
  public boolean ok() {
    return missing == 0 && extra == 0 && different == 0 && expectedRows == actualRows;
  }

  /** A one-line summary. */
  public String describe() {
    if (ok()) {
      return String.format("[shard=%s] %,d rows as expected", shard, actualRows);
    }
    return String.format(
        "[shard=%s] %,d rows expected, %,d found: %,d missing, %,d extra, %,d different, e.g. %s",
        shard, expectedRows, actualRows, missing, extra, different, examples);
  }
}
