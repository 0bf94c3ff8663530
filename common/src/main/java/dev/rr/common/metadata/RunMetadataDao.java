package dev.rr.common.metadata;

import static dev.rr.common.metadata.StructValues.timestampOrNull;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.KeySet;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Value;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.spanner.SpannerRetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes run rows ({@code spanner_to_gcs_metadata}) and deletes whole runs.
 *
 * <p>Uses mutations and key reads only, which are the same in both Spanner dialects.
 */
public final class RunMetadataDao {
  /** Primary key: the run identifier. */
  public static final String RUN_ID = "run_id";
  /** Inclusive change-stream start of the run (TIMESTAMP). */
  public static final String START_TIMESTAMP = "start_timestamp";
  /** Exclusive change-stream end of the run, NULL when open-ended (TIMESTAMP). */
  public static final String END_TIMESTAMP = "end_timestamp";
  /** Window length in milliseconds (INT64). */
  public static final String WINDOW_DURATION_MS = "window_duration_ms";
  /** Change stream name. */
  public static final String CHANGE_STREAM_NAME = "change_stream_name";
  /** The change stream's database, {@code projects/P/instances/I/databases/D}. */
  public static final String SPANNER_DATABASE = "spanner_database";
  /** Run mode of the latest reader launch, by option name ({@code regular}, {@code resume}). */
  public static final String READER_RUN_MODE = "reader_run_mode";
  /** Root of the buffer. */
  public static final String BUFFER_DIRECTORY = "buffer_directory";
  /** Directory under the buffer for records that matched no shard. */
  public static final String SKIP_DIRECTORY_NAME = "skip_directory_name";
  /** Commit time of the row's insert (commit-timestamp column). */
  public static final String CREATED_AT = "created_at";
  /** Commit time of the row's latest write (commit-timestamp column). */
  public static final String UPDATED_AT = "updated_at";

  static final List<String> COLUMNS =
      List.of(
          RUN_ID,
          START_TIMESTAMP,
          END_TIMESTAMP,
          WINDOW_DURATION_MS,
          CHANGE_STREAM_NAME,
          SPANNER_DATABASE,
          READER_RUN_MODE,
          BUFFER_DIRECTORY,
          SKIP_DIRECTORY_NAME,
          CREATED_AT,
          UPDATED_AT);

  private final DatabaseClient client;
  private final MetadataTables tables;
  private final SpannerRetry retry;

  /** A DAO on the run table of {@code tables} in the database of {@code client}. */
  public RunMetadataDao(DatabaseClient client, MetadataTables tables) {
    this(client, tables, SpannerRetry.standard());
  }

  /**
   * A DAO that retries transactions rejected for a passing reason by {@code retry}'s policy (use
   * {@link SpannerRetry#forEmulator()} on the emulator).
   */
  public RunMetadataDao(DatabaseClient client, MetadataTables tables, SpannerRetry retry) {
    this.client = Objects.requireNonNull(client, "client");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * Inserts the run row, or replaces every field of an existing one except {@code created_at}.
   * {@code createdAt}/{@code updatedAt} of {@code run} are ignored: commit timestamps are stored.
   *
   * @return true when the row was inserted, false when an existing row was updated
   */
  public boolean upsert(RunMetadata run) {
    Objects.requireNonNull(run, "run");
    String table = tables.run();
    return retry.readWrite(
        client,
        tx -> {
          boolean exists = tx.readRow(table, Key.of(run.runId()), List.of(RUN_ID)) != null;
          Mutation.WriteBuilder row =
              exists ? Mutation.newUpdateBuilder(table) : Mutation.newInsertBuilder(table);
          fill(row, run);
          if (!exists) {
            row.set(CREATED_AT).to(Value.COMMIT_TIMESTAMP);
          }
          tx.buffer(row.build());
          return !exists;
        });
  }

  /** The run row of {@code runId}, if any. */
  public Optional<RunMetadata> read(String runId) {
    Struct row = client.singleUse().readRow(tables.run(), Key.of(runId), COLUMNS);
    return Optional.ofNullable(row).map(RunMetadataDao::toRun);
  }

  /** Every run, ordered by run id (for {@code rr status}). */
  public List<RunMetadata> list() {
    List<RunMetadata> runs = new ArrayList<>();
    try (ResultSet rows = client.singleUse().read(tables.run(), KeySet.all(), COLUMNS)) {
      while (rows.next()) {
        runs.add(toRun(rows.getCurrentRowAsStruct()));
      }
    }
    return runs;
  }

  /**
   * Deletes the run row and every progress row of the run, atomically (for {@code rr drop}).
   * Deleting a run that does not exist does nothing.
   */
  public void deleteRun(String runId) {
    ShardProgress.requireText(runId, "runId");
    KeySet runRows = KeySet.prefixRange(Key.of(runId));
    retry.write(
        client,
        List.of(
            Mutation.delete(tables.fileProcessProgress(), runRows),
            Mutation.delete(tables.fileCreateProgress(), runRows),
            Mutation.delete(tables.run(), Key.of(runId))));
  }

  private static void fill(Mutation.WriteBuilder row, RunMetadata run) {
    row.set(RUN_ID).to(run.runId())
        .set(START_TIMESTAMP).to(run.startTimestamp())
        .set(END_TIMESTAMP).to(run.endTimestamp())
        .set(WINDOW_DURATION_MS).to(run.windowDuration().toMillis())
        .set(CHANGE_STREAM_NAME).to(run.changeStreamName())
        .set(SPANNER_DATABASE).to(run.spannerDatabase())
        .set(READER_RUN_MODE).to(run.readerRunMode().optionName())
        .set(BUFFER_DIRECTORY).to(run.bufferDirectory())
        .set(SKIP_DIRECTORY_NAME).to(run.skipDirectoryName())
        .set(UPDATED_AT).to(Value.COMMIT_TIMESTAMP);
  }

  private static RunMetadata toRun(Struct row) {
    return RunMetadata.builder()
        .runId(row.getString(RUN_ID))
        .startTimestamp(row.getTimestamp(START_TIMESTAMP))
        .endTimestamp(timestampOrNull(row, END_TIMESTAMP))
        .windowDuration(Duration.ofMillis(row.getLong(WINDOW_DURATION_MS)))
        .changeStreamName(row.getString(CHANGE_STREAM_NAME))
        .spannerDatabase(row.getString(SPANNER_DATABASE))
        .readerRunMode(ReaderRunMode.parse(row.getString(READER_RUN_MODE)))
        .bufferDirectory(row.getString(BUFFER_DIRECTORY))
        .skipDirectoryName(row.getString(SKIP_DIRECTORY_NAME))
        .createdAt(row.getTimestamp(CREATED_AT))
        .updatedAt(row.getTimestamp(UPDATED_AT))
        .build();
  }
}
