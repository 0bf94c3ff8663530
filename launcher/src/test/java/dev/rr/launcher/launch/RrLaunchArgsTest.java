package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.cli.LaunchCommand;
import dev.rr.launcher.cli.LaunchCommandTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lines printed for a launch reproduce it, the kind of shard database included. */
class RrLaunchArgsTest {
  private static LaunchConfig reparse(List<String> rrLaunch) {
    CommandLine commandLine = dev.rr.launcher.Rr.newCommandLine();
    CommandLine.ParseResult result = commandLine.parseArgs(
        rrLaunch.subList(1, rrLaunch.size()).toArray(String[]::new));
    return ((LaunchCommand) result.subcommand().commandSpec().userObject()).toConfig();
  }

  @Test
  void shouldReproduceAPostgresqlLaunchInItsResumeAndVerifyCommands() {
    LaunchConfig config = LaunchCommandTest.parse("--runner=direct", "--runIdentifier=pg1",
        "--sourceType=postgresql", "--sessionFilePath=/s/session.json");

    List<String> args = RrLaunchArgs.of(config);

    assertTrue(args.contains("--sourceType=postgresql"), args.toString());
    assertEquals(SourceType.POSTGRESQL, reparse(args).replication().sourceType());
    assertTrue(FollowUpCommands.verify(config).contains(" --sourceType=postgresql"),
        FollowUpCommands.verify(config));
  }

  @Test
  void shouldLeaveTheDefaultMysqlSourceTypeImplicit() {
    LaunchConfig config = LaunchCommandTest.parse("--runner=direct", "--runIdentifier=my1");

    assertEquals(SourceType.MYSQL, reparse(RrLaunchArgs.of(config)).replication().sourceType());
    assertFalse(FollowUpCommands.verify(config).contains("--sourceType"),
        FollowUpCommands.verify(config));
  }
}
