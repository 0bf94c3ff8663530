package dev.rr.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.verify.CanonicalValues;
import dev.rr.launcher.verify.VerifyRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistentPrefixOracleTest {
  static final List<String> COLUMNS = List.of("id", "balance", "note");

  static VerifyRow row(String id, String balance, String note) {
    return new VerifyRow(List.of(id), List.of(id, balance, note));
  }

  @Test
  void shouldFindNoDifferenceBetweenEqualRowsInAnyOrder() {
    List<RowDifference> differences = ConsistentPrefixOracle.compare("accounts", COLUMNS,
        List.of(row("1", "10", "a"), row("2", "20", CanonicalValues.NULL)),
        List.of(row("2", "20", CanonicalValues.NULL), row("1", "10", "a")));

    assertTrue(differences.isEmpty(), differences.toString());
  }

  @Test
  void shouldReportMissingExtraAndDifferentRowsWithBothValues() {
    List<RowDifference> differences = ConsistentPrefixOracle.compare("accounts", COLUMNS,
        List.of(row("1", "10", "a"), row("2", "20", "b")),
        List.of(row("2", "20", CanonicalValues.NULL), row("3", "30", "c")));

    assertEquals(List.of(
        "missing accounts (1) {id='1', balance='10', note='a'}",
        "different accounts (2) note: spanner='b' shard=NULL",
        "extra accounts (3) {id='3', balance='30', note='c'}"),
        differences.stream().map(RowDifference::describe).toList());
  }
}
