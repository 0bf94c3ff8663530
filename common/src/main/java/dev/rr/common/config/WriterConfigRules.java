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
    OptionRules.endAfterStart(problems, parsed.startTimestamp, parsed.endTimestamp, "");
  }

  static void transformationJarAndClassTogether(
      WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems) {
    OptionRules.jarAndClassTogether(problems, "transformationJarPath", given.transformationJarPath,
        "transformationClassName", given.transformationClassName);
  }

  static void transformationParametersNeedClass(
      WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems) {
    OptionRules.parametersNeedClass(problems, "transformationCustomParameters",
        given.transformationCustomParameters, "transformationClassName",
        given.transformationClassName, "a custom transformation");
  }

  static void oneSpannerEndpoint(
      WriterConfigBuilder given, WriterConfigBuilder.Parsed parsed, ConfigProblems problems) {
    OptionRules.oneSpannerEndpoint(problems, given.spannerHost, given.spannerEmulatorHost);
  }
}
