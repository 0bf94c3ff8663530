package dev.rr.common.config;

import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A suffix appended as {@code _<suffix>} to metadata table names so that several runs can share
 * one metadata database. Letters, digits and underscores only, because it becomes part of a SQL
 * identifier.
 *
 * @param value the suffix without the leading underscore
 */
public record TableSuffix(String value) implements Serializable {
  /** The option the suffix is given in, used in error messages. */
  public static final String OPTION = "metadataTableSuffix";

  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_]+");

  /**
   * Validates the suffix.
   *
   * @throws ConfigException naming the value and the allowed characters
   */
  public TableSuffix {
    if (!isValid(value)) {
      String shown = value == null ? "nothing" : "'" + value + "'";
      throw new ConfigException(
          OPTION + " " + shown + " is not valid: use only letters, digits and underscores");
    }
  }

  /** True when {@code value} is a valid suffix ({@code [a-zA-Z0-9_]+}). */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  /**
   * The suffix given by an option value, where an absent or empty option means "no suffix".
   *
   * @throws ConfigException when the value is present but not valid
   */
  public static Optional<TableSuffix> fromOption(String optionValue) {
    if (optionValue == null || optionValue.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TableSuffix(optionValue));
  }

  /** {@code baseName_value}, e.g. {@code shard_file_create_progress_run7}. */
  public String applyTo(String baseName) {
    return baseName + "_" + value;
  }

  @Override
  public String toString() {
    return value;
  }
}
