package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.cloud.Timestamp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyJsonTest {
  @Test
  void shouldRenderTotalsAndEveryTableShardPairForScripts() {
    VerifyReport report = new VerifyReport(Timestamp.parseTimestamp("2024-05-01T10:00:00Z"), List.of(
        new TableReport("accounts", "s1", 10, 10, 1, 1, 10, 0, 0, 0, List.of()),
        new TableReport("accounts", "s2", 5, 4, 2, 3, 4, 1, 0, 0, List.of("missing: id=7"))),
        2, List.of("orders id=9"));

    JsonObject json = JsonParser.parseString(VerifyJson.render(report)).getAsJsonObject();

    assertFalse(json.get("equal").getAsBoolean());
    assertEquals(15, json.get("spannerRows").getAsLong());
    assertEquals(1, json.get("missing").getAsLong());
    assertEquals(2, json.get("unroutedRows").getAsLong());
    assertEquals("2024-05-01T10:00:00Z", json.get("readTimestamp").getAsString());
    JsonObject s2 = json.getAsJsonArray("tables").get(1).getAsJsonObject();
    assertEquals("s2", s2.get("shard").getAsString());
    assertFalse(s2.get("equal").getAsBoolean());
    assertEquals("missing: id=7", s2.getAsJsonArray("examples").get(0).getAsString());
  }
}
