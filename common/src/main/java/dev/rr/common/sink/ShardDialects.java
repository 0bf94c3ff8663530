package dev.rr.common.sink;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.Shard;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.postgres.PostgresDialect;
import java.time.ZoneOffset;

/** The dialect of a shard, by its source type: the one place the writer and the launcher choose it. */
public final class ShardDialects {
  private ShardDialects() {}

  /** The dialect of {@code shard}, whose local times are at {@code sourceTimezone}. */
  public static ShardDialect of(Shard shard, ZoneOffset sourceTimezone) {
    return of(shard.sourceType(), sourceTimezone);
  }

  /** The dialect of shards of {@code type}, whose local times are at {@code sourceTimezone}. */
  public static ShardDialect of(SourceType type, ZoneOffset sourceTimezone) {
    return switch (type) {
      case MYSQL -> new MySqlDialect(sourceTimezone);
      case POSTGRESQL -> new PostgresDialect(sourceTimezone);
    };
  }
}
