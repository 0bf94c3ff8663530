package dev.rr.reader.dao;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reader's schema mapping without a session file: every table of the change stream's
 * database maps to the source table of the same name, typed from {@code INFORMATION_SCHEMA}. The
 * reader only needs the Spanner side (which tables exist, column types for routing); the writer
 * maps source columns itself. No table has a shard id column.
 */
public final class SpannerIdentityMapping implements SchemaMapping {
  private static final long serialVersionUID = 1L;

  private final Map<String, TableMapping> tables;

  public SpannerIdentityMapping(Collection<SpannerTableSchema> schemas) {
    Map<String, TableMapping> byName = new LinkedHashMap<>();
    for (SpannerTableSchema schema : schemas) {
      List<ColumnMapping> columns = new ArrayList<>();
      schema.columns().forEach((name, type) -> columns.add(new ColumnMapping(name, type, null, null)));
      byName.put(schema.name(),
          new TableMapping(schema.name(), schema.name(), columns, List.of(), null));
    }
    this.tables = Collections.unmodifiableMap(byName);
  }

  @Override
  public Optional<TableMapping> forSpannerTable(String spannerTable) {
    return Optional.ofNullable(tables.get(spannerTable));
  }

  @Override
  public Set<String> spannerTables() {
    return tables.keySet();
  }

  @Override
  public String toString() {
    return "SpannerIdentityMapping" + tables.keySet();
  }
}
