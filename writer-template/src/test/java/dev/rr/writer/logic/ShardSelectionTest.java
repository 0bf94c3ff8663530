package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardSelectionTest {
  private static final List<String> SHARDS = List.of("ok", "failed", "again", "retrying", "new");
  private static final Map<String, ShardProgress> PROGRESS =
      Map.of(
          "ok", progress("ok", ShardStatus.SUCCESS),
          "failed", progress("failed", ShardStatus.ERROR),
          "again", progress("again", ShardStatus.REPROCESS),
          "retrying", progress("retrying", ShardStatus.RETRYING));

  private static ShardProgress progress(String shard, ShardStatus status) {
    return ShardProgress.builder()
        .runId("run")
        .shard(shard)
        .processedUpto(Timestamp.ofTimeSecondsAndNanos(1, 0))
        .status(status)
        .build();
  }

  @Test
  void shouldSelectEveryShardInRegularAndResumeAllModes() {
    assertEquals(SHARDS, ShardSelection.select(WriterRunMode.REGULAR, SHARDS, PROGRESS));
    assertEquals(SHARDS, ShardSelection.select(WriterRunMode.RESUME, SHARDS, PROGRESS));
    assertEquals(SHARDS, ShardSelection.select(WriterRunMode.RESUME_ALL, SHARDS, PROGRESS));
  }

  @Test
  void shouldSelectShardsByStatusInTheOtherModes() {
    assertEquals(List.of("ok"), ShardSelection.select(WriterRunMode.RESUME_SUCCESS, SHARDS, PROGRESS));
    assertEquals(
        List.of("failed"), ShardSelection.select(WriterRunMode.RESUME_FAILED, SHARDS, PROGRESS));
    assertEquals(List.of("again"), ShardSelection.select(WriterRunMode.REPROCESS, SHARDS, PROGRESS));
  }
}
