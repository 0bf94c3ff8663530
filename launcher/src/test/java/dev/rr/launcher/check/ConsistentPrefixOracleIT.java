package dev.rr.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.input.SessionFile;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.verify.RowRouter;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The oracle against the emulator and a real MariaDB shard, with the shard's rows and checkpoint
 * written by hand: each test puts the shard in a state a writer could (or must never) leave.
 */
class ConsistentPrefixOracleIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();
  static final String RUN = "oracle-run";
  static final String SHARD = "s1";

  final SchemaMapping mapping = SessionFile.parse("session.json", SampleSchema.sessionJson());
  SpannerTestDatabase spanner;
  MySqlTestDatabase database;
  Connection shard;
  Timestamp start;
  /** Accounts 1 and 2 (100 each) on s1, account 3 on s2. */
  Timestamp created;
  /** 30 moved from account 1 to account 2. */
  Timestamp transferred;

  @BeforeEach
  void writeSpannerHistory() throws Exception {
    spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    database = MYSQL.newDatabase();
    shard = database.connect();
    try (Statement statement = shard.createStatement()) {
      for (String ddl : SampleSchema.mysqlDdl()) {
        statement.execute(ddl);
      }
    }
    new CheckpointDao().ensureTable(shard);
    start = Timestamp.now();
    Thread.sleep(5);
    created = spanner.write(account(1, 100, SHARD), account(2, 100, SHARD), account(3, 100, "s2"));
    transferred = spanner.write(account(1, 70, SHARD), account(2, 130, SHARD));
  }

  @AfterEach
  void close() throws Exception {
    shard.close();
  }

  ConsistentPrefixOracle oracle() {
    return new ConsistentPrefixOracle(spanner.client(), mapping, RowRouter.byShardIdColumn(), RUN,
        start, ZoneOffset.UTC);
  }

  @Test
  void shouldMatchAnEmptyShardWithoutCheckpointAgainstSpannerBeforeTheRunStarted() throws Exception {
    PrefixSample sample = oracle().sample(SHARD, shard);

    assertTrue(sample.matches(), sample.summary());
    assertTrue(sample.checkpoint().isEmpty());
    assertTrue(sample.readTimestamp().compareTo(start) < 0, sample.readTimestamp() + " vs " + start);
  }

  @Test
  void shouldMatchAShardThatLagsAtAnEarlierTransaction() throws Exception {
    setAccounts(new long[][] {{1, 100}, {2, 100}});
    checkpointAt(created);

    PrefixSample sample = oracle().sample(SHARD, shard);

    assertTrue(sample.matches(), sample.summary() + " " + sample.differences());
    assertEquals(created, sample.readTimestamp());
    assertEquals(2, sample.spannerRows().get("accounts").size(), "account 3 routes to s2");
  }

  @Test
  void shouldMatchAShardAtTheLatestTransaction() throws Exception {
    setAccounts(new long[][] {{1, 70}, {2, 130}});
    checkpointAt(transferred);

    assertTrue(oracle().sample(SHARD, shard).matches());
  }

  @Test
  void shouldReportBothValuesWhenATransactionIsHalfApplied() throws Exception {
    // The transfer's first row applied, its second not, and the checkpoint claims the transfer.
    setAccounts(new long[][] {{1, 70}, {2, 100}});
    checkpointAt(transferred);

    PrefixSample sample = oracle().sample(SHARD, shard);

    assertEquals(1, sample.different(), sample.summary());
    RowDifference difference = sample.differences().get(0);
    assertEquals(List.of("2"), difference.key());
    assertEquals("different accounts (2) balance: spanner='130' shard='100'", difference.describe());
  }

  @Test
  void shouldReportAStateSpannerNeverHadEvenWhenTheCheckpointLags() throws Exception {
    // Half the transfer visible while the checkpoint still stands before it (autocommit apply).
    setAccounts(new long[][] {{1, 70}, {2, 100}});
    checkpointAt(created);

    PrefixSample sample = oracle().sample(SHARD, shard);

    assertEquals(1, sample.different(), sample.summary());
    assertEquals(List.of("1"), sample.differences().get(0).key());
  }

  @Test
  void shouldReportMissingAndExtraRowsWithTheirValues() throws Exception {
    setAccounts(new long[][] {{1, 70}, {9, 5}});
    checkpointAt(transferred);

    PrefixSample sample = oracle().sample(SHARD, shard);

    assertEquals(1, sample.missing(), sample.summary());
    assertEquals(1, sample.extra(), sample.summary());
    List<String> described = sample.differences().stream().map(RowDifference::describe).toList();
    assertTrue(described.contains("missing accounts (2) {account_id='2', balance='130', note=NULL}"),
        described.toString());
    assertTrue(described.contains("extra accounts (9) {account_id='9', balance='5', note=NULL}"),
        described.toString());
  }

  @Test
  void shouldNeverMismatchWhileAWriterCommitsWholeTransactionsWithTheirCheckpoint() throws Exception {
    // A writer flips the shard between the two states, rows and checkpoint in one transaction;
    // only a sample that reads checkpoint and rows in one snapshot never mixes them.
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong flips = new AtomicLong();
    Connection writer = database.connect();
    Thread flipper = new Thread(() -> {
      try {
        writer.setAutoCommit(false);
        while (running.get()) {
          boolean even = flips.get() % 2 == 0;
          setAccounts(writer, even ? new long[][] {{1, 70}, {2, 130}} : new long[][] {{1, 100}, {2, 100}});
          checkpointAt(writer, even ? transferred : created);
          writer.commit();
          flips.incrementAndGet();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    flipper.start();
    try {
      for (int i = 0; i < 40; i++) {
        PrefixSample sample = oracle().sample(SHARD, shard);
        assertTrue(sample.matches(), "sample " + i + ": " + sample.summary());
      }
    } finally {
      running.set(false);
      flipper.join();
      writer.close();
    }
    assertTrue(flips.get() > 40, "the writer committed only " + flips.get() + " times");
  }

  private static Mutation account(long id, long balance, String shardId) {
    return Mutation.newInsertOrUpdateBuilder("accounts").set("account_id").to(id)
        .set("balance").to(balance).set(SampleSchema.SHARD_ID_COLUMN).to(shardId).build();
  }

  private void setAccounts(long[][] rows) throws Exception {
    setAccounts(shard, rows);
  }

  private static void setAccounts(Connection connection, long[][] rows) throws Exception {
    try (PreparedStatement insert = connection.prepareStatement(
        "REPLACE INTO accounts (account_id, balance) VALUES (?, ?)")) {
      for (long[] row : rows) {
        insert.setLong(1, row[0]);
        insert.setLong(2, row[1]);
        insert.executeUpdate();
      }
    }
  }

  private void checkpointAt(Timestamp commit) throws Exception {
    checkpointAt(shard, commit);
  }

  /**
   * Sets the checkpoint row as a test fixture, forward or back, inside the caller's transaction
   * (the writer's {@link CheckpointDao#advance} only moves forward, and this test flips between
   * two states).
   */
  private static void checkpointAt(Connection connection, Timestamp commit) throws Exception {
    Instant window = Instant.ofEpochSecond(commit.getSeconds());
    try (PreparedStatement replace = connection.prepareStatement("REPLACE INTO "
        + CheckpointDao.TABLE + " (" + String.join(", ", CheckpointDao.RUN_ID,
            CheckpointDao.SHARD_ID, CheckpointDao.WINDOW_START, CheckpointDao.WINDOW_END,
            CheckpointDao.COMMIT_SECONDS, CheckpointDao.COMMIT_NANOS,
            CheckpointDao.SERVER_TRANSACTION_ID, CheckpointDao.RECORDS_APPLIED)
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      replace.setString(1, RUN);
      replace.setString(2, SHARD);
      replace.setObject(3, LocalDateTime.ofInstant(window, ZoneOffset.UTC));
      replace.setObject(4, LocalDateTime.ofInstant(window.plusSeconds(1), ZoneOffset.UTC));
      replace.setLong(5, commit.getSeconds());
      replace.setInt(6, commit.getNanos());
      replace.setString(7, "7");
      replace.setLong(8, 2);
      replace.executeUpdate();
    }
  }
}
