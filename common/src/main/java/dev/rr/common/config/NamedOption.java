package dev.rr.common.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum constant with a documented option name (the spelling operators type, e.g. {@code
 * resumeAll}); names are part of the interface and never derived from the Java constant name.
 */
public interface NamedOption {

  /** The documented name, as accepted by the enum's {@code parse}. */
  String optionName();

  /**
   * The constant of {@code type} whose {@link #optionName()} is exactly {@code value}.
   *
   * @param option the option being parsed, for the error message (e.g. {@code filtrationMode})
   * @throws ConfigException naming the option, the value and every valid name
   */
  static <E extends Enum<E> & NamedOption> E parse(Class<E> type, String option, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.optionName().equals(value)) {
        return constant;
      }
    }
    String valid =
        Arrays.stream(type.getEnumConstants())
            .map(NamedOption::optionName)
            .collect(Collectors.joining(", "));
    String shown = value == null ? "nothing" : "'" + value + "'";
    throw new ConfigException(option + " must be one of " + valid + " but was " + shown);
  }
}
