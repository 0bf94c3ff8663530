package dev.rr.common.mysql;

import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;

/**
 * A change-stream value cannot be converted to a value of its shard column (MySQL or PostgreSQL).
 * Permanent. The message names the table, column, source type, Spanner type and value.
 */
public class ConversionException extends MappingException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_VALUE_CHARS = 200;

  private final String table;
  private final String column;

  public ConversionException(
      String table,
      String column,
      SourceType sourceType,
      SpannerType spannerType,
      String value,
      String reason,
      Throwable cause) {
    super(
        "cannot convert value "
            + abbreviate(value)
            + " of Spanner type "
            + spannerType
            + " to shard column "
            + table
            + "."
            + column
            + " of type "
            + sourceType
            + ": "
            + reason,
        cause);
    this.table = table;
    this.column = column;
  }

  /** Source table name. */
  public String table() {
    return table;
  }

  /** Source column name. */
  public String column() {
    return column;
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= MAX_VALUE_CHARS
        ? value
        : value.substring(0, MAX_VALUE_CHARS) + "...(" + value.length() + " chars)";
  }
}
