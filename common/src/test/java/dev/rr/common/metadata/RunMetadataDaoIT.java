package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Struct;
import dev.rr.common.config.ReaderRunMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunMetadataDaoIT {
  private static final Timestamp START = Timestamp.parseTimestamp("2024-05-01T10:00:00.123456Z");
  private static final Timestamp END = Timestamp.parseTimestamp("2024-05-02T00:00:00Z");

  @RegisterExtension static MetadataTestDatabases databases = new MetadataTestDatabases();

  private static RunMetadata run(String runId) {
    return RunMetadataTest.valid().runId(runId).startTimestamp(START).build();
  }

  private static RunMetadata withoutCommitTimes(RunMetadata run) {
    return run.toBuilder().createdAt(null).updatedAt(null).build();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldReadBackEveryFieldOfTheRunRow(Dialect dialect) {
    RunMetadataDao dao = databases.newStore(dialect, MetadataTables.withoutSuffix()).runs();
    RunMetadata written =
        run("run1").toBuilder().endTimestamp(END).windowDuration(Duration.ofMillis(2500)).build();

    assertTrue(dao.upsert(written));
    RunMetadata read = dao.read("run1").orElseThrow();

    assertEquals(written, withoutCommitTimes(read));
    assertNotNull(read.createdAt());
    assertEquals(read.createdAt(), read.updatedAt());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldStoreRunModeByItsOptionNameAndWindowInMilliseconds(Dialect dialect) {
    MetadataStore store = databases.newStore(dialect, MetadataTables.withoutSuffix());
    store
        .runs()
        .upsert(
            run("run1").toBuilder()
                .readerRunMode(ReaderRunMode.RESUME)
                .windowDuration(Duration.ofMinutes(2))
                .build());

    Struct row =
        databases
            .spanner()
            .getDatabaseClient(store.databaseId())
            .singleUse()
            .readRow(
                store.tables().run(),
                Key.of("run1"),
                List.of(RunMetadataDao.READER_RUN_MODE, RunMetadataDao.WINDOW_DURATION_MS));

    assertEquals("resume", row.getString(RunMetadataDao.READER_RUN_MODE));
    assertEquals(120_000L, row.getLong(RunMetadataDao.WINDOW_DURATION_MS));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldKeepCreatedAtAndReplaceFieldsOnSecondUpsert(Dialect dialect) {
    RunMetadataDao dao = databases.newStore(dialect, MetadataTables.withoutSuffix()).runs();
    dao.upsert(run("run1").toBuilder().endTimestamp(END).build());
    RunMetadata first = dao.read("run1").orElseThrow();
    RunMetadata resumed = run("run1").toBuilder().readerRunMode(ReaderRunMode.RESUME).build();

    assertFalse(dao.upsert(resumed));
    RunMetadata second = dao.read("run1").orElseThrow();

    assertEquals(resumed, withoutCommitTimes(second));
    assertEquals(Optional.empty(), second.end());
    assertEquals(first.createdAt(), second.createdAt());
    assertTrue(second.updatedAt().compareTo(first.updatedAt()) > 0);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldListRunsByIdAndReadNothingForUnknownRun(Dialect dialect) {
    RunMetadataDao dao = databases.newStore(dialect, MetadataTables.withSuffix("s")).runs();
    dao.upsert(run("run_b"));
    dao.upsert(run("run_a"));

    assertEquals(
        List.of("run_a", "run_b"), dao.list().stream().map(RunMetadata::runId).toList());
    assertEquals(Optional.empty(), dao.read("run_c"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldDeleteRunRowAndAllItsProgressButNoOtherRun(Dialect dialect) {
    MetadataStore store = databases.newStore(dialect, MetadataTables.withoutSuffix());
    for (String runId : List.of("run1", "run10")) {
      store.runs().upsert(run(runId));
      store.fileCreateProgress().setCreatedUpto(runId, Map.of("a", END, "b", END));
      store
          .fileProcessProgress()
          .write(
              ShardProgress.builder()
                  .runId(runId)
                  .shard("a")
                  .processedUpto(START)
                  .status(ShardStatus.SUCCESS)
                  .build());
    }

    store.runs().deleteRun("run1");

    assertEquals(Optional.empty(), store.runs().read("run1"));
    assertEquals(Map.of(), store.fileCreateProgress().createdUpto("run1"));
    assertEquals(Map.of(), store.fileProcessProgress().read("run1"));
    assertTrue(store.runs().read("run10").isPresent());
    assertEquals(2, store.fileCreateProgress().createdUpto("run10").size());
    assertEquals(1, store.fileProcessProgress().read("run10").size());
  }
}
