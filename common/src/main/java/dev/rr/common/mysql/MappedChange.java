package dev.rr.common.mysql;

import dev.rr.common.model.ModType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One change mapped to the source database: the source table, the kind of change, the source
 * primary-key values and (for inserts and updates) the converted values of the source columns the
 * change carries, in the table mapping's column order.
 *
 * <p>Built by {@link MySqlDialect#map}. A writer may merge the changes of one key inside one MySQL
 * transaction with {@link #then(MappedChange)} and then build multi-row statements from changes
 * with equal {@link #columns()} sets.
 *
 * @param sourceTable source table name
 * @param modType kind of change
 * @param key source primary-key column -> converted value, in key order
 * @param values source column -> converted value (empty for deletes); includes the key columns
 */
public record MappedChange(
    String sourceTable, ModType modType, Map<String, Object> key, Map<String, Object> values) {

  public MappedChange {
    Objects.requireNonNull(sourceTable, "sourceTable");
    Objects.requireNonNull(modType, "modType");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("table " + sourceTable + ": a change needs a key");
    }
    // Map.copyOf would lose the column order and reject SQL NULL values.
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** True for a delete, false for an insert or update (both written as an upsert). */
  public boolean isDelete() {
    return modType == ModType.DELETE;
  }

  /**
   * The source columns this change writes. Equal sets (regardless of order) can share one multi-row
   * upsert, so the set is a good grouping key.
   */
  public Set<String> columns() {
    // The key set of the unmodifiable copy made by the constructor: read-only, no copy needed.
    return values.keySet();
  }

  /**
   * Identity of the source row: table and key values, with byte arrays compared by content.
   * Equality is exact; MySQL collations may still treat distinct keys as equal ({@code 'a'} and
   * {@code 'A'}, or {@code 'a'} and {@code 'a '} under PAD SPACE), so a writer that merges
   * changes must run a group's deletes before its writes.
   */
  public RowKey rowKey() {
    List<Object> parts = new ArrayList<>(key.size());
    for (Object value : key.values()) {
      parts.add(value instanceof byte[] bytes ? ByteBuffer.wrap(bytes.clone()) : value);
    }
    return new RowKey(sourceTable, Collections.unmodifiableList(parts));
  }

  /**
   * The single change equivalent to applying this change and then {@code later} (same row), or
   * empty when no single statement is equivalent: a delete followed by an insert must stay two
   * statements, since the insert alone would keep the old row's other columns.
   */
  public Optional<MappedChange> then(MappedChange later) {
    if (!rowKey().equals(later.rowKey())) {
      throw new IllegalArgumentException(
          "cannot merge changes of different rows: " + rowKey() + " and " + later.rowKey());
    }
    if (later.isDelete()) {
      return Optional.of(later);
    }
    if (isDelete()) {
      return Optional.empty();
    }
    Map<String, Object> merged = new LinkedHashMap<>(values);
    merged.putAll(later.values);
    ModType type = modType == ModType.INSERT ? ModType.INSERT : later.modType;
    return Optional.of(new MappedChange(sourceTable, type, later.key, merged));
  }

  /** A source row's identity, usable as a map key. */
  public record RowKey(String sourceTable, List<Object> values) {}
}
