package dev.rr.common.routing;

/**
 * A change-stream value does not fit its column's Spanner type. It names the table, column, type
 * and value; it is permanent (retrying the same record fails the same way).
 */
public final class SpannerValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_VALUE_CHARS = 200;

  private final String table;
  private final String column;

  public SpannerValueException(
      String table, String column, String type, String value, String reason, Throwable cause) {
    super("table " + table + ", column " + column + " (" + type + "): cannot read value "
        + shorten(value) + ": " + reason, cause);
    this.table = table;
    this.column = column;
  }

  public String table() {
    return table;
  }

  public String column() {
    return column;
  }

  private static String shorten(String value) {
    return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
  }
}
