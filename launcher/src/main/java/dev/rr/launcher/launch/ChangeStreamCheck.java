package dev.rr.launcher.launch;

import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the run's change stream when missing, or checks that an existing one fits. */
public final class ChangeStreamCheck {
  private static final String EXISTS =
      "SELECT CHANGE_STREAM_NAME FROM INFORMATION_SCHEMA.CHANGE_STREAMS WHERE CHANGE_STREAM_NAME = @name";
  private static final String CAPTURE_TYPE =
      "SELECT OPTION_VALUE FROM INFORMATION_SCHEMA.CHANGE_STREAM_OPTIONS"
          + " WHERE CHANGE_STREAM_NAME = @name AND OPTION_NAME = 'value_capture_type'";

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
    if (!exists(client, name)) {
      admin.updateDatabaseDdl(instanceId, databaseId, List.of(ChangeStreamDdl.create(name)), null)
          .get(10, TimeUnit.MINUTES);
      return "created change stream " + name + " (NEW_ROW, retention 7d)";
    }
    String type = captureType(client, name).orElse(ChangeStreamDdl.DEFAULT_CAPTURE_TYPE);
    if (!ChangeStreamDdl.ACCEPTED_CAPTURE_TYPES.contains(type)) {
      throw new IllegalStateException("change stream " + name + " has value_capture_type " + type
          + ", which lacks the unchanged columns the writer needs; use one of "
          + ChangeStreamDdl.ACCEPTED_CAPTURE_TYPES.stream().sorted().toList()
          + " (ALTER CHANGE STREAM " + name + " SET OPTIONS (value_capture_type = 'NEW_ROW'))");
    }
    return "change stream " + name + " exists (value_capture_type " + type + ")";
  }

  static boolean exists(DatabaseClient client, String name) {
    try (ResultSet rows = client.singleUse()
        .executeQuery(Statement.newBuilder(EXISTS).bind("name").to(name).build())) {
      return rows.next();
    }
  }

  static Optional<String> captureType(DatabaseClient client, String name) {
    try (ResultSet rows = client.singleUse()
        .executeQuery(Statement.newBuilder(CAPTURE_TYPE).bind("name").to(name).build())) {
      return rows.next() ? Optional.of(rows.getString(0).replace("'", "").replace("\"", "").trim())
          : Optional.empty();
    }
  }
}
