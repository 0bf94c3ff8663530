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
    if (parsed.startTimestamp != null
        && parsed.endTimestamp != null
        && parsed.endTimestamp.compareTo(parsed.startTimestamp) <= 0) {
      problems.add("endTimestamp " + parsed.endTimestamp + " is not after startTimestamp "
          + parsed.startTimestamp + (given.startTimestamp == null ? " (now, the default)" : ""));
    }
  }

  static void customJarAndClassTogether(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    boolean jar = given.shardingCustomJarPath != null;
    boolean className = given.shardingCustomClassName != null;
    if (jar && !className) {
      problems.add("shardingCustomJarPath '" + given.shardingCustomJarPath
          + "' is set but shardingCustomClassName is not: give both or neither");
    } else if (className && !jar) {
      problems.add("shardingCustomClassName '" + given.shardingCustomClassName
          + "' is set but shardingCustomJarPath is not: give both or neither");
    }
  }

  static void customParametersNeedCustomClass(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    if (given.shardingCustomParameters != null && given.shardingCustomClassName == null) {
      problems.add("shardingCustomParameters is set but shardingCustomClassName is not:"
          + " the parameters are only passed to a custom shard-id fetcher");
    }
  }

  static void resumeNeedsRunIdentifier(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    if (parsed.runMode == ReaderRunMode.RESUME && given.runIdentifier == null) {
      problems.add("runMode resume needs runIdentifier: the identifier of the run to resume");
    }
  }

  static void oneSpannerEndpoint(
      ReaderConfigBuilder given, ReaderConfigBuilder.Parsed parsed, ConfigProblems problems) {
    if (given.spannerHost != null && given.spannerEmulatorHost != null) {
      problems.add("spannerHost '" + given.spannerHost + "' and spannerEmulatorHost '"
          + given.spannerEmulatorHost + "' are both set: give at most one");
    }
  }
}
