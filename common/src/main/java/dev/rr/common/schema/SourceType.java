package dev.rr.common.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A source (MySQL) column type: base name in lower case ({@code varchar}, {@code bigint},
 * {@code enum}...), its modifiers as the session file gives them (length, or precision and
 * scale), and whether it is unsigned.
 */
public record SourceType(String name, List<Long> mods, boolean unsigned) implements Serializable {
  public SourceType {
    Objects.requireNonNull(name, "name");
    name = name.toLowerCase(Locale.ROOT).trim();
    mods = mods == null ? List.of() : List.copyOf(mods);
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
