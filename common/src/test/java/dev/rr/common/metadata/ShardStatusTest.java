package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShardStatusTest {

  @ParameterizedTest
  @EnumSource(ShardStatus.class)
  void shouldParseItsOwnName(ShardStatus status) {
    assertEquals(status, ShardStatus.parse(status.name()));
  }

  @Test
  void shouldParseIgnoringCaseAndSurroundingSpace() {
    assertEquals(ShardStatus.REPROCESS, ShardStatus.parse(" reprocess "));
    assertEquals(ShardStatus.RETRYING, ShardStatus.parse("Retrying"));
  }

  @Test
  void shouldListValidNamesWhenUnknown() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShardStatus.parse("DONE"));

    assertTrue(e.getMessage().contains("'DONE'"), e.getMessage());
    assertTrue(e.getMessage().contains("SUCCESS, RETRYING, ERROR, REPROCESS"), e.getMessage());
  }

  @Test
  void shouldRejectNull() {
    assertThrows(IllegalArgumentException.class, () -> ShardStatus.parse(null));
  }
}
