package dev.rr.common.spannerjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpannerJsonScalarsTest {

  @Test
  void shouldReadTimestampsAsTheIsoFormatterDoes() {
    List<String> texts = new ArrayList<>(List.of(
        "2024-01-01T12:34:56Z", "2024-01-01T12:34:56.1Z", "2024-01-01T12:34:56.123456789Z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T00:00:00.5Z",
        "1970-01-01T00:00:00.000001Z", "2024-01-01T12:34:56+05:30", "2024-01-01t12:34:56z",
        "0000-01-01T00:00:00Z", "2024-01-01T12:34:56.Z"));
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
          random.nextInt(1_000_000_000));
      String text = DateTimeFormatter.ISO_INSTANT.format(instant);
      texts.add(text);
    }
    for (String text : texts) {
      assertEquals(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
          SpannerJsonScalars.timestamp(text), text);
    }
  }

  @Test
  void shouldRejectWhatTheIsoFormatterRejectsWithItsMessage() {
    for (String text : List.of("2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T23:59:60Z",
        "2024-01-01T12:34:56.1234567891Z", "2024-1-01T12:34:56Z", "2024-01-01 12:34:56Z",
        "2024-01-01T12:34:56", "", "20240101T123456Z", "2024-01-01T12:34:5xZ")) {
      DateTimeException expected = assertThrows(DateTimeException.class,
          () -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME), text);
      DateTimeException actual =
          assertThrows(DateTimeException.class, () -> SpannerJsonScalars.timestamp(text), text);
      assertEquals(expected.getMessage(), actual.getMessage(), text);
    }
  }
}
