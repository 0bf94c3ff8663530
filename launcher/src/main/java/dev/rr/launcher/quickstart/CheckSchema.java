package dev.rr.launcher.quickstart;

import java.util.Locale;

/** Which schema {@code rr check} replicates for each seed. */
public enum CheckSchema {
  /** The quickstart's sharded sample, written to by {@link dev.rr.launcher.check.RandomTransactions}. */
  SAMPLE,
  /** The seed's {@link dev.rr.launcher.check.RandomSchema}, written to by {@link dev.rr.launcher.check.SchemaTransactions}. */
  RANDOM;

  /** {@code sample} or {@code random}, in any letter case. */
  public static CheckSchema parse(String text) {
    for (CheckSchema schema : values()) {
      if (schema.name().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
        return schema;
      }
    }
    throw new IllegalArgumentException("--schema must be sample or random but was '" + text + "'");
  }
}
