package dev.rr.common.mysql;

import dev.rr.common.schema.SourceType;
import java.util.Objects;

/**
 * One column of a shard database's table as its live schema declares it ({@code
 * information_schema.COLUMNS}).
 *
 * @param table table name
 * @param name column name
 * @param columnType the column type as MySQL prints it ({@code tinyint(3) unsigned})
 * @param type {@code columnType} parsed, or null when it is not a type the writer knows how to
 *     parse
 * @param generated true for a generated (computed) column: the server fills it, it is never
 *     written
 */
public record LiveColumn(
    String table, String name, String columnType, SourceType type, boolean generated) {
  public LiveColumn {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(columnType, "columnType");
  }

  /** True when the writer can write values of some Spanner type to this column. */
  public boolean isWritable() {
    return type != null && MySqlValueConverter.supports(type);
  }
}
