package dev.rr.launcher.status;

import static dev.rr.launcher.status.States.shard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {
  static final RunState STATE = new RunState("r1", Instant.parse("2024-05-01T10:01:00Z"), List.of(
      shard("s1", "SUCCESS", "2024-05-01T10:00:30Z", "2024-05-01T10:00:10Z"),
      States.failed("s2", "Data too long\nfor column 'name'")));

  @Test
  void shouldPrintOneAlignedRowPerShardWithLagAndBacklog() {
    StringWriter text = new StringWriter();

    StatusTable.print(STATE, new PrintWriter(text));

    String[] lines = text.toString().split("\n");
    assertEquals("run r1 at 2024-05-01T10:01:00Z: 2 shard(s)", lines[0]);
    assertTrue(lines[1].startsWith("SHARD  STATE    CREATED_UPTO"), lines[1]);
    assertTrue(lines[2].matches("s1\\s+SUCCESS\\s+2024-05-01T10:00:30Z\\s+2024-05-01T10:00:10Z\\s+"
        + "2024-05-01T10:00:10Z\\s+50.0s\\s+20.0s\\s+7"), lines[2]);
    assertTrue(lines[3].endsWith("Data too long for column 'name'"), lines[3]);
    assertEquals(lines[1].indexOf("LAG"), lines[2].indexOf("50.0s"));
  }

  @Test
  void shouldRenderJsonForScripts() {
    JsonObject json = JsonParser.parseString(StatusJson.render(STATE)).getAsJsonObject();

    JsonObject s1 = json.getAsJsonArray("shards").get(0).getAsJsonObject();
    JsonObject s2 = json.getAsJsonArray("shards").get(1).getAsJsonObject();
    assertEquals("r1", json.get("runIdentifier").getAsString());
    assertEquals(50.0, s1.get("lagSeconds").getAsDouble());
    assertEquals(20.0, s1.get("backlogSeconds").getAsDouble());
    assertEquals("ERROR", s2.get("status").getAsString());
    assertTrue(s2.get("lastCommitTimestamp").isJsonNull());
  }

  @Test
  void shouldFormatDurationsCompactly() {
    assertEquals("850ms", StatusTable.duration(Duration.ofMillis(850)));
    assertEquals("4m05s", StatusTable.duration(Duration.ofSeconds(245)));
    assertEquals("2h03m", StatusTable.duration(Duration.ofMinutes(123)));
  }
}
