package dev.rr.launcher.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One MySQL shard the verifier reads: its logical id and how to open a connection to it.
 *
 * @param shardId logical shard id, as routing produces it
 * @param connector opens a new connection to the shard's database
 */
public record ShardDatabase(String shardId, Connector connector) {
  /** Opens a JDBC connection. */
  public interface Connector {
    Connection open() throws SQLException;
  }

  public ShardDatabase {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(connector, "connector");
  }
}
