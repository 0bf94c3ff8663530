package dev.rr.launcher.verify;

import com.google.cloud.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Verifier} compares.
 *
 * @param readTimestamp Spanner read timestamp (e.g. the cutover time); every chunk reads at it
 * @param tables Spanner tables to compare; empty means every mapped table
 * @param chunkSize rows per primary-key chunk, on each side
 * @param maxListed differing keys kept per kind (missing / extra / different), table and shard
 * @param sourceTimezone time zone offset of the MySQL shards
 */
public record VerifyConfig(
    Timestamp readTimestamp,
    List<String> tables,
    int chunkSize,
    int maxListed,
    ZoneOffset sourceTimezone) {
  public VerifyConfig {
    Objects.requireNonNull(readTimestamp, "readTimestamp");
    tables = List.copyOf(tables);
    Objects.requireNonNull(sourceTimezone, "sourceTimezone");
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize " + chunkSize + " must be at least 1");
    }
    if (maxListed < 0) {
      throw new IllegalArgumentException("maxDifferences " + maxListed + " must not be negative");
    }
  }

  /** Every mapped table, chunks of 1000, 10 keys listed, UTC shards. */
  public static VerifyConfig at(Timestamp readTimestamp) {
    return new VerifyConfig(readTimestamp, List.of(), 1000, 10, ZoneOffset.UTC);
  }
}
