package dev.rr.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Collects configuration problems so that a config can validate every option and report all
 * problems in one {@link ConfigException} instead of failing on the first.
 *
 * <pre>{@code
 * ConfigProblems problems = new ConfigProblems();
 * Optional<Duration> window = problems.attempt(() -> Durations.parse("windowDuration", raw));
 * problems.check(shards > 0, "shardsFile lists no shards");
 * problems.throwIfAny();
 * }</pre>
 *
 * <p>Not thread-safe; use one per validation.
 */
public final class ConfigProblems {
  private final List<String> problems = new ArrayList<>();

  /** Records one problem; it should name the option, the value and what is accepted. */
  public ConfigProblems add(String problem) {
    problems.add(problem);
    return this;
  }

  /** Records {@code problem} unless {@code condition} holds. */
  public ConfigProblems check(boolean condition, String problem) {
    if (!condition) {
      add(problem);
    }
    return this;
  }

  /**
   * Runs {@code parse}; a {@link ConfigException} it throws is recorded (all its problems) and
   * yields an empty result, so validation can go on with the other options.
   */
  public <T> Optional<T> attempt(Supplier<T> parse) {
    try {
      return Optional.ofNullable(parse.get());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
  }

  /** True when no problem has been recorded. */
  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems recorded so far, in order. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws a {@link ConfigException} listing every recorded problem, if there is any. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
