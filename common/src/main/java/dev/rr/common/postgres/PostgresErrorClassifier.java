package dev.rr.common.postgres;

import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MappingException;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies PostgreSQL errors by SQLSTATE - the one place for PostgreSQL shards. The first
 * {@link SQLException} in the cause chain with a known state decides; an unknown state is
 * permanent (stop and report rather than retry forever).
 */
public final class PostgresErrorClassifier {

  /**
   * Retrying may succeed: 40001 serialization failure, 40P01 deadlock, 57P01 admin shutdown,
   * 57P02 crash shutdown, 57P03 cannot connect now (starting up), 53300 too many connections.
   */
  static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

  /** Class 08: every connection exception (the driver's 08001, 08003, 08006 among them). */
  static final String CONNECTION_CLASS = "08";

  /**
   * Retrying cannot help: 23 integrity constraint violation, 22 data exception, 42 syntax error or
   * access rule violation (42501 insufficient privilege), 28 invalid authorization.
   */
  static final Set<String> PERMANENT_CLASSES = Set.of("22", "23", "28", "42");

  /** 54000 program limit exceeded: e.g. a statement with more than 65,535 parameters. */
  static final String PROGRAM_LIMIT_EXCEEDED = "54000";

  private PostgresErrorClassifier() {}

  /** TRANSIENT when retrying {@code error}'s operation may succeed, else PERMANENT. */
  public static ErrorClass classify(Throwable error) {
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

  /** True when a statement exceeded what the server takes (program limit exceeded). */
  public static boolean isStatementTooLarge(Throwable error) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable current = error;
        current != null && seen.put(current, Boolean.TRUE) == null;
        current = current.getCause()) {
      if (current instanceof SQLException sql && PROGRAM_LIMIT_EXCEEDED.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<ErrorClass> decide(SQLException error) {
    String state = error.getSQLState();
    if (state != null && state.length() == 5) {
      if (TRANSIENT_STATES.contains(state) || state.startsWith(CONNECTION_CLASS)) {
        return Optional.of(ErrorClass.TRANSIENT);
      }
      if (PERMANENT_CLASSES.contains(state.substring(0, 2)) || PROGRAM_LIMIT_EXCEEDED.equals(state)) {
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
