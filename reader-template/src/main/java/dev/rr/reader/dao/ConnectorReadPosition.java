package dev.rr.reader.dao;

import static org.apache.beam.sdk.io.gcp.spanner.changestreams.dao.PartitionMetadataAdminDao.COLUMN_END_TIMESTAMP;
import static org.apache.beam.sdk.io.gcp.spanner.changestreams.dao.PartitionMetadataAdminDao.COLUMN_FINISHED_AT;
import static org.apache.beam.sdk.io.gcp.spanner.changestreams.dao.PartitionMetadataAdminDao.COLUMN_PARENT_TOKENS;
import static org.apache.beam.sdk.io.gcp.spanner.changestreams.dao.PartitionMetadataAdminDao.COLUMN_PARTITION_TOKEN;
import static org.apache.beam.sdk.io.gcp.spanner.changestreams.dao.PartitionMetadataAdminDao.COLUMN_STATE;
import static org.apache.beam.sdk.io.gcp.spanner.changestreams.dao.PartitionMetadataAdminDao.COLUMN_WATERMARK;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ReadOnlyTransaction;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.Statement;
import dev.rr.reader.logic.FailureStreak;
import dev.rr.reader.logic.ReadPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.io.gcp.spanner.SpannerAccessor;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.InitialPartition;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.PartitionMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the change-stream connector has really read: the least watermark of its unfinished
 * partitions, from its partition table in the metadata database. The connector sets the
 * pipeline's watermark from the same value, so in normal operation this is never behind the
 * watermark; when a job is drained the watermark jumps ahead and this stays where reading stopped.
 *
 * <p><b>Orphaned partitions.</b> A partition of an unbounded read ends by handing over to its
 * child partitions (a child-partitions record, whose children the connector inserts into this
 * table before it marks the parent finished). The connector can mark a partition finished without
 * having seen that record: when its restriction was split just past the partition's end, the
 * residual's query fails with OUT_OF_RANGE and is taken as the end (Apache Beam issue 40232; seen
 * here on the emulator under load). Its children are then never read, and neither the watermark
 * nor anything else says so: the changes of that key range are silently skipped from then on. A
 * finished partition of an unbounded read that no partition names as a parent is such an orphan;
 * its watermark caps the position, so that {@code created_upto} stops where the gap begins
 * (logged as an error, counted in {@value #ORPHANED_PARTITIONS}) instead of passing over it.
 * Resuming the reader reads the gap again.
 */
public final class ConnectorReadPosition implements ReadPosition {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorReadPosition.class);
  /** Counter of partitions found finished without child partitions. */
  public static final String ORPHANED_PARTITIONS = "orphaned_partitions";
  /** Counter of failed questions to the partition table (each holds created_upto back). */
  public static final String POSITION_QUERY_FAILURES = "read_position_query_failures";
  /**
   * How long questions may fail in a row before it is an error: the connector creates its table
   * a few seconds after the start, so the first failures are expected.
   */
  static final java.time.Duration FAILING_TOO_LONG = java.time.Duration.ofMinutes(1);
  /** The state of a partition read to its end. */
  private static final String FINISHED = PartitionMetadata.State.FINISHED.name();
  /** Partitions ending at or after this are unbounded (the connector uses the end of time). */
  static final Timestamp UNBOUNDED_FROM = Timestamp.parseTimestamp("9999-01-01T00:00:00Z");

  private final SpannerAccessor accessor;
  private final String table;
  private final Counter orphanedPartitions =
      Metrics.counter(ConnectorReadPosition.class, ORPHANED_PARTITIONS);
  private final Counter queryFailures =
      Metrics.counter(ConnectorReadPosition.class, POSITION_QUERY_FAILURES);
  private final FailureStreak failures = new FailureStreak(FAILING_TOO_LONG);
  private Dialect dialect;
  /** Orphans found so far: token to watermark. Checked again on every question. */
  private final Map<String, Timestamp> orphans = new LinkedHashMap<>();
  /** Read timestamp of the last search for orphans: partitions finished later are searched next. */
  private Timestamp searchedUpTo;

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
    // Both queries read the same snapshot: a parent marked finished is seen with its children.
    try (ReadOnlyTransaction read = client.readOnlyTransaction()) {
      if (dialect == null) {
        dialect = client.getDialect();
      }
      long partitions;
      Timestamp unfinished;
      try (ResultSet rows = read.executeQuery(positionQuery())) {
        if (!rows.next() || rows.getLong("partitions") == 0) {
          // The connector has not created its first partition yet.
          return Answer.unknown();
        }
        partitions = rows.getLong("partitions");
        unfinished = rows.isNull("read_up_to") ? null : rows.getTimestamp("read_up_to");
      }
      updateOrphans(read);
      searchedUpTo = read.getReadTimestamp();
      failures.succeeded();
      Timestamp upTo = unfinished;
      for (Timestamp watermark : orphans.values()) {
        upTo = upTo == null || watermark.compareTo(upTo) < 0 ? watermark : upTo;
      }
      if (upTo == null) {
        return Answer.finished();
      }
      Instant position = Instant.ofEpochSecond(upTo.getSeconds(), upTo.getNanos());
      if (orphans.isEmpty()) {
        return Answer.readUpTo(position);
      }
      List<String> reasons = new ArrayList<>();
      orphans.forEach((token, watermark) -> reasons.add("change-stream partition " + token
          + " finished at " + watermark + " without child partitions (" + partitions
          + " partitions in " + table + ")"));
      return Answer.stuckAt(position, reasons);
    } catch (SpannerException e) {
      // Not created yet, already dropped by the connector's clean-up, or Spanner unavailable.
      queryFailures.inc();
      reportFailure(e, Instant.now());
      return Answer.unknown();
    }
  }

  /**
   * Logs a failed question: at INFO while the failures in a row are young (the connector's table
   * may not exist yet), then at ERROR once a minute - {@code created_upto} does not move meanwhile.
   */
  private void reportFailure(SpannerException e, Instant now) {
    switch (failures.failed(now)) {
      case QUIET -> LOG.info("[progress] cannot read the change stream's position from {}: {}",
          table, e.getMessage());
      case ERROR -> LOG.error("[progress] the change stream's position cannot be read from {}"
          + " since {}: created_upto is held and the writers wait until it can; check the"
          + " metadata database ({}): {}", table, failures.since(), POSITION_QUERY_FAILURES,
          e.getMessage());
      case ALREADY_REPORTED -> { }
    }
  }

  /**
   * Drops the known orphans that have children by now, and adds the partitions finished since the
   * last search (all, the first time) that have none, as {@code read} sees them.
   */
  private void updateOrphans(ReadOnlyTransaction read) {
    try (ResultSet rows = read.executeQuery(orphanQuery())) {
      Map<String, Timestamp> found = new LinkedHashMap<>();
      while (rows.next()) {
        found.put(rows.getString(COLUMN_PARTITION_TOKEN), rows.getTimestamp(COLUMN_WATERMARK));
      }
      orphans.keySet().retainAll(found.keySet());
      found.forEach((token, watermark) -> {
        if (orphans.put(token, watermark) == null) {
          orphanedPartitions.inc();
          LOG.error("[progress] change-stream partition {} was marked finished at watermark {}"
              + " without its child partitions (Apache Beam issue 40232): the connector will not"
              + " read the changes of its key range after that. created_upto stops there; stop"
              + " the reader and launch it again with readerRunMode resume to read them (see"
              + " docs/recovery.md, \"Orphaned change-stream partition\").", token, watermark);
        }
      });
    }
  }

  private Statement positionQuery() {
    return Statement.newBuilder("SELECT COUNT(*) AS partitions, MIN(CASE WHEN "
            + quoted(COLUMN_STATE) + " <> " + parameter(1) + " THEN " + quoted(COLUMN_WATERMARK)
            + " END) AS read_up_to FROM " + quoted(table))
        .bind("p1").to(FINISHED)
        .build();
  }

  /**
   * Finished, unbounded, not the root, named as a parent by no partition; among the known orphans
   * and the partitions finished after the last search. None in a change stream with mutable key
   * ranges, where partitions start from partition-start records, name no parents (NULL) and end
   * without children.
   */
  private Statement orphanQuery() {
    boolean postgres = dialect == Dialect.POSTGRESQL;
    String parent = "p." + quoted(COLUMN_PARTITION_TOKEN);
    String isChild = postgres
        ? parent + " = ANY(c." + quoted(COLUMN_PARENT_TOKENS) + ")"
        : parent + " IN UNNEST(c." + quoted(COLUMN_PARENT_TOKENS) + ")";
    String searched = searchedUpTo == null ? "TRUE" : "p." + quoted(COLUMN_FINISHED_AT) + " > "
        + parameter(4);
    String known = postgres
        ? parent + " = ANY(" + parameter(5) + ")"
        : parent + " IN UNNEST(" + parameter(5) + ")";
    Statement.Builder query = Statement.newBuilder("SELECT " + parent + ", p."
            + quoted(COLUMN_WATERMARK) + " FROM " + quoted(table) + " p WHERE p."
            + quoted(COLUMN_STATE) + " = " + parameter(1) + " AND " + parent + " <> " + parameter(2)
            + " AND p." + quoted(COLUMN_END_TIMESTAMP) + " >= " + parameter(3) + " AND (" + searched + " OR "
            + known + ") AND NOT EXISTS (SELECT 1 FROM " + quoted(table) + " c WHERE " + isChild
            + ") AND NOT EXISTS (SELECT 1 FROM " + quoted(table) + " m WHERE m."
            + quoted(COLUMN_PARENT_TOKENS) + " IS NULL AND m." + quoted(COLUMN_PARTITION_TOKEN) + " <> "
            + parameter(2) + ")")
        .bind("p1").to(FINISHED)
        .bind("p2").to(InitialPartition.PARTITION_TOKEN)
        .bind("p3").to(UNBOUNDED_FROM);
    if (searchedUpTo != null) {
      query.bind("p4").to(searchedUpTo);
    }
    return query.bind("p5").toStringArray(new ArrayList<>(orphans.keySet())).build();
  }

  private String quoted(String identifier) {
    String quote = dialect == Dialect.POSTGRESQL ? "\"" : "`";
    return quote + identifier + quote;
  }

  private String parameter(int index) {
    return dialect == Dialect.POSTGRESQL ? "$" + index : "@p" + index;
  }

  @Override
  public void close() {
    accessor.close();
  }
}
