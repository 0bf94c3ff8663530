package dev.rr.launcher.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.launcher.check.RandomSchema.Column;
import dev.rr.launcher.check.RandomSchema.Role;
import dev.rr.launcher.check.RandomSchema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Spanner table of a session file ({@code SpSchema.<id>}) with its mapping, built into a
 * {@link Table} of the generator's model: the key columns first in Spanner key order, then the
 * unique, reference, value and shard id columns. Problems go to the list given.
 */
final class SessionTable {
  private final JsonObject sp;
  private final TableMapping mapped;
  private final Map<String, String> namesById;
  private final List<String> problems;
  private final String name;

  SessionTable(JsonObject sp, TableMapping mapped, Map<String, String> namesById, List<String> problems) {
    this.sp = sp;
    this.mapped = mapped;
    this.namesById = namesById;
    this.problems = problems;
    this.name = mapped.spannerName();
  }

  /** The table, or empty when it has problems. */
  Optional<Table> build() {
    int before = problems.size();
    List<String> key = spannerKey();
    String shard = mapped.shardIdColumnName().orElse(null);
    boolean shardInKey = shard != null && key.contains(shard);
    if (shardInKey && !key.get(0).equals(shard)) {
      problems.add("table " + name + ": its shard id column must be the first key column");
    }
    Optional<String> unique = uniqueColumn();
    Optional<JsonObject> foreignKey = foreignKey();
    String reference = foreignKey.map(fk -> columnName(first(fk, "ColIds"))).orElse(null);
    List<Column> columns = new ArrayList<>();
    for (String keyColumn : key) {
      add(columns, keyColumn, keyColumn.equals(shard) ? Role.SHARD : Role.KEY);
    }
    for (ColumnMapping column : mapped.columns()) {
      String spanner = column.spannerName();
      if (!key.contains(spanner)) {
        add(columns, spanner, spanner.equals(shard) ? Role.SHARD : spanner.equals(unique.orElse(null)) ? Role.UNIQUE
            : spanner.equals(reference) ? Role.REFERENCE : Role.VALUE);
      }
    }
    if (problems.size() == before) {
      checkSourceKey(key, shard);
    }
    checkNotGenerated();
    if (problems.size() > before) {
      return Optional.empty();
    }
    String parent = parentId().map(namesById::get).orElse(null);
    String references = foreignKey.map(fk -> namesById.get(SessionSchema.string(fk, "ReferTableId"))).orElse(null);
    boolean cascades = foreignKey.map(fk -> "CASCADE".equalsIgnoreCase(SessionSchema.string(fk, "OnDelete")))
        .orElse(false);
    return Optional.of(new Table(name, mapped.sourceName(), columns, key, parent, shardInKey, references,
        cascades));
  }

  private void add(List<Column> columns, String spanner, Role role) {
    ColumnMapping column = mapped.bySpannerColumn(spanner).orElseThrow();
    Column built = SessionSchema.column(name, column, role, !notNull(spanner), problems);
    if (built != null) {
      columns.add(built);
    }
  }

  /** Spanner primary key column names, by {@code Order}. */
  private List<String> spannerKey() {
    List<JsonObject> parts = new ArrayList<>();
    array(sp, "PrimaryKeys").forEach(e -> parts.add(e.getAsJsonObject()));
    parts.sort(Comparator.comparingLong(p -> p.has("Order") ? p.get("Order").getAsLong() : 0));
    return parts.stream().map(p -> columnName(SessionSchema.string(p, "ColId"))).toList();
  }

  /** The MySQL key must be the Spanner key without the shard id column: the generator keeps them equal. */
  private void checkSourceKey(List<String> key, String shard) {
    List<String> expected = key.stream().filter(k -> !k.equals(shard))
        .map(k -> mapped.bySpannerColumn(k).map(ColumnMapping::sourceName).orElse(null)).toList();
    if (!expected.equals(mapped.sourcePrimaryKey())) {
      problems.add("table " + name + ": its MySQL key " + mapped.sourcePrimaryKey()
          + " must be its Spanner key without the shard id column " + expected);
    }
  }

  /** Generated and defaulted-by-sequence columns, and check constraints, are not written to. */
  private void checkNotGenerated() {
    for (Map.Entry<String, JsonElement> def : object(sp, "ColDefs").entrySet()) {
      JsonObject autoGen = object(def.getValue().getAsJsonObject(), "AutoGen");
      if (!SessionSchema.string(autoGen, "Name").isEmpty()) {
        problems.add("table " + name + ", column " + columnName(def.getKey()) + ": generated ("
            + SessionSchema.string(autoGen, "GenerationType") + ") columns are not written by the generator");
      }
    }
    if (!array(sp, "CheckConstraints").isEmpty()) {
      problems.add("table " + name + ": check constraints are not generated against");
    }
  }

  /** The column of the table's unique index, if it has one of one column. */
  private Optional<String> uniqueColumn() {
    List<JsonObject> uniques = new ArrayList<>();
    array(sp, "Indexes").forEach(e -> {
      if (e.getAsJsonObject().has("Unique") && e.getAsJsonObject().get("Unique").getAsBoolean()) {
        uniques.add(e.getAsJsonObject());
      }
    });
    if (uniques.size() > 1 || uniques.stream().anyMatch(u -> array(u, "Keys").size() != 1)) {
      problems.add("table " + name + ": only one unique index of one column is generated against");
      return Optional.empty();
    }
    return uniques.stream().findFirst()
        .map(u -> columnName(SessionSchema.string(array(u, "Keys").get(0).getAsJsonObject(), "ColId")));
  }

  /** The table's foreign key, if it has one of one column. */
  private Optional<JsonObject> foreignKey() {
    JsonArray keys = array(sp, "ForeignKeys");
    if (keys.size() > 1 || keys.size() == 1 && array(keys.get(0).getAsJsonObject(), "ColIds").size() != 1) {
      problems.add("table " + name + ": only one foreign key of one column is generated against");
      return Optional.empty();
    }
    return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0).getAsJsonObject());
  }

  /** {@code ParentId} (2022-2023) or {@code ParentTable.Id} (2023 onwards); empty for a root. */
  private Optional<String> parentId() {
    String id = SessionSchema.string(sp, "ParentId");
    if (id.isEmpty()) {
      id = SessionSchema.string(object(sp, "ParentTable"), "Id");
    }
    return Optional.of(id).filter(i -> !i.isEmpty());
  }

  private boolean notNull(String spannerColumn) {
    for (JsonElement def : object(sp, "ColDefs").asMap().values()) {
      JsonObject column = def.getAsJsonObject();
      if (spannerColumn.equals(SessionSchema.string(column, "Name"))) {
        return column.has("NotNull") && column.get("NotNull").getAsBoolean();
      }
    }
    return false;
  }

  private String columnName(String colId) {
    return SessionSchema.string(object(object(sp, "ColDefs"), colId), "Name");
  }

  private static String first(JsonObject object, String field) {
    JsonArray values = array(object, field);
    return values.isEmpty() ? "" : values.get(0).getAsString();
  }

  private static JsonArray array(JsonObject object, String field) {
    JsonElement value = object.get(field);
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
  }

  private static JsonObject object(JsonObject object, String field) {
    JsonElement value = Objects.requireNonNullElse(object.get(field), new JsonObject());
    return value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }
}
