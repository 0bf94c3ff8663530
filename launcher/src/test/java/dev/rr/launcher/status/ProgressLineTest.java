package dev.rr.launcher.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.metadata.ShardStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:30Z");

  private static ShardState shard(String id, long applied, Optional<String> processedUpto) {
    return new ShardState(id, Optional.of(ShardStatus.SUCCESS), Optional.empty(),
        processedUpto.map(Timestamp::parseTimestamp), Optional.empty(), applied, Optional.empty());
  }

  @Test
  void shouldShowAppliedRecordsPerShardAndTheLargestLag() {
    RunState state = new RunState("run1", NOW, List.of(
        shard("s1", 120, Optional.of("2024-05-01T10:00:28.500Z")),
        shard("s2", 7, Optional.of("2024-05-01T10:00:20Z"))));

    assertEquals("   42s | applied s1=120 s2=7 | lag 10.0s",
        ProgressLine.render(Duration.ofSeconds(42), "", Optional.of(state)));
  }

  @Test
  void shouldPutTheCallersCountsFirstAndShowDashesBeforeAnyProgress() {
    RunState empty = new RunState("run1", NOW, List.of(shard("s1", 0, Optional.empty())));

    assertEquals("    3s  written 12 rows in 3 tx | applied s1=0 | lag -",
        ProgressLine.render(Duration.ofSeconds(3), "written 12 rows in 3 tx", Optional.of(empty)));
    assertEquals("    3s  written 12 rows in 3 tx",
        ProgressLine.render(Duration.ofSeconds(3), "written 12 rows in 3 tx", Optional.empty()));
  }
}
