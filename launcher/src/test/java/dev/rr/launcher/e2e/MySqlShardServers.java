package dev.rr.launcher.e2e;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.check.RandomSchema;
import dev.rr.launcher.check.SchemaDdl;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.MySqlTestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** A scenario's shards on MySQL-compatible test servers (private MariaDB servers, usually). */
record MySqlShardServers(List<MySqlTestServer> servers) implements ShardServers {
  MySqlShardServers {
    servers = List.copyOf(servers);
  }

  @Override
  public SourceType type() {
    return SourceType.MYSQL;
  }

  @Override
  public List<String> ddl(ReplicationFixture.Schema schema) {
    return schema.mysqlDdl();
  }

  @Override
  public TestShard newDatabase(int index, List<String> ddl) throws SQLException {
    MySqlTestDatabase database = servers.get(index).newDatabase();
    try (Connection connection = database.connect()) {
      ShardServers.execute(connection, ddl);
    }
    return new TestShard(database.name(), database.host(), database.port(), database.jdbcUrl(),
        database.user(), database.password());
  }

  @Override
  public void kill(int index) throws InterruptedException {
    ShardFaults.kill(servers.get(index));
  }

  @Override
  public void start(int index) {
    servers.get(index).start();
  }

  @Override
  public int killSessions(TestShard shard, Set<Long> spared) throws SQLException {
    return ShardFaults.killSessions(mysql(shard), spared);
  }

  @Override
  public String sessionIdQuery() {
    return "SELECT CONNECTION_ID()";
  }

  /** Every row and gap of each table locked {@code FOR UPDATE}: under REPEATABLE READ inserts wait too. */
  @Override
  public List<String> holdWritesStatements(List<String> tables) {
    return tables.stream().map(table -> "SELECT 1 FROM `" + table + "` FOR UPDATE").toList();
  }

  @Override
  public String lockWaitsQuery() {
    return "SELECT COUNT(*) FROM information_schema.innodb_trx t"
        + " JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
        + " WHERE t.trx_state = 'LOCK WAIT' AND p.db = ?";
  }

  @Override
  public String widen(RandomSchema.Table table, RandomSchema.Column column) {
    return SchemaDdl.widen(table, column);
  }

  @Override
  public void shortTimeouts(Properties properties) {
    properties.setProperty("connectTimeout", "1000");
    properties.setProperty("socketTimeout", "10000");
  }

  /** {@code shard} as the MySQL test support names it. */
  static MySqlTestDatabase mysql(TestShard shard) {
    return new MySqlTestDatabase(shard.name(), shard.host(), shard.port(), shard.jdbcUrl(),
        shard.user(), shard.password());
  }
}
