package dev.rr.common.mysql.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResyncFenceTest {
  private static final Checkpoint APPLIED = new Checkpoint("run", "s1",
      Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T00:00:10Z"),
      Timestamp.ofTimeSecondsAndNanos(1_714_521_605, 123_456_000), "42|odd", 17);

  @Test
  void shouldStoreTheReadTimestampAndTheCheckpointToRestoreInTheCheckpointRow() {
    Timestamp readAt = Timestamp.ofTimeSecondsAndNanos(1_714_521_700, 5_000);
    ResyncFence fence = new ResyncFence(readAt, APPLIED);

    Checkpoint stored = fence.checkpoint();

    assertEquals("rr-resync@1714521700.5000|42|odd", stored.serverTransactionId());
    assertEquals(APPLIED.commitTimestamp(), stored.commitTimestamp());
    assertTrue(ResyncFence.isFence(stored));
    assertEquals(Optional.of(fence), ResyncFence.of(stored));
  }

  @Test
  void shouldNotTakeAnOrdinaryCheckpointOrNothingAppliedForAFence() {
    assertFalse(ResyncFence.isFence(APPLIED));
    assertFalse(ResyncFence.isFence(null));
    assertEquals(Optional.empty(), ResyncFence.of(APPLIED));
  }

  @Test
  void shouldReplaceOutOfOrderOnlyToOrFromAFence() {
    Checkpoint earlier = new Checkpoint("run", "s1", APPLIED.windowStart(), APPLIED.windowEnd(),
        Timestamp.ofTimeSecondsAndNanos(1, 0), "", 0);

    assertThrows(IllegalArgumentException.class,
        () -> new CheckpointDao().replace(null, APPLIED, earlier));
  }
}
