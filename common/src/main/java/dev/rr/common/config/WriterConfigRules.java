package dev.rr.common.config;

import java.util.List;

/**
 * The writer's cross-field rules, one validator each. Every rule sees the option text as given
 * and the values parsed so far (null where absent or invalid, in which case the single-option
 * problem has already been reported and the rule stays quiet).
 */
final class WriterConfigRules {

  /** One cross-field rule: adds a problem naming both options when they conflict. */
  @FunctionalInterface
  interface Rule {
    void check(WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems);
  }

  static final List<Rule> RULES =
      List.of(
          WriterConfigRules::endTimestampAfterStartTimestamp,
          WriterConfigRules::transformationJarAndClassTogether,
          WriterConfigRules::transformationParametersNeedClass,
          WriterConfigRules::oneSpannerEndpoint);

  private WriterConfigRules() {}

  static void check(
      WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems) {
    for (Rule rule : RULES) {
      rule.check(given, parsed, problems);
    }
  }

  static void endTimestampAfterStartTimestamp(
      WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems) {
    if (parsed.startTimestamp != null
        && parsed.endTimestamp != null
        && parsed.endTimestamp.compareTo(parsed.startTimestamp) <= 0) {
      problems.add("endTimestamp " + parsed.endTimestamp + " is not after startTimestamp "
          + parsed.startTimestamp);
    }
  }

  static void transformationJarAndClassTogether(
      WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems) {
    boolean jar = given.transformationJarPath != null;
    boolean className = given.transformationClassName != null;
    if (jar && !className) {
      problems.add("transformationJarPath '" + given.transformationJarPath
          + "' is set but transformationClassName is not: give both or neither");
    } else if (className && !jar) {
      problems.add("transformationClassName '" + given.transformationClassName
          + "' is set but transformationJarPath is not: give both or neither");
    }
  }

  static void transformationParametersNeedClass(
      WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems) {
    if (given.transformationCustomParameters != null && given.transformationClassName == null) {
      problems.add("transformationCustomParameters is set but transformationClassName is not:"
          + " the parameters are only passed to a custom transformation");
    }
  }

  static void oneSpannerEndpoint(
      WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems) {
    if (given.spannerHost != null && given.spannerEmulatorHost != null) {
      problems.add("spannerHost '" + given.spannerHost + "' and spannerEmulatorHost '"
          + given.spannerEmulatorHost + "' are both set: give at most one");
    }
  }
}
