package dev.rr.writer.logic;

import dev.rr.common.config.WriterRunMode;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which shards a writer run applies, by run mode and each shard's stored status. Every selected
 * shard starts from its own checkpoint; the modes only choose shards.
 */
public final class ShardSelection {
  private ShardSelection() {}

  /**
   * The shards of {@code shards} (in their order) that {@code mode} selects.
   *
   * @param progress stored progress by shard; a shard without a row has no status yet
   */
  public static List<String> select(
      WriterRunMode mode, List<String> shards, Map<String, ShardProgress> progress) {
    return shards.stream().filter(shard -> selects(mode, status(progress, shard))).toList();
  }

  private static Optional<ShardStatus> status(Map<String, ShardProgress> progress, String shard) {
    return Optional.ofNullable(progress.get(shard)).map(ShardProgress::status);
  }

  private static boolean selects(WriterRunMode mode, Optional<ShardStatus> status) {
    return switch (mode) {
      case REGULAR, RESUME, RESUME_ALL -> true;
      case RESUME_SUCCESS -> status.equals(Optional.of(ShardStatus.SUCCESS));
      case RESUME_FAILED -> status.equals(Optional.of(ShardStatus.ERROR));
      case REPROCESS -> status.equals(Optional.of(ShardStatus.REPROCESS));
    };
  }
}
