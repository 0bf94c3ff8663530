package dev.rr.common.mysql;

import static dev.rr.common.mysql.ErrorClass.PERMANENT;
import static dev.rr.common.mysql.ErrorClass.TRANSIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.exceptions.CJPacketTooBigException;
import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MySqlErrorClassifierTest {

  /** Description, error as Connector/J raises it, expected class. */
  static Stream<Arguments> errors() {
    return Stream.of(
        // transient: connection, failover, locking, capacity
        row("communications link failure", new SQLRecoverableException("x", "08S01", 0), TRANSIENT),
        row("connection refused at connect", new SQLNonTransientConnectionException("x", "08001", 0), TRANSIENT),
        row("server shutdown", sql("HY000", 1053), TRANSIENT),
        row("server gone away", sql("HY000", 2006), TRANSIENT),
        row("lost connection", sql("HY000", 2013), TRANSIENT),
        row("cannot connect", sql("HY000", 2003), TRANSIENT),
        row("deadlock", new SQLTransactionRollbackException("x", "40001", 1213), TRANSIENT),
        row("lock wait timeout", sql("HY000", 1205), TRANSIENT),
        row("too many connections", new SQLNonTransientConnectionException("x", "08004", 1040), TRANSIENT),
        row("too many user connections", sql("42000", 1203), TRANSIENT),
        row("read-only during failover", sql("HY000", 1290), TRANSIENT),
        row("read-only mode", sql("25006", 1836), TRANSIENT),
        row("query interrupted", sql("70100", 1317), TRANSIENT),
        row("connection killed (MariaDB)", sql("70100", 1927), TRANSIENT),
        row("pool timeout", new SQLTransientConnectionException("timeout", null, 0), TRANSIENT),
        row("unknown code, connection SQLState", sql("08S01", 9999), TRANSIENT),
        row("serialization failure SQLState", sql("40001", 0), TRANSIENT),
        // permanent: data, constraints, syntax, privileges, schema
        row("out of range", sql("22003", 1264), PERMANENT),
        row("incorrect value", sql("HY000", 1366), PERMANENT),
        row("data too long", sql("22001", 1406), PERMANENT),
        row("bad datetime", sql("22007", 1292), PERMANENT),
        row("column cannot be null", sql("23000", 1048), PERMANENT),
        row("duplicate key", new SQLIntegrityConstraintViolationException("x", "23000", 1062), PERMANENT),
        row("row is referenced", sql("23000", 1451), PERMANENT),
        row("no referenced row", sql("23000", 1452), PERMANENT),
        row("syntax", new SQLSyntaxErrorException("x", "42000", 1064), PERMANENT),
        row("table access denied", sql("42000", 1142), PERMANENT),
        row("db access denied", sql("42000", 1044), PERMANENT),
        row("login denied", sql("28000", 1045), PERMANENT),
        row("unknown table", sql("42S02", 1146), PERMANENT),
        row("unknown column", sql("42S22", 1054), PERMANENT),
        row("invalid json (MySQL)", sql("22032", 3140), PERMANENT),
        row("check constraint (MariaDB json_valid)", sql("23000", 4025), PERMANENT),
        row("unknown code, data SQLState", sql("22999", 9999), PERMANENT),
        row("unknown code, integrity SQLState", sql("23999", 9999), PERMANENT),
        row("unknown code, syntax SQLState", sql("42999", 9999), PERMANENT),
        row("nothing known", sql("HY000", 9999), PERMANENT),
        row("not a SQL error", new IllegalStateException("x"), PERMANENT),
        row("conversion failure", new MappingException("x"), PERMANENT),
        // a statement too large: the same statement fails the same way, whoever refuses it
        row("packet too large (server, 1153)", sql("08S01", 1153), PERMANENT),
        row("packet too large (Connector/J)", new PacketTooBigException(70_000, 65_536), PERMANENT),
        row("packet too large, reported as a lost connection",
            new SQLRecoverableException("Communications link failure", "08S01", 0,
                new CJPacketTooBigException(70_000, 65_536)), PERMANENT));
  }

  @Test
  void shouldTellAStatementTooLargeFromOtherPermanentErrors() {
    assertTrue(MySqlErrorClassifier.isStatementTooLarge(sql("08S01", 1153)));
    assertTrue(MySqlErrorClassifier.isStatementTooLarge(
        new IOException("wrapped", new PacketTooBigException(70_000, 65_536))));
    assertFalse(MySqlErrorClassifier.isStatementTooLarge(sql("22001", 1406)));
    assertFalse(MySqlErrorClassifier.isStatementTooLarge(sql("08S01", 2013)));
    // Only Connector/J's refusal leaves the connection usable for smaller statements.
    assertTrue(MySqlErrorClassifier.isRefusedBeforeSending(new PacketTooBigException(70_000, 65_536)));
    assertFalse(MySqlErrorClassifier.isRefusedBeforeSending(sql("08S01", 1153)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void shouldClassifyByErrorCodeThenSqlStateThenExceptionType(
      String description, Throwable error, ErrorClass expected) {
    assertEquals(expected, MySqlErrorClassifier.classify(error));
    assertEquals(expected == TRANSIENT, MySqlErrorClassifier.isTransient(error));
  }

  @ParameterizedTest(name = "{0}, wrapped")
  @MethodSource("errors")
  void shouldFindTheDecidingErrorAnywhereInTheCauseChain(
      String description, Throwable error, ErrorClass expected) {
    SQLException vague = new SQLException("wrapper without code", null, 0, error);
    RuntimeException wrapped = new RuntimeException(new IOException("io", vague));
    assertEquals(expected, MySqlErrorClassifier.classify(wrapped));
  }

  @Test
  void shouldLetTheOutermostDecisiveErrorWin() {
    SQLException deadlockAroundDuplicate =
        new BatchUpdateException("batch", "40001", 1213, new int[0], sql("23000", 1062));
    assertEquals(TRANSIENT, MySqlErrorClassifier.classify(deadlockAroundDuplicate));
  }

  @Test
  void shouldNotBranchOnMessages() {
    SQLException misleading = new SQLException("Deadlock found; try restarting transaction", "HY000", 1062);
    assertFalse(MySqlErrorClassifier.isTransient(misleading));
    SQLException silent = new SQLException(null, "HY000", 1213);
    assertTrue(MySqlErrorClassifier.isTransient(silent));
  }

  @Test
  void shouldSurviveACyclicCauseChain() {
    SQLException first = new SQLException("a");
    SQLException second = new SQLException("b", first);
    first.initCause(second);
    assertEquals(PERMANENT, MySqlErrorClassifier.classify(first));
  }

  private static SQLException sql(String state, int code) {
    return new SQLException("error " + code, state, code);
  }

  private static Arguments row(String description, Throwable error, ErrorClass expected) {
    return Arguments.of(description, error, expected);
  }
}
