package dev.rr.common.input;

import dev.rr.common.schema.FixedSchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The schema mapping read from a Spanner migration tool session file: tables and columns are
 * matched by the session's ids, so renamed tables and columns map correctly.
 */
public final class SessionSchemaMapping extends FixedSchemaMapping {
  private static final long serialVersionUID = 1L;

  private final List<String> spannerOnlyTables;
  private final ZoneOffset sourceTimezone;

  SessionSchemaMapping(Collection<TableMapping> tables, List<String> spannerOnlyTables,
      ZoneOffset sourceTimezone) {
    super(tables);
    this.spannerOnlyTables = List.copyOf(spannerOnlyTables);
    this.sourceTimezone = sourceTimezone;
  }

  /** The session's {@code TimezoneOffset}, empty when the file has none. */
  @Override
  public Optional<ZoneOffset> sourceTimezone() {
    return Optional.ofNullable(sourceTimezone);
  }

  /**
   * Spanner tables of the session that have no source table; they are not mapped, so their
   * changes are reported as unknown tables rather than applied.
   */
  public List<String> spannerOnlyTables() {
    return spannerOnlyTables;
  }
}
