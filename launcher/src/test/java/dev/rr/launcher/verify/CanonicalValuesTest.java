package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;
import dev.rr.common.schema.SourceType;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CanonicalValuesTest {
  final CanonicalValues utc = new CanonicalValues(ZoneOffset.UTC);

  static final Struct ROW = Struct.newBuilder()
      .set("i").to(42L)
      .set("n").to(new BigDecimal("12.500"))
      .set("b").to(true)
      .set("s").to("héllo")
      .set("j").to(com.google.cloud.spanner.Value.json("{\"b\": 1.0, \"a\": [1, 2]}"))
      .set("bytes").to(ByteArray.copyFrom(new byte[] {0x01, (byte) 0xff}))
      .set("d").to(Date.fromYearMonthDay(2024, 5, 1))
      .set("ts").to(Timestamp.parseTimestamp("2024-05-01T10:15:30.123456789Z"))
      .set("nothing").to((String) null)
      .build();

  @Test
  void shouldCanonicalizeNumbersWithoutTrailingZeros() {
    assertEquals("42", utc.spanner(ROW, "i", SourceType.of("bigint")));
    assertEquals("12.5", utc.spanner(ROW, "n", SourceType.of("decimal", 10L, 3L)));
    assertEquals("12.5", CanonicalValues.number("12.500"));
    assertEquals("0", CanonicalValues.number("0.000"));
  }

  @Test
  void shouldMapBoolToTinyintDigits() {
    assertEquals("1", utc.spanner(ROW, "b", SourceType.of("tinyint", 1L)));
  }

  @Test
  void shouldCompareJsonIgnoringKeyOrderAndSpacing() {
    assertEquals(CanonicalValues.json("{\"a\":[1,2],\"b\":1}"),
        utc.spanner(ROW, "j", SourceType.of("json")));
  }

  @Test
  void shouldRenderBytesByTargetColumnFamily() {
    assertEquals("01ff", utc.spanner(ROW, "bytes", SourceType.of("varbinary", 16L)));
    assertEquals("511", utc.spanner(ROW, "bytes", SourceType.of("bit", 16L)));
  }

  @Test
  void shouldCutTimestampToColumnPrecisionInSourceTimezone() {
    assertEquals("2024-05-01T10:15:30", utc.spanner(ROW, "ts", SourceType.of("timestamp")));
    assertEquals("2024-05-01T10:15:30.123456", utc.spanner(ROW, "ts", SourceType.of("datetime", 6L)));
    assertEquals("2024-05-01T12:15:30.123",
        new CanonicalValues(ZoneOffset.ofHours(2)).spanner(ROW, "ts", SourceType.of("datetime", 3L)));
  }

  @Test
  void shouldKeepNullDistinctFromText() {
    assertEquals(CanonicalValues.NULL, utc.spanner(ROW, "nothing", SourceType.of("varchar", 10L)));
    assertNotEquals("NULL", CanonicalValues.NULL);
    assertEquals("2024-05-01", utc.spanner(ROW, "d", SourceType.of("date")));
  }
}
