package dev.rr.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RrTest {
  @Test
  void shouldListEverySubcommandAndExitCodeInTopLevelHelp() {
    RrRun run = RrRun.of("--help");

    assertEquals(ExitCode.OK, run.exitCode());
    for (String sub : new String[] {"launch", "status", "cutover", "verify", "reprocess", "resync", "drop", "quickstart"}) {
      assertTrue(run.out().contains(sub), "help lists " + sub + ":\n" + run.out());
    }
    assertTrue(run.out().contains("Exit codes:"), run.out());
    assertTrue(run.out().contains("3   cutover not reached"), run.out());
  }

  @Test
  void shouldExitWithUsageErrorWithoutSubcommand() {
    RrRun run = RrRun.of();

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("Missing subcommand"), run.err());
  }

  @Test
  void shouldExitWithUsageErrorForUnknownSubcommand() {
    RrRun run = RrRun.of("explode");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("explode"), run.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"launch", "status", "cutover", "verify", "reprocess", "resync", "drop", "quickstart"})
  void shouldPrintHelpWithExitCodesForEverySubcommand(String sub) {
    RrRun run = RrRun.of(sub, "--help");

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("Usage: rr " + sub + " [OPTIONS]"), run.out());
    assertTrue(run.out().contains("Exit codes:"), run.out());
  }

  @Test
  void shouldPrintHelpThroughHelpSubcommand() {
    RrRun run = RrRun.of("help", "cutover");

    assertEquals(ExitCode.OK, run.exitCode());
    assertTrue(run.out().contains("--timeout"), run.out());
  }

  @Test
  void shouldDescribeFailureWithCauses() {
    Exception failure = new IllegalStateException("cannot reach shard s1",
        new java.io.IOException("connection refused"));

    assertEquals("cannot reach shard s1; caused by: connection refused", Rr.describe(failure));
  }

  @Test
  void shouldPrintTheProblemAndAOneLineHintNotTheWholeHelpOnAUsageError() {
    RrRun run = RrRun.of("launch", "--instanceId=i");

    assertEquals(ExitCode.USAGE, run.exitCode());
    List<String> lines = run.err().lines().toList();
    assertTrue(lines.get(0).startsWith("rr launch: Missing required options: "), run.err());
    assertEquals("Try 'rr launch --help' for the options.", lines.get(lines.size() - 1), run.err());
    assertFalse(run.err().contains("Usage:"), run.err());
    assertTrue(lines.size() <= 3, run.err());
  }

  @Test
  void shouldSuggestTheOptionMeantWhenOneIsMisspelt() {
    RrRun run = RrRun.of("status", "--runIdentifer=r1", "--instanceId=i", "--databaseId=d");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--runIdentifier"), run.err());
    assertFalse(run.err().contains("Usage:"), run.err());
  }

  @Test
  void shouldMarkRequiredOptionsInHelp() {
    String help = RrRun.of("launch", "--help").out();

    assertTrue(help.contains("Options (* = required):"), help);
    assertTrue(help.lines().anyMatch(l -> l.matches("^\\*\\s+--changeStreamName=.*")), help);
    assertTrue(help.lines().anyMatch(l -> l.matches("^\\s+--windowDuration=.*")), help);
  }
}
