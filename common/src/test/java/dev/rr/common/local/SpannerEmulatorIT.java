package dev.rr.common.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.Statement;
import dev.rr.common.spanner.SpannerRetry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpannerEmulatorIT {

  @Test
  void shouldServeInstanceAndDatabaseUntilStopped() {
    SpannerEmulator emulator = SpannerEmulator.start();
    try (emulator; Spanner spanner = SpannerEmulator.connect(emulator.hostPort(), "rr-it")) {
      assertTrue(LocalPorts.isListening("localhost", emulator.port()));
      SpannerEmulator.createInstance(spanner, "rr-it", "inst-a");
      SpannerEmulator.createInstance(spanner, "rr-it", "inst-a"); // an existing instance is kept

      SpannerRetry.forEmulator().createDatabase(spanner.getDatabaseAdminClient(), "inst-a", "db-a",
          List.of("CREATE TABLE t (k INT64 NOT NULL, v STRING(MAX)) PRIMARY KEY (k)"));
      DatabaseClient client = spanner.getDatabaseClient(DatabaseId.of("rr-it", "inst-a", "db-a"));
      client.write(List.of(Mutation.newInsertBuilder("t").set("k").to(7).set("v").to("seven").build()));

      try (ResultSet rows = client.singleUse().executeQuery(Statement.of("SELECT v FROM t WHERE k = 7"))) {
        assertTrue(rows.next());
        assertEquals("seven", rows.getString(0));
      }
    }
    assertFalse(emulator.isRunning());
    assertFalse(LocalPorts.isListening("localhost", emulator.port()));
  }
}
