package dev.rr.launcher.spanner;

import dev.rr.common.config.TableSuffix;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata database of a run (change-stream partition metadata and the rr progress tables)
 * and the optional suffix of the rr table names.
 */
public record MetadataTarget(SpannerTarget database, Optional<TableSuffix> tableSuffix) {
  public MetadataTarget {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(tableSuffix, "tableSuffix");
  }
}
