package dev.rr.common.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementTest {

  /** One setter call on the prepared statement: method name and arguments. */
  private record Call(String method, List<Object> args) {}

  @Test
  void shouldBindTemporalValuesAsTextWithMicrosecondsSoConnectorJCannotDropThem() throws SQLException {
    List<Call> calls =
        bind(
            LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
            LocalDate.of(1, 1, 1),
            LocalTime.of(23, 59, 59, 999_999_000));
    assertEquals(
        List.of(
            new Call("setString", List.of(1, "2024-01-02 03:04:05.123456")),
            new Call("setString", List.of(2, "0001-01-01")),
            new Call("setString", List.of(3, "23:59:59.999999"))),
        calls);
  }

  @Test
  void shouldBindUnsignedBigintsAsDecimalsAndNullsAsSqlNull() throws SQLException {
    List<Call> calls = bind(new BigInteger("18446744073709551615"), null, 5L, "s");
    assertEquals(new Call("setBigDecimal", List.of(1, new BigDecimal("18446744073709551615"))), calls.get(0));
    assertEquals(new Call("setNull", List.of(2, Types.NULL)), calls.get(1));
    assertEquals(new Call("setLong", List.of(3, 5L)), calls.get(2));
    assertEquals(new Call("setString", List.of(4, "s")), calls.get(3));
  }

  @Test
  void shouldBindBytesAsBytes() throws SQLException {
    Call call = bind((Object) new byte[] {1, 2}).get(0);
    assertEquals("setBytes", call.method());
    assertArrayEquals(new byte[] {1, 2}, (byte[]) call.args().get(1));
  }

  @Test
  void shouldKeepNullParametersAndBeImmutable() {
    SqlStatement statement = SqlStatement.of("SELECT ?, ?", null, 1L);
    assertEquals(Arrays.asList(null, 1L), statement.params());
    assertThrows(UnsupportedOperationException.class, () -> statement.params().add(2L));
    assertEquals("SELECT ?, ? [2 params]", statement.toString());
  }

  private static List<Call> bind(Object... params) throws SQLException {
    List<Call> calls = new ArrayList<>();
    PreparedStatement recorder =
        (PreparedStatement)
            Proxy.newProxyInstance(
                SqlStatementTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                  calls.add(new Call(method.getName(), Arrays.asList(args)));
                  return null;
                });
    SqlStatement.of("x", params).bindTo(recorder);
    return calls;
  }
}
