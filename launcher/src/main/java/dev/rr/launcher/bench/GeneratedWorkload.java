package dev.rr.launcher.bench;

import dev.rr.common.model.ModType;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A workload written to a buffer directory: what it holds and the rows it must leave behind.
 *
 * @param spec what was asked for
 * @param bufferDir the buffer directory holding {@code <shard>/<window file>}s
 * @param records change records written
 * @param recordsByShard change records written per shard
 * @param transactions Spanner transactions written
 * @param mix change records per kind
 * @param files window files written
 * @param bufferBytes total size of the window files
 * @param rowBytes total value bytes of the rows inserted and updated (numbers counted as 8)
 * @param end end of the last window: every record committed before it
 * @param expected the rows each shard holds once everything is applied
 */
public record GeneratedWorkload(
    WorkloadSpec spec,
    String bufferDir,
    long records,
    Map<String, Long> recordsByShard,
    long transactions,
    Map<ModType, Long> mix,
    long files,
    long bufferBytes,
    long rowBytes,
    Instant end,
    ExpectedState expected) {

  public GeneratedWorkload {
    mix = Map.copyOf(new EnumMap<>(mix));
    recordsByShard = Map.copyOf(recordsByShard);
  }

  /** The shard ids. */
  public List<String> shards() {
    return spec.shardIds();
  }

  /** Share of {@code type} among the records, 0-1. */
  public double share(ModType type) {
    return records == 0 ? 0 : mix.getOrDefault(type, 0L) / (double) records;
  }

  /** Average value bytes of an inserted or updated row. */
  public double averageRowBytes() {
    long rows = mix.getOrDefault(ModType.INSERT, 0L) + mix.getOrDefault(ModType.UPDATE, 0L);
    return rows == 0 ? 0 : rowBytes / (double) rows;
  }

  /** One line describing the workload, for reports. */
  public String describe() {
    return String.format(
        "%,d records in %,d transactions over %d shard(s) (%.0f%% insert, %.0f%% update,"
            + " %.0f%% delete; rows of %.0f bytes), %,d files, %.1f MB",
        records,
        transactions,
        spec.shards(),
        100 * share(ModType.INSERT),
        100 * share(ModType.UPDATE),
        100 * share(ModType.DELETE),
        averageRowBytes(),
        files,
        bufferBytes / 1e6);
  }
}
