package dev.rr.common.postgres;

import dev.rr.common.mysql.LiveColumn;
import dev.rr.common.mysql.LiveSchema;
import dev.rr.common.mysql.LiveSchemaCheck;
import dev.rr.common.mysql.SchemaMismatch;
import dev.rr.common.mysql.SchemaMismatchException;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.ResolvedSchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.sink.ShardCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Resolves a mapping against a PostgreSQL shard's live columns: every mapped table and column must
 * exist with a type {@link PostgresValueConverter} writes; each column then takes its live type
 * (whatever the session file said), and a generated column is never written. A Spanner column
 * that is generated must be generated in PostgreSQL too: the change stream never carries it.
 */
public final class PostgresSchemaCheck {
  private PostgresSchemaCheck() {}

  /**
   * {@code mapping} with the live PostgreSQL types.
   *
   * @throws SchemaMismatchException naming every table and column the shard cannot take
   */
  public static SchemaMapping resolve(SchemaMapping mapping, LiveSchema live) {
    return resolve(mapping, live, List.of());
  }

  /**
   * {@code mapping} with the live PostgreSQL types of {@code catalog}; also refuses foreign keys
   * with an action when the writer's user may not keep them from acting ({@link
   * PostgresDialect#SKIP_TRIGGERS}).
   *
   * @throws SchemaMismatchException naming every table, column and foreign key the shard cannot take
   */
  public static SchemaMapping resolve(SchemaMapping mapping, ShardCatalog catalog) {
    List<SchemaMismatch> found = new ArrayList<>();
    if (!catalog.canDisableTriggers()) {
      for (String key : catalog.actingForeignKeys()) {
        found.add(new SchemaMismatch(key.substring(0, key.indexOf('.')), null, null, null,
            "foreign key " + key + ": Spanner's change stream already carries what the action"
                + " does, so the writer applies with session_replication_role = replica (as"
                + " PostgreSQL's logical replication does), which this user may not set. Run"
                + " GRANT SET ON PARAMETER session_replication_role TO <the shard's user>"
                + " (PostgreSQL 15+), use a superuser, or drop the action from the key"));
      }
    }
    return resolve(mapping, catalog.columns(), found);
  }

  private static SchemaMapping resolve(
      SchemaMapping mapping, LiveSchema live, List<SchemaMismatch> refused) {
    List<SchemaMismatch> found = new ArrayList<>(refused);
    List<TableMapping> tables = new ArrayList<>();
    for (String spannerTable : new TreeSet<>(mapping.spannerTables())) {
      TableMapping table = mapping.forSpannerTable(spannerTable).orElseThrow();
      if (!live.hasTable(table.sourceName())) {
        found.add(new SchemaMismatch(table.sourceName(), null, null, null,
            "does not exist in the shard's schema (Spanner table " + spannerTable + " maps to it)"));
        continue;
      }
      List<ColumnMapping> columns = new ArrayList<>();
      for (ColumnMapping column : table.columns()) {
        resolveColumn(mapping, table, column, live, found).ifPresent(columns::add);
      }
      tables.add(new TableMapping(table.spannerName(), table.sourceName(), columns,
          table.sourcePrimaryKey(), table.shardIdColumn()));
    }
    if (!found.isEmpty()) {
      throw new SchemaMismatchException(found);
    }
    return new ResolvedSchemaMapping(tables, mapping.sourceTimezone(), mapping.spannerGeneratedColumns());
  }

  /** Why the Spanner column's values can never go to the live column (arrays, enums), or empty. */
  private static Optional<String> pairProblem(ColumnMapping column, LiveColumn real) {
    try {
      return PostgresValueConverter.pairProblem(column.spannerType(), real.type())
          .map(problem -> problem + " (Spanner column " + column.spannerName() + " is "
              + column.spannerType() + ")");
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<ColumnMapping> resolveColumn(SchemaMapping mapping,
      TableMapping table, ColumnMapping column, LiveSchema live, List<SchemaMismatch> found) {
    if (!column.hasSource()) {
      return Optional.of(column);
    }
    String mapped = column.sourceType() == null ? null : column.sourceType().toString();
    Optional<LiveColumn> real = live.column(table.sourceName(), column.sourceName());
    if (real.isEmpty()) {
      found.add(new SchemaMismatch(table.sourceName(), column.sourceName(), mapped, null,
          "does not exist in the shard's schema"));
      return Optional.empty();
    }
    if (real.get().generated()) {
      if (table.sourcePrimaryKey().contains(column.sourceName())) {
        found.add(new SchemaMismatch(table.sourceName(), column.sourceName(), mapped,
            real.get().columnType(), "is a generated column and part of the primary key"));
      }
      return Optional.of(new ColumnMapping(column.spannerName(), column.spannerType(), null, null));
    }
    if (!PostgresValueConverter.supports(real.get().type())) {
      found.add(new SchemaMismatch(table.sourceName(), column.sourceName(), mapped,
          real.get().columnType(), "the writer cannot write this PostgreSQL type yet"));
      return Optional.empty();
    }
    Optional<String> pair = pairProblem(column, real.get());
    if (pair.isPresent()) {
      found.add(new SchemaMismatch(table.sourceName(), column.sourceName(), mapped,
          real.get().columnType(), pair.get()));
      return Optional.empty();
    }
    if (LiveSchemaCheck.isSpannerGenerated(mapping, table, column)) {
      found.add(new SchemaMismatch(table.sourceName(), column.sourceName(), mapped,
          real.get().columnType(), LiveSchemaCheck.spannerGeneratedProblem(table, column,
              "PostgreSQL")));
      return Optional.empty();
    }
    return Optional.of(new ColumnMapping(column.spannerName(), column.spannerType(),
        column.sourceName(), real.get().type()));
  }
}
