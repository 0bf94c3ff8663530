package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row whose shard id column (outside the primary key) changes moves between two MariaDB
 * shards: a bounded rr launch leaves it only on the new shard, whole, there updated and deleted,
 * under each value capture type rr accepts; rr verify then finds both shards equal to Spanner.
 */
class ShardMoveLaunchIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  private static final String COLUMN = SampleSchema.SHARD_ID_COLUMN;

  @TempDir Path dir;

  private static Mutation account(long id, long balance, String note, String shard) {
    return Mutation.newInsertBuilder("accounts").set("account_id").to(id).set("balance").to(balance)
        .set("note").to(note).set(COLUMN).to(shard).build();
  }

  private static Mutation.WriteBuilder change(long id) {
    return Mutation.newUpdateBuilder("accounts").set("account_id").to(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NEW_ROW", "NEW_ROW_AND_OLD_VALUES", "OLD_AND_NEW_VALUES"})
  void shouldLeaveAMovedRowOnlyOnItsNewShardWholeThenUpdatedAndDeletedThere(String capture)
      throws Exception {
    List<String> ddl = new ArrayList<>(SampleSchema.spannerDdl());
    ddl.add("CREATE CHANGE STREAM rrstream FOR ALL OPTIONS (value_capture_type = '" + capture + "')");
    SpannerTestDatabase spanner = SPANNER.newDatabase(ddl.toArray(String[]::new));
    Map<String, MySqlTestDatabase> shards = new LinkedHashMap<>();
    shards.put("shard1", shardDatabase(0));
    shards.put("shard2", shardDatabase(1));
    Thread.sleep(5);
    Timestamp start = Timestamp.now();
    spanner.write(account(1, 100, "one", "shard1"), account(2, 200, "two", "shard1"),
        account(3, 300, "three", "shard1"));
    // Row 1 moves (only its shard id changes), is updated on shard2, then deleted there.
    spanner.write(change(1).set(COLUMN).to("shard2").build());
    spanner.write(change(1).set("balance").to(150).build());
    spanner.write(Mutation.delete("accounts", Key.of(1)));
    // Row 3 moves with another column changed in the same transaction, and stays.
    spanner.write(change(3).set(COLUMN).to("shard2").set("balance").to(310).build());
    Timestamp end = spanner.write(change(2).set("balance").to(210).build());
    Path session = Files.writeString(dir.resolve("session.json"), SampleSchema.sessionJson(),
        StandardCharsets.UTF_8);
    Path shardsFile = Files.writeString(dir.resolve("shards.json"), LaunchIT.shardsJson(shards));
    List<String> target = List.of("--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--sessionFilePath=" + session,
        "--sourceShardsFilePath=" + shardsFile);

    RrRun launch = rr(target, "launch", "--runner=direct", "--runIdentifier=moves",
        "--metadataDatabase=meta" + Long.toHexString(System.nanoTime() % 0xffffffL),
        "--changeStreamName=rrstream", "--startTimestamp=" + start, "--endTimestamp=" + end,
        "--windowDuration=2s", "--bufferDirectory=" + dir.resolve("buffer"));

    String context = launch.out() + launch.err();
    assertEquals(ExitCode.OK, launch.exitCode(), context);
    assertEquals(List.of("2 210 two"), accounts(shards.get("shard1")), context);
    assertEquals(List.of("3 310 three"), accounts(shards.get("shard2")), context);
    RrRun verify = rr(target, "verify", "--readTimestamp=" + end, "--tables=accounts");
    assertEquals(ExitCode.OK, verify.exitCode(), verify.out() + verify.err());
  }

  private static MySqlTestDatabase shardDatabase(int server) throws Exception {
    MySqlTestDatabase database = MYSQL.server(server).newDatabase();
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      for (String ddl : SampleSchema.mysqlDdl()) {
        statement.execute(ddl);
      }
    }
    return database;
  }

  private static List<String> accounts(MySqlTestDatabase shard) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT account_id, balance, note FROM accounts ORDER BY account_id")) {
      while (row.next()) {
        rows.add(row.getLong(1) + " " + row.getLong(2) + " " + row.getString(3));
      }
    }
    return rows;
  }

  private static RrRun rr(List<String> target, String command, String... options) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(target);
    args.addAll(List.of(options));
    return RrRun.of(args.toArray(String[]::new));
  }
}
