package dev.rr.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceTimezoneTest {
  /** A mapping that records {@code offset} as its source time zone (or none). */
  private static SchemaMapping recording(ZoneOffset offset) {
    return new FixedSchemaMapping(List.of()) {
      @Override
      public Optional<ZoneOffset> sourceTimezone() {
        return Optional.ofNullable(offset);
      }
    };
  }

  @Test
  void shouldPreferTheOptionOverTheSession() {
    assertEquals(ZoneOffset.of("-05:00"), SourceTimezone.resolve(
        Optional.of(ZoneOffset.of("-05:00")), recording(ZoneOffset.of("+10:00"))));
  }

  @Test
  void shouldTakeTheSessionsOffsetWhenNoOptionIsGiven() {
    assertEquals(ZoneOffset.of("+10:00"),
        SourceTimezone.resolve(Optional.empty(), recording(ZoneOffset.of("+10:00"))));
  }

  @Test
  void shouldFallBackToUtc() {
    assertEquals(ZoneOffset.UTC, SourceTimezone.resolve(Optional.empty(), recording(null)));
  }
}
