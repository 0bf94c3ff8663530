package dev.rr.common.input;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.FixedSchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The schema mapping used without a session file: a Spanner table maps to the source table of the
 * same name, a Spanner column to the source column of the same name. Names match exactly, or
 * else ignoring case when that is unambiguous (Spanner and MySQL column names are
 * case-insensitive). Build it with {@link #builder()} from both databases' column lists.
 */
public final class IdentitySchemaMapping extends FixedSchemaMapping {
  private static final long serialVersionUID = 1L;

  private final List<String> spannerOnlyTables;

  private IdentitySchemaMapping(Collection<TableMapping> tables, List<String> spannerOnlyTables) {
    super(tables);
    this.spannerOnlyTables = List.copyOf(spannerOnlyTables);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Spanner tables with no source table of the same name; they are not mapped. */
  public List<String> spannerOnlyTables() {
    return spannerOnlyTables;
  }

  /**
   * Collects the columns of both databases, table by table, in column order. Source columns
   * without a Spanner column are ignored (the source keeps their values or defaults); Spanner
   * columns without a source column are mapped with no source.
   */
  public static final class Builder {
    private final Map<String, Map<String, SpannerType>> spannerTables = new LinkedHashMap<>();
    private final Map<String, Map<String, SourceType>> sourceTables = new LinkedHashMap<>();
    private final Map<String, List<String>> sourceKeys = new LinkedHashMap<>();

    private Builder() {}

    /** Adds the next column of Spanner table {@code table}. */
    public Builder spannerColumn(String table, String column, SpannerType type) {
      spannerTables.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(column, type);
      return this;
    }

    /** Adds the next column of source table {@code table}. */
    public Builder sourceColumn(String table, String column, SourceType type) {
      sourceTables.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(column, type);
      return this;
    }

    /** Sets the primary key of source table {@code table}, in key order. */
    public Builder sourcePrimaryKey(String table, List<String> columns) {
      sourceKeys.put(table, List.copyOf(columns));
      return this;
    }

    /**
     * The mapping.
     *
     * @throws IllegalArgumentException when a source primary key names an unknown column
     */
    public IdentitySchemaMapping build() {
      List<TableMapping> tables = new ArrayList<>();
      List<String> spannerOnly = new ArrayList<>();
      for (Map.Entry<String, Map<String, SpannerType>> spanner : spannerTables.entrySet()) {
        Optional<String> sourceTable = match(spanner.getKey(), sourceTables.keySet());
        if (sourceTable.isEmpty()) {
          spannerOnly.add(spanner.getKey());
          continue;
        }
        tables.add(table(spanner.getKey(), spanner.getValue(), sourceTable.get()));
      }
      return new IdentitySchemaMapping(tables, spannerOnly);
    }

    private TableMapping table(
        String spannerName, Map<String, SpannerType> spannerColumns, String sourceName) {
      Map<String, SourceType> sourceColumns = sourceTables.get(sourceName);
      List<ColumnMapping> columns = new ArrayList<>();
      for (Map.Entry<String, SpannerType> column : spannerColumns.entrySet()) {
        Optional<String> source = match(column.getKey(), sourceColumns.keySet());
        columns.add(new ColumnMapping(column.getKey(), column.getValue(), source.orElse(null),
            source.map(sourceColumns::get).orElse(null)));
      }
      List<String> key = sourceKeys.getOrDefault(sourceName, List.of());
      for (String keyColumn : key) {
        if (!sourceColumns.containsKey(keyColumn)) {
          throw new IllegalArgumentException("primary key column " + keyColumn
              + " of source table " + sourceName + " is not one of its columns "
              + sourceColumns.keySet());
        }
      }
      return new TableMapping(spannerName, sourceName, columns, key, null);
    }

    private static Optional<String> match(String name, Collection<String> candidates) {
      if (candidates.contains(name)) {
        return Optional.of(name);
      }
      List<String> ignoringCase = candidates.stream()
          .filter(c -> c.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
          .toList();
      return ignoringCase.size() == 1 ? Optional.of(ignoringCase.get(0)) : Optional.empty();
    }
  }
}
