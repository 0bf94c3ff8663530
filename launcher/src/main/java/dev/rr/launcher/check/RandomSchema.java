package dev.rr.launcher.check;

import dev.rr.common.config.WriterConfig.SourceType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random schema within what Spanner and MySQL both accept: 1-8 tables, single and
 * composite keys of integers and strings (some with a case-insensitive collation on the MySQL side),
 * interleaved children with {@code ON DELETE CASCADE}, foreign keys (some self-referencing, some of
 * those {@code ON DELETE CASCADE}), unique
 * secondary indexes, nullable columns of the mapped types, a Spanner-only shard-id column inside
 * the primary key (as {@code migration_shard_id} in a sharded migration) or outside it, and MySQL
 * tables and columns renamed in the session. The same seed gives the same schema. {@link
 * SchemaDdl} writes its DDL for both sides and {@link SchemaSession} its session file.
 */
public final class RandomSchema {
  /** The Spanner-only column that routes each row to its shard. */
  public static final String SHARD_COLUMN = "migration_shard_id";
  /** Length of a MySQL string value column: a longer Spanner value is rejected there. */
  public static final int TEXT_LENGTH = 64;
  private static final int MAX_TABLES = 8;

  /** What a schema exercises; the CI seed set covers every one. */
  public enum Feature {
    COMPOSITE_KEY, STRING_KEY, CASE_INSENSITIVE_KEY, INTERLEAVED_CASCADE, FOREIGN_KEY,
    SELF_REFERENCE, SELF_REFERENCE_CASCADE, UNIQUE_INDEX, NULLABLE_TYPES, SHARD_IN_KEY,
    SHARD_OUTSIDE_KEY, RENAMED
  }

  /** A column type on both sides. */
  public enum Kind {
    INT("INT64", "INT64", "bigint", List.of(), "bigint"),
    /** An INT64 whose MySQL column is a 32-bit {@code int}: values within its range. */
    INT32("INT64", "INT64", "int", List.of(), "integer"),
    TEXT("STRING(MAX)", "STRING", "varchar", List.of((long) TEXT_LENGTH), "varchar(" + TEXT_LENGTH + ")"),
    KEY_TEXT("STRING(MAX)", "STRING", "varchar", List.of(40L), "varchar(40)"),
    BOOL("BOOL", "BOOL", "tinyint", List.of(1L), "boolean"),
    DOUBLE("FLOAT64", "FLOAT64", "double", List.of(), "double precision"),
    DECIMAL("NUMERIC", "NUMERIC", "decimal", List.of(38L, 9L), "numeric(38,9)"),
    DATE("DATE", "DATE", "date", List.of(), "date"),
    TIME("TIMESTAMP", "TIMESTAMP", "datetime", List.of(6L), "timestamp(6) without time zone"),
    /** PostgreSQL's {@code bytea} has no length: a longer value is not rejected there. */
    BYTES("BYTES(MAX)", "BYTES", "varbinary", List.of(64L), "bytea");

    final String spannerDdl;
    final String spannerName;
    final String mysqlName;
    final List<Long> mysqlMods;
    /** The PostgreSQL type as DDL writes it. */
    final String postgresType;

    Kind(String spannerDdl, String spannerName, String mysqlName, List<Long> mysqlMods,
        String postgresType) {
      this.spannerDdl = spannerDdl;
      this.spannerName = spannerName;
      this.mysqlName = mysqlName;
      this.mysqlMods = mysqlMods;
      this.postgresType = postgresType;
    }

    /**
     * Whether a value longer than the column holds is rejected on shards of {@code target}: string
     * and bytes on MySQL; only strings on PostgreSQL ({@code bytea} has no length).
     */
    public boolean rejectsOverflow(SourceType target) {
      return this == TEXT || this == BYTES && target == SourceType.MYSQL;
    }

    /** The MySQL type as DDL writes it, e.g. {@code varchar(64)}. */
    public String mysqlType() {
      if (mysqlMods.isEmpty()) {
        return mysqlName;
      }
      StringBuilder text = new StringBuilder(mysqlName).append('(');
      for (int i = 0; i < mysqlMods.size(); i++) {
        text.append(i == 0 ? "" : ",").append(mysqlMods.get(i));
      }
      return text.append(')').toString();
    }
  }

  /** What a column is for. */
  public enum Role { KEY, VALUE, UNIQUE, REFERENCE, SHARD }

  /**
   * One column.
   *
   * @param spanner its Spanner name
   * @param mysql its MySQL name (null for the Spanner-only shard column)
   * @param caseInsensitive a string key compared case-insensitively by MySQL
   * @param mysqlType the MySQL column type as DDL writes it (the kind's own for a random schema,
   *     the session's for an operator's)
   */
  public record Column(String spanner, String mysql, Kind kind, boolean nullable, Role role,
      boolean caseInsensitive, String mysqlType) {
    /** A column of the kind's own MySQL type. */
    public Column(String spanner, String mysql, Kind kind, boolean nullable, Role role,
        boolean caseInsensitive) {
      this(spanner, mysql, kind, nullable, role, caseInsensitive, kind.mysqlType());
    }
  }

  /**
   * One table.
   *
   * @param key the Spanner primary key, the parent's key first (the shard column included when
   *     {@code shardInKey}); the MySQL key is the same without the shard column
   * @param parent the Spanner name of the parent it is interleaved in, or null
   * @param references the Spanner name of the table its reference column points to (itself for a
   *     self-reference), or null
   * @param cascades its foreign key is {@code ON DELETE CASCADE} (on both sides): deleting the
   *     referenced row deletes the rows pointing to it
   */
  public record Table(String spanner, String mysql, List<Column> columns, List<String> key,
      String parent, boolean shardInKey, String references, boolean cascades) {
    /** A table whose foreign key, if any, has no action. */
    public Table(String spanner, String mysql, List<Column> columns, List<String> key,
        String parent, boolean shardInKey, String references) {
      this(spanner, mysql, columns, key, parent, shardInKey, references, false);
    }

    /** The column named {@code spanner}. */
    public Column column(String spanner) {
      return columns.stream().filter(c -> c.spanner().equals(spanner)).findFirst().orElseThrow();
    }

    /** The columns of {@code role}. */
    public List<Column> columns(Role role) {
      return columns.stream().filter(c -> c.role() == role).toList();
    }

    /** The Spanner key without the shard column: the MySQL key, in Spanner names. */
    public List<String> sourceKey() {
      return key.stream().filter(k -> shardColumn().map(s -> !s.spanner().equals(k)).orElse(true)).toList();
    }

    /** The Spanner-only column that routes a row to its shard; empty in an unsharded schema. */
    public Optional<Column> shardColumn() {
      return columns(Role.SHARD).stream().findFirst();
    }

    public Optional<Column> unique() {
      return columns(Role.UNIQUE).stream().findFirst();
    }

    public Optional<Column> reference() {
      return columns(Role.REFERENCE).stream().findFirst();
    }
  }

  private final long seed;
  private final List<Table> tables;

  private RandomSchema(long seed, List<Table> tables) {
    this.seed = seed;
    this.tables = List.copyOf(tables);
  }

  public long seed() {
    return seed;
  }

  /** The tables, every parent before its children and every referenced table before its referrers. */
  public List<Table> tables() {
    return tables;
  }

  public Table table(String spanner) {
    return tables.stream().filter(t -> t.spanner().equals(spanner)).findFirst().orElseThrow();
  }

  /** The tables interleaved directly in {@code parent}. */
  public List<Table> children(String parent) {
    return tables.stream().filter(t -> parent.equals(t.parent())).toList();
  }

  /** The tables whose reference column points to {@code target} (itself included). */
  public List<Table> referrers(String target) {
    return tables.stream().filter(t -> target.equals(t.references())).toList();
  }

  /**
   * A schema of the given tables (every parent before its children, every referenced table before
   * its referrers), e.g. one read from an operator's session file; {@code seed} names it.
   */
  public static RandomSchema of(long seed, List<Table> tables) {
    return new RandomSchema(seed, tables);
  }

  /** The schema of seed {@code seed}. */
  public static RandomSchema generate(long seed) {
    // Neighbouring seeds give java.util.Random nearly the same first values: mix the seed first.
    Random random = new Random(new java.util.SplittableRandom(seed).nextLong());
    int count = 1 + random.nextInt(MAX_TABLES);
    List<Table> tables = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      List<Table> parents = tables.stream().filter(t -> depth(tables, t) < 2).toList();
      Table parent = !parents.isEmpty() && random.nextInt(3) == 0
          ? parents.get(random.nextInt(parents.size())) : null;
      tables.add(table(random, i, parent));
    }
    // A stream of its own, so that every draw above, and so every schema feature a seed had
    // before foreign-key actions were drawn, stays as it was.
    Random actions = new Random(new java.util.SplittableRandom(~seed).nextLong());
    return new RandomSchema(seed, withReferences(random, actions, tables));
  }

  private static Table table(Random random, int index, Table parent) {
    String name = "tab" + index;
    List<Column> columns = new ArrayList<>();
    List<String> key = new ArrayList<>();
    boolean shardInKey = parent == null ? random.nextInt(3) == 0 : parent.shardInKey();
    if (shardInKey) {
      key.add(SHARD_COLUMN);
    }
    if (parent != null) {
      for (String inherited : parent.key()) {
        if (!inherited.equals(SHARD_COLUMN)) {
          Column from = parent.column(inherited);
          columns.add(new Column(inherited, rename(random, inherited), from.kind(), false, Role.KEY,
              from.caseInsensitive()));
          key.add(inherited);
        }
      }
    }
    int ownKeys = parent == null && random.nextInt(5) < 2 ? 2 : 1;
    for (int k = 1; k <= ownKeys; k++) {
      String column = "k" + index + "_" + k;
      boolean text = random.nextInt(5) < 2;
      columns.add(new Column(column, rename(random, column), text ? Kind.KEY_TEXT : Kind.INT, false,
          Role.KEY, text && random.nextBoolean()));
      key.add(column);
    }
    int values = 1 + random.nextInt(4);
    Kind[] kinds = {Kind.INT, Kind.TEXT, Kind.BOOL, Kind.DOUBLE, Kind.DECIMAL, Kind.DATE, Kind.TIME, Kind.BYTES};
    for (int v = 1; v <= values; v++) {
      String column = "v" + v;
      columns.add(new Column(column, rename(random, column), kinds[random.nextInt(kinds.length)],
          random.nextInt(10) < 7, Role.VALUE, false));
    }
    if (random.nextInt(3) == 0) {
      columns.add(new Column("code", rename(random, "code"), random.nextBoolean() ? Kind.INT : Kind.KEY_TEXT,
          false, Role.UNIQUE, false));
    }
    columns.add(new Column(SHARD_COLUMN, null, Kind.TEXT, !shardInKey, Role.SHARD, false));
    return new Table(name, random.nextBoolean() ? "src_" + name : name, columns, key,
        parent == null ? null : parent.spanner(), shardInKey, null);
  }

  /**
   * Adds reference columns: a foreign key may point to a root table keyed by one integer with its
   * shard column outside the key (a key MySQL and Spanner both hold once), from another root
   * table or from the table itself; half the self-references ({@code actions} decides) are
   * {@code ON DELETE CASCADE}: deleting a category deletes its subcategories, theirs, and so on.
   */
  private static List<Table> withReferences(Random random, Random actions, List<Table> tables) {
    List<String> targets = tables.stream()
        .filter(t -> t.parent() == null && !t.shardInKey() && t.key().size() == 1
            && t.column(t.key().get(0)).kind() == Kind.INT)
        .map(Table::spanner).toList();
    List<Table> result = new ArrayList<>();
    for (Table table : tables) {
      List<String> candidates = targets.stream()
          .filter(t -> t.equals(table.spanner()) || tables.indexOf(find(tables, t)) < tables.indexOf(table))
          .toList();
      if (table.parent() != null || candidates.isEmpty() || random.nextInt(5) >= 3) {
        result.add(table);
        continue;
      }
      String target = candidates.get(random.nextInt(candidates.size()));
      List<Column> columns = new ArrayList<>(table.columns());
      columns.add(columns.size() - 1, new Column("ref", rename(random, "ref"), Kind.INT, true, Role.REFERENCE, false));
      boolean cascades = target.equals(table.spanner()) && actions.nextBoolean();
      result.add(new Table(table.spanner(), table.mysql(), columns, table.key(), null, table.shardInKey(),
          target, cascades));
    }
    return result;
  }

  private static Table find(List<Table> tables, String spanner) {
    return tables.stream().filter(t -> t.spanner().equals(spanner)).findFirst().orElseThrow();
  }

  private static int depth(List<Table> tables, Table table) {
    return table.parent() == null ? 0 : 1 + depth(tables, find(tables, table.parent()));
  }

  private static String rename(Random random, String name) {
    return random.nextInt(10) < 3 ? "m_" + name : name;
  }

  /** The features this schema exercises. */
  public Set<Feature> features() {
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    for (Table table : tables) {
      List<Column> keys = table.columns(Role.KEY);
      add(features, Feature.COMPOSITE_KEY, table.sourceKey().size() > 1);
      add(features, Feature.STRING_KEY, keys.stream().anyMatch(c -> c.kind() == Kind.KEY_TEXT));
      add(features, Feature.CASE_INSENSITIVE_KEY, keys.stream().anyMatch(Column::caseInsensitive));
      add(features, Feature.INTERLEAVED_CASCADE, table.parent() != null);
      add(features, Feature.FOREIGN_KEY, table.references() != null && !table.references().equals(table.spanner()));
      add(features, Feature.SELF_REFERENCE, table.spanner().equals(table.references()));
      add(features, Feature.SELF_REFERENCE_CASCADE, table.spanner().equals(table.references()) && table.cascades());
      add(features, Feature.UNIQUE_INDEX, table.unique().isPresent());
      add(features, Feature.NULLABLE_TYPES, table.columns(Role.VALUE).stream().anyMatch(Column::nullable));
      add(features, table.shardInKey() ? Feature.SHARD_IN_KEY : Feature.SHARD_OUTSIDE_KEY, true);
      add(features, Feature.RENAMED, !table.mysql().equals(table.spanner())
          || table.columns().stream().anyMatch(c -> c.mysql() != null && !c.mysql().equals(c.spanner())));
    }
    return features;
  }

  private static void add(Set<Feature> features, Feature feature, boolean present) {
    if (present) {
      features.add(feature);
    }
  }

  /** One line per table, e.g. {@code tab2 -> src_tab2 key(k2_1 INT) in tab1 ref->tab1 unique(code)}. */
  public String describe() {
    return describe("seed " + seed);
  }

  /** The same, the schema named {@code origin} (e.g. the session file it was read from). */
  public String describe(String origin) {
    StringBuilder text = new StringBuilder("schema of " + origin + " (" + tables.size() + " tables, "
        + features() + "):");
    for (Table table : tables) {
      text.append("\n  ").append(table.spanner()).append(" -> ").append(table.mysql()).append(" key(");
      for (int i = 0; i < table.key().size(); i++) {
        Column column = table.column(table.key().get(i));
        text.append(i == 0 ? "" : ", ").append(column.spanner()).append(' ').append(column.kind())
            .append(column.caseInsensitive() ? " ci" : "");
      }
      text.append(')');
      if (table.parent() != null) {
        text.append(" in ").append(table.parent()).append(" on delete cascade");
      }
      if (table.references() != null) {
        text.append(" ref->").append(table.references()).append(table.cascades() ? " on delete cascade" : "");
      }
      table.unique().ifPresent(u -> text.append(" unique(").append(u.spanner()).append(')'));
      for (Column value : table.columns(Role.VALUE)) {
        text.append(' ').append(value.spanner()).append('=').append(value.kind()).append(value.nullable() ? "?" : "");
      }
    }
    return text.toString();
  }
}
