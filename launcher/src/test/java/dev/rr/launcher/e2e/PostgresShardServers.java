package dev.rr.launcher.e2e;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.local.PostgresServer;
import dev.rr.launcher.check.RandomSchema;
import dev.rr.launcher.check.SchemaDdl;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** A scenario's shards on private PostgreSQL clusters ({@link PostgresExtension}), one per shard. */
record PostgresShardServers(PostgresExtension clusters) implements ShardServers {
  /** Every other session of the database: terminated, their open transactions rolled back. */
  private static final String TERMINATE = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
      + " WHERE datname = ? AND pid <> pg_backend_pid() AND NOT pid = ANY (?)";

  @Override
  public SourceType type() {
    return SourceType.POSTGRESQL;
  }

  @Override
  public List<String> ddl(ReplicationFixture.Schema schema) {
    return schema.postgresDdl();
  }

  @Override
  public TestShard newDatabase(int index, List<String> ddl) throws SQLException {
    PostgresTestDatabase database = clusters.newDatabase(index);
    try (Connection connection = database.connect()) {
      ShardServers.execute(connection, ddl);
    }
    return new TestShard(database.name(), database.host(), database.port(), database.jdbcUrl(),
        database.user(), database.password());
  }

  /**
   * Kills the cluster's postmaster (its pid is the first line of {@code postmaster.pid}) and every
   * backend it had started with SIGKILL: no shutdown checkpoint, WAL recovery on the next start.
   * The backends are killed too: a backend outliving its postmaster keeps the shared memory, and
   * the next start refuses to run beside it.
   */
  @Override
  public void kill(int index) throws InterruptedException {
    PostgresServer server = clusters.server(index);
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(server.dataDir().resolve("postmaster.pid")).get(0).trim());
    } catch (IOException e) {
      throw new IllegalStateException("no postmaster.pid for the cluster on port " + server.port(), e);
    }
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() ->
        new IllegalStateException("no postmaster " + pid + " on port " + server.port()));
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Override
  public void start(int index) {
    clusters.server(index).start();
  }

  @Override
  public int killSessions(TestShard shard, Set<Long> spared) throws SQLException {
    int killed = 0;
    try (Connection connection = shard.connect();
        PreparedStatement terminate = connection.prepareStatement(TERMINATE)) {
      terminate.setString(1, shard.name());
      terminate.setArray(2, connection.createArrayOf("bigint", spared.toArray()));
      try (ResultSet rows = terminate.executeQuery()) {
        while (rows.next()) {
          killed++;
        }
      }
    }
    return killed;
  }

  @Override
  public String sessionIdQuery() {
    return "SELECT pg_backend_pid()";
  }

  /** The tables locked {@code IN EXCLUSIVE MODE}: every write waits, plain reads do not. */
  @Override
  public List<String> holdWritesStatements(List<String> tables) {
    return List.of("LOCK TABLE " + String.join(", ", tables.stream().map(table -> '"' + table + '"')
        .toList()) + " IN EXCLUSIVE MODE");
  }

  @Override
  public String lockWaitsQuery() {
    return "SELECT COUNT(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        + " WHERE NOT l.granted AND a.datname = ?";
  }

  @Override
  public String widen(RandomSchema.Table table, RandomSchema.Column column) {
    return SchemaDdl.widenPostgres(table, column);
  }

  @Override
  public void shortTimeouts(Properties properties) {
    // PostgreSQL's driver counts these in seconds.
    properties.setProperty("connectTimeout", "1");
    properties.setProperty("socketTimeout", "10");
  }
}
