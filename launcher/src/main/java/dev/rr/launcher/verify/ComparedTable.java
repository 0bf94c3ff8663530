package dev.rr.launcher.verify;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * A mapped table as the verifier reads it: the source key columns and their Spanner names, and
 * the columns that exist on both sides.
 */
final class ComparedTable {
  final TableMapping mapping;
  final List<ColumnMapping> keyColumns = new ArrayList<>();
  final List<ColumnMapping> comparedColumns = new ArrayList<>();

  ComparedTable(TableMapping mapping) {
    this.mapping = mapping;
    for (String sourceKey : mapping.sourcePrimaryKey()) {
      keyColumns.add(mapping.bySourceColumn(sourceKey).orElseThrow(() -> new IllegalArgumentException(
          "table " + mapping.sourceName() + ": primary-key column " + sourceKey
              + " has no Spanner column in the session mapping")));
    }
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException(
          "table " + mapping.sourceName() + " has no primary key: it cannot be compared row by row");
    }
    mapping.columns().stream().filter(ColumnMapping::hasSource).forEach(comparedColumns::add);
  }

  String spannerName() {
    return mapping.spannerName();
  }

  String sourceName() {
    return mapping.sourceName();
  }
}
