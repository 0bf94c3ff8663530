package dev.rr.writer.logic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a shard database's constraints allow the writer to reorder inside one MySQL transaction,
 * read once per shard from {@code information_schema}:
 *
 * <ul>
 *   <li>foreign keys: upserts go parents first and deletes children first ({@link #rank});
 *   <li>tables in a foreign-key cycle (including self-references) or with a UNIQUE secondary
 *       index are <em>ordered</em>: their rows are written in commit order, never merged across
 *       Spanner transactions, because the order of rows inside the table matters;
 *   <li>a delete and a later upsert of different keys of one table may swap only when the table
 *       is <em>reorder-safe</em>: no UNIQUE secondary index and no primary-key column with a
 *       case- or accent-insensitive collation (where two distinct Spanner keys are one MySQL row).
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
  private static final String COLLATED_KEYS =
      "SELECT DISTINCT k.TABLE_NAME, c.COLLATION_NAME FROM information_schema.KEY_COLUMN_USAGE k"
          + " JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA"
          + " AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME"
          + " WHERE k.TABLE_SCHEMA = DATABASE() AND k.CONSTRAINT_NAME = 'PRIMARY'"
          + " AND c.COLLATION_NAME IS NOT NULL";

  private final Map<String, Integer> ranks;
  private final Set<String> ordered;
  private final Set<String> reorderUnsafe;

  private SourceConstraints(
      Map<String, Integer> ranks, Set<String> ordered, Set<String> reorderUnsafe) {
    this.ranks = ranks;
    this.ordered = ordered;
    this.reorderUnsafe = reorderUnsafe;
  }

  /** No constraints known: every table ranks equal, is unordered and reorder-safe. */
  public static SourceConstraints none() {
    return of(Map.of(), Set.of(), Set.of());
  }

  /**
   * Constraints from their parts.
   *
   * @param parents table -> tables its foreign keys reference
   * @param uniqueSecondary tables with a UNIQUE index besides the primary key
   * @param collatedKeys tables with a primary-key column compared case- or accent-insensitively
   */
  public static SourceConstraints of(
      Map<String, Set<String>> parents, Set<String> uniqueSecondary, Set<String> collatedKeys) {
    Map<String, Integer> ranks = new HashMap<>();
    Set<String> cyclic = new HashSet<>();
    for (String table : new TreeSet<>(parents.keySet())) {
      rank(table, parents, ranks, new LinkedHashMap<>(), cyclic);
    }
    Set<String> ordered = lowerCase(cyclic);
    ordered.addAll(lowerCase(uniqueSecondary));
    Set<String> unsafe = new HashSet<>(ordered);
    unsafe.addAll(lowerCase(collatedKeys));
    Map<String, Integer> byLowerName = new HashMap<>();
    ranks.forEach((table, rank) -> byLowerName.put(table.toLowerCase(Locale.ROOT), rank));
    return new SourceConstraints(byLowerName, ordered, unsafe);
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
    Set<String> collated = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(COLLATED_KEYS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String collation = rows.getString(2).toLowerCase(Locale.ROOT);
        // _bin collations compare bytes (or code points): distinct keys stay distinct.
        if (!collation.endsWith("_bin")) {
          collated.add(rows.getString(1));
        }
      }
    }
    return of(parents, unique, collated);
  }

  /**
   * Depth in the foreign-key graph: 0 for tables referencing no other table, else one more than
   * the deepest table referenced. Upserts run in ascending rank, deletes in descending rank.
   */
  public int rank(String table) {
    return ranks.getOrDefault(table.toLowerCase(Locale.ROOT), UNKNOWN_RANK);
  }

  /** True when the table's rows must be written in commit order (see the class comment). */
  public boolean isOrdered(String table) {
    return ordered.contains(table.toLowerCase(Locale.ROOT));
  }

  /** True when a delete and a later upsert of different keys of the table may swap. */
  public boolean isReorderSafe(String table) {
    return !reorderUnsafe.contains(table.toLowerCase(Locale.ROOT));
  }

  private static int rank(
      String table,
      Map<String, Set<String>> parents,
      Map<String, Integer> ranks,
      LinkedHashMap<String, Boolean> path,
      Set<String> cyclic) {
    Integer known = ranks.get(table);
    if (known != null) {
      return known;
    }
    path.put(table, Boolean.TRUE);
    int rank = 0;
    for (String parent : parents.getOrDefault(table, Set.of())) {
      if (path.containsKey(parent)) {
        // A cycle: every table on the path from the parent back to here is part of it.
        boolean inCycle = false;
        for (String member : path.keySet()) {
          inCycle |= member.equals(parent);
          if (inCycle) {
            cyclic.add(member);
          }
        }
        continue;
      }
      rank = Math.max(rank, rank(parent, parents, ranks, path, cyclic) + 1);
    }
    path.remove(table);
    ranks.put(table, rank);
    return rank;
  }

  private static Set<String> lowerCase(Set<String> tables) {
    Set<String> lower = new HashSet<>();
    tables.forEach(t -> lower.add(t.toLowerCase(Locale.ROOT)));
    return lower;
  }
}
