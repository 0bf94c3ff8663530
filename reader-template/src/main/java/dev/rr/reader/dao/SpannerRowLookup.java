package dev.rr.reader.dao;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.KeySet;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Options;
import com.google.cloud.spanner.Options.RpcPriority;
import com.google.cloud.spanner.TimestampBound;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.routing.SpannerJsonValues;
import dev.rr.common.routing.SpannerRowValues;
import dev.rr.reader.logic.RowLookup;
import org.apache.beam.sdk.io.gcp.spanner.SpannerAccessor;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one row of the change stream's database as it was at a given timestamp (a stale read),
 * e.g. a deleted row just before its delete. Table schemas (key order, column types) come from
 * the information schema (either dialect), read once and again only for a table not seen before.
 *
 * <p>Values are the Java types {@link SpannerJsonValues} gives for change-stream JSON, so a row
 * read here routes exactly like a row image from the stream.
 */
public final class SpannerRowLookup implements RowLookup {
  /** Errors that no retry can fix: the row is reported unroutable instead. */
  private static final Set<ErrorCode> PERMANENT =
      EnumSet.of(ErrorCode.FAILED_PRECONDITION, ErrorCode.OUT_OF_RANGE, ErrorCode.NOT_FOUND,
          ErrorCode.INVALID_ARGUMENT);

  private final SpannerAccessor accessor;
  private final DatabaseClient client;
  private final RpcPriority priority;
  private final Map<String, SpannerTableSchema> schemas = new HashMap<>();
  /** Made at the first schema read: it asks the database's dialect once. */
  private SpannerSchemaReader schemaReader;

  private SpannerRowLookup(SpannerAccessor accessor, RpcPriority priority) {
    this.accessor = accessor;
    this.client = accessor.getDatabaseClient();
    this.priority = priority;
  }

  /** A factory of lookups on the database of {@code spanner}. */
  public static RowLookup.Factory factory(SpannerConfig spanner, RpcPriority priority) {
    return () -> new SpannerRowLookup(SpannerAccessor.getOrCreate(spanner), priority);
  }

  @Override
  public Optional<Map<String, Object>> readRow(String table, String keysJson, Timestamp at) {
    try {
      SpannerTableSchema schema = schema(table);
      try (ResultSet rows =
          client
              .singleUse(TimestampBound.ofReadTimestamp(at))
              .read(
                  table,
                  KeySet.singleKey(key(schema, keysJson)),
                  new ArrayList<>(schema.columns().keySet()),
                  Options.priority(priority))) {
        return rows.next() ? Optional.of(
            SpannerRowValues.of(schema.columns().keySet(), rows.getCurrentRowAsStruct()))
            : Optional.empty();
      }
    } catch (SpannerException e) {
      if (PERMANENT.contains(e.getErrorCode())) {
        throw new LookupFailedException(
            "cannot read row " + keysJson + " of " + table + " at " + at + ": " + e.getErrorCode(), e);
      }
      throw e;
    } catch (IllegalArgumentException e) {
      throw new LookupFailedException(
          "cannot read row " + keysJson + " of " + table + " at " + at + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    accessor.close();
  }

  private SpannerTableSchema schema(String table) {
    SpannerTableSchema schema = schemas.get(table);
    if (schema == null) {
      if (schemaReader == null) {
        schemaReader = SpannerSchemaReader.of(client);
      }
      schemas.putAll(schemaReader.readAll());
      schema = schemas.get(table);
      if (schema == null) {
        throw new IllegalArgumentException("table " + table + " is not in INFORMATION_SCHEMA");
      }
    }
    return schema;
  }

  /** The primary key of {@code keysJson}, typed and in key order. */
  static Key key(SpannerTableSchema schema, String keysJson) {
    JsonObject keys = JsonParser.parseString(keysJson).getAsJsonObject();
    Key.Builder key = Key.newBuilder();
    for (String column : schema.primaryKey()) {
      JsonElement json = keys.get(column);
      if (json == null) {
        throw new IllegalArgumentException(
            "keys " + keysJson + " of table " + schema.name() + " lack key column " + column);
      }
      appendTo(key, SpannerJsonValues.toJava(
          schema.name(), column, schema.columns().get(column), json));
    }
    return key.build();
  }

  private static void appendTo(Key.Builder key, Object value) {
    if (value == null) {
      key.appendObject(null);
    } else if (value instanceof Long v) {
      key.append(v);
    } else if (value instanceof String v) {
      key.append(v);
    } else if (value instanceof Boolean v) {
      key.append(v);
    } else if (value instanceof Double v) {
      key.append(v);
    } else if (value instanceof Float v) {
      key.append(v.doubleValue());
    } else if (value instanceof BigDecimal v) {
      key.append(v);
    } else if (value instanceof ByteArray v) {
      key.append(v);
    } else if (value instanceof Timestamp v) {
      key.append(v);
    } else if (value instanceof Date v) {
      key.append(v);
    } else {
      throw new IllegalArgumentException("unsupported key value type " + value.getClass());
    }
  }
}
