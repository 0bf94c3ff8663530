package dev.rr.launcher.status;

import static dev.rr.launcher.status.States.shard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.ResyncFence;
import dev.rr.writer.snapshot.TableLoad;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTableTest {
  static final RunState STATE = new RunState("r1", Instant.parse("2024-05-01T10:01:00Z"), List.of(
      shard("s1", "SUCCESS", "2024-05-01T10:00:30Z", "2024-05-01T10:00:10Z"),
      States.failed("s2", "Data too long\nfor column 'name'")));

  /** Shard s2's accounts: 600 of 2000 rows, 400 of them in the 4 s of this attempt. */
  static final TableLoad S2_ACCOUNTS = new TableLoad("s2", "accounts", TableLoad.Kind.RESYNC, 600,
      2000, 3, 10, 400, Duration.ofSeconds(4));

  /** Shard s2 fenced by an rr resync reading at 10:00. */
  static final ResyncFence S2_FENCE = new ResyncFence(States.ts("2024-05-01T10:00:00Z"),
      new Checkpoint("r1", "s2", Instant.parse("2024-05-01T10:00:00Z"),
          Instant.parse("2024-05-01T10:00:00Z"), States.ts("2024-05-01T10:00:00Z"), "", 0));

  @Test
  void shouldPrintOneAlignedRowPerShardWithLagAndBacklog() {
    StringWriter text = new StringWriter();

    StatusTable.print(STATE, new PrintWriter(text));

    String[] lines = text.toString().split("\n");
    assertEquals("run r1 at 2024-05-01T10:01:00Z: 2 shard(s)", lines[0]);
    assertTrue(lines[1].startsWith("SHARD  STATE    CREATED_UPTO"), lines[1]);
    assertTrue(lines[2].matches("s1\\s+SUCCESS\\s+2024-05-01T10:00:30.000Z\\s+2024-05-01T10:00:10.000Z\\s+"
        + "2024-05-01T10:00:10.000Z\\s+50.0s\\s+20.0s\\s+7\\s+-"), lines[2]);
    assertTrue(lines[3].endsWith("Data too long for column 'name'"), lines[3]);
    assertEquals(lines[1].indexOf("LAG"), lines[2].indexOf("50.0s"));
  }

  @Test
  void shouldShowAFencedShardAsResyncWithItsTableProgressRateAndEta() {
    StringWriter text = new StringWriter();
    Map<String, ShardLoad> loads = Map.of(
        "s1", new ShardLoad("s1", Optional.empty(), List.of(), Optional.empty()),
        "s2", new ShardLoad("s2", Optional.of(S2_FENCE), List.of(S2_ACCOUNTS), Optional.empty()),
        "s3", new ShardLoad("s3", Optional.empty(), List.of(new TableLoad("s3", "accounts",
            TableLoad.Kind.SNAPSHOT, 0, 50, 0, 10, 0, Duration.ofSeconds(1))), Optional.empty()));

    StatusTable.print(STATE, new PrintWriter(text), StatusTable.DEFAULT_STALL_AFTER, loads);

    String[] lines = text.toString().split("\n");
    assertEquals("run r1 at 2024-05-01T10:01:00Z: 3 shard(s)", lines[0]);
    assertTrue(lines[2].matches("s1\\s+SUCCESS\\s+.*"), lines[2]);
    assertTrue(lines[3].matches("s2\\s+RESYNC \\(fenced\\)\\s+2024-05-01T10:00:20.000Z\\s+.*Data too long.*"), lines[3]);
    assertTrue(lines[4].matches("s3\\s+SNAPSHOT\\s+-\\s+-\\s+-\\s+-\\s+-\\s+0\\s+-"), lines[4]);
    assertEquals("loading (from each shard's rr_snapshot_table and rr_snapshot_chunk):", lines[5]);
    assertTrue(lines[6].matches("SHARD\\s+LOADING\\s+TABLE\\s+LOADED\\s+ESTIMATED\\s+DONE\\s+CHUNKS"
        + "\\s+RATE\\s+ETA"), lines[6]);
    // 1400 rows left at 400 rows in 4 s: 100 rows/s, 14 s.
    assertTrue(lines[7].matches("s2\\s+RESYNC\\s+accounts\\s+600\\s+2000\\s+30%\\s+3\\s+"
        + "100 rows/s\\s+14.0s"), lines[7]);
    assertTrue(lines[8].matches("s3\\s+SNAPSHOT\\s+accounts\\s+0\\s+50\\s+0%\\s+0\\s+0 rows/s\\s+-"),
        lines[8]);
    assertEquals(lines[6].indexOf("RATE"), lines[7].indexOf("100 rows/s"));
    assertEquals(9, lines.length, text.toString());
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
  void shouldRenderTheLoadsUnderWayInJsonWithTheirTableProgress() {
    Map<String, ShardLoad> loads = Map.of(
        "s3", new ShardLoad("s3", Optional.empty(), List.of(), Optional.of("connection refused")),
        "s1", new ShardLoad("s1", Optional.empty(), List.of(), Optional.empty()),
        "s2", new ShardLoad("s2", Optional.of(S2_FENCE), List.of(S2_ACCOUNTS), Optional.empty()));

    JsonObject json = JsonParser.parseString(StatusJson.render(STATE, loads)).getAsJsonObject();

    JsonArray listed = json.getAsJsonArray("loads");
    assertEquals(2, listed.size(), "s1 loads nothing: " + listed);
    JsonObject s2 = listed.get(0).getAsJsonObject();
    assertEquals("s2", s2.get("shard").getAsString());
    assertEquals("RESYNC (fenced)", s2.get("state").getAsString());
    assertEquals("2024-05-01T10:00:00Z", s2.get("fencedAt").getAsString());
    JsonObject table = s2.getAsJsonArray("tables").get(0).getAsJsonObject();
    assertEquals("accounts", table.get("table").getAsString());
    assertEquals(600, table.get("rowsLoaded").getAsLong());
    assertEquals(2000, table.get("rowsEstimated").getAsLong());
    assertEquals(30, table.get("percent").getAsInt());
    assertEquals(100.0, table.get("rowsPerSecond").getAsDouble());
    assertEquals(14.0, table.get("etaSeconds").getAsDouble());
    JsonObject s3 = listed.get(1).getAsJsonObject();
    assertEquals("connection refused", s3.get("unreadable").getAsString());
    assertTrue(s3.get("state").isJsonNull());
    assertEquals(0, JsonParser.parseString(StatusJson.render(STATE)).getAsJsonObject()
        .getAsJsonArray("loads").size(), "no shards file, no loads");
  }

  @Test
  void shouldFormatDurationsCompactly() {
    assertEquals("850ms", StatusTable.duration(Duration.ofMillis(850)));
    assertEquals("4m05s", StatusTable.duration(Duration.ofSeconds(245)));
    assertEquals("2h03m", StatusTable.duration(Duration.ofMinutes(123)));
  }

  static ShardState idle(String id, String created, String applied, String lastCommit, String updated) {
    return new ShardState(id, Optional.of(ShardStatus.SUCCESS), Optional.of(States.ts(created)),
        Optional.of(States.ts(applied)), Optional.of(States.ts(lastCommit)), 7, Optional.empty(),
        Optional.ofNullable(updated).map(States::ts));
  }

  @Test
  void shouldShowASmallSteadyLagForAnIdleCaughtUpRunNotTheAgeOfTheLastCommit() {
    // The last change was an hour ago; the reader and writer have moved on through empty windows.
    RunState idleLater = new RunState("r1", Instant.parse("2024-05-01T11:00:00Z"), List.of(
        new ShardState("s1", Optional.of(ShardStatus.SUCCESS), Optional.of(States.ts("2024-05-01T10:59:50Z")),
            Optional.of(States.ts("2024-05-01T10:59:50Z")), Optional.of(States.ts("2024-05-01T10:00:00Z")),
            7, Optional.empty())));
    StringWriter text = new StringWriter();

    StatusTable.print(idleLater, new PrintWriter(text));

    String row = text.toString().split("\n")[2];
    assertTrue(row.contains(" 10.0s "), row);
    assertEquals(10.0, JsonParser.parseString(StatusJson.render(idleLater)).getAsJsonObject()
        .getAsJsonArray("shards").get(0).getAsJsonObject().get("lagSeconds").getAsDouble());
  }

  @Test
  void shouldPrintMillisecondsNotNanoseconds() {
    RunState state = new RunState("r1", Instant.parse("2024-05-01T10:01:00Z"), List.of(
        shard("s1", "SUCCESS", "2024-05-01T10:00:30.123456789Z", "2024-05-01T10:00:10.5Z")));
    StringWriter text = new StringWriter();

    StatusTable.print(state, new PrintWriter(text));

    assertTrue(text.toString().contains("2024-05-01T10:00:30.123Z  2024-05-01T10:00:10.500Z"), text.toString());
    assertFalse(text.toString().contains("456789"), text.toString());
  }

  @Test
  void shouldFlagARowThatStoppedMovingAndNotOneThatMoves() {
    RunState state = new RunState("r1", Instant.parse("2024-05-01T11:00:00Z"), List.of(
        idle("s1", "2024-05-01T10:59:50Z", "2024-05-01T10:59:50Z", "2024-05-01T10:00:00Z", "2024-05-01T10:59:55Z"),
        idle("s2", "2024-05-01T10:55:00Z", "2024-05-01T10:55:00Z", "2024-05-01T10:00:00Z", "2024-05-01T10:55:00Z")));
    StringWriter text = new StringWriter();

    StatusTable.print(state, new PrintWriter(text), Duration.ofMinutes(2));

    String[] lines = text.toString().split("\n");
    assertTrue(lines[2].contains("5.0s ago") && !lines[2].contains("STALLED"), lines[2]);
    assertTrue(lines[3].contains("5m00s ago STALLED"), lines[3]);
    assertTrue(lines[4].startsWith("! shard s2: STALLED, its row was last written 5m00s ago"), text.toString());
    assertEquals(5, lines.length, text.toString());
  }

  @Test
  void shouldExplainAppliedUptoAheadOfCreatedUpto() {
    RunState state = new RunState("r1", Instant.parse("2024-05-01T11:00:00Z"), List.of(
        shard("s1", "SUCCESS", "2024-05-01T10:59:40Z", "2024-05-01T10:59:50Z")));

    List<String> notes = StatusTable.notes(state, Duration.ofMinutes(2));

    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("! shard s1: APPLIED_UPTO 2024-05-01T10:59:50.000Z is after"
        + " CREATED_UPTO 2024-05-01T10:59:40.000Z"), notes.get(0));
  }
}
