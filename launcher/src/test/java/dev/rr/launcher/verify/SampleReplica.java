package dev.rr.launcher.verify;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Type;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.common.mysql.MySqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Test helper: copies the sample tables from Spanner into the shard databases the way a perfect
 * replication would (rows routed by the shard id column, parents first), so the verifier has a
 * known-equal starting point to plant differences in.
 */
final class SampleReplica {
  private SampleReplica() {}

  static void copy(DatabaseClient spanner, SchemaMapping mapping, Map<String, Connection> shards)
      throws SQLException {
    copy(spanner, mapping, shards, ZoneOffset.UTC);
  }

  /**
   * Copies the rows as the writer writes them for a source at {@code offset}: TIMESTAMPs as local
   * date-times at the offset, on connections whose session time zone is the offset.
   */
  static void copy(DatabaseClient spanner, SchemaMapping mapping, Map<String, Connection> shards,
      ZoneOffset offset) throws SQLException {
    for (Connection shard : shards.values()) {
      try (PreparedStatement timeZone = new MySqlDialect(offset).sessionTimeZone().prepare(shard)) {
        timeZone.execute();
      }
    }
    for (String tableName : SampleSchema.TABLES) {
      TableMapping table = mapping.forSpannerTable(tableName).orElseThrow();
      List<ColumnMapping> columns = table.columns().stream().filter(ColumnMapping::hasSource).toList();
      String sql = "INSERT INTO `" + table.sourceName() + "` ("
          + String.join(", ", columns.stream().map(c -> "`" + c.sourceName() + "`").toList())
          + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
      try (ResultSet rows = spanner.singleUse().executeQuery(Statement.of("SELECT * FROM " + tableName))) {
        while (rows.next()) {
          Struct row = rows.getCurrentRowAsStruct();
          Connection shard = shards.get(row.getString(SampleSchema.SHARD_ID_COLUMN));
          try (PreparedStatement insert = shard.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
              insert.setObject(i + 1, value(row, columns.get(i).spannerName(), offset));
            }
            insert.executeUpdate();
          }
        }
      }
    }
  }

  private static Object value(Struct row, String column, ZoneOffset offset) {
    if (row.isNull(column)) {
      return null;
    }
    Type.Code code = row.getColumnType(column).getCode();
    return switch (code) {
      case INT64 -> row.getLong(column);
      case STRING -> row.getString(column);
      case TIMESTAMP -> LocalDateTime.ofEpochSecond(row.getTimestamp(column).getSeconds(),
          row.getTimestamp(column).getNanos(), offset);
      default -> throw new IllegalArgumentException("sample column type " + code + " not handled");
    };
  }
}
