package dev.rr.reader.dao;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.Statement;
import dev.rr.reader.logic.ReadPosition;
import java.time.Instant;
import org.apache.beam.sdk.io.gcp.spanner.SpannerAccessor;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the change-stream connector has really read: the least watermark of its unfinished
 * partitions, from its partition table in the metadata database. The connector sets the
 * pipeline's watermark from the same value, so in normal operation this is never behind the
 * watermark; when a job is drained the watermark jumps ahead and this stays where reading stopped.
 */
public final class ConnectorReadPosition implements ReadPosition {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorReadPosition.class);
  /** The connector's partition state column, and the state of a partition read to its end. */
  private static final String COLUMN_STATE = "State";
  private static final String FINISHED = "FINISHED";
  /** The connector's partition watermark column: every change before it was read. */
  private static final String COLUMN_WATERMARK = "Watermark";

  private final SpannerAccessor accessor;
  private final String table;
  private Statement query;

  ConnectorReadPosition(SpannerAccessor accessor, String table) {
    this.accessor = accessor;
    this.table = table;
  }

  /** Positions read from the connector's partition {@code table} in the {@code metadata} database. */
  public static ReadPosition.Factory factory(SpannerConfig metadata, String table) {
    return () -> new ConnectorReadPosition(SpannerAccessor.getOrCreate(metadata), table);
  }

  @Override
  public Answer ask() {
    DatabaseClient client = accessor.getDatabaseClient();
    try (ResultSet rows = client.singleUse().executeQuery(query(client))) {
      if (!rows.next() || rows.getLong("partitions") == 0) {
        // The connector has not created its first partition yet.
        return Answer.unknown();
      }
      if (rows.isNull("read_up_to")) {
        return Answer.finished();
      }
      Timestamp upTo = rows.getTimestamp("read_up_to");
      return Answer.readUpTo(Instant.ofEpochSecond(upTo.getSeconds(), upTo.getNanos()));
    } catch (SpannerException e) {
      // Not created yet, already dropped by the connector's clean-up, or Spanner unavailable.
      LOG.info("[progress] cannot read the change stream's position from {}: {}", table,
          e.getMessage());
      return Answer.unknown();
    }
  }

  private Statement query(DatabaseClient client) {
    if (query == null) {
      boolean postgres = client.getDialect() == Dialect.POSTGRESQL;
      String quote = postgres ? "\"" : "`";
      String parameter = postgres ? "$1" : "@p1";
      query = Statement.newBuilder("SELECT COUNT(*) AS partitions, MIN(CASE WHEN "
              + quote + COLUMN_STATE + quote + " <> " + parameter + " THEN "
              + quote + COLUMN_WATERMARK + quote + " END) AS read_up_to FROM "
              + quote + table + quote)
          .bind("p1").to(FINISHED)
          .build();
    }
    return query;
  }

  @Override
  public void close() {
    accessor.close();
  }
}
