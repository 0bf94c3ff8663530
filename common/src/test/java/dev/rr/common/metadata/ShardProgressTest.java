package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.Timestamp;
import org.junit.jupiter.api.Test;

class ShardProgressTest {
  private static final Timestamp T = Timestamp.parseTimestamp("2024-05-01T10:00:00Z");

  private static ShardProgress.Builder valid() {
    return ShardProgress.builder()
        .runId("run1")
        .shard("shardA")
        .processedUpto(T)
        .status(ShardStatus.SUCCESS);
  }

  @Test
  void shouldLeaveOptionalFieldsEmptyWhenOnlyRequiredAreSet() {
    ShardProgress p = valid().build();

    assertNull(p.lastCommitTimestamp());
    assertNull(p.lagSeconds());
    assertNull(p.error());
    assertEquals(0, p.recordsApplied());
  }

  @Test
  void shouldRoundTripThroughToBuilder() {
    ShardProgress p =
        valid().lagSeconds(1.5).recordsApplied(7).error("e").lastServerTransactionId("tx").build();

    assertEquals(p, p.toBuilder().build());
  }

  @Test
  void shouldRequireRunShardProcessedUptoAndStatus() {
    assertThrows(NullPointerException.class, () -> valid().runId(null).build());
    assertThrows(IllegalArgumentException.class, () -> valid().shard("").build());
    assertThrows(NullPointerException.class, () -> valid().processedUpto(null).build());
    assertThrows(NullPointerException.class, () -> valid().status(null).build());
  }

  @Test
  void shouldRejectNegativeCountAndNonFiniteLag() {
    assertThrows(IllegalArgumentException.class, () -> valid().recordsApplied(-1).build());
    assertThrows(IllegalArgumentException.class, () -> valid().lagSeconds(Double.NaN).build());
  }
}
