package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CheckSchemaTest {
  @Test
  void shouldParseEitherSchemaInAnyLetterCase() {
    assertEquals(CheckSchema.SAMPLE, CheckSchema.parse("sample"));
    assertEquals(CheckSchema.RANDOM, CheckSchema.parse("Random"));
  }

  @Test
  void shouldNameTheOptionAndTheValueWhenTheSchemaIsUnknown() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckSchema.parse("mine"));

    assertEquals("--schema must be sample or random but was 'mine'", e.getMessage());
  }
}
