package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import dev.rr.common.metadata.ShardStatus;
import java.util.Optional;

/** Small builders of shard states for the status tests. */
final class States {
  private States() {}

  static Timestamp ts(String text) {
    return Timestamp.parseTimestamp(text);
  }

  static ShardState shard(String id, String status, String created, String processed) {
    return new ShardState(id, Optional.ofNullable(status).map(ShardStatus::valueOf), Optional.ofNullable(created).map(States::ts),
        Optional.ofNullable(processed).map(States::ts), Optional.ofNullable(processed).map(States::ts),
        7, Optional.empty());
  }

  static ShardState failed(String id, String error) {
    return new ShardState(id, Optional.of(ShardStatus.ERROR), Optional.of(ts("2024-05-01T10:00:20Z")),
        Optional.of(ts("2024-05-01T10:00:10Z")), Optional.empty(), 3, Optional.of(error));
  }
}
