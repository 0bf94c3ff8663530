package dev.rr.common.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A source (MySQL or PostgreSQL) column type: base name in lower case ({@code varchar}, {@code
 * bigint}, {@code enum}, {@code integer[]}...), its modifiers as the session file or the catalog
 * gives them (length, or precision and scale), whether it is unsigned, and the labels of a
 * PostgreSQL enum type (read from the shard's catalog; empty for every other type).
 */
public record SourceType(String name, List<Long> mods, boolean unsigned, List<String> labels)
    implements Serializable {
  public SourceType {
    Objects.requireNonNull(name, "name");
    name = name.toLowerCase(Locale.ROOT).trim();
    mods = mods == null ? List.of() : List.copyOf(mods);
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  /** A type that is not an enum. */
  public SourceType(String name, List<Long> mods, boolean unsigned) {
    this(name, mods, unsigned, List.of());
  }

  /** A PostgreSQL enum type named {@code name} (as {@code format_type} prints it) with its labels. */
  public static SourceType enumeration(String name, List<String> labels) {
    return new SourceType(name, List.of(), false, labels);
  }

  /** True for a PostgreSQL enum type (one with labels). */
  public boolean isEnum() {
    return !labels.isEmpty();
  }

  public static SourceType of(String name, Long... mods) {
    return new SourceType(name, List.of(mods), false);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(name);
    if (!mods.isEmpty()) {
      text.append('(');
      for (int i = 0; i < mods.size(); i++) {
        text.append(i == 0 ? "" : ",").append(mods.get(i));
      }
      text.append(')');
    }
    return unsigned ? text.append(" unsigned").toString() : text.toString();
  }
}
