package dev.rr.launcher.bench;

import dev.rr.common.config.WriterConfig;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import java.util.Objects;

/**
 * One column of a benchmark table: its name, its type in Spanner and in the shard database (MySQL
 * or PostgreSQL), and the kind of value the workload puts in it.
 *
 * @param name column name, equal in Spanner and MySQL (identity mapping)
 * @param kind the kind of value; fixes both types
 * @param length maximum length of a text column (0 for other kinds)
 * @param nullable whether the workload sometimes writes NULL
 */
public record BenchColumn(String name, Kind kind, int length, boolean nullable) {

  /** The value kinds the benchmark tables use. */
  public enum Kind {
    /** INT64 / BIGINT. */
    BIGINT,
    /** INT64 / INT. */
    INT,
    /** STRING(n) / VARCHAR(n). */
    TEXT,
    /** NUMERIC / DECIMAL(14,2). */
    MONEY,
    /** TIMESTAMP / DATETIME(6) (PostgreSQL: timestamp(6) without time zone). */
    TIME
  }

  public BenchColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.TEXT) != (length > 0)) {
      throw new IllegalArgumentException("column " + name + ": only text columns have a length");
    }
  }

  static BenchColumn of(String name, Kind kind) {
    return new BenchColumn(name, kind, 0, false);
  }

  static BenchColumn text(String name, int length, boolean nullable) {
    return new BenchColumn(name, Kind.TEXT, length, nullable);
  }

  /** The Spanner type, as the schema mapping carries it. */
  public SpannerType spannerType() {
    return SpannerType.of(
        switch (kind) {
          case BIGINT, INT -> "INT64";
          case TEXT -> "STRING";
          case MONEY -> "NUMERIC";
          case TIME -> "TIMESTAMP";
        });
  }

  /** The MySQL type, as the schema mapping carries it. */
  public SourceType sourceType() {
    return sourceType(WriterConfig.SourceType.MYSQL);
  }

  /** The type in a {@code target} shard, as the schema mapping carries it. */
  public SourceType sourceType(WriterConfig.SourceType target) {
    return target == WriterConfig.SourceType.POSTGRESQL ? postgresType() : mysqlType();
  }

  private SourceType postgresType() {
    // format_type's names without modifiers: what PostgresSchemaCheck reads from a live shard.
    return switch (kind) {
      case BIGINT -> SourceType.of("bigint");
      case INT -> SourceType.of("integer");
      case TEXT -> SourceType.of("character varying", (long) length);
      case MONEY -> SourceType.of("numeric", 14L, 2L);
      case TIME -> SourceType.of("timestamp without time zone", 6L);
    };
  }

  private SourceType mysqlType() {
    return switch (kind) {
      case BIGINT -> SourceType.of("bigint");
      case INT -> SourceType.of("int");
      case TEXT -> SourceType.of("varchar", (long) length);
      case MONEY -> SourceType.of("decimal", 14L, 2L);
      case TIME -> SourceType.of("datetime", 6L);
    };
  }

  /** The column's definition in Spanner DDL. */
  public String spannerDefinition() {
    String type = kind == Kind.TEXT ? "STRING(" + length + ")" : spannerType().name();
    return name + " " + type + (nullable ? "" : " NOT NULL");
  }

  /** The column's definition in MySQL DDL. */
  public String mysqlDefinition() {
    String type =
        switch (kind) {
          case BIGINT -> "BIGINT";
          case INT -> "INT";
          case TEXT -> "VARCHAR(" + length + ")";
          case MONEY -> "DECIMAL(14,2)";
          case TIME -> "DATETIME(6)";
        };
    return "`" + name + "` " + type + (nullable ? " NULL" : " NOT NULL");
  }

  /** The column's definition in PostgreSQL DDL. */
  public String postgresDefinition() {
    String type =
        switch (kind) {
          case BIGINT -> "bigint";
          case INT -> "integer";
          case TEXT -> "varchar(" + length + ")";
          case MONEY -> "numeric(14,2)";
          case TIME -> "timestamp(6) without time zone";
        };
    return "\"" + name + "\" " + type + (nullable ? " NULL" : " NOT NULL");
  }
}
