package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.reader.dao.ConnectorReadPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricKey;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/**
 * The in-process reader relaunches itself with {@code runMode=resume} once it counts an orphaned
 * change-stream partition, stopping the old pipeline first; callers keep one handle.
 */
class ResumingReaderTest {

  @Test
  void shouldRelaunchWithResumeAfterTheOldReaderStoppedWhenAnOrphanIsCounted() throws Exception {
    List<Map<String, String>> starts = new CopyOnWriteArrayList<>();
    List<FakeReader> readers = new CopyOnWriteArrayList<>();
    List<Boolean> previousStopped = new CopyOnWriteArrayList<>();
    PipelineStarter starter = ResumingReader.wrap(parameters -> {
      if (!readers.isEmpty()) {
        previousStopped.add(readers.get(readers.size() - 1).getState().isTerminal());
      }
      starts.add(parameters);
      FakeReader reader = new FakeReader();
      readers.add(reader);
      return reader;
    }, Duration.ofMillis(20));

    PipelineResult reader = starter.start(Map.of("runMode", "regular", "runIdentifier", "r1"));
    Thread.sleep(100);
    assertEquals(1, starts.size(), "no orphan, no relaunch");

    CountDownLatch waited = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      reader.waitUntilFinish();
      waited.countDown();
    });
    waiter.start();
    readers.get(0).orphans.set(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (starts.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertEquals(2, starts.size(), "relaunched once");
    assertEquals(Map.of("runMode", "resume", "runIdentifier", "r1"), starts.get(1));
    assertEquals(List.of(true), previousStopped, "the old reader stopped first");
    assertEquals(PipelineResult.State.RUNNING, reader.getState());
    assertTrue(!waited.await(200, TimeUnit.MILLISECONDS), "a caller waits on the new reader");
    assertEquals(1, ResumingReader.orphanedPartitions(reader.metrics()),
        "the caller's metrics still count what the replaced reader counted");

    reader.cancel();
    assertTrue(waited.await(5, TimeUnit.SECONDS));
    assertEquals(PipelineResult.State.CANCELLED, readers.get(1).getState());
    Thread.sleep(100);
    assertEquals(2, starts.size(), "nothing relaunched after cancel");
  }

  /**
   * With every partition it scheduled finished, the connector ends the read: a reader that counted
   * an orphan can be DONE before the watcher looks. It must still be relaunched, or the orphan's
   * key range stays unread and created_upto stays where it stopped (seen in CI: E2EFinalityIT's
   * orphaned partition, "the reader did not relaunch").
   */
  @Test
  void shouldRelaunchAReaderThatFinishedOnItsOwnAfterCountingAnOrphan() throws Exception {
    List<Map<String, String>> starts = new CopyOnWriteArrayList<>();
    List<FakeReader> readers = new CopyOnWriteArrayList<>();
    PipelineStarter starter = recordingStarter(starts, readers);

    PipelineResult reader = starter.start(Map.of("runMode", "regular", "runIdentifier", "r1"));
    readers.get(0).finishWithOrphans(1);
    awaitStarts(starts, 2);

    assertEquals(Map.of("runMode", "resume", "runIdentifier", "r1"), starts.get(1));
    assertEquals(PipelineResult.State.RUNNING, reader.getState());
    reader.cancel();
  }

  /**
   * A partition orphaned before the first created_upto: the connector ended the read and dropped
   * its partition table before the orphan was counted, so the reader finished with no orphan
   * (seen in CI: E2EFinalityIT.shouldReadAnOrphanedKeyRangeAgainAfterTheRelaunch, "the reader did
   * not relaunch"). A reader with no endTimestamp never ends on its own: it is relaunched, and a
   * caller waiting on it keeps waiting on the new one.
   */
  @Test
  void shouldRelaunchAnUnboundedReaderThatFinishedOnItsOwnWithNoOrphanCounted()
      throws Exception {
    List<Map<String, String>> starts = new CopyOnWriteArrayList<>();
    List<FakeReader> readers = new CopyOnWriteArrayList<>();
    PipelineStarter starter = recordingStarter(starts, readers);
    PipelineResult reader = starter.start(Map.of("runMode", "regular", "runIdentifier", "r1"));
    CountDownLatch waited = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      reader.waitUntilFinish();
      waited.countDown();
    });
    waiter.start();

    readers.get(0).finishWithOrphans(0);
    awaitStarts(starts, 2);

    assertEquals(Map.of("runMode", "resume", "runIdentifier", "r1"), starts.get(1));
    assertEquals(PipelineResult.State.RUNNING, reader.getState());
    assertTrue(!waited.await(200, TimeUnit.MILLISECONDS), "a caller waits on the new reader");
    reader.cancel();
    assertTrue(waited.await(5, TimeUnit.SECONDS));
  }

  @Test
  void shouldLeaveAReaderThatFinishedAtItsEndTimestamp() throws Exception {
    List<Map<String, String>> starts = new CopyOnWriteArrayList<>();
    List<FakeReader> readers = new CopyOnWriteArrayList<>();
    PipelineStarter starter = recordingStarter(starts, readers);
    PipelineResult reader = starter.start(Map.of("runMode", "regular", "runIdentifier", "r1",
        "endTimestamp", "2026-12-07T05:00:00Z"));

    readers.get(0).finishWithOrphans(0);

    assertEquals(PipelineResult.State.DONE, reader.waitUntilFinish());
    Thread.sleep(200);
    assertEquals(1, starts.size(), "a bounded reader that finished is not relaunched");
  }

  @Test
  void shouldRelaunchAFailedReaderAndGiveTheFailureToTheCallerAfterTooManyInARow()
      throws Exception {
    List<Map<String, String>> starts = new CopyOnWriteArrayList<>();
    List<FakeReader> readers = new CopyOnWriteArrayList<>();
    PipelineStarter starter = recordingStarter(starts, readers);
    PipelineResult reader = starter.start(Map.of("runMode", "regular", "runIdentifier", "r1"));

    // A Spanner error the pipeline does not survive: relaunched with resume, not left dead.
    readers.get(0).fail(new IllegalStateException("UNAVAILABLE: row lookup"));
    awaitStarts(starts, 2);
    assertEquals(Map.of("runMode", "resume", "runIdentifier", "r1"), starts.get(1));
    assertEquals(PipelineResult.State.RUNNING, reader.getState());

    // Failing every time: after the last relaunch the caller's wait gets the failure.
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Thread waiter = waitInBackground(reader, seen);
    for (int i = 1; i <= ResumingReader.MAX_FAILED_RELAUNCHES; i++) {
      awaitStarts(starts, i + 1);
      readers.get(i).fail(new IllegalStateException("UNAVAILABLE again " + i));
    }
    waiter.join(10_000);
    assertEquals(1 + ResumingReader.MAX_FAILED_RELAUNCHES, starts.size());
    assertTrue(seen.get() != null && seen.get().getMessage().contains("UNAVAILABLE again"),
        String.valueOf(seen.get()));
  }

  @Test
  void shouldFailTheCallersWaitWhenAnUnboundedReaderKeepsEndingOnItsOwn() throws Exception {
    List<Map<String, String>> starts = new CopyOnWriteArrayList<>();
    List<FakeReader> readers = new CopyOnWriteArrayList<>();
    PipelineStarter starter = recordingStarter(starts, readers);
    PipelineResult reader = starter.start(Map.of("runMode", "regular", "runIdentifier", "r1"));
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Thread waiter = waitInBackground(reader, seen);

    readers.get(0).finishWithOrphans(0);
    for (int i = 1; i <= ResumingReader.MAX_FAILED_RELAUNCHES; i++) {
      awaitStarts(starts, i + 1);
      readers.get(i).finishWithOrphans(0);
    }
    waiter.join(10_000);

    // Not a quiet DONE: the writer would wait forever for changes nobody reads.
    assertEquals(1 + ResumingReader.MAX_FAILED_RELAUNCHES, starts.size());
    assertEquals(PipelineResult.State.FAILED, reader.getState());
    assertTrue(seen.get() != null && seen.get().getMessage().contains("ended its read on its own"),
        String.valueOf(seen.get()));
  }

  /** A started thread that waits for {@code reader} and keeps what its wait throws in {@code seen}. */
  private static Thread waitInBackground(PipelineResult reader, AtomicReference<Throwable> seen) {
    Thread waiter = new Thread(() -> {
      try {
        reader.waitUntilFinish();
      } catch (RuntimeException e) {
        seen.set(e);
      }
    });
    waiter.start();
    return waiter;
  }

  /** A resuming starter (20 ms checks) of fake readers, each start and reader recorded. */
  private static PipelineStarter recordingStarter(
      List<Map<String, String>> starts, List<FakeReader> readers) {
    return ResumingReader.wrap(parameters -> {
      starts.add(parameters);
      FakeReader reader = new FakeReader();
      readers.add(reader);
      return reader;
    }, Duration.ofMillis(20));
  }

  private static void awaitStarts(List<?> starts, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (starts.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(count, starts.size(), "starts");
  }

  @Test
  void shouldReadTheOrphanCounterFromTheRunnersMetrics() {
    Pipeline counting = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner")
        .create());
    counting.apply(Create.of(1, 2)).apply(ParDo.of(new CountOrphans()));
    PipelineResult result = counting.run();
    result.waitUntilFinish();
    assertEquals(2, ResumingReader.orphanedPartitions(result.metrics()));

    Pipeline quiet = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner")
        .create());
    quiet.apply(Create.of(1));
    PipelineResult none = quiet.run();
    none.waitUntilFinish();
    assertEquals(0, ResumingReader.orphanedPartitions(none.metrics()));
    assertEquals(DirectRunner.class, counting.getOptions().getRunner());
  }

  /** Counts one orphan per element, and something else beside it. */
  private static final class CountOrphans extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer element) {
      Metrics.counter(ConnectorReadPosition.class, ConnectorReadPosition.ORPHANED_PARTITIONS).inc();
      Metrics.counter(ConnectorReadPosition.class, "something_else").inc(5);
    }
  }

  /**
   * A running reader whose orphan counter the test sets; it stops when cancelled. Like the
   * DirectRunner, a failure shows only through {@code waitUntilFinish}, which throws it.
   */
  private static final class FakeReader implements PipelineResult {
    final AtomicLong orphans = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile State state = State.RUNNING;
    private volatile RuntimeException failure;

    /** Counts {@code count} orphans and ends DONE in one step, as no watcher check can split. */
    void finishWithOrphans(long count) {
      synchronized (this) {
        orphans.set(count);
        state = State.DONE;
      }
      stopped.countDown();
    }

    void fail(RuntimeException e) {
      failure = e;
      stopped.countDown();
    }

    @Override
    public synchronized State getState() {
      return state;
    }

    @Override
    public State cancel() {
      state = State.CANCELLED;
      stopped.countDown();
      return state;
    }

    @Override
    public State waitUntilFinish(org.joda.time.Duration duration) {
      try {
        stopped.await(duration.getMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failure != null && state != State.CANCELLED) {
        throw failure;
      }
      return state;
    }

    @Override
    public State waitUntilFinish() {
      return waitUntilFinish(org.joda.time.Duration.standardHours(1));
    }

    @Override
    public MetricResults metrics() {
      return new MetricResults() {
        @Override
        public MetricQueryResults queryMetrics(MetricsFilter filter) {
          long counted;
          synchronized (FakeReader.this) {
            counted = orphans.get();
          }
          MetricResult<Long> counter = MetricResult.attempted(MetricKey.create("read",
              MetricName.named(ConnectorReadPosition.class,
                  ConnectorReadPosition.ORPHANED_PARTITIONS)), counted);
          return MetricQueryResults.create(List.of(counter), List.of(), List.of(), List.of(),
              List.of(), List.of());
        }
      };
    }
  }
}
