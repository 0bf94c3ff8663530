package dev.rr.reader.dao;

import dev.rr.common.schema.SpannerType;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Spanner table as {@code INFORMATION_SCHEMA} describes it: its columns with their types, in
 * table order, and its primary-key columns in key order.
 *
 * @param name table name
 * @param columns every column and its type, in table order
 * @param primaryKey primary-key column names, in key order
 */
public record SpannerTableSchema(String name, Map<String, SpannerType> columns, List<String> primaryKey)
    implements Serializable {
  public SpannerTableSchema {
    Objects.requireNonNull(name, "name");
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    primaryKey = List.copyOf(primaryKey);
  }
}
