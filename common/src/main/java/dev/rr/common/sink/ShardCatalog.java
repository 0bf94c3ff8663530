package dev.rr.common.sink;

import dev.rr.common.mysql.LiveSchema;
import dev.rr.common.mysql.TemporalPrecisions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a shard worker reads once from a shard database's catalog before applying anything.
 *
 * @param foreignKeyParents table -> tables its foreign keys reference (in the shard's schema)
 * @param uniqueTables table with a UNIQUE index besides the primary key -> its stored (not
 *     generated) columns in table order
 * @param precisions fractional-second digits of temporal columns (MySQL; none elsewhere)
 * @param columns every base table's columns with their real types
 * @param allForeignKeysDeferrable true when every foreign key may be deferred to commit (PostgreSQL
 *     {@code DEFERRABLE}); MySQL switches checks off instead
 * @param actingForeignKeys foreign keys with a referential action that changes rows (PostgreSQL
 *     {@code ON DELETE/UPDATE CASCADE, SET NULL, SET DEFAULT}), one description each ({@code
 *     table.constraint ON DELETE CASCADE}); MySQL's are inert while its checks are off
 * @param canDisableTriggers true when the writer's user may set {@code session_replication_role}
 *     (PostgreSQL), which keeps foreign keys from checking and acting while a batch is applied
 */
public record ShardCatalog(
    Map<String, Set<String>> foreignKeyParents,
    Map<String, List<StoredColumnType>> uniqueTables,
    TemporalPrecisions precisions,
    LiveSchema columns,
    boolean allForeignKeysDeferrable,
    List<String> actingForeignKeys,
    boolean canDisableTriggers) {

  public ShardCatalog {
    actingForeignKeys = List.copyOf(actingForeignKeys);
  }

  /** A catalog without acting foreign keys (MySQL's: its checks, and so its actions, are off). */
  public ShardCatalog(Map<String, Set<String>> foreignKeyParents,
      Map<String, List<StoredColumnType>> uniqueTables, TemporalPrecisions precisions,
      LiveSchema columns, boolean allForeignKeysDeferrable) {
    this(foreignKeyParents, uniqueTables, precisions, columns, allForeignKeysDeferrable, List.of(),
        false);
  }

  /**
   * A stored column and its data type as the catalog names it ({@code varbinary}, {@code bytea},
   * {@code double precision}...).
   */
  public record StoredColumnType(String name, String dataType) {}
}
