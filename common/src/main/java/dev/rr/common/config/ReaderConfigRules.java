package dev.rr.common.config;

import java.util.List;

/**
 * The reader's cross-field rules, one validator each. Every rule sees the option text as given
 * and the values parsed so far (null where absent or invalid, in which case the single-option
 * problem has already been reported and the rule stays quiet).
 */
final class ReaderConfigRules {

  /** One cross-field rule: adds a problem naming both options when they conflict. */
  @FunctionalInterface
  interface Rule {
    void check(ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems);
  }

  static final List<Rule> RULES =
      List.of(
          ReaderConfigRules::endTimestampAfterStartTimestamp,
          ReaderConfigRules::customJarAndClassTogether,
          ReaderConfigRules::customParametersNeedCustomClass,
          ReaderConfigRules::resumeNeedsRunIdentifier,
          ReaderConfigRules::oneSpannerEndpoint);

  private ReaderConfigRules() {}

  static void check(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    for (Rule rule : RULES) {
      rule.check(given, parsed, problems);
    }
  }

  static void endTimestampAfterStartTimestamp(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    if (parsed.runMode == ReaderRunMode.RESUME && given.startTimestamp == null) {
      // A resumed run starts where its shards need it; the bootstrap checks the end against that.
      return;
    }
    OptionRules.endAfterStart(problems, parsed.startTimestamp, parsed.endTimestamp,
        given.startTimestamp == null ? " (now, the default)" : "");
  }

  static void customJarAndClassTogether(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    OptionRules.jarAndClassTogether(problems, "shardingCustomJarPath", given.shardingCustomJarPath,
        "shardingCustomClassName", given.shardingCustomClassName);
  }

  static void customParametersNeedCustomClass(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    OptionRules.parametersNeedClass(problems, "shardingCustomParameters",
        given.shardingCustomParameters, "shardingCustomClassName", given.shardingCustomClassName,
        "a custom shard-id fetcher");
  }

  static void resumeNeedsRunIdentifier(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    if (parsed.runMode == ReaderRunMode.RESUME && given.runIdentifier == null) {
      problems.add("runMode resume needs runIdentifier: the identifier of the run to resume");
    }
  }

  static void oneSpannerEndpoint(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    OptionRules.oneSpannerEndpoint(problems, given.spannerHost, given.spannerEmulatorHost);
  }
}
