package dev.rr.reader.logic;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Small schema mappings for routing tests. */
public final class TestMappings {
  private TestMappings() {}

  /** {@code Orders(id INT64 key, shard STRING shard-id column, amount INT64)} only. */
  public static SchemaMapping orders() {
    TableMapping orders =
        new TableMapping(
            "Orders",
            "orders",
            List.of(
                new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("bigint")),
                new ColumnMapping("shard", SpannerType.of("STRING"), null, null),
                new ColumnMapping("amount", SpannerType.of("INT64"), "amount", SourceType.of("int"))),
            List.of("id"),
            "shard");
    return new MapMapping(Map.of("Orders", orders));
  }

  /** A fixed mapping. */
  public record MapMapping(Map<String, TableMapping> tables) implements SchemaMapping {
    @Override
    public Optional<TableMapping> forSpannerTable(String spannerTable) {
      return Optional.ofNullable(tables.get(spannerTable));
    }

    @Override
    public Set<String> spannerTables() {
      return tables.keySet();
    }
  }
}
