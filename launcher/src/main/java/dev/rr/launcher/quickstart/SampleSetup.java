package dev.rr.launcher.quickstart;

import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.rr.launcher.launch.ChangeStreamDdl;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.workload.SampleSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the quickstart's sharded sample from scratch: the Spanner database with the sample
 * schema and change stream, one MySQL or PostgreSQL database per shard with the source schema, and the session
 * and shards files. Anything left from an earlier run is dropped first, so a second run works.
 */
final class SampleSetup {
  static final String DATABASE = "quickstart";
  static final String METADATA_DATABASE = "quickstart_rrmeta";
  static final String CHANGE_STREAM = "rrstream";

  private SampleSetup() {}

  static List<String> shardIds(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add("shard" + i);
    }
    return ids;
  }

  static String shardDatabase(String shardId) {
    return "rr_quickstart_" + shardId;
  }

  /** Drops and recreates the Spanner databases (sample with change stream; empty metadata). */
  static void createSpanner(Spanner spanner) throws Exception {
    createSpanner(spanner, SampleSchema.spannerDdl());
  }

  /** Drops and recreates the Spanner databases: {@code schema} with the change stream; empty metadata. */
  static void createSpanner(Spanner spanner, List<String> schema) throws Exception {
    DatabaseAdminClient admin = spanner.getDatabaseAdminClient();
    for (String database : List.of(DATABASE, METADATA_DATABASE)) {
      try {
        admin.dropDatabase(QuickstartServices.INSTANCE, database);
      } catch (SpannerException e) {
        if (e.getErrorCode() != ErrorCode.NOT_FOUND) {
          throw e;
        }
      }
    }
    List<String> ddl = new ArrayList<>(schema);
    ddl.add(ChangeStreamDdl.create(CHANGE_STREAM));
    admin.createDatabase(QuickstartServices.INSTANCE, DATABASE, ddl).get(2, TimeUnit.MINUTES);
  }

  /** Drops and recreates one database per shard with the sample schema of the server's kind. */
  static void createShards(ShardServer server, List<String> shardIds) throws SQLException {
    createShards(server, shardIds, server.type() == SourceType.POSTGRESQL
        ? SampleSchema.postgresDdl() : SampleSchema.mysqlDdl());
  }

  /** Drops and recreates one database per shard with the PostgreSQL tables of {@code schema}. */
  private static void createPostgresShards(ShardServer server, List<String> shardIds,
      List<String> schema) throws SQLException {
    for (String shard : shardIds) {
      String database = shardDatabase(shard);
      try (Connection admin = connect(server, "postgres");
          Statement statement = admin.createStatement()) {
        // DDL takes no parameters; the name is the quickstart's own [a-z0-9_] name.
        statement.execute("DROP DATABASE IF EXISTS \"" + database + "\"");
        statement.execute("CREATE DATABASE \"" + database + "\" ENCODING 'UTF8'");
      }
      try (Connection connection = connect(server, database);
          Statement statement = connection.createStatement()) {
        for (String ddl : schema) {
          statement.execute(ddl);
        }
      }
    }
  }

  private static Connection connect(ShardServer server, String database) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
  }

  /**
   * Drops and recreates one database per shard with the tables of {@code schema}, DDL of the
   * server's kind.
   */
  static void createShards(ShardServer server, List<String> shardIds, List<String> schema)
      throws SQLException {
    if (server.type() == SourceType.POSTGRESQL) {
      createPostgresShards(server, shardIds, schema);
    } else {
      createMySqlShards(server, shardIds, schema);
    }
  }

  /** Drops and recreates one database per shard with the MySQL tables of {@code schema}. */
  private static void createMySqlShards(ShardServer mysql, List<String> shardIds,
      List<String> schema) throws SQLException {
    try (Connection connection = connect(mysql, "");
        Statement statement = connection.createStatement()) {
      for (String shard : shardIds) {
        String database = shardDatabase(shard);
        statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
        statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        statement.execute("USE `" + database + "`");
        for (String ddl : schema) {
          statement.execute(ddl);
        }
      }
    }
  }

  /** Writes the session file; returns its path. */
  static Path writeSession(Path workDir) throws IOException {
    return writeSession(workDir, SampleSchema.sessionJson());
  }

  /** Writes session file {@code json}; returns its path. */
  static Path writeSession(Path workDir, String json) throws IOException {
    Path session = workDir.resolve("session.json");
    Files.writeString(session, json, StandardCharsets.UTF_8);
    return session;
  }

  /** Writes the shards file for {@code shardIds} on {@code server}; returns its path. */
  static Path writeShards(Path workDir, ShardServer server, List<String> shardIds) throws IOException {
    JsonArray shards = new JsonArray();
    for (String shard : shardIds) {
      JsonObject entry = new JsonObject();
      entry.addProperty("logicalShardId", shard);
      entry.addProperty("host", server.host());
      entry.addProperty("port", server.port());
      entry.addProperty("user", server.user());
      entry.addProperty("password", server.password());
      entry.addProperty("dbName", shardDatabase(shard));
      shards.add(entry);
    }
    Path file = workDir.resolve("shards.json");
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(shards),
        StandardCharsets.UTF_8);
    return file;
  }
}
