package dev.rr.common.spanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import com.google.cloud.spanner.TimestampBound;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SpannerTimeIT {

  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  /** Each commit, however recent, is at or before Spanner's now, and a read at that time sees it. */
  @Test
  void shouldBeAtOrAfterEveryCommitSoFar() {
    SpannerTestDatabase db = spanner.newDatabase("CREATE TABLE t (k INT64 NOT NULL) PRIMARY KEY (k)");
    SpannerRetry retry = SpannerRetry.forEmulator();
    for (long k = 1; k <= 30; k++) {
      Timestamp commit = retry.write(db.client(),
          List.of(Mutation.newInsertBuilder("t").set("k").to(k).build()));
      Timestamp now = SpannerTime.now(db.client());
      assertTrue(now.compareTo(commit) >= 0, "now " + now + " is before commit " + commit);
      try (ResultSet rows = db.client().singleUse(TimestampBound.ofReadTimestamp(now))
          .executeQuery(Statement.of("SELECT COUNT(*) FROM t"))) {
        rows.next();
        assertEquals(k, rows.getLong(0), "rows visible at " + now);
      }
    }
  }
}
