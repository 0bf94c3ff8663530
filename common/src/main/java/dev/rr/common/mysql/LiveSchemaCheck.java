package dev.rr.common.mysql;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.ResolvedSchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cross-checks a schema mapping (session file or identity) against one shard's {@link
 * LiveSchema}, and rewrites the mapping for that shard. The launcher runs {@link #mismatches}
 * before a launch for every shard; each shard worker runs {@link #resolve} once at start, so a
 * shard that cannot take the mapping stops in ERROR instead of failing record by record.
 */
public final class LiveSchemaCheck {
  private LiveSchemaCheck() {}

  /**
   * Every way {@code live} cannot take {@code mapping}, tables in Spanner-name order.
   *
   * @param spannerGenerated Spanner columns that are generated (computed), as {@code
   *     Table.column}; empty when unknown
   */
  public static List<SchemaMismatch> mismatches(
      SchemaMapping mapping, LiveSchema live, Set<String> spannerGenerated) {
    List<SchemaMismatch> found = new ArrayList<>();
    for (String spannerTable : new TreeSet<>(mapping.spannerTables())) {
      TableMapping table = mapping.forSpannerTable(spannerTable).orElseThrow();
      if (!live.hasTable(table.sourceName())) {
        found.add(new SchemaMismatch(table.sourceName(), null, null, null,
            "does not exist in the shard database (Spanner table " + spannerTable + " maps to it)"));
        continue;
      }
      for (ColumnMapping column : table.columns()) {
        if (column.hasSource()) {
          columnMismatch(table, column, live, spannerGenerated).ifPresent(found::add);
        }
      }
      for (String key : table.sourcePrimaryKey()) {
        if (table.bySourceColumn(key).isEmpty() && live.column(table.sourceName(), key).isEmpty()) {
          found.add(new SchemaMismatch(table.sourceName(), key, null, null,
              "primary-key column does not exist in the shard database"));
        }
      }
    }
    return found;
  }

  /**
   * {@code mapping} with every source column's type replaced by its type in {@code live}; a
   * column generated in the shard loses its source column (the writer never writes it).
   *
   * @throws SchemaMismatchException when {@link #mismatches} finds any (with the Spanner
   *     generated columns the mapping knows of)
   */
  public static SchemaMapping resolve(SchemaMapping mapping, LiveSchema live) {
    List<SchemaMismatch> found = mismatches(mapping, live, mapping.spannerGeneratedColumns());
    if (!found.isEmpty()) {
      throw new SchemaMismatchException(found);
    }
    List<TableMapping> tables = new ArrayList<>();
    for (String spannerTable : mapping.spannerTables()) {
      TableMapping table = mapping.forSpannerTable(spannerTable).orElseThrow();
      List<ColumnMapping> columns = new ArrayList<>();
      for (ColumnMapping column : table.columns()) {
        Optional<LiveColumn> real = column.hasSource()
            ? live.column(table.sourceName(), column.sourceName()) : Optional.empty();
        columns.add(real.isEmpty() ? column
            : real.get().generated()
                ? new ColumnMapping(column.spannerName(), column.spannerType(), null, null)
                : new ColumnMapping(column.spannerName(), column.spannerType(),
                    column.sourceName(), real.get().type()));
      }
      tables.add(new TableMapping(table.spannerName(), table.sourceName(), columns,
          table.sourcePrimaryKey(), table.shardIdColumn()));
    }
    return new ResolvedSchemaMapping(
        tables, mapping.sourceTimezone(), mapping.spannerGeneratedColumns());
  }

  private static Optional<SchemaMismatch> columnMismatch(
      TableMapping table, ColumnMapping column, LiveSchema live, Set<String> spannerGenerated) {
    String mapped = column.sourceType().toString();
    Optional<LiveColumn> found = live.column(table.sourceName(), column.sourceName());
    if (found.isEmpty()) {
      return Optional.of(mismatch(table, column, mapped, null,
          "does not exist in the shard database"));
    }
    LiveColumn real = found.get();
    if (real.generated()) {
      // A generated column is never written; only a key needs its value from the change.
      return table.sourcePrimaryKey().contains(column.sourceName())
          ? Optional.of(mismatch(table, column, mapped, real.columnType(),
              "is a generated column in MySQL and part of the primary key: it cannot be written"))
          : Optional.empty();
    }
    if (!real.isWritable()) {
      return Optional.of(mismatch(table, column, mapped, real.columnType(),
          "the writer cannot write this MySQL type"));
    }
    if (MySqlValueConverter.supports(column.sourceType())
        && !SourceFamily.compatible(column.sourceType(), real.type())) {
      return Optional.of(mismatch(table, column, mapped, real.columnType(),
          "incompatible types: Spanner " + column.spannerType() + " values mapped as "
              + mapped + " cannot be written to a " + real.columnType() + " column"));
    }
    if (spannerGenerated.contains(table.spannerName() + "." + column.spannerName())) {
      return Optional.of(mismatch(table, column, mapped, real.columnType(),
          spannerGeneratedProblem(table, column, "MySQL")));
    }
    return Optional.empty();
  }

  /** True when {@code column} of {@code table} is generated in Spanner, per {@code mapping}. */
  public static boolean isSpannerGenerated(
      SchemaMapping mapping, TableMapping table, ColumnMapping column) {
    return mapping.spannerGeneratedColumns()
        .contains(table.spannerName() + "." + column.spannerName());
  }

  /**
   * Why a shard column that is not generated cannot take a Spanner column that is: the change
   * stream never carries its value. {@code database} names the shard's kind (MySQL, PostgreSQL).
   */
  public static String spannerGeneratedProblem(
      TableMapping table, ColumnMapping column, String database) {
    return "Spanner column " + table.spannerName() + "." + column.spannerName()
        + " is generated, and change streams do not carry generated columns, but the "
        + database + " column is not generated: make it a generated column in " + database
        + " too (or map no Spanner column to it and give it a default)";
  }

  private static SchemaMismatch mismatch(
      TableMapping table, ColumnMapping column, String mapped, String real, String problem) {
    return new SchemaMismatch(table.sourceName(), column.sourceName(), mapped, real, problem);
  }
}
