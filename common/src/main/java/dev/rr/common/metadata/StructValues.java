package dev.rr.common.metadata;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;

/** Reads nullable columns of a Spanner row as Java nulls. */
final class StructValues {
  private StructValues() {}

  static Timestamp timestampOrNull(Struct row, String column) {
    return row.isNull(column) ? null : row.getTimestamp(column);
  }

  static String stringOrNull(Struct row, String column) {
    return row.isNull(column) ? null : row.getString(column);
  }

  static Double doubleOrNull(Struct row, String column) {
    return row.isNull(column) ? null : row.getDouble(column);
  }
}
