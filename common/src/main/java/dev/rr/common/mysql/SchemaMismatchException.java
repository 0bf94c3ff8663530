package dev.rr.common.mysql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A shard's live schema cannot take the schema mapping. Permanent, as every {@link
 * MappingException}: the shard stops until its schema or the session file is fixed.
 */
public final class SchemaMismatchException extends MappingException {
  private static final long serialVersionUID = 1L;

  private final List<SchemaMismatch> mismatches;

  public SchemaMismatchException(List<SchemaMismatch> mismatches) {
    super("the shard database's schema cannot take the schema mapping ("
        + mismatches.size() + " mismatch(es)): "
        + mismatches.stream().map(SchemaMismatch::toString).collect(Collectors.joining("; ")));
    this.mismatches = List.copyOf(mismatches);
  }

  /** Every mismatch found. */
  public List<SchemaMismatch> mismatches() {
    return mismatches;
  }
}
