package dev.rr.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RunModesTest {

  @ParameterizedTest
  @CsvSource({"regular, REGULAR", "resume, RESUME"})
  void shouldParseDocumentedReaderRunModeNames(String name, ReaderRunMode expected) {
    assertEquals(expected, ReaderRunMode.parse(name));
    assertEquals(name, expected.optionName());
  }

  @ParameterizedTest
  @CsvSource({
    "regular, REGULAR",
    "resume, RESUME",
    "resumeAll, RESUME_ALL",
    "resumeSuccess, RESUME_SUCCESS",
    "resumeFailed, RESUME_FAILED",
    "reprocess, REPROCESS"
  })
  void shouldParseDocumentedWriterRunModeNames(String name, WriterRunMode expected) {
    assertEquals(expected, WriterRunMode.parse(name));
    assertEquals(name, expected.optionName());
  }

  @ParameterizedTest
  @CsvSource({"forward_migration, FORWARD_MIGRATION", "none, NONE"})
  void shouldParseDocumentedFiltrationModeNames(String name, FiltrationMode expected) {
    assertEquals(expected, FiltrationMode.parse(name));
    assertEquals(name, expected.optionName());
  }

  @Test
  void shouldRoundTripEveryConstantThroughItsOptionName() {
    for (ReaderRunMode mode : ReaderRunMode.values()) {
      assertEquals(mode, ReaderRunMode.parse(mode.optionName()));
    }
    for (WriterRunMode mode : WriterRunMode.values()) {
      assertEquals(mode, WriterRunMode.parse(mode.optionName()));
    }
    for (FiltrationMode mode : FiltrationMode.values()) {
      assertEquals(mode, FiltrationMode.parse(mode.optionName()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"REGULAR", "Resume", "resume_all", "RESUME_ALL", "resumeall", " resume"})
  void shouldRejectWriterNamesThatAreNotExactlyDocumented(String name) {
    assertThrows(ConfigException.class, () -> WriterRunMode.parse(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FORWARD_MIGRATION", "forwardMigration", "None", "all"})
  void shouldRejectFiltrationNamesThatAreNotExactlyDocumented(String name) {
    assertThrows(ConfigException.class, () -> FiltrationMode.parse(name));
  }

  @ParameterizedTest
  @NullAndEmptySource
  void shouldRejectMissingReaderRunMode(String name) {
    ConfigException e = assertThrows(ConfigException.class, () -> ReaderRunMode.parse(name));
    assertTrue(e.getMessage().contains("runMode"), e.getMessage());
  }

  @Test
  void shouldListValidNamesAndTheOffendingValueInTheError() {
    ConfigException e = assertThrows(ConfigException.class, () -> WriterRunMode.parse("resumeBad"));
    assertEquals(
        List.of(
            "runMode must be one of regular, resume, resumeAll, resumeSuccess, resumeFailed,"
                + " reprocess but was 'resumeBad'"),
        e.problems());

    ConfigException f = assertThrows(ConfigException.class, () -> FiltrationMode.parse("all"));
    assertTrue(f.getMessage().contains("filtrationMode"), f.getMessage());
    assertTrue(f.getMessage().contains("forward_migration, none"), f.getMessage());
    assertTrue(f.getMessage().contains("'all'"), f.getMessage());
  }

  @Test
  void shouldTreatEveryWriterModeButRegularAsResume() {
    assertFalse(WriterRunMode.REGULAR.isResume());
    assertTrue(
        Arrays.stream(WriterRunMode.values())
            .filter(mode -> mode != WriterRunMode.REGULAR)
            .allMatch(WriterRunMode::isResume));
  }
}
