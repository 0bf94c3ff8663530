package dev.rr.common.schema;

import java.io.Serializable;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Spanner tables to source tables: from a session file, or by identity (same names) when no
 * session file is given.
 */
public interface SchemaMapping extends Serializable {

  /** The mapping for Spanner table {@code spannerTable}, empty when the table is not mapped. */
  Optional<TableMapping> forSpannerTable(String spannerTable);

  /** Every mapped Spanner table name. */
  Set<String> spannerTables();
}
