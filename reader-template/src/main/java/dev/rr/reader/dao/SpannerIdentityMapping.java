package dev.rr.reader.dao;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.FixedSchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The reader's schema mapping without a session file: every table of the change stream's
 * database maps to the source table of the same name, typed from {@code INFORMATION_SCHEMA}. The
 * reader only needs the Spanner side (which tables exist, column types for routing); the writer
 * maps source columns itself. No table has a shard id column.
 */
public final class SpannerIdentityMapping extends FixedSchemaMapping {
  private static final long serialVersionUID = 1L;

  public SpannerIdentityMapping(Collection<SpannerTableSchema> schemas) {
    super(schemas.stream().map(SpannerIdentityMapping::identity).toList());
  }

  private static TableMapping identity(SpannerTableSchema schema) {
    List<ColumnMapping> columns = new ArrayList<>();
    schema.columns().forEach((name, type) -> columns.add(new ColumnMapping(name, type, null, null)));
    return new TableMapping(schema.name(), schema.name(), columns, List.of(), null);
  }

  @Override
  public String toString() {
    // Table names only: a database may have many tables, and the column lists are not news.
    return "SpannerIdentityMapping" + spannerTables();
  }
}
