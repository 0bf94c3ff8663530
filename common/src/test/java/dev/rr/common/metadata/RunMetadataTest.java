package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderRunMode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunMetadataTest {
  private static final Timestamp START = Timestamp.parseTimestamp("2024-05-01T10:00:00Z");

  static RunMetadata.Builder valid() {
    return RunMetadata.builder()
        .runId("run1")
        .startTimestamp(START)
        .windowDuration(Duration.ofSeconds(10))
        .changeStreamName("rr_stream")
        .spannerDatabase("projects/p/instances/i/databases/d")
        .readerRunMode(ReaderRunMode.REGULAR)
        .bufferDirectory("gs://bucket/buffer")
        .skipDirectoryName("skip");
  }

  @Test
  void shouldBeOpenEndedWithoutEndTimestamp() {
    assertEquals(Optional.empty(), valid().build().end());
  }

  @Test
  void shouldRejectEndNotAfterStart() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> valid().endTimestamp(START).build());

    assertTrue(e.getMessage().contains("2024-05-01T10:00:00Z"), e.getMessage());
  }

  @Test
  void shouldRejectWindowThatIsNotWholePositiveMilliseconds() {
    assertThrows(
        IllegalArgumentException.class, () -> valid().windowDuration(Duration.ZERO).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> valid().windowDuration(Duration.ofNanos(1_500_000)).build());
  }

  @Test
  void shouldRequireEveryDescriptiveField() {
    assertThrows(NullPointerException.class, () -> valid().changeStreamName(null).build());
    assertThrows(IllegalArgumentException.class, () -> valid().bufferDirectory("").build());
    assertThrows(NullPointerException.class, () -> valid().skipDirectoryName(null).build());
  }
}
