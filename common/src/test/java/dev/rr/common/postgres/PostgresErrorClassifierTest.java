package dev.rr.common.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.mysql.ErrorClass;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresErrorClassifierTest {

  @ParameterizedTest
  @CsvSource({
      "40001, TRANSIENT", "40P01, TRANSIENT", "08006, TRANSIENT", "08001, TRANSIENT",
      "57P01, TRANSIENT", "53300, TRANSIENT",
      "23505, PERMANENT", "23503, PERMANENT", "23514, PERMANENT", "22001, PERMANENT",
      "22003, PERMANENT", "42501, PERMANENT", "42P01, PERMANENT", "54000, PERMANENT",
      "XX000, PERMANENT",
  })
  void shouldClassifyBySqlState(String state, ErrorClass expected) {
    SQLException error = new SQLException("failed", state);
    assertEquals(expected, PostgresErrorClassifier.classify(new RuntimeException("wrapped", error)));
  }

  @Test
  void shouldTreatAPoolTimeoutWithoutStateAsTransient() {
    assertEquals(ErrorClass.TRANSIENT, PostgresErrorClassifier.classify(
        new SQLTransientConnectionException("pool timeout")));
  }

  @Test
  void shouldNameOnlyProgramLimitExceededAsTooLarge() {
    assertTrue(PostgresErrorClassifier.isStatementTooLarge(new SQLException("too many", "54000")));
    assertFalse(PostgresErrorClassifier.isStatementTooLarge(new SQLException("dup", "23505")));
  }
}
