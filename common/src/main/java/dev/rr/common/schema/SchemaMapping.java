package dev.rr.common.schema;

import java.io.Serializable;
import java.time.ZoneOffset;
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

  /**
   * The source database's time zone offset as the mapping records it (a session file's
   * {@code TimezoneOffset}); empty when it records none. {@link SourceTimezone#resolve} says
   * when it applies.
   */
  default Optional<ZoneOffset> sourceTimezone() {
    return Optional.empty();
  }

  /**
   * The Spanner columns known to be generated (computed), as {@code Table.column}: change streams
   * do not carry their values. Empty when unknown (a session file does not say).
   */
  default Set<String> spannerGeneratedColumns() {
    return Set.of();
  }
}
