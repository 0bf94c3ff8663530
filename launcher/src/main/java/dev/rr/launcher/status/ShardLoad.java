package dev.rr.launcher.status;

import dev.rr.common.mysql.checkpoint.ResyncFence;
import dev.rr.writer.snapshot.TableLoad;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one shard's own database says about a load under way in it: the resync fence in its
 * checkpoint, and the initial snapshot's or the resync's progress per Spanner table.
 *
 * @param shard logical shard id
 * @param fence the resync fence, when {@code rr resync} holds the shard's writer off
 * @param tables per table progress of the loads under way (none when nothing loads)
 * @param unreadable why the shard's database could not be read, when it could not
 */
public record ShardLoad(String shard, Optional<ResyncFence> fence, List<TableLoad> tables,
    Optional<String> unreadable) {
  public ShardLoad {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(fence, "fence");
    Objects.requireNonNull(unreadable, "unreadable");
    tables = List.copyOf(tables);
  }

  /** True when a snapshot or a resync is loading the shard (or holds it fenced). */
  public boolean underWay() {
    return fence.isPresent() || !tables.isEmpty();
  }

  /**
   * The shard's state while loading: {@code RESYNC (fenced)} while the fence stands,
   * {@code SNAPSHOT} during an initial snapshot; empty when nothing loads.
   */
  public Optional<String> state() {
    if (fence.isPresent()
        || tables.stream().anyMatch(t -> t.kind() == TableLoad.Kind.RESYNC)) {
      return Optional.of(TableLoad.Kind.RESYNC + (fence.isPresent() ? " (fenced)" : ""));
    }
    return tables.isEmpty() ? Optional.empty() : Optional.of(TableLoad.Kind.SNAPSHOT.name());
  }
}
