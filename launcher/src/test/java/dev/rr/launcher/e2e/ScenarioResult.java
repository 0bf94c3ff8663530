package dev.rr.launcher.e2e;

import dev.rr.launcher.verify.VerifyReport;

/**
 * What one end-to-end scenario ended with, printed as one {@code E2E scenario=...} line.
 *
 * @param name scenario name
 * @param rows Spanner rows compared with the shards
 * @param lost rows whose Spanner state is not in MySQL: missing there, or present with other values
 * @param duplicated rows in MySQL that Spanner does not hold at the cutover timestamp
 * @param violations balance samples that broke the per-shard invariant
 * @param control whether this is a control run, which must show violations (excluded from totals)
 * @param passed whether every check of the scenario held
 */
public record ScenarioResult(
    String name, long rows, long lost, long duplicated, long violations, boolean control,
    boolean passed) {

  /** A scenario judged by a verification and a sampler: passes when everything matched. */
  static ScenarioResult of(String name, VerifyReport report, long violations, boolean otherChecks) {
    long lost = report.missing() + report.different();
    boolean passed = report.equal() && violations == 0 && otherChecks;
    return new ScenarioResult(name, report.spannerRows(), lost, report.extra(), violations, false,
        passed);
  }

  /** A scenario that replicates nothing (bad inputs), judged by its own checks. */
  static ScenarioResult checksOnly(String name, boolean passed) {
    return new ScenarioResult(name, 0, 0, 0, 0, false, passed);
  }

  /** A scenario that failed before it could measure anything. */
  static ScenarioResult failed(String name) {
    return new ScenarioResult(name, 0, 0, 0, 0, false, false);
  }

  /** The scenario's report line. */
  String line() {
    return "E2E scenario=" + name + " rows=" + rows + " lost=" + lost + " duplicated=" + duplicated
        + " violations=" + violations + " result=" + (passed ? "PASS" : "FAIL");
  }
}
