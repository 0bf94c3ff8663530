package dev.rr.launcher.quickstart;

import dev.rr.launcher.check.RandomSchema.Table;
import dev.rr.launcher.check.SessionSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An operator's session file that {@code rr check --session} replicates: the file itself (the
 * mapping under test, used as given) and its tables as the generator's model, read once before
 * any service starts so that a refusal comes first.
 *
 * @param file the session file
 * @param json its content
 * @param tables its tables, parents and referenced tables first
 */
public record OperatorSession(Path file, String json, List<Table> tables) {
  public OperatorSession {
    tables = List.copyOf(tables);
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException when the file is invalid or the generator cannot write its
   *     tables (every problem named)
   */
  public static OperatorSession load(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read session file " + file + ": " + e, e);
    }
    return new OperatorSession(file, json, SessionSchema.read(file.toString(), json));
  }

  /** Whether its tables have a shard id column (all or none do). */
  public boolean sharded() {
    return tables.get(0).shardColumn().isPresent();
  }
}
