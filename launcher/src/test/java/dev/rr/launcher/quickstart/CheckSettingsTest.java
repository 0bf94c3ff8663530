package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rr.common.config.WriterConfig.SourceType;
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
  void shouldRefuseASessionOrAMySqlServerForPostgresShards() {
    IllegalArgumentException session = assertThrows(IllegalArgumentException.class, () ->
        new CheckSettings(Path.of("w"), 1, 1, Duration.ofSeconds(10), 1, false, Optional.empty(),
            Optional.empty(), Duration.ofMinutes(5), CheckSchema.SAMPLE, Optional.of(UNSHARDED), false,
            SourceType.POSTGRESQL));
    IllegalArgumentException mysql = assertThrows(IllegalArgumentException.class, () ->
        new CheckSettings(Path.of("w"), 1, 1, Duration.ofSeconds(10), 2, false, Optional.empty(),
            Optional.of(new QuickstartSettings.MySqlEndpoint("db", 3306, "u", "p")),
            Duration.ofMinutes(5), CheckSchema.RANDOM, Optional.empty(), false,
            SourceType.POSTGRESQL));

    assertEquals("--session applies to --target mysql only: its source types are MySQL's;"
        + " --target postgresql checks the sample or --schema random", session.getMessage());
    assertEquals("--mysqlHost applies to --target mysql only: --target postgresql starts private"
        + " PostgreSQL shards", mysql.getMessage());
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
