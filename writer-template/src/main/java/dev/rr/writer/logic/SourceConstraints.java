package dev.rr.writer.logic;

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

/**
 * What the writer needs to know about a shard database's constraints, read once per shard from
 * {@code information_schema}:
 *
 * <ul>
 *   <li>foreign keys: statements go parents first for writes and children first for deletes
 *       ({@link #rank}). Nothing depends on it: the writer applies with foreign-key checks off
 *       ({@link BatchWriter}); the order only keeps the statements of a batch predictable;
 *   <li>tables with a UNIQUE secondary index, and the stored (not generated) columns of each:
 *       their rows are never upserted but deleted and inserted again ({@link UniqueKeyRewrite}),
 *       since MySQL's {@code ON DUPLICATE KEY UPDATE} fires on any unique key.
 * </ul>
 */
public final class SourceConstraints {
  /** Rank of a table the shard does not list (it has no known foreign keys). */
  static final int UNKNOWN_RANK = 0;

  private static final String FOREIGN_KEYS =
      "SELECT TABLE_NAME, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE"
          + " WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_SCHEMA = DATABASE()"
          + " AND REFERENCED_TABLE_NAME IS NOT NULL";
  private static final String UNIQUE_SECONDARY =
      "SELECT DISTINCT TABLE_NAME FROM information_schema.STATISTICS"
          + " WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY'";
  /**
   * Stored columns in table order: MySQL 8 has an empty generation expression for them, MariaDB
   * NULL.
   */
  private static final String STORED_COLUMNS =
      "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
          + " WHERE TABLE_SCHEMA = DATABASE()"
          + " AND (GENERATION_EXPRESSION IS NULL OR GENERATION_EXPRESSION = '')"
          + " ORDER BY TABLE_NAME, ORDINAL_POSITION";
  /** MySQL types whose values are read back as bytes, not text. */
  private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob",
      "blob", "mediumblob", "longblob", "bit", "geometry", "point", "linestring", "polygon",
      "multipoint", "multilinestring", "multipolygon", "geometrycollection");
  /** MySQL types read back as a Java double: a {@code FLOAT}'s text form keeps 6 digits. */
  private static final Set<String> FLOATING_TYPES = Set.of("float", "double", "real");

  /** How a column's value is read back so that binding it again writes the same value. */
  public enum ValueKind {
    /** {@code getString}: the server converts text back exactly (numbers, dates, strings). */
    TEXT,
    /** {@code getBytes}: binary strings, bits, spatial values. */
    BYTES,
    /** Read as {@code CAST(c AS DOUBLE)} with {@code getDouble}: exact for FLOAT and DOUBLE. */
    FLOATING;

    static ValueKind of(String dataType) {
      String type = dataType.toLowerCase(Locale.ROOT);
      return BINARY_TYPES.contains(type) ? BYTES
          : FLOATING_TYPES.contains(type) ? FLOATING : TEXT;
    }
  }

  /**
   * A stored column of a source table.
   *
   * @param name column name
   * @param kind how its values are read back
   */
  public record StoredColumn(String name, ValueKind kind) {}

  private final Map<String, Integer> ranks;
  private final Map<String, List<StoredColumn>> uniqueTables;

  private SourceConstraints(Map<String, Integer> ranks, Map<String, List<StoredColumn>> unique) {
    this.ranks = ranks;
    this.uniqueTables = unique;
  }

  /** No constraints known: every table ranks equal and has no UNIQUE secondary index. */
  public static SourceConstraints none() {
    return of(Map.of(), Map.of());
  }

  /**
   * Constraints from their parts.
   *
   * @param parents table -> tables its foreign keys reference
   * @param uniqueTables table with a UNIQUE index besides the primary key -> its stored columns
   */
  public static SourceConstraints of(
      Map<String, Set<String>> parents, Map<String, List<StoredColumn>> uniqueTables) {
    Map<String, Integer> ranks = new HashMap<>();
    for (String table : new TreeSet<>(parents.keySet())) {
      rank(table, parents, ranks, new HashSet<>());
    }
    Map<String, Integer> byLowerName = new HashMap<>();
    ranks.forEach((table, rank) -> byLowerName.put(table.toLowerCase(Locale.ROOT), rank));
    Map<String, List<StoredColumn>> unique = new HashMap<>();
    uniqueTables.forEach((table, columns) ->
        unique.put(table.toLowerCase(Locale.ROOT), List.copyOf(columns)));
    return new SourceConstraints(byLowerName, unique);
  }

  /** Reads the constraints of the connection's current database. */
  public static SourceConstraints load(Connection connection) throws SQLException {
    Map<String, Set<String>> parents = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        parents.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(rows.getString(2));
      }
    }
    Set<String> unique = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(UNIQUE_SECONDARY);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        unique.add(rows.getString(1));
      }
    }
    Map<String, List<StoredColumn>> uniqueTables = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(STORED_COLUMNS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        if (unique.contains(rows.getString(1))) {
          uniqueTables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
              .add(new StoredColumn(rows.getString(2), ValueKind.of(rows.getString(3))));
        }
      }
    }
    return of(parents, uniqueTables);
  }

  /**
   * Depth in the foreign-key graph: 0 for tables referencing no other table, else one more than
   * the deepest table referenced. Upserts run in ascending rank, deletes in descending rank.
   */
  public int rank(String table) {
    return ranks.getOrDefault(table.toLowerCase(Locale.ROOT), UNKNOWN_RANK);
  }

  /**
   * The stored columns of {@code table} when it has a UNIQUE secondary index, else empty: rows of
   * such a table are rewritten, never upserted ({@link UniqueKeyRewrite}).
   */
  public Optional<List<StoredColumn>> uniqueTableColumns(String table) {
    return Optional.ofNullable(uniqueTables.get(table.toLowerCase(Locale.ROOT)));
  }

  private static int rank(
      String table, Map<String, Set<String>> parents, Map<String, Integer> ranks,
      Set<String> path) {
    Integer known = ranks.get(table);
    if (known != null) {
      return known;
    }
    path.add(table);
    int rank = 0;
    for (String parent : parents.getOrDefault(table, Set.of())) {
      // A cycle (a self-reference included) adds nothing: checks are off while applying.
      if (!path.contains(parent)) {
        rank = Math.max(rank, rank(parent, parents, ranks, path) + 1);
      }
    }
    path.remove(table);
    ranks.put(table, rank);
    return rank;
  }
}
