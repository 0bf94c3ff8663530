package dev.rr.common.mysql;

import com.mysql.cj.exceptions.CJPacketTooBigException;
import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a failed MySQL operation is worth retrying. Walks the cause chain and decides on
 * the first SQLException that carries a known MySQL/MariaDB error code, else a known SQLState
 * class, else a JDBC exception subclass that says so. Anything unrecognised is permanent: stopping
 * a shard visibly beats retrying a bad statement forever. Messages are never inspected.
 *
 * <p>One rule comes first: a statement larger than the server's {@code max_allowed_packet}
 * ({@link #isStatementTooLarge}) is permanent, whichever side noticed it. Connector/J refuses to
 * send it ({@code PacketTooBigException}, SQLState S1000); a server that allows less than the
 * client believes answers 1153 and drops the connection, which Connector/J may report as a lost
 * connection (SQLState 08S01). The same statement fails the same way every time. The writer
 * splits a statement Connector/J refused ({@link #isRefusedBeforeSending}) and goes row by row
 * after a 1153; either way only a row too large by itself stops a shard.
 */
public final class MySqlErrorClassifier {

  /** Server and client error codes after which the same statement may succeed. */
  static final Set<Integer> TRANSIENT_CODES =
      Set.of(
          1040, // ER_CON_COUNT_ERROR: too many connections
          1053, // ER_SERVER_SHUTDOWN
          1203, // ER_TOO_MANY_USER_CONNECTIONS
          1205, // ER_LOCK_WAIT_TIMEOUT
          1213, // ER_LOCK_DEADLOCK
          1290, // ER_OPTION_PREVENTS_STATEMENT: --read-only, e.g. during a failover
          1317, // ER_QUERY_INTERRUPTED
          1637, // ER_TOO_MANY_CONCURRENT_TRXS
          1836, // ER_READ_ONLY_MODE
          1927, // ER_CONNECTION_KILLED (MariaDB)
          2002, // CR_CONNECTION_ERROR
          2003, // CR_CONN_HOST_ERROR
          2006, // CR_SERVER_GONE_ERROR
          2013, // CR_SERVER_LOST
          2055, // CR_SERVER_LOST_EXTENDED
          4031); // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)

  /** Error codes that retrying cannot fix: data, constraints, syntax, privileges, schema. */
  static final Set<Integer> PERMANENT_CODES =
      Set.of(
          1044, // ER_DBACCESS_DENIED_ERROR
          1045, // ER_ACCESS_DENIED_ERROR
          1048, // ER_BAD_NULL_ERROR
          1054, // ER_BAD_FIELD_ERROR: unknown column
          1062, // ER_DUP_ENTRY
          1064, // ER_PARSE_ERROR
          1136, // ER_WRONG_VALUE_COUNT_ON_ROW
          1142, // ER_TABLEACCESS_DENIED_ERROR
          1143, // ER_COLUMNACCESS_DENIED_ERROR
          1146, // ER_NO_SUCH_TABLE
          1216, // ER_NO_REFERENCED_ROW
          1217, // ER_ROW_IS_REFERENCED
          1264, // ER_WARN_DATA_OUT_OF_RANGE
          1265, // WARN_DATA_TRUNCATED
          1292, // ER_TRUNCATED_WRONG_VALUE: bad date/time value
          1366, // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
          1406, // ER_DATA_TOO_LONG
          1451, // ER_ROW_IS_REFERENCED_2
          1452, // ER_NO_REFERENCED_ROW_2
          1690, // ER_DATA_OUT_OF_RANGE
          3140, // ER_INVALID_JSON_TEXT (MySQL)
          3819, // ER_CHECK_CONSTRAINT_VIOLATED (MySQL)
          4025); // ER_CONSTRAINT_FAILED (MariaDB; also invalid JSON)

  /** ER_NET_PACKET_TOO_LARGE: the server refused a packet larger than its max_allowed_packet. */
  static final int PACKET_TOO_LARGE = 1153;

  /** SQLState classes: 08 connection exception, 40 transaction rollback (serialization/deadlock). */
  private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40");

  /** 22 data exception, 23 integrity constraint, 42 syntax or access rule, 28 authorization. */
  private static final Set<String> PERMANENT_STATE_CLASSES = Set.of("22", "23", "28", "42");

  private MySqlErrorClassifier() {}

  /** TRANSIENT when retrying {@code error}'s operation may succeed, else PERMANENT. */
  public static ErrorClass classify(Throwable error) {
    if (isStatementTooLarge(error)) {
      return ErrorClass.PERMANENT;
    }
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable current = error;
        current != null && seen.put(current, Boolean.TRUE) == null;
        current = current.getCause()) {
      if (current instanceof MappingException) {
        return ErrorClass.PERMANENT;
      }
      if (current instanceof SQLException sql) {
        Optional<ErrorClass> decided = decide(sql);
        if (decided.isPresent()) {
          return decided.get();
        }
      }
    }
    return ErrorClass.PERMANENT;
  }

  /**
   * True when {@code error} or a cause says a statement was larger than the server's {@code
   * max_allowed_packet}: refused by Connector/J before sending it, or by the server (1153).
   */
  public static boolean isStatementTooLarge(Throwable error) {
    if (isRefusedBeforeSending(error)) {
      return true;
    }
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable current = error;
        current != null && seen.put(current, Boolean.TRUE) == null;
        current = current.getCause()) {
      if (current instanceof SQLException sql && sql.getErrorCode() == PACKET_TOO_LARGE) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when Connector/J refused to send a statement larger than {@code max_allowed_packet}: a
   * {@link #isStatementTooLarge} case where nothing reached the server, so the connection and
   * its transaction are intact and smaller statements may follow.
   */
  public static boolean isRefusedBeforeSending(Throwable error) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable current = error;
        current != null && seen.put(current, Boolean.TRUE) == null;
        current = current.getCause()) {
      if (current instanceof PacketTooBigException || current instanceof CJPacketTooBigException) {
        return true;
      }
    }
    return false;
  }

  /** True when {@link #classify} says TRANSIENT. */
  public static boolean isTransient(Throwable error) {
    return classify(error) == ErrorClass.TRANSIENT;
  }

  private static Optional<ErrorClass> decide(SQLException error) {
    int code = error.getErrorCode();
    if (TRANSIENT_CODES.contains(code)) {
      return Optional.of(ErrorClass.TRANSIENT);
    }
    if (PERMANENT_CODES.contains(code)) {
      return Optional.of(ErrorClass.PERMANENT);
    }
    String state = error.getSQLState();
    if (state != null && state.length() >= 2) {
      String stateClass = state.substring(0, 2);
      if (TRANSIENT_STATE_CLASSES.contains(stateClass)) {
        return Optional.of(ErrorClass.TRANSIENT);
      }
      if (PERMANENT_STATE_CLASSES.contains(stateClass)) {
        return Optional.of(ErrorClass.PERMANENT);
      }
    }
    if (error instanceof SQLTransientException || error instanceof SQLRecoverableException) {
      return Optional.of(ErrorClass.TRANSIENT);
    }
    if (error instanceof SQLNonTransientException) {
      return Optional.of(ErrorClass.PERMANENT);
    }
    return Optional.empty();
  }
}
