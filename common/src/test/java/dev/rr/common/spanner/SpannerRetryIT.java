package dev.rr.common.spanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SpannerRetryIT {

  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  /** The emulator rejects overlapping transactions and schema changes; with retries all of them land. */
  @Test
  void shouldLandConcurrentSchemaChangesAndTransactionsOnEmulator() throws Exception {
    SpannerTestDatabase db = spanner.newDatabase("CREATE TABLE t (k INT64 NOT NULL, v STRING(MAX)) PRIMARY KEY (k)");
    SpannerRetry retry = SpannerRetry.forEmulator();
    int rounds = 4;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        int n = i;
        work.add(pool.submit(() -> retry.updateDdl(db.adminClient(), db.instanceId(), db.databaseId(),
            List.of("CREATE TABLE extra" + n + " (k INT64 NOT NULL) PRIMARY KEY (k)"))));
        work.add(pool.submit(() -> retry.write(db.client(),
            List.of(Mutation.newInsertOrUpdateBuilder("t").set("k").to(n).set("v").to("w" + n).build()))));
        work.add(pool.submit(() -> retry.readWrite(db.client(), tx -> tx.executeUpdate(
            Statement.newBuilder("INSERT INTO t (k, v) VALUES (@k, @v)").bind("k").to(100 + n).bind("v").to("d" + n)
                .build()))));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(2L * rounds, count(db, "SELECT COUNT(*) FROM t"));
    assertEquals(rounds, count(db,
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '' AND table_name LIKE 'extra%'"));
  }

  private static long count(SpannerTestDatabase db, String sql) {
    try (ResultSet rs = db.client().singleUse().executeQuery(Statement.of(sql))) {
      rs.next();
      return rs.getLong(0);
    }
  }
}
