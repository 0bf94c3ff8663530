package dev.rr.common.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MySqlLiteralsTest {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

  @Test
  void shouldWriteEachValueAsTheLiteralConnectorJSends() {
    SqlStatement statement = new SqlStatement(
        "INSERT INTO `t` (`a`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Arrays.asList("it's \\ \"q\" \0 \n \r \u001a \t caf\u00e9 \uD83D\uDE00", 42L, null,
            new BigDecimal("1E+3"), new BigInteger("18446744073709551615"), 1.5,
            new byte[] {0, (byte) 0xff, 0x27}, LocalDateTime.of(2024, 2, 29, 1, 2, 3, 4000),
            LocalDate.of(2024, 2, 29), LocalTime.of(12, 0, 0, 123456000), -2.5E-300));

    assertEquals(Optional.of("INSERT INTO `t` (`a`) VALUES ("
            + "'it\\'s \\\\ \\\"q\\\" \\0 \\n \\r \\Z \t caf\u00e9 \uD83D\uDE00', 42, NULL, 1000, "
            + "18446744073709551615, 1.5, X'00FF27', '2024-02-29 01:02:03.000004', "
            + "'2024-02-29', '12:00:00.123456', -2.5E-300)"),
        MySqlLiterals.inline(statement));
  }

  @Test
  void shouldWriteDatesAndTimesAsTheBoundTextForEveryYear() {
    for (LocalDateTime value : List.of(LocalDateTime.of(0, 1, 1, 0, 0),
        LocalDateTime.of(9, 9, 9, 9, 9, 9, 9_000), LocalDateTime.of(999, 12, 31, 23, 59, 59, 999_999_999),
        LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
        LocalDateTime.of(10000, 1, 1, 0, 0), LocalDateTime.of(-1, 1, 1, 0, 0))) {
      assertEquals(Optional.of("'" + DATE_TIME.format(value) + "'"),
          MySqlLiterals.inline(SqlStatement.of("?", value)), value.toString());
      assertEquals(Optional.of("'" + DATE.format(value) + "'"),
          MySqlLiterals.inline(SqlStatement.of("?", value.toLocalDate())), value.toString());
      assertEquals(Optional.of("'" + TIME.format(value) + "'"),
          MySqlLiterals.inline(SqlStatement.of("?", value.toLocalTime())), value.toString());
    }
  }

  @Test
  void shouldLeaveQuestionMarksInsideQuotedNamesAndStrings() {
    SqlStatement statement = SqlStatement.of(
        "UPDATE `a?``b?` SET `c` = 'x?''y' WHERE `d` = \"?\\\"?\" AND `e` = ?", "v");

    assertEquals(Optional.of(
            "UPDATE `a?``b?` SET `c` = 'x?''y' WHERE `d` = \"?\\\"?\" AND `e` = 'v'"),
        MySqlLiterals.inline(statement));
  }

  @Test
  void shouldNotInlineWhatItCannotWriteOrPlaceholdersThatDoNotPairUp() {
    assertEquals(Optional.empty(), MySqlLiterals.inline(SqlStatement.of("SELECT ?", Boolean.TRUE)));
    assertEquals(Optional.empty(), MySqlLiterals.inline(SqlStatement.of("SELECT ?", Double.NaN)));
    assertEquals(Optional.empty(),
        MySqlLiterals.inline(SqlStatement.of("SELECT ?", Double.POSITIVE_INFINITY)));
    assertEquals(Optional.empty(), MySqlLiterals.inline(SqlStatement.of("SELECT ?, ?", 1L)));
    assertEquals(Optional.empty(), MySqlLiterals.inline(SqlStatement.of("SELECT ?", 1L, 2L)));
    assertEquals(Optional.of("SELECT 1"), MySqlLiterals.inline(SqlStatement.of("SELECT 1")));
  }

  @Test
  void shouldRefuseAConnectionThatIsNotConnectorJs() throws SQLException {
    Connection other = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> method.getName().equals("isWrapperFor") ? false : null);

    assertFalse(MySqlLiterals.acceptsInlinedText(other));
  }
}
