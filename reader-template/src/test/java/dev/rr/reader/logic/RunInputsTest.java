package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunInputsTest {
  private static final RunInputs STARTED =
      new RunInputs("abc", List.of("s1", "s2"), RunInputs.NONE);

  @Test
  void shouldFindNoDifferenceInTheSameInputs() {
    assertEquals(List.of(), new RunInputs("abc", List.of("s1", "s2"), RunInputs.NONE)
        .differencesFrom(STARTED));
  }

  @Test
  void shouldNameEveryInputThatRoutesDifferently() {
    List<String> differences =
        new RunInputs(RunInputs.IDENTITY_MAPPING, List.of("s2", "s1"), "my.Fetcher")
            .differencesFrom(STARTED);

    assertEquals(3, differences.size(), differences.toString());
    assertTrue(differences.get(0).startsWith("sessionFilePath"), differences.get(0));
    assertTrue(differences.get(1).contains("[s1, s2]") && differences.get(1).contains("[s2, s1]"),
        differences.get(1));
    assertTrue(differences.get(2).contains("my.Fetcher"), differences.get(2));
  }
}
