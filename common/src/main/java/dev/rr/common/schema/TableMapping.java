package dev.rr.common.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Spanner table and the source table it maps to.
 *
 * @param spannerName Spanner table name
 * @param sourceName source (MySQL) table name
 * @param columns every Spanner column of the table with its source column (if any)
 * @param sourcePrimaryKey source primary-key column names, in key order
 * @param shardIdColumn Spanner column holding the logical shard id, or null when none
 */
public record TableMapping(
    String spannerName,
    String sourceName,
    List<ColumnMapping> columns,
    List<String> sourcePrimaryKey,
    String shardIdColumn)
    implements Serializable {
  public TableMapping {
    Objects.requireNonNull(spannerName, "spannerName");
    Objects.requireNonNull(sourceName, "sourceName");
    columns = List.copyOf(columns);
    sourcePrimaryKey = List.copyOf(sourcePrimaryKey);
  }

  /** The mapping of the Spanner column {@code spannerColumn}, if the table has it. */
  public Optional<ColumnMapping> bySpannerColumn(String spannerColumn) {
    return columns.stream().filter(c -> c.spannerName().equals(spannerColumn)).findFirst();
  }

  /** The mapping whose source column is {@code sourceColumn}, if any. */
  public Optional<ColumnMapping> bySourceColumn(String sourceColumn) {
    return columns.stream()
        .filter(c -> c.hasSource() && c.sourceName().equals(sourceColumn))
        .findFirst();
  }

  /** The shard id column, when the table has one. */
  public Optional<String> shardIdColumnName() {
    return Optional.ofNullable(shardIdColumn).filter(s -> !s.isEmpty());
  }
}
