package dev.rr.common.mysql;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test shorthand: column types written the way DDL spells them. */
final class Types {
  private static final Pattern SOURCE = Pattern.compile("([a-z ]+?)(\\((\\d+)(,(\\d+))?\\))?( unsigned)?");

  private Types() {}

  /** {@code "INT64"} or {@code "ARRAY<STRING>"}. */
  static SpannerType spanner(String text) {
    return text.startsWith("ARRAY<")
        ? SpannerType.arrayOf(text.substring(6, text.length() - 1))
        : SpannerType.of(text);
  }

  /** {@code "decimal(10,2)"}, {@code "tinyint unsigned"}, {@code "double precision"}. */
  static SourceType source(String text) {
    Matcher m = SOURCE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(text);
    }
    List<Long> mods = new ArrayList<>();
    if (m.group(3) != null) {
      mods.add(Long.parseLong(m.group(3)));
    }
    if (m.group(5) != null) {
      mods.add(Long.parseLong(m.group(5)));
    }
    return new SourceType(m.group(1).trim(), mods, m.group(6) != null);
  }

  /** A column {@code name} on both sides. */
  static ColumnMapping column(String name, String spannerType, String sourceType) {
    return new ColumnMapping(name, spanner(spannerType), name, source(sourceType));
  }

  /** A renamed column. */
  static ColumnMapping column(
      String spannerName, String spannerType, String sourceName, String sourceType) {
    return new ColumnMapping(spannerName, spanner(spannerType), sourceName, source(sourceType));
  }
}
