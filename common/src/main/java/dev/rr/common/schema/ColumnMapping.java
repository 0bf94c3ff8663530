package dev.rr.common.schema;

import java.io.Serializable;
import java.util.Objects;

/**
 * One Spanner column and the source column it maps to (matched by the session file's column id,
 * so renamed columns work).
 *
 * @param spannerName Spanner column name, as it appears in change-stream JSON
 * @param spannerType Spanner column type
 * @param sourceName source column name, or null when the Spanner column has no source column
 * @param sourceType source column type, or null when {@code sourceName} is null
 */
public record ColumnMapping(
    String spannerName, SpannerType spannerType, String sourceName, SourceType sourceType)
    implements Serializable {
  public ColumnMapping {
    Objects.requireNonNull(spannerName, "spannerName");
    Objects.requireNonNull(spannerType, "spannerType");
    if ((sourceName == null) != (sourceType == null)) {
      throw new IllegalArgumentException(
          "column " + spannerName + ": sourceName and sourceType must both be set or both null");
    }
  }

  /** True when the column exists in the source table. */
  public boolean hasSource() {
    return sourceName != null;
  }
}
