package dev.rr.launcher.launch;

import com.google.cloud.spanner.Dialect;
import java.util.Set;
import java.util.regex.Pattern;

/** The change stream the launcher creates when it is missing, and which existing ones it accepts. */
public final class ChangeStreamDdl {
  /** Capture types that give the writer whole rows (NEW_VALUES lacks unchanged columns). */
  public static final Set<String> ACCEPTED_CAPTURE_TYPES =
      Set.of("NEW_ROW", "NEW_ROW_AND_OLD_VALUES", "OLD_AND_NEW_VALUES");

  /** What Spanner reports when a stream was created without {@code value_capture_type}. */
  public static final String DEFAULT_CAPTURE_TYPE = "OLD_AND_NEW_VALUES";

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

  private ChangeStreamDdl() {}

  /**
   * {@code CREATE CHANGE STREAM <name> FOR ALL OPTIONS (value_capture_type = 'NEW_ROW',
   * retention_period = '7d')}.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid change stream name
   */
  public static String create(String name) {
    return create(name, Dialect.GOOGLE_STANDARD_SQL);
  }

  /**
   * The same stream in {@code dialect}: PostgreSQL spells {@code OPTIONS (...)} as {@code WITH
   * (...)}.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid change stream name
   */
  public static String create(String name, Dialect dialect) {
    requireValidName(name);
    return "CREATE CHANGE STREAM " + name + " FOR ALL " + options(dialect)
        + " (value_capture_type = 'NEW_ROW', retention_period = '7d')";
  }

  /** The statement that makes stream {@code name} capture whole rows, in {@code dialect}. */
  public static String setNewRow(String name, Dialect dialect) {
    requireValidName(name);
    return "ALTER CHANGE STREAM " + name + " SET "
        + (dialect == Dialect.POSTGRESQL ? "" : "OPTIONS ") + "(value_capture_type = 'NEW_ROW')";
  }

  private static String options(Dialect dialect) {
    return dialect == Dialect.POSTGRESQL ? "WITH" : "OPTIONS";
  }

  /** Drops the stream (used by {@code rr drop --drop-change-stream}). */
  public static String drop(String name) {
    requireValidName(name);
    return "DROP CHANGE STREAM " + name;
  }

  /** Throws naming the value when {@code name} is not a valid change stream identifier. */
  public static void requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "changeStreamName '" + name + "' is not a valid name: a letter, then letters, digits or _");
    }
  }
}
