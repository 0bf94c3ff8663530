package dev.rr.reader.logic;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.FixedSchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.util.List;

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
    return new MapMapping(orders);
  }

  /** A fixed mapping of the given tables. */
  public static final class MapMapping extends FixedSchemaMapping {
    private static final long serialVersionUID = 1L;

    public MapMapping(TableMapping... tables) {
      super(List.of(tables));
    }
  }
}
