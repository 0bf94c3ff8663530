package dev.rr.common.mysql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A parameterized SQL statement: SQL text with {@code ?} placeholders and the JDBC-bindable values
 * for them, in order ({@code null} binds SQL NULL).
 *
 * <p>Bind it with {@link #bindTo(PreparedStatement)} (or {@link #prepare(Connection)}) rather than
 * with {@code setObject} directly: local date/time values are sent as text with microseconds,
 * because MySQL Connector/J silently drops the fractional seconds of bound temporal values when the
 * server reports a MariaDB version string (5.5.5-...). Text is converted by the server into the
 * column type on MySQL and MariaDB alike.
 *
 * @param sql SQL text with one {@code ?} per parameter
 * @param params parameter values; Long, BigInteger, BigDecimal, Double, String, byte[], LocalDate,
 *     LocalTime, LocalDateTime, {@link SqlArray} (PostgreSQL) or null
 */
public record SqlStatement(String sql, List<Object> params) {

  /** How date/time values are bound as text; {@link MySqlLiterals} writes the same text. */
  static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

  public SqlStatement {
    Objects.requireNonNull(sql, "sql");
    // List.copyOf rejects nulls, and SQL NULL parameters are legitimate.
    params = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(params, "params")));
  }

  /** A statement with the given parameters. */
  public static SqlStatement of(String sql, Object... params) {
    return new SqlStatement(sql, java.util.Arrays.asList(params));
  }

  /** Prepares this statement on {@code connection} and binds its parameters. */
  public PreparedStatement prepare(Connection connection) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      bindTo(statement);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** Binds the parameters to {@code statement}, positions 1..n. */
  public void bindTo(PreparedStatement statement) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      bind(statement, i + 1, params.get(i));
    }
  }

  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    // The common types first, with their typed setters (setObject looks the type up each time).
    if (value instanceof String text) {
      statement.setString(index, text);
    } else if (value instanceof Long number) {
      statement.setLong(index, number);
    } else if (value == null) {
      statement.setNull(index, Types.NULL);
    } else if (value instanceof BigInteger big) {
      // Connector/J narrows BigInteger to a signed long; BIGINT UNSIGNED needs the full range.
      statement.setBigDecimal(index, new BigDecimal(big));
    } else if (value instanceof LocalDateTime dateTime) {
      statement.setString(index, DATE_TIME.format(dateTime));
    } else if (value instanceof LocalDate date) {
      statement.setString(index, DATE.format(date));
    } else if (value instanceof LocalTime time) {
      statement.setString(index, TIME.format(time));
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else if (value instanceof SqlArray array) {
      statement.setArray(index, array.create(statement.getConnection()));
    } else {
      statement.setObject(index, value);
    }
  }

  /** The SQL text and the parameter count (values are left out: they may be user data). */
  @Override
  public String toString() {
    return sql + " [" + params.size() + " params]";
  }
}
