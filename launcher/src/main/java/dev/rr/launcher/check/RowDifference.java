package dev.rr.launcher.check;

import dev.rr.launcher.verify.CanonicalValues;
import dev.rr.launcher.verify.VerifyRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row on which a shard and Spanner disagree in a sample.
 *
 * @param table Spanner table name
 * @param kind missing from the shard, extra in the shard, or present in both with other values
 * @param spanner Spanner's row (null when extra)
 * @param shard the shard's row (null when missing)
 * @param columns source column names of the rows' values
 */
public record RowDifference(String table, Kind kind, VerifyRow spanner, VerifyRow shard,
    List<String> columns) {
  /** How the rows differ. */
  public enum Kind {
    /** In Spanner at the checkpoint, not in the shard. */
    MISSING,
    /** In the shard, not in Spanner at the checkpoint. */
    EXTRA,
    /** On both sides with different values. */
    DIFFERENT
  }

  public RowDifference {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
  }

  /** The row's source key. */
  public List<String> key() {
    return spanner != null ? spanner.key() : shard.key();
  }

  /** {@code different accounts (7) balance: spanner='10' shard='12'}, or both whole rows when one side lacks it. */
  public String describe() {
    String head = kind.name().toLowerCase() + " " + table + " " + VerifyRow.showKey(key());
    if (kind != Kind.DIFFERENT) {
      return head + " " + show(kind == Kind.MISSING ? spanner : shard);
    }
    List<String> details = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!spanner.values().get(i).equals(shard.values().get(i))) {
        details.add(columns.get(i) + ": spanner=" + value(spanner.values().get(i))
            + " shard=" + value(shard.values().get(i)));
      }
    }
    return head + " " + String.join(", ", details);
  }

  private String show(VerifyRow row) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      shown.add(columns.get(i) + "=" + value(row.values().get(i)));
    }
    return "{" + String.join(", ", shown) + "}";
  }

  /** A canonical value as reports show it: quoted, or NULL. */
  static String value(String canonical) {
    return CanonicalValues.NULL.equals(canonical) ? "NULL" : "'" + canonical + "'";
  }
}
