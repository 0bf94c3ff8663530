package dev.rr.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./rr} installs MariaDB only when the command will start private servers: not for help,
 * not for a command that needs none, not when {@code --mysqlHost} names an external server.
 */
class RrScriptTest {
  private static final Path SCRIPT =
      Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/ensure-mariadb.sh");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "quickstart | true",
    "quickstart --duration=30s --shards=2 | true",
    "check --seeds=3 | true",
    "quickstart --help | false",
    "quickstart -h | false",
    "--help | false",
    "help quickstart | false",
    "--version | false",
    "quickstart --mysqlHost=db.internal --mysqlPassword=pw | false",
    "quickstart --mysqlHost db.internal | false",
    "status --runIdentifier=quickstart | false",
    "launch --runner=direct --changeStreamName=check | false",
  })
  void shouldInstallMariaDbOnlyWhenPrivateServersWillStart(String arguments, boolean needed)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        ". \"$0\" && rr_needs_private_mariadb \"$@\"", SCRIPT.toString()));
    command.addAll(List.of(arguments.trim().split("\\s+")));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    process.waitFor(10, TimeUnit.SECONDS);

    assertEquals(needed ? 0 : 1, process.exitValue(), arguments);
  }
}
