package dev.rr.launcher.quickstart;

import dev.rr.common.config.WriterConfig.SourceType;
import java.util.Objects;

/**
 * The server holding a quickstart's shard databases: MySQL (a private MariaDB or the operator's)
 * or a private PostgreSQL cluster.
 *
 * @param type which kind of database, so which driver, DDL and shards-file entries
 */
record ShardServer(SourceType type, String host, int port, String user, String password) {
  ShardServer {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The JDBC URL of {@code database} on this server; empty for MySQL's "no database". */
  String jdbcUrl(String database) {
    return (type == SourceType.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mysql://")
        + host + ":" + port + "/" + database;
  }

  /** {@code MySQL} or {@code PostgreSQL}, for messages. */
  String databaseName() {
    return type == SourceType.POSTGRESQL ? "PostgreSQL" : "MySQL";
  }
}
