package dev.rr.writer.logic;

import dev.rr.common.mysql.MySqlCatalog;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.common.sink.ShardCatalog.StoredColumnType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the writer needs to know about a shard database's constraints, read once per shard from
 * its catalog ({@link dev.rr.common.sink.ShardDialect#readCatalog}):
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

  /** MySQL types whose values are read back as bytes, not text. */
  private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob",
      "blob", "mediumblob", "longblob", "bit", "geometry", "point", "linestring", "polygon",
      "multipoint", "multilinestring", "multipolygon", "geometrycollection", "bytea");
  /**
   * Types read back as a Java double: a MySQL {@code FLOAT}'s text form keeps 6 digits
   * (PostgreSQL's {@code real} and {@code double precision} too, for one rule).
   */
  private static final Set<String> FLOATING_TYPES = Set.of("float", "double", "real",
      "double precision");

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

  /** Reads the constraints of a MySQL shard (the connection's current database). */
  public static SourceConstraints load(Connection connection) throws SQLException {
    return ofTypes(MySqlCatalog.foreignKeyParents(connection), MySqlCatalog.uniqueTables(connection));
  }

  /** The constraints of a shard's catalog. */
  public static SourceConstraints of(ShardCatalog catalog) {
    return ofTypes(catalog.foreignKeyParents(), catalog.uniqueTables());
  }

  private static SourceConstraints ofTypes(
      Map<String, Set<String>> parents, Map<String, List<StoredColumnType>> uniqueTables) {
    Map<String, List<StoredColumn>> stored = new HashMap<>();
    uniqueTables.forEach((table, columns) -> stored.put(table, columns.stream()
        .map(c -> new StoredColumn(c.name(), ValueKind.of(c.dataType()))).toList()));
    return of(parents, stored);
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
