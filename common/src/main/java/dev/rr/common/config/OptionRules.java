package dev.rr.common.config;

import com.google.cloud.Timestamp;

/**
 * Cross-field rules the reader's and the writer's configs share, parameterized by the option
 * names; {@link ReaderConfigRules} and {@link WriterConfigRules} apply them to their options.
 */
final class OptionRules {
  private OptionRules() {}

  /**
   * The end timestamp must be after the start; {@code startNote} is appended to the problem (empty
   * when the start was given).
   */
  static void endAfterStart(
      ConfigProblems problems, Timestamp start, Timestamp end, String startNote) {
    if (start != null && end != null && end.compareTo(start) <= 0) {
      problems.add("endTimestamp " + end + " is not after startTimestamp " + start + startNote);
    }
  }

  /** A custom jar and its class name come together or not at all. */
  static void jarAndClassTogether(ConfigProblems problems,
      String jarOption, String jar, String classOption, String className) {
    if (jar != null && className == null) {
      problems.add(jarOption + " '" + jar + "' is set but " + classOption
          + " is not: give both or neither");
    } else if (className != null && jar == null) {
      problems.add(classOption + " '" + className + "' is set but " + jarOption
          + " is not: give both or neither");
    }
  }

  /** Custom parameters only go to a custom class; {@code what} names what receives them. */
  static void parametersNeedClass(ConfigProblems problems, String parametersOption,
      String parameters, String classOption, String className, String what) {
    if (parameters != null && className == null) {
      problems.add(parametersOption + " is set but " + classOption + " is not:"
          + " the parameters are only passed to " + what);
    }
  }

  /** At most one of a Spanner host and an emulator host. */
  static void oneSpannerEndpoint(ConfigProblems problems, String spannerHost, String emulatorHost) {
    if (spannerHost != null && emulatorHost != null) {
      problems.add("spannerHost '" + spannerHost + "' and spannerEmulatorHost '"
          + emulatorHost + "' are both set: give at most one");
    }
  }
}
