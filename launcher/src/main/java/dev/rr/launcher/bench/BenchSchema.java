package dev.rr.launcher.bench;

import static dev.rr.launcher.bench.BenchColumn.Kind.BIGINT;
import static dev.rr.launcher.bench.BenchColumn.Kind.INT;
import static dev.rr.launcher.bench.BenchColumn.Kind.MONEY;
import static dev.rr.launcher.bench.BenchColumn.Kind.TIME;

import dev.rr.common.config.WriterConfig;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark schema: three tables of a small shop whose rows average about 200 bytes of
 * values - customers, orders, and order events (with a two-column key, so composite-key deletes
 * are measured too). The same tables exist in Spanner and in every shard database (MySQL or
 * PostgreSQL) and map
 * by identity, as without a session file.
 */
public final class BenchSchema {
  /** Name of the change stream the reader and lag benchmarks create. */
  public static final String CHANGE_STREAM = "rr_bench_stream";

  /**
   * A change stream over the {@link #PROBE_TABLE} only, which the reader benchmark never writes:
   * reading it over the history's span costs what a run costs without any data.
   */
  public static final String IDLE_CHANGE_STREAM = "rr_bench_idle";

  private static final List<BenchTable> TABLES =
      List.of(
          new BenchTable(
              "customers",
              List.of(
                  BenchColumn.of("id", BIGINT),
                  BenchColumn.text("name", 64, false),
                  BenchColumn.text("email", 128, false),
                  BenchColumn.text("tier", 16, false),
                  BenchColumn.of("balance", MONEY),
                  BenchColumn.text("address", 160, true),
                  BenchColumn.of("updated_at", TIME)),
              List.of("id")),
          new BenchTable(
              "orders",
              List.of(
                  BenchColumn.of("id", BIGINT),
                  BenchColumn.of("customer_id", BIGINT),
                  BenchColumn.text("status", 16, false),
                  BenchColumn.of("amount", MONEY),
                  BenchColumn.of("item_count", INT),
                  BenchColumn.text("note", 200, true),
                  BenchColumn.of("created_at", TIME)),
              List.of("id")),
          new BenchTable(
              "order_events",
              List.of(
                  BenchColumn.of("order_id", BIGINT),
                  BenchColumn.of("seq", BIGINT),
                  BenchColumn.text("kind", 24, false),
                  BenchColumn.text("payload", 200, false),
                  BenchColumn.of("happened_at", TIME)),
              List.of("order_id", "seq")));

  /**
   * The lag benchmark's probe table: one row per probe, its id counting up. Only the lag
   * benchmark creates it; it is not part of the workload.
   */
  public static final BenchTable PROBE_TABLE =
      new BenchTable(
          "lag_probe",
          List.of(BenchColumn.of("id", BIGINT), BenchColumn.of("sent_at", TIME)),
          List.of("id"));

  private BenchSchema() {}

  /** The three tables. */
  public static List<BenchTable> tables() {
    return TABLES;
  }

  /** The table named {@code name}. */
  public static Optional<BenchTable> table(String name) {
    return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The MySQL DDL, one statement per table. */
  public static List<String> mysqlDdl() {
    return ddl(WriterConfig.SourceType.MYSQL);
  }

  /** The DDL of a {@code target} shard, one statement per table. */
  public static List<String> ddl(WriterConfig.SourceType target) {
    return TABLES.stream().map(table -> table.ddl(target)).toList();
  }

  /** The Spanner DDL: the tables and a {@code NEW_ROW} change stream over them. */
  public static List<String> spannerDdl() {
    return spannerDdl(TABLES);
  }

  /** The Spanner DDL with the {@link #PROBE_TABLE} too. */
  public static List<String> spannerDdlWithProbe() {
    return spannerDdl(withProbe());
  }

  /**
   * The reader benchmark's Spanner DDL: the tables, the {@link #PROBE_TABLE}, the change stream
   * over the three tables and the {@link #IDLE_CHANGE_STREAM} over the probe table.
   */
  public static List<String> spannerDdlWithIdleStream() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.concat(
                spannerDdl().stream(), java.util.stream.Stream.of(PROBE_TABLE.spannerDdl())),
            java.util.stream.Stream.of("CREATE CHANGE STREAM " + IDLE_CHANGE_STREAM + " FOR "
                + PROBE_TABLE.name()
                + " OPTIONS (value_capture_type = 'NEW_ROW', retention_period = '1d')"))
        .toList();
  }

  /** The MySQL DDL with the {@link #PROBE_TABLE} too. */
  public static List<String> mysqlDdlWithProbe() {
    return withProbe().stream().map(BenchTable::mysqlDdl).toList();
  }

  private static List<BenchTable> withProbe() {
    return java.util.stream.Stream.concat(TABLES.stream(), java.util.stream.Stream.of(PROBE_TABLE))
        .toList();
  }

  private static List<String> spannerDdl(List<BenchTable> tables) {
    String stream =
        "CREATE CHANGE STREAM "
            + CHANGE_STREAM
            + " FOR "
            + String.join(", ", tables.stream().map(BenchTable::name).toList())
            + " OPTIONS (value_capture_type = 'NEW_ROW', retention_period = '1d')";
    return java.util.stream.Stream.concat(
            tables.stream().map(BenchTable::spannerDdl), java.util.stream.Stream.of(stream))
        .toList();
  }

  /**
   * The mapping of Spanner table {@code spannerTable} in {@code mapping}.
   *
   * @throws IllegalStateException when the table is not mapped: the workload only writes mapped
   *     tables
   */
  static TableMapping tableMapping(SchemaMapping mapping, String spannerTable) {
    return mapping
        .forSpannerTable(spannerTable)
        .orElseThrow(() -> new IllegalStateException("table " + spannerTable + " is not mapped"));
  }

  /** The identity mapping of the tables to MySQL, as the writer uses it without a session file. */
  public static SchemaMapping mapping() {
    return mapping(WriterConfig.SourceType.MYSQL);
  }

  /** The identity mapping of the tables to a {@code target} shard's types. */
  public static SchemaMapping mapping(WriterConfig.SourceType target) {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder();
    for (BenchTable table : TABLES) {
      for (BenchColumn column : table.columns()) {
        builder.spannerColumn(table.name(), column.name(), column.spannerType());
        builder.sourceColumn(table.name(), column.name(), column.sourceType(target));
      }
      builder.sourcePrimaryKey(table.name(), table.primaryKey());
    }
    return builder.build();
  }
}
