package dev.rr.launcher.e2e;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension of the end-to-end suite: every scenario's result is printed as one line when
 * it ends, and exactly one {@code E2E TOTAL} line is printed when the whole test run ends (the
 * scoreboard lives in the root store, which JUnit closes once, after the last test class).
 *
 * <pre>{@code
 * @ExtendWith(E2EReport.class)
 * class E2EFooIT {
 *   @Test void shouldDoIt() throws Exception {
 *     ScenarioResult result = E2EReport.run("foo", () -> ... ScenarioResult.of(...));
 *     assertTrue(result.passed());
 *   }
 * }
 * }</pre>
 */
public final class E2EReport implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(E2EReport.class);
  private static final Scoreboard SCOREBOARD = new Scoreboard();

  /** A scenario's body: runs it and measures it. */
  @FunctionalInterface
  public interface Scenario {
    ScenarioResult run() throws Exception;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Scoreboard.class, k -> SCOREBOARD);
  }

  /**
   * Runs scenario {@code name}, prints and records its result; a scenario that throws is
   * recorded as failed before the error propagates.
   */
  public static ScenarioResult run(String name, Scenario scenario) throws Exception {
    ScenarioResult result;
    try {
      result = scenario.run();
    } catch (Exception | Error e) {
      SCOREBOARD.add(ScenarioResult.failed(name));
      throw e;
    }
    SCOREBOARD.add(result);
    return result;
  }

  /** The results of the scenarios run so far, in the order they ended. */
  static final class Scoreboard implements ExtensionContext.Store.CloseableResource {
    private final List<ScenarioResult> results = new ArrayList<>();

    synchronized void add(ScenarioResult result) {
      results.add(result);
      System.out.println(result.line());
      System.out.flush();
    }

    /** The total line; control runs' violations are expected, so they are not counted. */
    synchronized String totalLine() {
      long passed = results.stream().filter(ScenarioResult::passed).count();
      long lost = results.stream().mapToLong(ScenarioResult::lost).sum();
      long duplicated = results.stream().mapToLong(ScenarioResult::duplicated).sum();
      long violations = results.stream().filter(r -> !r.control())
          .mapToLong(ScenarioResult::violations).sum();
      return "E2E TOTAL scenarios=" + results.size() + " passed=" + passed + " lost=" + lost
          + " duplicated=" + duplicated + " violations=" + violations;
    }

    @Override
    public synchronized void close() {
      System.out.println(totalLine());
      System.out.flush();
    }
  }
}
