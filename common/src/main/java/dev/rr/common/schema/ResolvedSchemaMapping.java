package dev.rr.common.schema;

import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * A schema mapping rewritten from another: the same tables and names, with, for one shard, its
 * real column types; and the Spanner columns known to be generated. Keeps the original's source
 * time zone.
 */
public final class ResolvedSchemaMapping extends FixedSchemaMapping {
  private static final long serialVersionUID = 1L;

  private final ZoneOffset sourceTimezone;
  private final Set<String> spannerGenerated;

  public ResolvedSchemaMapping(Collection<TableMapping> tables, Optional<ZoneOffset> timezone,
      Set<String> spannerGenerated) {
    super(tables);
    this.sourceTimezone = timezone.orElse(null);
    this.spannerGenerated = Set.copyOf(spannerGenerated);
  }

  /** {@code mapping} knowing that the Spanner columns {@code generated} are generated. */
  public static ResolvedSchemaMapping withSpannerGenerated(
      SchemaMapping mapping, Set<String> generated) {
    return new ResolvedSchemaMapping(mapping.spannerTables().stream()
        .map(t -> mapping.forSpannerTable(t).orElseThrow()).toList(), mapping.sourceTimezone(),
        generated);
  }

  @Override
  public Optional<ZoneOffset> sourceTimezone() {
    return Optional.ofNullable(sourceTimezone);
  }

  @Override
  public Set<String> spannerGeneratedColumns() {
    return spannerGenerated;
  }
}
