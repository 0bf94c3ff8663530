package dev.rr.common.schema;

import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

/**
 * A schema mapping rewritten for one shard's live schema: the same tables and names as the
 * mapping it comes from, with the shard's real column types. Keeps the original's source time
 * zone.
 */
public final class ResolvedSchemaMapping extends FixedSchemaMapping {
  private static final long serialVersionUID = 1L;

  private final ZoneOffset sourceTimezone;

  public ResolvedSchemaMapping(Collection<TableMapping> tables, Optional<ZoneOffset> timezone) {
    super(tables);
    this.sourceTimezone = timezone.orElse(null);
  }

  @Override
  public Optional<ZoneOffset> sourceTimezone() {
    return Optional.ofNullable(sourceTimezone);
  }
}
