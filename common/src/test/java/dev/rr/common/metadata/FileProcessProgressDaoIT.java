package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileProcessProgressDaoIT {
  private static final Timestamp T0 = Timestamp.parseTimestamp("2024-05-01T10:00:00Z");
  private static final Timestamp T1 = Timestamp.parseTimestamp("2024-05-01T10:00:10Z");
  private static final Timestamp COMMIT =
      Timestamp.parseTimestamp("2024-05-01T10:00:09.999999Z");

  @RegisterExtension static MetadataTestDatabases databases = new MetadataTestDatabases();

  private static FileProcessProgressDao newDao(Dialect dialect) {
    return databases.newStore(dialect, MetadataTables.withSuffix("p")).fileProcessProgress();
  }

  private static ShardProgress.Builder progress(String shard, Timestamp processedUpto) {
    return ShardProgress.builder()
        .runId("run1")
        .shard(shard)
        .processedUpto(processedUpto)
        .status(ShardStatus.SUCCESS);
  }

  private static ShardProgress withoutUpdatedAt(ShardProgress p) {
    return p.toBuilder().updatedAt(null).build();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldReadBackEveryFieldForEveryStatus(Dialect dialect) {
    FileProcessProgressDao dao = newDao(dialect);
    for (ShardStatus status : ShardStatus.values()) {
      ShardProgress written =
          progress("shard_" + status, T1)
              .status(status)
              .lastCommitTimestamp(COMMIT)
              .lastServerTransactionId("tx-42")
              .lagSeconds(3.25)
              .recordsApplied(1_234_567_890_123L)
              .error(status == ShardStatus.ERROR ? "Duplicate entry 'x' for key 'PRIMARY'" : null)
              .errorRecord(status == ShardStatus.ERROR ? "{\"tableName\":\"t\"}" : null)
              .build();

      assertTrue(dao.write(written));
      ShardProgress read = dao.read("run1", written.shard()).orElseThrow();

      assertEquals(written, withoutUpdatedAt(read));
      assertNotNull(read.updatedAt());
    }
    assertEquals(ShardStatus.values().length, dao.read("run1").size());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldKeepNullsOfAShardThatAppliedNothingYet(Dialect dialect) {
    FileProcessProgressDao dao = newDao(dialect);
    ShardProgress retrying =
        progress("a", T0).status(ShardStatus.RETRYING).error("connection refused").build();

    dao.write(retrying);

    assertEquals(retrying, withoutUpdatedAt(dao.read("run1", "a").orElseThrow()));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldIgnoreAStaleWriteThatWouldMoveProgressBack(Dialect dialect) {
    FileProcessProgressDao dao = newDao(dialect);
    ShardProgress latest = progress("a", T1).recordsApplied(20).build();
    dao.write(latest);

    boolean written = dao.write(progress("a", T0).recordsApplied(10).build());

    assertFalse(written);
    assertEquals(latest, withoutUpdatedAt(dao.read("run1", "a").orElseThrow()));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldAcceptNewStatusAtTheSameProcessedUpto(Dialect dialect) {
    FileProcessProgressDao dao = newDao(dialect);
    dao.write(progress("a", T1).build());

    assertTrue(dao.write(progress("a", T1).status(ShardStatus.ERROR).error("boom").build()));
    assertEquals(ShardStatus.ERROR, dao.read("run1", "a").orElseThrow().status());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldSetStatusOfExistingShardsOnlyAndKeepOtherColumns(Dialect dialect) {
    FileProcessProgressDao dao = newDao(dialect);
    ShardProgress failedA =
        progress("a", T1).status(ShardStatus.ERROR).error("bad value").recordsApplied(5).build();
    dao.write(failedA);
    dao.write(progress("b", T1).status(ShardStatus.ERROR).build());
    dao.write(progress("c", T1).build());
    Timestamp before = dao.read("run1", "a").orElseThrow().updatedAt();

    Set<String> missing = dao.setStatus("run1", List.of("a", "b", "zz"), ShardStatus.REPROCESS);

    assertEquals(Set.of("zz"), missing);
    ShardProgress a = dao.read("run1", "a").orElseThrow();
    assertEquals(failedA.toBuilder().status(ShardStatus.REPROCESS).build(), withoutUpdatedAt(a));
    assertTrue(a.updatedAt().compareTo(before) > 0);
    assertEquals(ShardStatus.REPROCESS, dao.read("run1", "b").orElseThrow().status());
    assertEquals(ShardStatus.SUCCESS, dao.read("run1", "c").orElseThrow().status());
    assertEquals(Optional.empty(), dao.read("run1", "zz"));
    assertEquals(Set.of("a", "b", "c"), dao.read("run1").keySet());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldReadNothingForAnotherRun(Dialect dialect) {
    FileProcessProgressDao dao = newDao(dialect);
    dao.write(progress("a", T1).build());

    assertEquals(Map.of(), dao.read("run2"));
    assertEquals(Map.of(), dao.read("run"));
  }
}
