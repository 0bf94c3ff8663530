package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileCreateProgressDaoIT {
  private static final Timestamp T0 = Timestamp.parseTimestamp("2024-05-01T10:00:00Z");
  private static final Timestamp T1 = Timestamp.parseTimestamp("2024-05-01T10:00:10Z");
  private static final Timestamp T2 = Timestamp.parseTimestamp("2024-05-01T10:00:20Z");

  @RegisterExtension static MetadataTestDatabases databases = new MetadataTestDatabases();

  private static FileCreateProgressDao newDao(Dialect dialect) {
    return databases.newStore(dialect, MetadataTables.withoutSuffix()).fileCreateProgress();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldAdvanceButNeverMoveBack(Dialect dialect) {
    FileCreateProgressDao dao = newDao(dialect);

    assertTrue(dao.setCreatedUpto("run1", "shardA", T1));
    assertTrue(dao.setCreatedUpto("run1", "shardA", T2));
    assertFalse(dao.setCreatedUpto("run1", "shardA", T0));
    assertFalse(dao.setCreatedUpto("run1", "shardA", T2));

    assertEquals(Optional.of(T2), dao.createdUpto("run1", "shardA"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldAdvanceSeveralShardsInOneCallEachToTheLaterValue(Dialect dialect) {
    FileCreateProgressDao dao = newDao(dialect);
    dao.setCreatedUpto("run1", Map.of("a", T2, "b", T0));

    Set<String> advanced = dao.setCreatedUpto("run1", Map.of("a", T1, "b", T1, "c", T1));

    assertEquals(Set.of("b", "c"), advanced);
    assertEquals(Map.of("a", T2, "b", T1, "c", T1), dao.createdUpto("run1"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldReadOnlyTheShardsOfTheGivenRun(Dialect dialect) {
    FileCreateProgressDao dao = newDao(dialect);
    dao.setCreatedUpto("run1", "a", T1);
    dao.setCreatedUpto("run10", "b", T2);
    dao.setCreatedUpto("run", "c", T2);

    assertEquals(Map.of("a", T1), dao.createdUpto("run1"));
    assertEquals(Map.of(), dao.createdUpto("run2"));
    assertEquals(Optional.empty(), dao.createdUpto("run1", "b"));
  }

  @Test
  void shouldEndAtTheLatestValueWhenWritersRace() throws Exception {
    FileCreateProgressDao dao = newDao(Dialect.GOOGLE_STANDARD_SQL);
    List<Timestamp> values = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      values.add(Timestamp.ofTimeSecondsAndNanos(T0.getSeconds() + i * 10L, 0));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      // Submit in descending order so late values usually land first and early ones must lose.
      for (int i = values.size() - 1; i >= 0; i--) {
        Timestamp value = values.get(i);
        results.add(pool.submit(() -> dao.setCreatedUpto("run1", "a", value)));
      }
      for (Future<Boolean> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(Optional.of(values.get(values.size() - 1)), dao.createdUpto("run1", "a"));
  }
}
