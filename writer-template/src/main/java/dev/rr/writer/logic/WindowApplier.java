package dev.rr.writer.logic;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MappingException;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.mysql.checkpoint.ResyncFence;
import dev.rr.common.sink.ShardDialect;
import dev.rr.writer.logic.ChangeMapper.SkipReason;
import dev.rr.writer.logic.PreparedTransaction.RecordFailure;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies one window file, or a run of consecutive ones ({@link WindowRun}), to one shard, from
 * the shard's checkpoint on, exactly once.
 *
 * <p>Records are grouped into Spanner transactions; whole transactions go into one MySQL
 * transaction until it holds {@code batchSize} records (one large transaction is never split).
 * Each MySQL transaction starts by locking and reading the checkpoint ({@code SELECT ... FOR
 * UPDATE} on the row the worker created before its first transaction), skips every transaction
 * the checkpoint covers, writes its changes as multi-row statements ({@link ChangeBatch}, {@link
 * BatchStatements}), moves the checkpoint from the one it read (compare-and-set, {@link
 * CheckpointDao#advance}) and commits. A crash, a retried bundle or a second worker on the same
 * shard therefore never applies anything twice, whatever the server's isolation level.
 *
 * <p>While MySQL executes one transaction, a second thread ({@link Prefetcher}) reads, decodes,
 * groups and maps the records of the next ones ({@link PreparedTransaction}), cuts them into
 * MySQL transactions and builds each one's merged changes and statements ({@link
 * PreparedGroup}). That is only a proposal: which transactions the checkpoint covers is still
 * decided here, after the checkpoint is locked, and a group it covers in part (or holding a
 * record that cannot be mapped) is applied transaction by transaction as if nothing had been
 * built, so a transaction the checkpoint covers is skipped even when its mapping failed.
 *
 * <p>In <em>diagnose</em> mode every Spanner transaction gets its own MySQL transaction and every
 * row its own statement, so that a permanent MySQL error names the record that caused it (and
 * everything before it is committed).
 */
public final class WindowApplier {
  /** MySQL transactions read and mapped ahead of the one being applied, at most. */
  static final int BATCHES_AHEAD = 2;

  /**
   * @param runId the run identifier, part of the checkpoint's key
   * @param shard logical shard id
   * @param applyFrom changes committed before it are not applied (the writer's start timestamp)
   * @param batchSize records per MySQL transaction, at most (whole transactions excepted)
   * @param maxRowsPerStatement rows per multi-row statement, at most
   */
  public record Settings(
      String runId, String shard, Instant applyFrom, int batchSize, int maxRowsPerStatement) {}

  /**
   * What applying a window did.
   *
   * @param recordsApplied records committed to the shard now
   * @param recordsAlreadyApplied records the checkpoint already covered
   * @param recordsSkipped records kept instead of written (filtered, unmapped table)
   * @param checkpoint the newest checkpoint committed or read (another worker of the shard may
   *     have moved it), null when the shard has none
   * @param lagSeconds seconds from the last applied transaction's commit to its apply, or null
   */
  public record Result(
      long recordsApplied,
      long recordsAlreadyApplied,
      long recordsSkipped,
      Checkpoint checkpoint,
      Double lagSeconds) {}

  private final Settings settings;
  private final ChangeMapper mapper;
  private final BatchWriter writer;
  private final ShardDialect dialect;
  private final CheckpointDao checkpoints;
  private final SourceConstraints constraints;
  private final RecordKeeper keeper;
  private final ShardMetrics metrics;
  private final Clock clock;

  public WindowApplier(
      Settings settings,
      ChangeMapper mapper,
      BatchStatements statements,
      BatchStatements rowByRow,
      Collaborators collaborators) {
    this.settings = settings;
    this.mapper = mapper;
    this.writer = new BatchWriter(statements, rowByRow);
    this.dialect = statements.dialect();
    this.checkpoints = collaborators.checkpoints();
    this.constraints = collaborators.constraints();
    this.keeper = collaborators.keeper();
    this.metrics = collaborators.metrics();
    this.clock = collaborators.clock();
  }

  /** The applier's collaborators, all per shard. */
  public record Collaborators(
      CheckpointDao checkpoints,
      SourceConstraints constraints,
      RecordKeeper keeper,
      ShardMetrics metrics,
      Clock clock) {}

  /**
   * Applies the files of {@code run} on {@code connection} (autocommit is switched off), in
   * order, as one stream of transactions: a MySQL transaction may hold the end of one window and
   * the start of the next.
   *
   * @throws ApplyException when a transaction fails; it has been rolled back, and everything
   *     committed before it stays
   */
  public Result apply(Connection connection, WindowRun run, boolean diagnose)
      throws ApplyException {
    ApplyTotals totals = new ApplyTotals();
    try (Prefetcher<PreparedGroup> groups = prepare(run.records())) {
      run.windows().forEach(w -> metrics.fileRead());
      connection.setAutoCommit(false);
      Deque<PreparedTransaction> pending = new ArrayDeque<>();
      while (!pending.isEmpty() || groups.hasNext()) {
        applyOneMySqlTransaction(connection, run, groups, pending, diagnose, totals);
      }
      return totals.result();
    } catch (ApplyException e) {
      rollbackQuietly(connection);
      throw e.afterCommitting(totals.checkpoint);
    } catch (SQLException | IOException | RuntimeException e) {
      rollbackQuietly(connection);
      ErrorClass errorClass = ApplyErrors.classify(e, dialect);
      throw new ApplyException(
          where(run) + (errorClass == ErrorClass.TRANSIENT ? "transient error: " : "failed: ")
              + describe(e),
          errorClass, null, e).afterCommitting(totals.checkpoint);
    }
  }

  /**
   * Applies the next group as planned ahead when the checkpoint covers none of it, else goes
   * through {@code pending} (the transactions of the groups not applied as planned) one
   * transaction at a time.
   */
  private void applyOneMySqlTransaction(
      Connection connection,
      WindowRun run,
      Iterator<PreparedGroup> groups,
      Deque<PreparedTransaction> pending,
      boolean diagnose,
      ApplyTotals totals)
      throws SQLException, IOException, ApplyException {
    Checkpoint checkpoint =
        checkpoints.readForUpdate(connection, settings.runId(), settings.shard()).orElse(null);
    if (ResyncFence.isFence(checkpoint)) {
      // rr resync is loading the shard: apply nothing, and keep the shard where it is, so that
      // once the resync restores a checkpoint every window after it is applied.
      connection.rollback();
      throw new ApplyException("[shard=" + settings.shard() + "] paused: rr resync is loading"
          + " the shard at " + ResyncFence.of(checkpoint).orElseThrow().readAt()
          + "; the writer goes on by itself when it ends", ErrorClass.TRANSIENT, null, null);
    }
    // Another worker of this shard may have moved it: report the newest one seen.
    totals.seen(checkpoint);
    // hasNext() may wait for (or throw) what follows; nothing is written yet to lose by it.
    while (pending.isEmpty() && groups.hasNext()) {
      PreparedGroup group = groups.next();
      if (allApplied(group, checkpoint)) {
        // A run applied again after a restart: every group the checkpoint covers is skipped
        // inside this one MySQL transaction.
        for (PreparedTransaction transaction : group.transactions()) {
          metrics.recordsRead(transaction.size());
          totals.alreadyApplied += transaction.size();
          metrics.recordsAlreadyApplied(transaction.size());
        }
      } else if (!diagnose && group.plan() != null && noneApplied(group, checkpoint)) {
        applyPlanned(connection, run, group, checkpoint, totals);
        return;
      } else {
        pending.addAll(group.transactions());
      }
    }
    ChangeBatch batch = new ChangeBatch(constraints);
    Map<SkipReason, List<ChangeRecord>> skipped = new EnumMap<>(SkipReason.class);
    List<Timestamp> commits = new ArrayList<>();
    SpannerTransaction last = null;
    long handled = 0;
    long written = 0;
    ApplyException failure = null;
    // How errors name where they happened: the run, or in diagnose mode (one Spanner transaction
    // per MySQL transaction) the window of that transaction.
    String place = where(run);
    while (handled < settings.batchSize() && !(diagnose && last != null) && !pending.isEmpty()) {
      PreparedTransaction mapped = pending.poll();
      SpannerTransaction transaction = mapped.transaction();
      metrics.recordsRead(transaction.size());
      if (diagnose) {
        place = where(run.windowOf(transaction.commitTimestamp()));
      }
      if (isApplied(transaction, checkpoint)) {
        totals.alreadyApplied += transaction.size();
        metrics.recordsAlreadyApplied(transaction.size());
        continue;
      }
      RuntimeException error = mapped.failure();
      if (error instanceof MappingException || error instanceof TransformationException) {
        failure = new ApplyException(
            where(run.windowOf(transaction.commitTimestamp())) + describe(error),
            ErrorClass.PERMANENT,
            recordOf(error, transaction), error);
        break;
      }
      if (error != null) {
        throw error;
      }
      batch.add(mapped.changes());
      mapped.skipped().forEach((reason, records) ->
          skipped.computeIfAbsent(reason, r -> new ArrayList<>()).addAll(records));
      handled += transaction.size();
      written += mapped.written();
      commits.add(transaction.commitTimestamp());
      last = transaction;
    }
    if (last == null) {
      connection.rollback();
      if (failure != null) {
        throw failure;
      }
      return;
    }
    writer.write(connection, batch, diagnose, place);
    commit(connection, run, checkpoint, new Written(last, commits, written, skipped), totals);
    if (failure != null) {
      throw failure;
    }
  }

  /** True when {@code checkpoint} covers none of {@code group}'s transactions. */
  private boolean noneApplied(PreparedGroup group, Checkpoint checkpoint) {
    return group.transactions().stream()
        .noneMatch(transaction -> isApplied(transaction.transaction(), checkpoint));
  }

  /** True when {@code checkpoint} covers every one of {@code group}'s transactions. */
  private boolean allApplied(PreparedGroup group, Checkpoint checkpoint) {
    return group.transactions().stream()
        .allMatch(transaction -> isApplied(transaction.transaction(), checkpoint));
  }

  /** Writes {@code group} with the statements built ahead, and commits it. */
  private void applyPlanned(Connection connection, WindowRun run, PreparedGroup group,
      Checkpoint checkpoint, ApplyTotals totals) throws SQLException, IOException, ApplyException {
    List<Timestamp> commits = new ArrayList<>(group.transactions().size());
    for (PreparedTransaction transaction : group.transactions()) {
      metrics.recordsRead(transaction.size());
      commits.add(transaction.transaction().commitTimestamp());
    }
    writer.write(connection, group.plan(), where(run));
    SpannerTransaction last = group.transactions().get(group.transactions().size() - 1)
        .transaction();
    commit(connection, run, checkpoint,
        new Written(last, commits, group.written(), group.skipped()), totals);
  }

  /**
   * What one MySQL transaction wrote.
   *
   * @param last its last Spanner transaction
   * @param commits the commit timestamps of its Spanner transactions
   * @param records records whose change it wrote
   * @param skipped records it kept instead, by reason
   */
  private record Written(SpannerTransaction last, List<Timestamp> commits, long records,
      Map<SkipReason, List<ChangeRecord>> skipped) {}

  /** Keeps the skipped records, moves the checkpoint past {@code written} and commits. */
  private void commit(Connection connection, WindowRun run, Checkpoint checkpoint,
      Written written, ApplyTotals totals) throws SQLException, IOException {
    for (Map.Entry<SkipReason, List<ChangeRecord>> entry : written.skipped().entrySet()) {
      keepSkipped(run, entry.getKey(), entry.getValue());
    }
    SpannerTransaction last = written.last();
    long total = (checkpoint == null ? 0 : checkpoint.recordsApplied()) + written.records();
    TimeWindow window = run.windowOf(last.commitTimestamp());
    Checkpoint next = new Checkpoint(settings.runId(), settings.shard(), window.start(),
        window.end(), last.commitTimestamp(), last.serverTransactionId(), total);
    // Fails, for a rollback and a retry, when another writer of the shard moved it meanwhile.
    checkpoints.advance(connection, checkpoint, next);
    connection.commit();
    totals.committed(next, written.records(), written.skipped());
    metrics.recordsProcessed(written.records());
    written.skipped().forEach((reason, records) -> metrics.recordsSkipped(reason, records.size()));
    Instant now = clock.instant();
    for (Timestamp commit : written.commits()) {
      long lag = Math.max(0, now.getEpochSecond() - commit.getSeconds());
      metrics.replicationLagSeconds(lag);
    }
    totals.lagSeconds = Math.max(0.0,
        (now.toEpochMilli() - last.commitTimestamp().toSqlTimestamp().getTime()) / 1000.0);
  }

  /** Keeps skipped records (in commit order) per window, as the keeper files them. */
  private void keepSkipped(WindowRun run, SkipReason reason, List<ChangeRecord> records)
      throws IOException {
    int from = 0;
    while (from < records.size()) {
      TimeWindow window = run.windowOf(records.get(from).commitTimestamp());
      int to = from + 1;
      while (to < records.size() && run.windowOf(records.get(to).commitTimestamp()).equals(window)) {
        to++;
      }
      keeper.keepSkipped(reason, window, records.subList(from, to));
      from = to;
    }
  }

  private boolean isApplied(SpannerTransaction transaction, Checkpoint checkpoint) {
    Timestamp commit = transaction.commitTimestamp();
    if (Instant.ofEpochSecond(commit.getSeconds(), commit.getNanos())
        .isBefore(settings.applyFrom())) {
      return true;
    }
    return checkpoint != null
        && checkpoint.covers(commit, transaction.serverTransactionId());
  }

  /**
   * Reads, groups and maps the records of {@code source}, and groups the transactions into
   * MySQL transactions with their statements built ({@link PreparedGroup}), on a thread of its
   * own, at most {@value #BATCHES_AHEAD} groups ahead of the one being applied.
   */
  private Prefetcher<PreparedGroup> prepare(WindowRun.Records source) {
    Iterator<SpannerTransaction> grouped = new TransactionGrouper(source);
    Iterator<PreparedTransaction> mapped = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return grouped.hasNext();
      }

      @Override
      public PreparedTransaction next() {
        return PreparedTransaction.map(grouped.next(), mapper, constraints);
      }
    };
    Iterator<PreparedGroup> groups =
        PreparedGroup.grouping(mapped, settings.batchSize(), constraints, writer);
    return Prefetcher.start("rr-prefetch-" + settings.shard(), groups, source, g -> 1, 1,
        BATCHES_AHEAD);
  }

  private static ChangeRecord recordOf(RuntimeException e, SpannerTransaction transaction) {
    return e instanceof RecordFailure failure ? failure.record() : transaction.records().get(0);
  }

  private String where(TimeWindow window) {
    return "[shard=" + settings.shard() + "] window " + window + ": ";
  }

  private String where(WindowRun run) {
    return "[shard=" + settings.shard() + "] " + run + ": ";
  }

  private String describe(Throwable e) {
    Throwable shown = e instanceof RecordFailure && e.getCause() != null ? e.getCause() : e;
    if (shown instanceof SQLException sql) {
      return dialect.describe(sql);
    }
    return shown.getMessage() == null ? shown.toString() : shown.getMessage();
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      if (!connection.isClosed() && !connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // The connection is broken; closing it ends the transaction on the server.
    }
  }
}
