package dev.rr.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TableSuffixTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "run7", "Run_2024_06", "_", "0"})
  void shouldAcceptLettersDigitsAndUnderscores(String value) {
    assertTrue(TableSuffix.isValid(value));
    assertEquals(value, new TableSuffix(value).value());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "run-7", "run 7", "run;DROP", "ä", "run`", "a.b"})
  void shouldRejectAnythingElse(String value) {
    assertFalse(TableSuffix.isValid(value));
    ConfigException e = assertThrows(ConfigException.class, () -> new TableSuffix(value));
    assertTrue(e.getMessage().contains("metadataTableSuffix"), e.getMessage());
    if (value != null) {
      assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }
  }

  @Test
  void shouldTreatAbsentOrEmptyOptionAsNoSuffix() {
    assertEquals(Optional.empty(), TableSuffix.fromOption(null));
    assertEquals(Optional.empty(), TableSuffix.fromOption(""));
    assertEquals(Optional.of(new TableSuffix("x1")), TableSuffix.fromOption("x1"));
    assertThrows(ConfigException.class, () -> TableSuffix.fromOption("x-1"));
  }

  @Test
  void shouldAppendWithUnderscore() {
    assertEquals(
        "shard_file_create_progress_run7",
        new TableSuffix("run7").applyTo("shard_file_create_progress"));
  }
}
