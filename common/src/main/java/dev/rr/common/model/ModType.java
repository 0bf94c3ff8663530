package dev.rr.common.model;

/** The kind of row change a Spanner change-stream mod describes. */
public enum ModType {
  INSERT,
  UPDATE,
  DELETE;

  /** Parses Spanner's mod type name ({@code INSERT}, {@code UPDATE}, {@code DELETE}). */
  public static ModType parse(String value) {
    if (value != null) {
      for (ModType type : values()) {
        if (type.name().equals(value)) {
          return type;
        }
      }
    }
    throw new IllegalArgumentException(
        "modType must be one of INSERT, UPDATE, DELETE but was '" + value + "'");
  }
}
