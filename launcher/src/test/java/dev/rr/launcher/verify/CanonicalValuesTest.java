package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;
import dev.rr.common.input.MySqlColumnTypes;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SpannerType;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
      .set("max").to("-1.7976931348623157E+308")
      .set("hex").to("00FF41")
      .set("members").toStringArray(List.of("c", "a"))
      .set("nothing").to((String) null)
      .build();

  static ColumnMapping column(String name, String spannerType, String mysqlType) {
    SpannerType spanner = spannerType.startsWith("ARRAY<")
        ? SpannerType.arrayOf(spannerType.substring(6, spannerType.length() - 1))
        : SpannerType.of(spannerType);
    return new ColumnMapping(name, spanner, name, MySqlColumnTypes.parse(mysqlType));
  }

  String spanner(String name, String spannerType, String mysqlType) {
    return utc.spanner(ROW, "t", column(name, spannerType, mysqlType));
  }

  @Test
  void shouldCanonicalizeNumbersAsTheColumnStoresThem() {
    assertEquals("42", spanner("i", "INT64", "bigint"));
    assertEquals("12.5", spanner("n", "NUMERIC", "decimal(10,3)"));
    assertEquals("13", spanner("n", "NUMERIC", "decimal(10,0)"), "the server rounds to the scale");
    assertEquals("12.5", CanonicalValues.number("12.500"));
    assertEquals("0", CanonicalValues.number("0.000"));
    assertEquals("-1.7976931348623157E308", spanner("max", "STRING", "double"));
    assertEquals("-1.7976931348623157E+308", spanner("max", "STRING", "varchar(40)"),
        "text written from a STRING stays text");
  }

  @Test
  void shouldMapBoolToTinyintDigits() {
    assertEquals("1", spanner("b", "BOOL", "tinyint(1)"));
  }

  @Test
  void shouldCompareJsonIgnoringKeyOrderAndSpacing() {
    assertEquals(CanonicalValues.json("{\"a\":[1,2],\"b\":1}"), spanner("j", "JSON", "json"));
  }

  @Test
  void shouldRenderBytesAsTheWriterWritesThem() {
    assertEquals("01ff", spanner("bytes", "BYTES", "varbinary(16)"));
    assertEquals("01ff0000", spanner("bytes", "BYTES", "binary(4)"), "binary(n) pads with 0x00");
    assertEquals("511", spanner("bytes", "BYTES", "bit(16)"));
    assertEquals("00ff41", spanner("hex", "STRING", "blob"), "hex text is the bytes");
  }

  @Test
  void shouldSortSetMembers() {
    assertEquals("a,c", spanner("members", "ARRAY<STRING>", "set('a','b','c')"));
    assertEquals(CanonicalForms.set("a,c"), CanonicalForms.set("c,a"));
  }

  @Test
  void shouldCutTimestampToColumnPrecisionInSourceTimezone() {
    assertEquals("2024-05-01T10:15:30.123456", spanner("ts", "TIMESTAMP", "timestamp"),
        "no live precision known: six digits, as the writer sends them");
    assertEquals("2024-05-01T10:15:30.123456", spanner("ts", "TIMESTAMP", "datetime(6)"));
    assertEquals("2024-05-01T12:15:30.123", new CanonicalValues(ZoneOffset.ofHours(2))
        .spanner(ROW, "t", column("ts", "TIMESTAMP", "datetime(3)")));
    CanonicalValues live = new CanonicalValues(ZoneOffset.UTC, TemporalPrecisions.of(Map.of("t.ts", 0)));
    assertEquals("2024-05-01T10:15:30", live.spanner(ROW, "t", column("ts", "TIMESTAMP", "datetime")));
    assertEquals(spanner("ts", "TIMESTAMP", "varchar(40)"),
        CanonicalForms.text("2024-05-01T10:15:30.123456789+00:00",
            MySqlColumnTypes.parse("varchar(40)"), SpannerType.of("TIMESTAMP")),
        "a timestamp as text compares by instant, with or without Z");
  }

  @Test
  void shouldSpellTimesOneWay() {
    assertEquals("26:00:00", CanonicalForms.time("1 02:00:00"));
    assertEquals("-838:59:59", CanonicalForms.time("-838:59:59.000000"));
    assertEquals("14:30:00.5", CanonicalForms.time("14:30:00.500"));
    assertEquals("00:00:00", CanonicalForms.time("-00:00:00"));
  }

  @Test
  void shouldMarkAValueTheWriterRefuses() {
    String refused = spanner("s", "STRING", "varbinary(16)");
    assertTrue(refused.startsWith(CanonicalValues.UNWRITABLE), refused);
    assertTrue(refused.contains("not hexadecimal text"), refused);
    assertTrue(spanner("s", "STRING", "geometry").startsWith(CanonicalValues.UNWRITABLE),
        "a type the writer does not write");
  }

  @Test
  void shouldKeepNullDistinctFromText() {
    assertEquals(CanonicalValues.NULL, spanner("nothing", "STRING", "varchar(10)"));
    assertNotEquals("NULL", CanonicalValues.NULL);
    assertEquals("2024-05-01", spanner("d", "DATE", "date"));
  }
}
