package dev.rr.launcher.bench;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One benchmark table, with the same name and columns in Spanner and the shard database.
 *
 * @param name table name
 * @param columns columns in order, primary-key columns first
 * @param primaryKey primary-key column names, in key order
 */
public record BenchTable(String name, List<BenchColumn> columns, List<String> primaryKey) {

  public BenchTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    for (int i = 0; i < primaryKey.size(); i++) {
      if (i >= columns.size() || !columns.get(i).name().equals(primaryKey.get(i))) {
        throw new IllegalArgumentException(
            "table " + name + ": primary-key columns must come first, in key order");
      }
    }
  }

  /** Whether {@code column} is part of the primary key. */
  public boolean isKey(BenchColumn column) {
    return primaryKey.contains(column.name());
  }

  /** {@code CREATE TABLE} for MySQL (InnoDB, utf8mb4). */
  public String mysqlDdl() {
    StringJoiner body = new StringJoiner(",\n  ", "(\n  ", "\n)");
    columns.forEach(column -> body.add(column.mysqlDefinition()));
    StringJoiner key = new StringJoiner("`, `", "PRIMARY KEY (`", "`)");
    primaryKey.forEach(key::add);
    body.add(key.toString());
    return "CREATE TABLE `" + name + "` " + body + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
  }

  /** {@code CREATE TABLE} for PostgreSQL, in the connection's current schema. */
  public String postgresDdl() {
    StringJoiner body = new StringJoiner(",\n  ", "(\n  ", "\n)");
    columns.forEach(column -> body.add(column.postgresDefinition()));
    StringJoiner key = new StringJoiner("\", \"", "PRIMARY KEY (\"", "\")");
    primaryKey.forEach(key::add);
    body.add(key.toString());
    return "CREATE TABLE \"" + name + "\" " + body;
  }

  /** {@code CREATE TABLE} for a {@code target} shard. */
  public String ddl(dev.rr.common.config.WriterConfig.SourceType target) {
    return switch (target) {
      case MYSQL -> mysqlDdl();
      case POSTGRESQL -> postgresDdl();
    };
  }

  /** {@code CREATE TABLE} for Spanner (GoogleSQL). */
  public String spannerDdl() {
    StringJoiner body = new StringJoiner(",\n  ", "(\n  ", "\n)");
    columns.forEach(column -> body.add(column.spannerDefinition()));
    return "CREATE TABLE " + name + " " + body + " PRIMARY KEY (" + String.join(", ", primaryKey)
        + ")";
  }
}
