package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rr.common.config.WriterConfig;
import dev.rr.common.config.WriterConfigBuilder;
import dev.rr.common.input.SessionFile;
import dev.rr.writer.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriterPlanTest {
  /** A session file whose TimezoneOffset is +10:00. */
  private static final String SESSION_AT_PLUS_TEN = "/fixtures/session-variants/name-keyed-numbered.json";

  private static WriterConfigBuilder options() {
    return WriterConfig.builder()
        .sourceShardsFilePath("gs://bucket/shards.json")
        .spannerProjectId("p")
        .metadataInstance("i")
        .metadataDatabase("meta")
        .runIdentifier("run_1");
  }

  private static WriterPlan plan(WriterConfig config, String session) {
    return new WriterPlan(config, "launch", "/buffer", Instant.EPOCH, null, Duration.ofSeconds(10),
        List.of("s1"), SessionFile.parse(session, Fixtures.resource(session)));
  }

  @Test
  void shouldWriteAtTheSessionsTimezoneOffsetWhenTheOptionIsNotGiven() {
    assertEquals(ZoneOffset.of("+10:00"), plan(options().build(), SESSION_AT_PLUS_TEN).sourceTimezone());
  }

  @Test
  void shouldPreferTheOptionOverTheSessionsTimezoneOffset() {
    WriterConfig config = options().sourceDbTimezoneOffset("-03:00").build();

    assertEquals(ZoneOffset.of("-03:00"), plan(config, SESSION_AT_PLUS_TEN).sourceTimezone());
  }

  @Test
  void shouldWriteInUtcWhenNeitherGivesAnOffset() {
    String session = "/fixtures/interleave/session.json";
    String noOffset = Fixtures.resource(session).replaceAll("\"TimezoneOffset\":\\s*\"[^\"]*\"", "\"TimezoneOffset\": \"\"");
    WriterPlan plan = new WriterPlan(options().build(), "launch", "/buffer", Instant.EPOCH, null,
        Duration.ofSeconds(10), List.of("s1"), SessionFile.parse(session, noOffset));

    assertEquals(ZoneOffset.UTC, plan.sourceTimezone());
  }
}
