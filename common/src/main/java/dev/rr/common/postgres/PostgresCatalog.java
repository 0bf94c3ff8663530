package dev.rr.common.postgres;

import dev.rr.common.mysql.LiveColumn;
import dev.rr.common.mysql.LiveSchema;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.schema.SourceType;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.common.sink.ShardCatalog.StoredColumnType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PostgreSQL shard's {@link ShardCatalog} from {@code pg_catalog}: the tables of the
 * connection's current schema (the shard's {@code schemaName}, set as its search path).
 */
public final class PostgresCatalog {
  /**
   * Foreign keys between tables of the current schema: whether each is DEFERRABLE, its name and
   * its delete and update actions ({@code a} no action, {@code r} restrict, {@code c} cascade,
   * {@code n} set null, {@code d} set default).
   */
  static final String FOREIGN_KEYS =
      "SELECT child.relname, parent.relname, c.condeferrable, c.conname, c.confdeltype,"
          + " c.confupdtype FROM pg_constraint c"
          + " JOIN pg_class child ON child.oid = c.conrelid"
          + " JOIN pg_class parent ON parent.oid = c.confrelid"
          + " JOIN pg_namespace n ON n.oid = child.relnamespace"
          + " WHERE c.contype = 'f' AND n.nspname = current_schema()"
          + " ORDER BY child.relname, c.conname";
  /** Whether the user is a superuser, and the server's version number. */
  static final String ROLE =
      "SELECT rolsuper, current_setting('server_version_num')::int FROM pg_roles"
          + " WHERE rolname = current_user";
  /** PostgreSQL 15 and later: whether the user was granted SET on the parameter. */
  static final String REPLICATION_ROLE_GRANTED =
      "SELECT has_parameter_privilege('session_replication_role', 'SET')";
  /** Tables with a UNIQUE index besides the primary key. */
  static final String UNIQUE_SECONDARY =
      "SELECT DISTINCT t.relname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
          + " JOIN pg_namespace n ON n.oid = t.relnamespace"
          + " WHERE n.nspname = current_schema() AND i.indisunique AND NOT i.indisprimary";
  /**
   * Columns of ordinary and partitioned tables, typed as {@code format_type} prints them, with the
   * labels of an enum type in their order (null for other types).
   */
  static final String COLUMNS =
      "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attgenerated <> '',"
          + " (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e"
          + " WHERE e.enumtypid = a.atttypid)"
          + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
          + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum";

  /** {@code name(mods) rest}: {@code numeric(10,2)}, {@code timestamp(3) with time zone}. */
  private static final Pattern TYPE = Pattern.compile("([^(]*)(?:\\((\\d+)(?:,(\\d+))?\\))?(.*)");

  private PostgresCatalog() {}

  /** The catalog of the connection's current schema. */
  public static ShardCatalog read(Connection connection) throws SQLException {
    Map<String, Set<String>> parents = new TreeMap<>();
    boolean allDeferrable = true;
    List<String> acting = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        parents.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(rows.getString(2));
        allDeferrable &= rows.getBoolean(3);
        String name = rows.getString(1) + "." + rows.getString(4);
        action("DELETE", rows.getString(5)).ifPresent(a -> acting.add(name + " " + a));
        action("UPDATE", rows.getString(6)).ifPresent(a -> acting.add(name + " " + a));
      }
    }
    Set<String> unique = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(UNIQUE_SECONDARY);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        unique.add(rows.getString(1));
      }
    }
    List<LiveColumn> columns = new ArrayList<>();
    Map<String, List<StoredColumnType>> uniqueTables = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        SourceType type = parseType(rows.getString(3));
        Array labels = rows.getArray(5);
        if (labels != null) {
          type = SourceType.enumeration(type.name(), List.of((String[]) labels.getArray()));
        }
        LiveColumn column = new LiveColumn(rows.getString(1), rows.getString(2), rows.getString(3),
            type, rows.getBoolean(4));
        columns.add(column);
        if (unique.contains(column.table()) && !column.generated()) {
          uniqueTables.computeIfAbsent(column.table(), t -> new ArrayList<>())
              .add(new StoredColumnType(column.name(), type.name()));
        }
      }
    }
    return new ShardCatalog(parents, uniqueTables, TemporalPrecisions.none(), LiveSchema.of(columns),
        allDeferrable, acting, canSetReplicationRole(connection));
  }

  /** {@code ON DELETE CASCADE} for an action that changes rows; empty for none and restrict. */
  static Optional<String> action(String event, String code) {
    String action = switch (code) {
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      default -> null;
    };
    return Optional.ofNullable(action).map(a -> "ON " + event + " " + a);
  }

  /** True when the user may set {@code session_replication_role}: a superuser, or granted SET. */
  static boolean canSetReplicationRole(Connection connection) throws SQLException {
    boolean granted = false;
    try (PreparedStatement statement = connection.prepareStatement(ROLE);
        ResultSet rows = statement.executeQuery()) {
      if (rows.next()) {
        if (rows.getBoolean(1)) {
          return true;
        }
        granted = rows.getInt(2) >= 150000;
      }
    }
    if (!granted) {
      return false;
    }
    try (PreparedStatement statement = connection.prepareStatement(REPLICATION_ROLE_GRANTED);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() && rows.getBoolean(1);
    }
  }

  /**
   * A {@code format_type} text as a type name (modifiers removed) and its modifiers; an array
   * type is its element type's name followed by {@code []} ({@code numeric(10,2)[]} is {@code
   * numeric[]} with modifiers 10 and 2).
   */
  public static SourceType parseType(String formatted) {
    String text = formatted.trim();
    if (text.endsWith("[]")) {
      SourceType element = parseType(text.substring(0, text.length() - 2));
      return new SourceType(element.name() + "[]", element.mods(), false);
    }
    Matcher m = TYPE.matcher(text);
    if (!m.matches()) {
      return new SourceType(formatted, List.of(), false);
    }
    List<Long> mods = new ArrayList<>();
    if (m.group(2) != null) {
      mods.add(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      mods.add(Long.parseLong(m.group(3)));
    }
    String name = (m.group(1).trim() + " " + m.group(4).trim()).trim().toLowerCase(Locale.ROOT);
    return new SourceType(name, mods, false);
  }
}
