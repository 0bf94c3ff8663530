package dev.rr.launcher.launch;

import dev.rr.launcher.RrRun;
import dev.rr.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the ITs that run {@code rr} against private PostgreSQL shards share. */
public final class PostgresShardsFixture {
  private PostgresShardsFixture() {}

  /** A shards file entry for {@code database}, left open (the caller adds fields and the brace). */
  public static String entry(String id, PostgresTestDatabase database) {
    return String.format("{\"logicalShardId\":\"%s\",\"host\":\"%s\",\"port\":%d,\"user\":\"%s\","
        + "\"password\":\"%s\",\"dbName\":\"%s\"", id, database.host(), database.port(),
        database.user(), database.password(), database.name());
  }

  /** Accounts matching {@code where} as {@code id:balance:note}, by id, joined with {@code |}. */
  public static String accounts(PostgresTestDatabase database, String where) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT account_id, balance, note FROM accounts"
            + " WHERE " + where + " ORDER BY account_id")) {
      while (row.next()) {
        rows.add(row.getLong(1) + ":" + row.getLong(2) + ":" + row.getString(3));
      }
    }
    return String.join("|", rows);
  }

  /** {@code rr command} with the {@code target} options (Spanner, shards) and {@code options}. */
  public static RrRun rr(List<String> target, String command, String... options) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(target);
    args.addAll(List.of(options));
    return RrRun.of(args.toArray(String[]::new));
  }
}
