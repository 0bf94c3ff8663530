package dev.rr.launcher.launch;

import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the run's change stream when missing, or checks that an existing one fits. */
public final class ChangeStreamCheck {
  private static final String EXISTS_GOOGLESQL =
      "SELECT CHANGE_STREAM_NAME FROM INFORMATION_SCHEMA.CHANGE_STREAMS WHERE CHANGE_STREAM_NAME = @p1";
  private static final String CAPTURE_TYPE_GOOGLESQL =
      "SELECT OPTION_VALUE FROM INFORMATION_SCHEMA.CHANGE_STREAM_OPTIONS"
          + " WHERE CHANGE_STREAM_NAME = @p1 AND OPTION_NAME = 'value_capture_type'";
  private static final String EXISTS_POSTGRESQL =
      "SELECT change_stream_name FROM information_schema.change_streams"
          + " WHERE change_stream_name = $1";
  private static final String CAPTURE_TYPE_POSTGRESQL =
      "SELECT option_value FROM information_schema.change_stream_options"
          + " WHERE change_stream_name = $1 AND option_name = 'value_capture_type'";

  private ChangeStreamCheck() {}

  /**
   * Ensures change stream {@code name} exists with a capture type the writer can use.
   *
   * @return what was done, for the launch log
   * @throws IllegalStateException when an existing stream has an unusable capture type
   */
  public static String ensure(DatabaseClient client, DatabaseAdminClient admin, String instanceId,
      String databaseId, String name) throws InterruptedException, ExecutionException, TimeoutException {
    ChangeStreamDdl.requireValidName(name);
    Dialect dialect = client.getDialect();
    if (!exists(client, dialect, name)) {
      admin.updateDatabaseDdl(instanceId, databaseId,
              List.of(ChangeStreamDdl.create(name, dialect)), null)
          .get(10, TimeUnit.MINUTES);
      return "created change stream " + name + " (NEW_ROW, retention 7d)";
    }
    String type = captureType(client, dialect, name).orElse(ChangeStreamDdl.DEFAULT_CAPTURE_TYPE);
    if (!ChangeStreamDdl.ACCEPTED_CAPTURE_TYPES.contains(type)) {
      throw new IllegalStateException("change stream " + name + " of database " + databaseId
          + " has value_capture_type " + type
          + ", which lacks the unchanged columns the writer needs; use one of "
          + ChangeStreamDdl.ACCEPTED_CAPTURE_TYPES.stream().sorted().toList()
          + " (" + ChangeStreamDdl.setNewRow(name, dialect) + ")");
    }
    return "change stream " + name + " exists (value_capture_type " + type + ")";
  }

  static boolean exists(DatabaseClient client, Dialect dialect, String name) {
    String sql = dialect == Dialect.POSTGRESQL ? EXISTS_POSTGRESQL : EXISTS_GOOGLESQL;
    try (ResultSet rows = client.singleUse()
        .executeQuery(Statement.newBuilder(sql).bind("p1").to(name).build())) {
      return rows.next();
    }
  }

  static Optional<String> captureType(DatabaseClient client, Dialect dialect, String name) {
    String sql = dialect == Dialect.POSTGRESQL ? CAPTURE_TYPE_POSTGRESQL : CAPTURE_TYPE_GOOGLESQL;
    try (ResultSet rows = client.singleUse()
        .executeQuery(Statement.newBuilder(sql).bind("p1").to(name).build())) {
      return rows.next() ? Optional.of(rows.getString(0).replace("'", "").replace("\"", "").trim())
          : Optional.empty();
    }
  }
}
