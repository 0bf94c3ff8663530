package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.model.ModType;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interleave fixture (session file without ShardIdColumn) with one shard, launched through
 * {@link ReaderMain} with command-line options: every change lands in the shard's files in
 * commit order, parents before their children.
 */
class SingleShardIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  @TempDir Path work;

  @AfterEach
  void dropDatabases() {
    ReaderRunFixture.dropDatabases();
  }

  private static String[] fixtureDdl() throws Exception {
    String ddl = Files.readString(Path.of(ReaderRunFixture.resource("/fixtures/interleave/spanner-schema.sql")));
    return Arrays.stream(ddl.split(";")).map(String::strip).filter(s -> !s.isEmpty())
        .toArray(String[]::new);
  }

  private static Mutation parent2(long id) {
    return Mutation.newInsertBuilder("parent2").set("id").to(id)
        .set("in_ts").to(Timestamp.parseTimestamp("2024-01-01T00:00:00Z")).build();
  }

  private static Mutation child21(long id, long childId) {
    return Mutation.newInsertBuilder("child21").set("id").to(id).set("child_id").to(childId).build();
  }

  @Test
  void shouldWriteEveryChangeOfTheFixtureToTheSingleShardInCommitOrder() throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("shard1"), fixtureDdl());
    Timestamp t1 = run.data.write(parent2(1));
    Timestamp t2 = run.data.write(child21(1, 10));
    Timestamp t3 = run.data.write(child21(1, 11), parent2(2));
    Timestamp t4 = run.data.write(Mutation.newInsertBuilder("parent1").set("id").to(5).build(),
        Mutation.newInsertBuilder("child11").set("child_id").to(50).set("parent_id").to(5).build());
    Timestamp t5 = run.data.write(Mutation.delete("child21", Key.of(1, 10)));
    run.expect("shard1", "parent2", ModType.INSERT, "{\"id\":\"1\"}", "shard1", t1);
    run.expect("shard1", "child21", ModType.INSERT, "{\"child_id\":\"10\",\"id\":\"1\"}", "shard1", t2);
    run.expect("shard1", "child21", ModType.INSERT, "{\"child_id\":\"11\",\"id\":\"1\"}", "shard1", t3);
    run.expect("shard1", "parent2", ModType.INSERT, "{\"id\":\"2\"}", "shard1", t3);
    run.expect("shard1", "parent1", ModType.INSERT, "{\"id\":\"5\"}", "shard1", t4);
    run.expect("shard1", "child11", ModType.INSERT, "{\"child_id\":\"50\"}", "shard1", t4);
    run.expect("shard1", "child21", ModType.DELETE, "{\"child_id\":\"10\",\"id\":\"1\"}", "shard1", t5);

    ReaderMain.main(new String[] {
        "--runner=DirectRunner",
        "--spannerProjectId=" + run.data.projectId(),
        "--instanceId=" + run.data.instanceId(),
        "--databaseId=" + run.data.databaseId(),
        "--metadataDatabase=" + run.metadata.databaseId(),
        "--changeStreamName=allstream",
        "--spannerEmulatorHost=" + spanner.emulatorHost(),
        "--startTimestamp=" + run.start,
        "--endTimestamp=" + t5,
        "--windowDuration=1m",
        "--gcsOutputDirectory=" + run.buffer,
        "--sourceShardsFilePath=" + run.shardsFile,
        "--sessionFilePath=" + ReaderRunFixture.resource("/fixtures/interleave/session.json"),
        "--runIdentifier=interleave",
        "--metadataTableSuffix=",
    });

    Map<String, List<String>> expected = run.expectedFiles(Duration.ofMinutes(1));
    Map<String, List<String>> actual = run.actualFiles();
    assertEquals(expected.keySet(), actual.keySet());
    for (String file : expected.keySet()) {
      // Within one transaction the mods' order is Spanner's; across transactions it is commit order.
      assertEquals(expected.get(file).stream().sorted().toList(),
          actual.get(file).stream().sorted().toList());
      assertTrue(isInCommitOrder(actual.get(file)), actual.get(file).toString());
    }
    assertEquals(Map.of("shard1", IntervalGrid.anchoredAt(run.start, Duration.ofMinutes(1))
        .windowEnd(IntervalGrid.toInstant(t5))), run.createdUpto("interleave"));
  }

  @Test
  void shouldReadAPostgresShardsFileWithoutPortAndWithSchemaWhenSourceTypeIsPostgresql()
      throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("pg1"), fixtureDdl());
    // A PostgreSQL entry: no port (5432 by default) and a schema, refused for MySQL.
    Files.writeString(run.shardsFile, "[{\"logicalShardId\":\"pg1\",\"host\":\"127.0.0.1\","
        + "\"user\":\"rr\",\"password\":\"\",\"dbName\":\"db0\",\"schemaName\":\"app\"}]");
    Timestamp t1 = run.data.write(parent2(1));
    run.expect("pg1", "parent2", ModType.INSERT, "{\"id\":\"1\"}", "pg1", t1);

    ReaderMain.main(new String[] {
        "--runner=DirectRunner",
        "--spannerProjectId=" + run.data.projectId(),
        "--instanceId=" + run.data.instanceId(),
        "--databaseId=" + run.data.databaseId(),
        "--metadataDatabase=" + run.metadata.databaseId(),
        "--changeStreamName=allstream",
        "--spannerEmulatorHost=" + spanner.emulatorHost(),
        "--startTimestamp=" + run.start,
        "--endTimestamp=" + t1,
        "--windowDuration=1m",
        "--gcsOutputDirectory=" + run.buffer,
        "--sourceShardsFilePath=" + run.shardsFile,
        "--sourceType=postgresql",
        "--sessionFilePath=" + ReaderRunFixture.resource("/fixtures/interleave/session.json"),
        "--runIdentifier=pgshards",
        "--metadataTableSuffix=",
    });

    assertEquals(run.expectedFiles(Duration.ofMinutes(1)), run.actualFiles());
  }

  private static boolean isInCommitOrder(List<String> described) {
    List<String> commits = described.stream().map(d -> d.substring(d.lastIndexOf('@') + 1)).toList();
    return commits.equals(commits.stream().sorted().toList());
  }
}
