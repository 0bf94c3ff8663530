package dev.rr.reader.logic;

import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The expired records of one bundle ({@link ExpiryRule}), written to the late directory as one
 * file per (directory, window). A file's name carries a digest of its records, so a retried
 * bundle rewrites the same file instead of adding a copy. Not thread-safe.
 */
public final class ExpiredBatch {

  /** One file written: where, which window, how many records. */
  public record Written(String directory, Instant start, Instant end, ResourceId file,
      int records) {}

  private record Key(String directory, Instant start) {}

  private final OutputLayout layout;
  private final ExpiryRule rule;
  private final Map<Key, List<ChangeRecord>> pending = new LinkedHashMap<>();

  public ExpiredBatch(OutputLayout layout, ExpiryRule rule) {
    this.layout = layout;
    this.rule = rule;
  }

  /** Adds {@code record} of {@code directory}, committed at {@code timestamp}. */
  public void add(String directory, Instant timestamp, ChangeRecord record) {
    pending.computeIfAbsent(new Key(directory, rule.windowStart(timestamp)),
        key -> new ArrayList<>()).add(record);
  }

  /** Writes every pending group, sorted, and forgets them. */
  public List<Written> flush() throws IOException {
    List<Written> written = new ArrayList<>(pending.size());
    for (Map.Entry<Key, List<ChangeRecord>> group : pending.entrySet()) {
      Key key = group.getKey();
      List<ChangeRecord> records = new ArrayList<>(group.getValue());
      records.sort(ChangeRecord.ORDERING);
      Instant end = rule.windowEnd(key.start());
      ResourceId file = layout.expiredFile(key.directory(), key.start(), end, digest(records));
      WindowFileWriter.writeSorted(file, records);
      written.add(new Written(key.directory(), key.start(), end, file, records.size()));
    }
    pending.clear();
    return written;
  }

  /** A short digest of the records' identities (commit order key and table). */
  private static String digest(List<ChangeRecord> records) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (ChangeRecord record : records) {
        sha.update((record.commitTimestamp() + "/" + record.serverTransactionId() + "/"
            + record.recordSequence() + "/" + record.modIndex() + "/" + record.tableName() + "/"
            + record.keysJson() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
