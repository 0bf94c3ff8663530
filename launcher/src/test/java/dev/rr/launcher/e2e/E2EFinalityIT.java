package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consistency contract end to end (docs/consistency.md): a window is applied only when it is
 * final, a resumed reader starts where the buffer stops being final, and a final file is never
 * written again. Each scenario leaves incomplete window files or a lagging shard where the loss
 * would really happen, then compares Spanner with the shards at the cutover.
 */
@ExtendWith(E2EReport.class)
class E2EFinalityIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();
  static final Duration PATIENCE = ProgressWait.PATIENCE;
  /** The drain scenario's workload writes for 40 s; its drain is at most this far into it. */
  static final Duration DRAIN_BEFORE_END = Duration.ofSeconds(30);

  @TempDir Path work;

  private static ReplicationFixture started(SpannerEnv env, String name, Path work)
      throws Exception {
    ReplicationFixture fixture = ReplicationFixture.create(env, name, MYSQL.servers(3), work);
    fixture.preLaunchChecks();
    fixture.startReader(ReaderRunMode.REGULAR);
    fixture.startWriter(WriterRunMode.REGULAR);
    return fixture;
  }

  /**
   * A Dataflow drain fires every open window with what was read so far. The DirectRunner cannot
   * drain, so the drain's footprint is left by hand with the reader stopped: each shard's windows
   * from its {@code created_upto} hold the changes up to the middle of the window the reader was
   * reading, that window partial. The writer must not apply them, and the resumed reader must read
   * them again and replace them.
   */
  @Test
  void shouldMissNothingWhenADrainedReaderIsResumed() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    Map<String, BufferWindows.Partial> partials = new TreeMap<>();
    Map<String, Long> replaced = new TreeMap<>();
    List<String> appliedPastFinal = new ArrayList<>();
    ScenarioResult result = E2EReport.run("reader-drained-resume", () -> {
      try (ReplicationFixture fixture = started(env(), "drain", work)) {
        run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(27, 40, 15), workload -> {
          Timestamp workloadStart = Timestamp.now();
          Timestamp created = awaitCreatedUptoPast(fixture, workloadStart);
          fixture.stopReaders();
          // The drain finds the reader reading the window after the last one it fired (the
          // buffer's latest file, or the first not final): it fires that window too, with the
          // changes read up to its middle.
          Instant readerAt = BufferWindows.lastWindowEnd(fixture.buffer)
              .filter(end -> end.isAfter(BufferWindows.instant(created)))
              .orElse(BufferWindows.instant(created))
              .plus(ReplicationFixture.WINDOW.dividedBy(2));
          // Never after the workload's last writes: a slow reader is stopped when the workload
          // is over, and a drain past its end would leave no window partial (nothing proved).
          // Either way the drain point is a window's middle: a point just before a window's end
          // cuts off too short a moment to hold a change (seen on a loaded machine).
          Instant stillWriting = windowMiddleAtOrBefore(fixture,
              BufferWindows.instant(workloadStart).plus(DRAIN_BEFORE_END));
          Instant drainedAt = readerAt.isBefore(stillWriting) ? readerAt : stillWriting;
          fixture.log("reader stopped; leaving the footprint of a drain at %s", drainedAt);
          partials.putAll(BufferWindows.leaveDrainFootprint(fixture, work.resolve("drains"),
              drainedAt));
          // Long enough for the writer (it polls every 300 ms) to apply the drained files if it
          // took them for final; the workload goes on meanwhile.
          ReplicationRun.sleepScaled(5);
          appliedPastFinal.addAll(appliedPastCreatedUpto(fixture));
          fixture.startReader(ReaderRunMode.RESUME);
        });
        for (Map.Entry<String, BufferWindows.Partial> partial : partials.entrySet()) {
          replaced.put(partial.getKey(), BufferWindows.records(partial.getValue().file()));
        }
        fixture.log("the drained windows' records, partial %s, at the cutover %s", partials, replaced);
      }
      return ScenarioResult.of("reader-drained-resume", run[0].report(),
          run[0].balances().violations(), run[0].cutoverDone() && appliedPastFinal.isEmpty()
              && someWindowGrew(partials, replaced));
    });

    assertTrue(run[0].cutoverDone() && run[0].report().missing() + run[0].report().extra()
        + run[0].report().different() == 0, result.line() + " " + run[0].describe());
    assertEquals(List.of(), appliedPastFinal, "the writer applied a window past created_upto");
    assertTrue(someWindowGrew(partials, replaced), "no drained window held fewer records than the"
        + " window really had, so the scenario proved nothing: partial " + partials + ", final "
        + replaced);
    assertTrue(result.passed(), result.line() + " " + run[0].describe());
  }

  /** The middle of the last window (of the run's grid) whose middle is at or before {@code at}. */
  static Instant windowMiddleAtOrBefore(ReplicationFixture fixture, Instant at) {
    Instant origin = BufferWindows.instant(fixture.start);
    long window = ReplicationFixture.WINDOW.toMillis();
    long sinceFirstMiddle = Duration.between(origin, at).toMillis() - window / 2;
    return origin.plusMillis(Math.floorDiv(sinceFirstMiddle, window) * window + window / 2);
  }

  /**
   * Beam issue 40232 for real: a partition's children are removed before the connector schedules
   * them, so their key range goes unread while the workload writes there. The reader must hold
   * {@code created_upto}, relaunch itself with resume (or after a failure, if the connector had
   * already scheduled a removed child) and the shards must end equal.
   */
  @Test
  void shouldReadAnOrphanedKeyRangeAgainAfterTheRelaunch() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    int[] relaunches = new int[1];
    ScenarioResult result = E2EReport.run("orphaned-partition-real-loss", () -> {
      try (SpannerEmulator churning = SpannerEmulator.start(FaultyEmulator.CHURNING_PARTITIONS);
          Spanner spanner = SpannerEmulator.connect(churning.hostPort(), SPANNER.projectId())) {
        SpannerEmulator.createInstance(spanner, SPANNER.projectId(), SPANNER.instanceId());
        SpannerEnv env = SpannerEnv.own(churning.hostPort(), spanner, SPANNER.projectId(),
            SPANNER.instanceId());
        try (ReplicationFixture fixture = started(env, "unread", work)) {
          run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(29, 20, 12), workload -> {
            ReplicationRun.sleepScaled(3);
            PartitionFaults.orphanBeforeItsChildrenAreRead(fixture, PATIENCE);
          });
          relaunches[0] = fixture.readerRelaunches();
          fixture.log("the reader relaunched itself %d time(s)", relaunches[0]);
        }
      }
      return ScenarioResult.of("orphaned-partition-real-loss", run[0].report(),
          run[0].balances().violations(), run[0].cutoverDone() && relaunches[0] > 0);
    });

    assertTrue(relaunches[0] > 0, "the reader did not relaunch after the orphaned partition");
    assertTrue(result.passed(), result.line() + " " + run[0].describe());
  }

  /**
   * shard2 rejects a record and sits in {@code ERROR} while the others apply on; meanwhile the
   * reader is stopped and resumed. The resume must start at the least {@code created_upto}, not at
   * shard2's position, and write no final file again: every window file final before the resume
   * keeps its modification time to the end. Then shard2 is fixed and resumed: equal.
   */
  @Test
  void shouldRewriteNoFinalFileWhenTheReaderResumesWhileAShardIsInError() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    Map<Path, FileTime> finalFiles = new TreeMap<>();
    List<String> rewritten = new ArrayList<>();
    Timestamp[] stuckAt = new Timestamp[2];
    ScenarioResult result = E2EReport.run("shard-error-no-rewrite", () -> {
      try (ReplicationFixture fixture = started(env(), "errhold", work)) {
        run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(28, 22, 12), workload -> {
          ReplicationRun.sleepScaled(2);
          Timestamp planted = plantRejectedNote(fixture);
          Timestamp othersPast = BufferWindows.timestamp(BufferWindows.instant(planted)
              .plus(ReplicationFixture.WINDOW.multipliedBy(3)));
          Map<String, ShardProgress> held = ProgressWait.await(fixture, p -> inError(p)
              && ProgressWait.appliedPast(p.get("shard1"), othersPast)
              && ProgressWait.appliedPast(p.get("shard3"), othersPast));
          fixture.stopReaders();
          Map<String, Timestamp> createdUpto = fixture.createdUpto();
          stuckAt[0] = held.get("shard2").processedUpto();
          stuckAt[1] = BufferWindows.least(createdUpto).orElseThrow();
          finalFiles.putAll(BufferWindows.finalFiles(fixture.buffer, createdUpto));
          fixture.log("reader stopped; shard2 in ERROR at %s, least created_upto %s, %d final"
              + " files", stuckAt[0], stuckAt[1], finalFiles.size());
          fixture.startReader(ReaderRunMode.RESUME);
        }, () -> repairShard2(fixture));
        rewritten.addAll(BufferWindows.changedSince(finalFiles));
        fixture.log("final files written again: %s", rewritten);
      }
      return ScenarioResult.of("shard-error-no-rewrite", run[0].report(),
          run[0].balances().violations(), run[0].cutoverDone() && rewritten.isEmpty());
    });

    assertTrue(stuckAt[0].compareTo(stuckAt[1]) < 0, "shard2 (at " + stuckAt[0] + ") was not"
        + " behind the least created_upto (" + stuckAt[1] + "): the scenario proved nothing");
    assertTrue(!finalFiles.isEmpty(), "no final window file before the resume");
    assertEquals(List.of(), rewritten, "final files were written again by the resumed reader");
    assertTrue(result.passed(), result.line() + " " + run[0].describe());
  }

  private static SpannerEnv env() {
    return SpannerEnv.shared(SPANNER);
  }

  /**
   * Waits until every shard's {@code created_upto} is a window or more past {@code at} (the
   * workload's start), so that the windows a drain fires next hold workload changes; returns the
   * least.
   */
  private static Timestamp awaitCreatedUptoPast(ReplicationFixture fixture, Timestamp at)
      throws InterruptedException {
    Timestamp wanted = BufferWindows.timestamp(
        BufferWindows.instant(at).plus(ReplicationFixture.WINDOW));
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, Timestamp> createdUpto = fixture.createdUpto();
    while (!allAtOrPast(createdUpto, wanted) && System.nanoTime() < deadline) {
      Thread.sleep(300);
      createdUpto = fixture.createdUpto();
    }
    fixture.log("created_upto %s", createdUpto);
    return BufferWindows.least(createdUpto).orElse(fixture.start);
  }

  private static boolean allAtOrPast(Map<String, Timestamp> createdUpto, Timestamp wanted) {
    return ReplicationFixture.SHARD_IDS.stream().allMatch(shard ->
        createdUpto.containsKey(shard) && createdUpto.get(shard).compareTo(wanted) >= 0);
  }

  /** The shards whose writer applied a window ending after the shard's created_upto. */
  private static List<String> appliedPastCreatedUpto(ReplicationFixture fixture) {
    Map<String, Timestamp> createdUpto = fixture.createdUpto();
    List<String> past = new ArrayList<>();
    fixture.shardProgress().forEach((shard, progress) -> {
      Timestamp upTo = createdUpto.getOrDefault(shard, fixture.start);
      if (progress.processedUpto().compareTo(upTo) > 0) {
        past.add(shard + " processed_upto " + progress.processedUpto() + " > created_upto " + upTo);
      }
    });
    fixture.log("before the resume: created_upto %s; applied past it: %s", createdUpto, past);
    return past;
  }

  /** True when some drained window's file held fewer records than the window's final file. */
  private static boolean someWindowGrew(Map<String, BufferWindows.Partial> partials,
      Map<String, Long> replaced) {
    return partials.entrySet().stream().anyMatch(partial ->
        replaced.getOrDefault(partial.getKey(), 0L) > partial.getValue().records());
  }

  private static boolean inError(Map<String, ShardProgress> progress) {
    return progress.get("shard2") != null && progress.get("shard2").status() == ShardStatus.ERROR;
  }

  /** Writes a note shard2 rejects: {@code STRING(MAX)} in Spanner, {@code varchar(64)} there. */
  private static Timestamp plantRejectedNote(ReplicationFixture fixture) {
    Timestamp at = SpannerRetry.forEmulator().write(fixture.client(), List.of(Mutation
        .newUpdateBuilder("accounts").set("account_id").to(2_000_001L)
        .set("note").to("x".repeat(100)).build()));
    fixture.log("planted a 100-character note on shard2 at %s", at);
    return at;
  }

  /** After the workload: shard2 still in ERROR, widened, resumed with resumeFailed. */
  private static void repairShard2(ReplicationFixture fixture) throws Exception {
    Map<String, ShardProgress> progress = fixture.shardProgress();
    assertTrue(inError(progress), "shard2 left ERROR before it was repaired: " + progress);
    try (Connection shard2 = fixture.shardDatabases.get(1).connect();
        Statement statement = shard2.createStatement()) {
      statement.execute("ALTER TABLE accounts MODIFY note varchar(255) NULL DEFAULT NULL");
    }
    fixture.startWriter(WriterRunMode.RESUME_FAILED);
    // The cutover would stop at the old ERROR row: wait for the resumed writer to report.
    ProgressWait.await(fixture, p -> p.get("shard2").status() != ShardStatus.ERROR);
  }
}
