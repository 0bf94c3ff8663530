package dev.rr.common.mysql;

import dev.rr.common.schema.SourceType;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MySQL column types grouped by how a value is converted for them (public for {@code rr
 * verify}, which reads each family back the way the writer wrote it).
 */
public enum SourceFamily {
  INTEGER,
  DECIMAL,
  FLOAT,
  DOUBLE,
  BIT,
  TEXT,
  ENUM,
  SET,
  JSON,
  BINARY,
  DATE,
  TIME,
  YEAR,
  DATETIME,
  TIMESTAMP;

  private static final Map<String, SourceFamily> BY_NAME =
      Map.ofEntries(
          Map.entry("tinyint", INTEGER),
          Map.entry("smallint", INTEGER),
          Map.entry("mediumint", INTEGER),
          Map.entry("middleint", INTEGER),
          Map.entry("int", INTEGER),
          Map.entry("integer", INTEGER),
          Map.entry("bigint", INTEGER),
          Map.entry("bool", INTEGER),
          Map.entry("boolean", INTEGER),
          Map.entry("decimal", DECIMAL),
          Map.entry("numeric", DECIMAL),
          Map.entry("dec", DECIMAL),
          Map.entry("fixed", DECIMAL),
          Map.entry("float", FLOAT),
          Map.entry("double", DOUBLE),
          Map.entry("double precision", DOUBLE),
          Map.entry("real", DOUBLE),
          Map.entry("bit", BIT),
          Map.entry("char", TEXT),
          Map.entry("varchar", TEXT),
          Map.entry("nchar", TEXT),
          Map.entry("nvarchar", TEXT),
          Map.entry("tinytext", TEXT),
          Map.entry("text", TEXT),
          Map.entry("mediumtext", TEXT),
          Map.entry("longtext", TEXT),
          Map.entry("enum", ENUM),
          Map.entry("set", SET),
          Map.entry("json", JSON),
          Map.entry("binary", BINARY),
          Map.entry("varbinary", BINARY),
          Map.entry("tinyblob", BINARY),
          Map.entry("blob", BINARY),
          Map.entry("mediumblob", BINARY),
          Map.entry("longblob", BINARY),
          Map.entry("date", DATE),
          Map.entry("time", TIME),
          Map.entry("year", YEAR),
          Map.entry("datetime", DATETIME),
          Map.entry("timestamp", TIMESTAMP));

  private static final Map<String, Integer> INTEGER_BITS =
      Map.of(
          "tinyint", 8,
          "bool", 8,
          "boolean", 8,
          "smallint", 16,
          "mediumint", 24,
          "middleint", 24,
          "int", 32,
          "integer", 32,
          "bigint", 64);

  /**
   * Bare names by type name: a schema has few distinct type names, and the converter asks for one
   * per value written.
   */
  private static final Map<String, String> BASE_NAMES = new ConcurrentHashMap<>();

  /** The family of {@code type}; fails for column types this dialect does not write. */
  public static SourceFamily of(SourceType type) {
    SourceFamily family = BY_NAME.get(baseName(type));
    if (family == null) {
      throw new IllegalArgumentException("unsupported MySQL column type '" + type.name() + "'");
    }
    return family;
  }

  /** True when {@code type} belongs to a family, i.e. {@link #of} does not fail for it. */
  static boolean isKnown(SourceType type) {
    return BY_NAME.containsKey(baseName(type));
  }

  /**
   * True when values mapped for a column of type {@code mapped} can be written to a column of
   * type {@code real} by converting them for {@code real}: both are numbers, both are character
   * strings (JSON included: MariaDB reports a JSON column as {@code longtext}), both are
   * date-times, or both are of one family. Widths, signs and precisions may differ: the writer
   * converts by the real column.
   */
  static boolean compatible(SourceType mapped, SourceType real) {
    return of(mapped).group() == of(real).group();
  }

  private SourceFamily group() {
    return switch (this) {
      case INTEGER, DECIMAL, FLOAT, DOUBLE -> INTEGER;
      case TEXT, ENUM, SET, JSON -> TEXT;
      case DATETIME, TIMESTAMP -> DATETIME;
      default -> this;
    };
  }

  /** True when the column is unsigned (by flag, or spelled into the type name). */
  static boolean isUnsigned(SourceType type) {
    // SourceType names are lower case already.
    return type.unsigned() || type.name().contains("unsigned");
  }

  /** Smallest value an INTEGER-family column holds. */
  static BigInteger integerMin(SourceType type) {
    int bits = INTEGER_BITS.get(baseName(type));
    return isUnsigned(type) ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
  }

  /** Largest value an INTEGER-family column holds. */
  static BigInteger integerMax(SourceType type) {
    int bits = INTEGER_BITS.get(baseName(type));
    return isUnsigned(type)
        ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
  }

  /**
   * The bare type name: lower case, without a length in parentheses or the unsigned / zerofill
   * attributes, in case a mapping carries them inside the name.
   */
  public static String baseName(SourceType type) {
    return BASE_NAMES.computeIfAbsent(type.name(), SourceFamily::stripAttributes);
  }

  private static String stripAttributes(String typeName) {
    String name = typeName.toLowerCase(Locale.ROOT);
    int paren = name.indexOf('(');
    if (paren >= 0) {
      int close = name.indexOf(')', paren);
      name = name.substring(0, paren) + (close >= 0 ? name.substring(close + 1) : "");
    }
    return name.replace("unsigned", "").replace("zerofill", "").trim().replaceAll("\\s+", " ");
  }
}
