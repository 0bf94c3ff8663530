package dev.rr.launcher.e2e;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.launcher.check.PrefixSample;
import dev.rr.launcher.check.PrefixSampler;
import dev.rr.launcher.verify.ShardDatabase;
import dev.rr.testing.MySqlTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The control that proves the oracle bites: a run's buffer applied to fresh shard databases record
 * by record with autocommit ({@link NaiveApplier}), the checkpoint claiming each record's Spanner
 * transaction as soon as the record is in, so a shard shows transactions half applied. The oracle
 * samples after every record (until enough mismatches are seen) and must report them.
 */
final class AutocommitControl {
  /** Mismatches after which a shard is applied without further samples. */
  static final int ENOUGH = 3;

  /** What the control's samples saw. */
  record Result(long samples, long mismatches, List<PrefixSample> examples) {}

  private AutocommitControl() {}

  /** Applies {@code fixture}'s buffer (final up to its cutover) to fresh databases and samples them. */
  static Result run(ReplicationFixture fixture) throws Exception {
    List<ShardDatabase> control = new ArrayList<>();
    for (int i = 0; i < ReplicationFixture.SHARD_IDS.size(); i++) {
      MySqlTestDatabase database = ReplicationFixture.createShardDatabase(fixture.servers.get(i), fixture.schema);
      control.add(new ShardDatabase(ReplicationFixture.SHARD_IDS.get(i), database::connect));
    }
    NaiveApplier naive = new NaiveApplier(fixture.mapping(), new MySqlDialect(ZoneOffset.UTC));
    List<PrefixSample> examples = new ArrayList<>();
    long samples = 0;
    long mismatches = 0;
    for (ShardDatabase shard : control) {
      try (PrefixSampler sampler = new PrefixSampler(DiffRun.oracle(fixture), List.of(shard), 0);
          Connection connection = shard.connector().open()) {
        new CheckpointDao().ensureTable(connection);
        long[] applied = {0};
        try {
          naive.apply(fixture.buffer.toString(), shard.shardId(), connection, record -> {
            checkpoint(connection, fixture.runId, shard.shardId(), record, ++applied[0]);
            PrefixSample sample = sampler.sampleNow(shard);
            if (sample != null && !sample.matches() && examples.size() < ENOUGH) {
              examples.add(sample);
            }
            if (sampler.stats().mismatches() >= ENOUGH) {
              throw new Enough();
            }
          });
        } catch (Enough enough) {
          // This shard has shown the oracle biting; the rest of its buffer adds nothing.
        } catch (SQLException refused) {
          // Record by record, a unique value moved between rows meets a transient duplicate: the
          // anti-pattern also fails outright there; what it showed before that is counted.
          System.out.printf("control: %s stopped at a statement MySQL refused: %s%n", shard.shardId(),
              refused.getMessage());
        }
        samples += sampler.stats().samples();
        mismatches += sampler.stats().mismatches();
      }
    }
    return new Result(samples, mismatches, examples);
  }

  /** Ends a shard's naive apply once it has shown {@link #ENOUGH} mismatches. */
  private static final class Enough extends SQLException {
    private static final long serialVersionUID = 1L;
  }

  private static void checkpoint(Connection connection, String runId, String shard, ChangeRecord record,
      long applied) throws SQLException {
    Instant second = Instant.ofEpochSecond(record.commitTimestamp().getSeconds());
    CheckpointDao checkpoints = new CheckpointDao();
    checkpoints.ensureRow(connection, runId, shard);
    Checkpoint read = checkpoints.readForUpdate(connection, runId, shard).orElse(null);
    if (read != null && read.covers(record)) {
      // The transaction was claimed at its first record; the checkpoint only moves forward.
      return;
    }
    checkpoints.advance(connection, read, new Checkpoint(runId, shard, second,
        second.plusSeconds(1), record.commitTimestamp(), record.serverTransactionId(), applied));
  }
}
