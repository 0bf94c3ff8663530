package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rr.launcher.check.RandomSchema.Column;
import dev.rr.launcher.check.RandomSchema.Kind;
import dev.rr.launcher.check.RandomSchema.Role;
import dev.rr.launcher.check.RandomSchema.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {
  /** A session whose one table has no shard id column: it replicates to one shard only. */
  private static final OperatorSession UNSHARDED = new OperatorSession(Path.of("unsharded.json"), "{}",
      List.of(new Table("T", "t", List.of(new Column("id", "id", Kind.INT, false, Role.KEY, false)),
          List.of("id"), null, false, null)));

  @Test
  void shouldRefuseSeveralShardsForASessionWithoutShardIdColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(3, CheckSchema.SAMPLE));

    assertEquals("session file unsharded.json has no shard id column: --shards must be 1 but was 3", e.getMessage());
  }

  @Test
  void shouldRefuseASessionTogetherWithRandomSchemas() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(1, CheckSchema.RANDOM));

    assertEquals("--session and --schema random exclude each other", e.getMessage());
  }

  @Test
  void shouldTakeAnUnshardedSessionOnOneShard() {
    assertEquals(1, settings(1, CheckSchema.SAMPLE).shards());
  }

  private static CheckSettings settings(int shards, CheckSchema schema) {
    return new CheckSettings(Path.of("w"), 1, 1, Duration.ofSeconds(10), shards, false, Optional.empty(),
        Optional.empty(), Duration.ofMinutes(5), schema, Optional.of(UNSHARDED), false);
  }
}
