package dev.rr.launcher.check;

import dev.rr.launcher.check.RandomSchema.Column;
import dev.rr.launcher.check.RandomSchema.Role;
import dev.rr.launcher.check.RandomSchema.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The DDL of a {@link RandomSchema}: Spanner's (tables parents first, unique indexes, then
 * foreign keys) and MySQL's (the renamed tables and columns, the same keys without the shard
 * column, foreign keys for interleaving and references, each with its {@code ON DELETE CASCADE}
 * when it has one, string keys {@code utf8mb4_bin} or, when
 * case-insensitive, {@code utf8mb4_general_ci}) and PostgreSQL's (the same tables, keys and
 * actions; every foreign key {@code DEFERRABLE}, so the writer checks them at commit as Spanner
 * does; string keys in the database's collation, case-insensitive ones too: PostgreSQL has no
 * case-insensitive collation a primary key can use without ICU's nondeterministic ones).
 */
public final class SchemaDdl {
  /** Checked at commit when the writer defers them ({@code SET CONSTRAINTS ALL DEFERRED}). */
  private static final String DEFERRABLE = " DEFERRABLE INITIALLY IMMEDIATE";

  private SchemaDdl() {}

  /** Spanner DDL statements, in order. */
  public static List<String> spanner(RandomSchema schema) {
    List<String> ddl = new ArrayList<>();
    for (Table table : schema.tables()) {
      StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.spanner()).append(" (");
      for (Column column : table.columns()) {
        sql.append(column.spanner()).append(' ')
            .append(column.role() == Role.SHARD ? "STRING(50)" : column.kind().spannerDdl)
            .append(column.nullable() ? "" : " NOT NULL").append(", ");
      }
      sql.setLength(sql.length() - 2);
      sql.append(") PRIMARY KEY (").append(String.join(", ", table.key())).append(')');
      if (table.parent() != null) {
        sql.append(", INTERLEAVE IN PARENT ").append(table.parent()).append(" ON DELETE CASCADE");
      }
      ddl.add(sql.toString());
    }
    for (Table table : schema.tables()) {
      table.unique().ifPresent(u -> ddl.add("CREATE UNIQUE INDEX ux_" + table.spanner() + " ON "
          + table.spanner() + " (" + u.spanner() + ")"));
    }
    for (Table table : schema.tables()) {
      if (table.references() != null) {
        Table target = schema.table(table.references());
        ddl.add("ALTER TABLE " + table.spanner() + " ADD CONSTRAINT fk_" + table.spanner()
            + " FOREIGN KEY (" + table.reference().orElseThrow().spanner() + ") REFERENCES "
            + target.spanner() + " (" + target.key().get(0) + ")" + onDelete(table));
      }
    }
    return ddl;
  }

  /** MySQL DDL statements, in order. */
  public static List<String> mysql(RandomSchema schema) {
    List<String> ddl = new ArrayList<>();
    for (Table table : schema.tables()) {
      StringBuilder sql = new StringBuilder("CREATE TABLE `").append(table.mysql()).append("` (");
      for (Column column : table.columns()) {
        if (column.role() != Role.SHARD) {
          sql.append(mysqlColumn(column)).append(", ");
        }
      }
      sql.append("PRIMARY KEY (").append(quoted(table, table.sourceKey())).append(')');
      table.unique().ifPresent(u -> sql.append(", UNIQUE KEY `ux_").append(table.mysql()).append("` (`")
          .append(u.mysql()).append("`)"));
      ddl.add(sql.append(") ENGINE=InnoDB").toString());
    }
    for (Table table : schema.tables()) {
      if (table.parent() != null) {
        Table parent = schema.table(table.parent());
        ddl.add("ALTER TABLE `" + table.mysql() + "` ADD CONSTRAINT `fk_" + table.mysql()
            + "_parent` FOREIGN KEY (" + quoted(table, parent.sourceKey()) + ") REFERENCES `"
            + parent.mysql() + "` (" + quoted(parent, parent.sourceKey()) + ") ON DELETE CASCADE");
      }
      if (table.references() != null) {
        Table target = schema.table(table.references());
        ddl.add("ALTER TABLE `" + table.mysql() + "` ADD CONSTRAINT `fk_" + table.mysql() + "_ref` FOREIGN KEY (`"
            + table.reference().orElseThrow().mysql() + "`) REFERENCES `" + target.mysql() + "` ("
            + quoted(target, target.sourceKey()) + ")" + onDelete(table));
      }
    }
    return ddl;
  }

  /** PostgreSQL DDL statements, in order, for the connection's current schema. */
  public static List<String> postgres(RandomSchema schema) {
    List<String> ddl = new ArrayList<>();
    for (Table table : schema.tables()) {
      StringBuilder sql = new StringBuilder("CREATE TABLE \"").append(table.mysql()).append("\" (");
      for (Column column : table.columns()) {
        if (column.role() != Role.SHARD) {
          sql.append('"').append(column.mysql()).append("\" ").append(column.kind().postgresType)
              .append(column.nullable() ? " NULL" : " NOT NULL").append(", ");
        }
      }
      sql.append("PRIMARY KEY (").append(pgQuoted(table, table.sourceKey())).append(')');
      table.unique().ifPresent(u -> sql.append(", CONSTRAINT \"ux_").append(table.mysql())
          .append("\" UNIQUE (\"").append(u.mysql()).append("\")"));
      ddl.add(sql.append(')').toString());
    }
    for (Table table : schema.tables()) {
      if (table.parent() != null) {
        Table parent = schema.table(table.parent());
        ddl.add("ALTER TABLE \"" + table.mysql() + "\" ADD CONSTRAINT \"fk_" + table.mysql()
            + "_parent\" FOREIGN KEY (" + pgQuoted(table, parent.sourceKey()) + ") REFERENCES \""
            + parent.mysql() + "\" (" + pgQuoted(parent, parent.sourceKey()) + ") ON DELETE CASCADE"
            + DEFERRABLE);
      }
      if (table.references() != null) {
        Table target = schema.table(table.references());
        ddl.add("ALTER TABLE \"" + table.mysql() + "\" ADD CONSTRAINT \"fk_" + table.mysql()
            + "_ref\" FOREIGN KEY (\"" + table.reference().orElseThrow().mysql() + "\") REFERENCES \""
            + target.mysql() + "\" (" + pgQuoted(target, target.sourceKey()) + ")" + onDelete(table)
            + DEFERRABLE);
      }
    }
    return ddl;
  }

  /** The MySQL statement that widens string or bytes column {@code column} of {@code table} to 255. */
  public static String widen(Table table, Column column) {
    return "ALTER TABLE `" + table.mysql() + "` MODIFY `" + column.mysql() + "` "
        + (column.kind() == RandomSchema.Kind.BYTES ? "varbinary(255)" : "varchar(255)")
        + (column.nullable() ? " NULL DEFAULT NULL" : " NOT NULL");
  }

  /** The PostgreSQL statement that widens string column {@code column} of {@code table} to 255. */
  public static String widenPostgres(Table table, Column column) {
    if (column.kind() != RandomSchema.Kind.TEXT) {
      throw new IllegalArgumentException("only a string column has a length on PostgreSQL: " + column);
    }
    return "ALTER TABLE \"" + table.mysql() + "\" ALTER COLUMN \"" + column.mysql() + "\" TYPE varchar(255)";
  }

  /** The foreign key's action, the same on both sides (as a migrated schema has it). */
  private static String onDelete(Table table) {
    return table.cascades() ? " ON DELETE CASCADE" : "";
  }

  private static String mysqlColumn(Column column) {
    String collation = "";
    if (column.kind() == RandomSchema.Kind.KEY_TEXT) {
      collation = column.caseInsensitive() ? " COLLATE utf8mb4_general_ci" : " COLLATE utf8mb4_bin";
    }
    return "`" + column.mysql() + "` " + column.mysqlType() + collation
        + (column.nullable() ? " NULL DEFAULT NULL" : " NOT NULL");
  }

  /** The MySQL names of {@code spannerColumns} of {@code table}, quoted and comma-separated. */
  private static String quoted(Table table, List<String> spannerColumns) {
    return String.join(", ", spannerColumns.stream().map(c -> "`" + table.column(c).mysql() + "`").toList());
  }

  /** The source names of {@code spannerColumns} of {@code table}, double-quoted and comma-separated. */
  private static String pgQuoted(Table table, List<String> spannerColumns) {
    return String.join(", ", spannerColumns.stream().map(c -> "\"" + table.column(c).mysql() + "\"").toList());
  }
}
