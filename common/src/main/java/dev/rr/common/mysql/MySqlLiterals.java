package dev.rr.common.mysql;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.ServerSession;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SqlStatement}'s text with its values written in as MySQL literals, to send as it is
 * instead of binding each value through Connector/J.
 *
 * <p>The text is what Connector/J's client-side prepared statements send for the same statement:
 * strings quoted and escaped with backslashes as Connector/J escapes them, numbers in decimal,
 * dates and times as the quoted text {@link SqlStatement#bindTo} binds, bytes as a hexadecimal
 * literal. Backslash escapes only mean that under the session's default SQL mode, and only for
 * character sets in which no multi-byte character holds a backslash byte, so the text may run only
 * on a connection {@link #acceptsInlinedText} allows; the writer binds the values on any other.
 *
 * <p>Building the text needs no connection, so it can be done ahead, on another thread than the
 * one that sends it.
 */
public final class MySqlLiterals {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private MySqlLiterals() {}

  /**
   * {@code statement}'s text with each {@code ?} outside quotes replaced by its value, or empty
   * when a value has a type this class does not write (the caller binds it instead) or the
   * placeholders and values do not pair up.
   */
  public static Optional<String> inline(SqlStatement statement) {
    String sql = statement.sql();
    List<Object> params = statement.params();
    StringBuilder text = new StringBuilder(sql.length() + params.size() * 12);
    int param = 0;
    int copied = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '`' || c == '\'' || c == '"') {
        i = endOfQuoted(sql, i, c);
      } else if (c == '?') {
        if (param == params.size()) {
          return Optional.empty();
        }
        text.append(sql, copied, i);
        if (!append(text, params.get(param++))) {
          return Optional.empty();
        }
        copied = ++i;
      } else {
        i++;
      }
    }
    if (param != params.size()) {
      return Optional.empty();
    }
    return Optional.of(text.append(sql, copied, sql.length()).toString());
  }

  /**
   * True when inlined text means on {@code connection} what the bound values would: a
   * Connector/J connection whose session does not set {@code NO_BACKSLASH_ESCAPES} and whose
   * character set needs no special escaping (as UTF-8 and the single-byte sets).
   */
  public static boolean acceptsInlinedText(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return false;
    }
    ServerSession session = connection.unwrap(JdbcConnection.class).getSession().getServerSession();
    return !session.isNoBackslashEscapesSet()
        && !session.getCharsetSettings().getRequiresEscapingEncoder();
  }

  /** Appends {@code value} as a literal; false for a type it does not write. */
  private static boolean append(StringBuilder text, Object value) {
    if (value instanceof String string) {
      appendString(text, string);
    } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      text.append(value);
    } else if (value == null) {
      text.append("NULL");
    } else if (value instanceof BigDecimal decimal) {
      text.append(decimal.toPlainString());
    } else if (value instanceof Double number) {
      if (number.isNaN() || number.isInfinite()) {
        return false;
      }
      text.append(number.doubleValue());
    } else if (value instanceof LocalDateTime dateTime) {
      text.append('\'');
      if (appendDate(text, dateTime.toLocalDate())) {
        appendTime(text.append(' '), dateTime.toLocalTime());
      } else {
        text.append(SqlStatement.DATE_TIME.format(dateTime));
      }
      text.append('\'');
    } else if (value instanceof LocalDate date) {
      text.append('\'');
      if (!appendDate(text, date)) {
        text.append(SqlStatement.DATE.format(date));
      }
      text.append('\'');
    } else if (value instanceof LocalTime time) {
      appendTime(text.append('\''), time).append('\'');
    } else if (value instanceof byte[] bytes) {
      text.append("X'");
      for (byte b : bytes) {
        text.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
      text.append('\'');
    } else {
      return false;
    }
    return true;
  }

  /**
   * {@code uuuu-MM-dd} as {@link SqlStatement#bindTo} formats it, for years 0 to 9999 (false,
   * nothing appended, for others: the formatter writes their sign).
   */
  private static boolean appendDate(StringBuilder text, LocalDate date) {
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      return false;
    }
    pad(text, year, 4).append('-');
    pad(text, date.getMonthValue(), 2).append('-');
    pad(text, date.getDayOfMonth(), 2);
    return true;
  }

  /** {@code HH:mm:ss.SSSSSS} as {@link SqlStatement#bindTo} formats it. */
  private static StringBuilder appendTime(StringBuilder text, LocalTime time) {
    pad(text, time.getHour(), 2).append(':');
    pad(text, time.getMinute(), 2).append(':');
    pad(text, time.getSecond(), 2).append('.');
    return pad(text, time.getNano() / 1000, 6);
  }

  /** {@code value} (not negative) in at least {@code width} digits. */
  private static StringBuilder pad(StringBuilder text, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        text.append('0');
      }
    }
    return text.append(value);
  }

  /** A quoted string, escaped as MySQL reads it under the default SQL mode. */
  private static void appendString(StringBuilder text, String value) {
    text.append('\'');
    int from = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // Every character escaped sorts at or below the backslash.
      String escape = c <= '\\' ? escape(c) : null;
      if (escape != null) {
        text.append(value, from, i).append(escape);
        from = i + 1;
      }
    }
    text.append(value, from, value.length()).append('\'');
  }

  private static String escape(char c) {
    return switch (c) {
      case 0 -> "\\0";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\\' -> "\\\\";
      case '\'' -> "\\'";
      case '"' -> "\\\"";
      case '\u001a' -> "\\Z";
      default -> null;
    };
  }

  /** The index after the quoted part that starts at {@code start} with {@code quote}. */
  private static int endOfQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote) {
        // A doubled quote stands for one and the quoted part goes on.
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return i;
  }
}
