package dev.rr.writer.snapshot;

import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping restricted to some of its Spanner tables ({@code rr resync --tables}).
 *
 * @param all the whole mapping
 * @param tables the Spanner tables kept; each must be mapped in {@code all}
 */
public record TableSubset(SchemaMapping all, Set<String> tables) implements SchemaMapping {
  public TableSubset {
    tables = Set.copyOf(new TreeSet<>(tables));
    for (String table : tables) {
      if (all.forSpannerTable(table).isEmpty()) {
        throw new IllegalArgumentException("table " + table + " is not a mapped Spanner table; "
            + "mapped: " + new TreeSet<>(all.spannerTables()));
      }
    }
  }

  @Override
  public Optional<TableMapping> forSpannerTable(String spannerTable) {
    return tables.contains(spannerTable) ? all.forSpannerTable(spannerTable) : Optional.empty();
  }

  @Override
  public Set<String> spannerTables() {
    return tables;
  }

  @Override
  public Optional<ZoneOffset> sourceTimezone() {
    return all.sourceTimezone();
  }

  @Override
  public Set<String> spannerGeneratedColumns() {
    return all.spannerGeneratedColumns();
  }
}
