package dev.rr.launcher.check;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.input.SessionFile;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.launcher.check.RandomSchema.Column;
import dev.rr.launcher.check.RandomSchema.Kind;
import dev.rr.launcher.check.RandomSchema.Role;
import dev.rr.launcher.check.RandomSchema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of an operator's session file (Spanner migration tool, id-keyed layout) as the
 * model {@link SchemaTransactions} writes to: names, types and keys from common's {@link
 * SessionFile} mapping; Spanner key order, interleaving ({@code ParentId} or {@code
 * ParentTable.Id}), nullability, the single-column unique index and the single-column foreign key
 * of each table from the file's {@code SpSchema}. Non-unique indexes are left out (they do not
 * change what replicates). Whatever the generator cannot write is refused, all at once, each
 * problem naming the table and column: see {@link #read}.
 */
public final class SessionSchema {
  private SessionSchema() {}

  /**
   * The tables of session file {@code json}, parents before children and referenced tables before
   * their referrers.
   *
   * @throws IllegalArgumentException naming every table, column and type the generator cannot
   *     write, or the file's own problems
   */
  public static List<Table> read(String fileName, String json) {
    SchemaMapping mapping = SessionFile.parse(fileName, json);
    JsonObject spSchema = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("SpSchema");
    List<String> problems = new ArrayList<>();
    Map<String, String> namesById = new LinkedHashMap<>();
    spSchema.entrySet().forEach(e -> namesById.put(e.getKey(), string(e.getValue().getAsJsonObject(), "Name")));
    Map<String, Table> tables = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : spSchema.entrySet()) {
      JsonObject sp = entry.getValue().getAsJsonObject();
      String name = string(sp, "Name");
      if (!sp.has("ColIds")) {
        problems.add("table " + name + ": the session file is keyed by table name (HarbourBridge before 2022);"
            + " rr check reads the id-keyed layout");
        continue;
      }
      TableMapping mapped = mapping.forSpannerTable(name).orElse(null);
      if (mapped == null) {
        problems.add("table " + name + ": exists only in Spanner");
        continue;
      }
      SessionTable table = new SessionTable(sp, mapped, namesById, problems);
      table.build().ifPresent(t -> tables.put(t.spanner(), t));
    }
    checkSharding(tables.values(), problems);
    List<Table> ordered = problems.isEmpty() ? ordered(tables, problems) : List.of();
    if (ordered.isEmpty() && problems.isEmpty()) {
      problems.add("the session file has no tables");
    }
    ordered.forEach(t -> checkStructure(t, tables, problems));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("rr check cannot generate transactions for " + fileName + ":\n  "
          + String.join("\n  ", problems));
    }
    return ordered;
  }

  /** Either every table has a shard id column or none has. */
  private static void checkSharding(Iterable<Table> tables, List<String> problems) {
    boolean any = false;
    boolean all = true;
    for (Table table : tables) {
      any |= table.shardColumn().isPresent();
      all &= table.shardColumn().isPresent();
    }
    if (any && !all) {
      for (Table table : tables) {
        if (table.shardColumn().isEmpty()) {
          problems.add("table " + table.spanner() + ": has no shard id column while other tables have one");
        }
      }
    }
  }

  /** Interleaving and references as the generator writes them. */
  private static void checkStructure(Table table, Map<String, Table> tables, List<String> problems) {
    String where = "table " + table.spanner() + ": ";
    if (table.parent() != null) {
      Table parent = tables.get(table.parent());
      if (parent.shardInKey() != table.shardInKey()) {
        problems.add(where + "its shard id column must be in its key exactly when its parent's is");
      }
      if (!table.key().subList(0, Math.min(table.key().size(), parent.key().size())).equals(parent.key())) {
        problems.add(where + "its key must start with its parent's key " + parent.key());
      }
    }
    if (table.key().size() <= (table.parent() == null ? (table.shardInKey() ? 1 : 0) : tables.get(table.parent()).key().size())) {
      problems.add(where + "needs a key column of its own");
    }
    if (table.references() != null) {
      Table target = tables.get(table.references());
      boolean fits = target.parent() == null && !target.shardInKey() && target.key().size() == 1
          && target.column(target.key().get(0)).kind() == Kind.INT;
      if (!fits) {
        problems.add(where + "its foreign key must point to a table keyed by one integer alone"
            + " (not interleaved, shard id outside the key)");
      }
    }
  }

  /** Parents and referenced tables first; a cycle is a problem. */
  private static List<Table> ordered(Map<String, Table> tables, List<String> problems) {
    List<Table> ordered = new ArrayList<>();
    List<Table> pending = new ArrayList<>(tables.values());
    pending.sort(Comparator.comparing(Table::spanner));
    while (!pending.isEmpty()) {
      Table next = pending.stream().filter(t -> placed(t.parent(), t, ordered) && placed(t.references(), t, ordered))
          .findFirst().orElse(null);
      if (next == null) {
        problems.add("tables " + pending.stream().map(Table::spanner).toList()
            + ": their parents or foreign keys form a cycle or name a table that is refused");
        return List.of();
      }
      ordered.add(next);
      pending.remove(next);
    }
    return ordered;
  }

  private static boolean placed(String name, Table table, List<Table> ordered) {
    return name == null || name.equals(table.spanner()) || ordered.stream().anyMatch(t -> t.spanner().equals(name));
  }

  static String string(JsonObject object, String field) {
    JsonElement value = object.get(field);
    return value == null || !value.isJsonPrimitive() ? "" : value.getAsString();
  }

  /** A column of the model for {@code mapped} in {@code role}, or null with a problem. */
  static Column column(String table, ColumnMapping mapped, Role role, boolean nullable, List<String> problems) {
    if (role == Role.SHARD) {
      return mapped.spannerType().name().equals("STRING")
          ? new Column(mapped.spannerName(), null, Kind.TEXT, nullable, role, false, "")
          : problem(problems, table, mapped, "a shard id column must be a STRING");
    }
    if (!mapped.hasSource()) {
      return problem(problems, table, mapped, "exists only in Spanner (a synthetic key?); only the shard id column may");
    }
    SessionColumnKinds.Kinded kinded = SessionColumnKinds.kind(role, mapped);
    return kinded.value()
        .map(kind -> new Column(mapped.spannerName(), mapped.sourceName(), kind, nullable, role, false,
            mapped.sourceType().toString()))
        .orElseGet(() -> problem(problems, table, mapped, kinded.refusal()));
  }

  private static Column problem(List<String> problems, String table, ColumnMapping column, String reason) {
    problems.add("table " + table + ", column " + column.spannerName() + " (" + column.spannerType()
        + (column.hasSource() ? " -> " + column.sourceType() : "") + "): " + reason);
    return null;
  }
}
