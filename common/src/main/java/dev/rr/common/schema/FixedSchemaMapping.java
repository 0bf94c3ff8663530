package dev.rr.common.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A schema mapping holding a fixed set of table mappings, keyed by Spanner table name; the base of
 * the session-file, identity and reader-side mappings.
 */
public abstract class FixedSchemaMapping implements SchemaMapping {
  private static final long serialVersionUID = 1L;

  private final Map<String, TableMapping> tables;

  protected FixedSchemaMapping(Collection<TableMapping> tables) {
    Map<String, TableMapping> byName = new LinkedHashMap<>();
    for (TableMapping table : tables) {
      if (byName.put(table.spannerName(), table) != null) {
        throw new IllegalArgumentException("Spanner table " + table.spannerName()
            + " is mapped twice");
      }
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
    return getClass().getSimpleName() + tables.values();
  }
}
