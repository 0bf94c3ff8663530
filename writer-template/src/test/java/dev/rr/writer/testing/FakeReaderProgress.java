package dev.rr.writer.testing;

import dev.rr.writer.logic.ReaderProgress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The reader's created_upto per shard, set by the test. */
public final class FakeReaderProgress implements ReaderProgress {
  private final Map<String, Instant> createdUpto = new ConcurrentHashMap<>();

  public void set(String shard, Instant value) {
    createdUpto.put(shard, value);
  }

  @Override
  public Optional<Instant> createdUpto(String shard) {
    return Optional.ofNullable(createdUpto.get(shard));
  }
}
