package dev.rr.launcher.check;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.launcher.check.RandomSchema.Kind;
import dev.rr.launcher.check.RandomSchema.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@link Kind} of values {@link SchemaTransactions} writes to a column of an operator's
 * session file, or why it cannot: each kind's values must be held exactly by the MySQL column
 * (strings of up to 29 characters, bytes of up to 19, INT64 values up to 10^12, NUMERIC values
 * with 18 integer and 9 fraction digits, timestamps from 1971 to 2033 in whole seconds), or a
 * shard would differ from Spanner for a reason that is not replication's.
 */
final class SessionColumnKinds {
  /** Shortest varchar the generator's string values fit. */
  static final long MIN_TEXT_LENGTH = 30;
  /** Shortest varchar or varbinary a key, unique value or bytes value fits. */
  static final long MIN_KEY_LENGTH = 20;
  private static final Set<String> ID_TYPES = Set.of("int", "integer", "mediumint", "bigint");
  private static final Set<String> TEXT_TYPES = Set.of("tinytext", "text", "mediumtext", "longtext");
  private static final Set<String> VARCHAR_TYPES = Set.of("varchar", "nvarchar");
  private static final Set<String> BLOB_TYPES = Set.of("tinyblob", "blob", "mediumblob", "longblob");

  private SessionColumnKinds() {}

  /** The kind of {@code column} in {@code role}, or why the generator cannot write it. */
  static Kinded kind(Role role, ColumnMapping column) {
    if (column.spannerType().array()) {
      return refused("arrays are not generated");
    }
    SourceType source = column.sourceType();
    String type = source.name();
    boolean keyLike = role != Role.VALUE;
    return switch (column.spannerType().name()) {
      case "INT64" -> keyLike
          ? (ID_TYPES.contains(type) ? of(Kind.INT) : refused("a key, unique or reference column must be int or bigint"))
          : integer(source);
      case "STRING" -> keyLike ? keyText(source) : text(source);
      case "BOOL" -> Set.of("tinyint", "bool", "boolean").contains(type) && !keyLike
          ? of(Kind.BOOL) : refused("a BOOL value column must be tinyint");
      case "FLOAT64" -> type.equals("double") && !keyLike ? of(Kind.DOUBLE) : refused("a FLOAT64 value column must be double");
      case "NUMERIC" -> decimal(source, keyLike);
      case "DATE" -> type.equals("date") && !keyLike ? of(Kind.DATE) : refused("a DATE value column must be date");
      case "TIMESTAMP" -> Set.of("datetime", "timestamp").contains(type) && !keyLike
          ? of(Kind.TIME) : refused("a TIMESTAMP value column must be datetime or timestamp");
      case "BYTES" -> bytes(source, keyLike);
      default -> refused(column.spannerType() + " values are not generated");
    };
  }

  /** A kind, or the reason there is none. */
  record Kinded(Kind kind, String refusal) {
    Optional<Kind> value() {
      return Optional.ofNullable(kind);
    }
  }

  private static Kinded integer(SourceType source) {
    if (source.name().equals("bigint") && !source.unsigned()) {
      return of(Kind.INT);
    }
    if (Set.of("int", "integer").contains(source.name()) && !source.unsigned()) {
      return of(Kind.INT32);
    }
    return refused("an INT64 value column must be a signed int or bigint");
  }

  private static Kinded keyText(SourceType source) {
    return VARCHAR_TYPES.contains(source.name()) && length(source) >= MIN_KEY_LENGTH
        ? of(Kind.KEY_TEXT)
        : refused("a string key, unique or reference column must be varchar(" + MIN_KEY_LENGTH + ") or longer");
  }

  private static Kinded text(SourceType source) {
    // char is refused: MySQL drops a value's trailing spaces there, and the values have some.
    boolean fits = TEXT_TYPES.contains(source.name())
        || VARCHAR_TYPES.contains(source.name()) && length(source) >= MIN_TEXT_LENGTH;
    return fits ? of(Kind.TEXT)
        : refused("a STRING value column must be varchar(" + MIN_TEXT_LENGTH + ") or longer, or a text type");
  }

  private static Kinded decimal(SourceType source, boolean keyLike) {
    List<Long> mods = source.mods();
    boolean fits = !keyLike && Set.of("decimal", "numeric").contains(source.name()) && mods.size() == 2
        && mods.get(1) >= 9 && mods.get(0) - mods.get(1) >= 18;
    return fits ? of(Kind.DECIMAL) : refused("a NUMERIC value column must be decimal(p,s) with s >= 9 and p - s >= 18");
  }

  private static Kinded bytes(SourceType source, boolean keyLike) {
    boolean fits = !keyLike && (BLOB_TYPES.contains(source.name())
        || source.name().equals("varbinary") && length(source) >= MIN_KEY_LENGTH);
    return fits ? of(Kind.BYTES)
        : refused("a BYTES value column must be varbinary(" + MIN_KEY_LENGTH + ") or longer, or a blob type");
  }

  private static long length(SourceType source) {
    return source.mods().isEmpty() ? 0 : source.mods().get(0);
  }

  private static Kinded of(Kind kind) {
    return new Kinded(kind, null);
  }

  private static Kinded refused(String reason) {
    return new Kinded(null, reason);
  }
}
