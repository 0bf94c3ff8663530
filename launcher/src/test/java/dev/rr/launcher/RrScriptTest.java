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
 * {@code ./rr} installs MariaDB, or PostgreSQL for {@code quickstart --target postgresql}, only
 * when the command will start private servers of it: not for help, not for a command that needs
 * none, not when {@code --mysqlHost} names an external server.
 */
class RrScriptTest {
  private static final Path SCRIPTS = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts");

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
    "quickstart --target postgresql | false",
    "quickstart --target=postgresql --duration=20s | false",
    "quickstart --target mysql | true",
    "bench writer --target postgresql | false",
    "check --target postgresql --schema random | false",
  })
  void shouldInstallMariaDbOnlyWhenPrivateServersWillStart(String arguments, boolean needed)
      throws IOException, InterruptedException {
    assertEquals(needed ? 0 : 1, run("rr_needs_private_mariadb", arguments), arguments);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "quickstart --target postgresql | true",
    "quickstart --duration=20s --target=postgresql | true",
    "quickstart | false",
    "quickstart --target mysql | false",
    "check --seeds=3 | false",
    "quickstart --target postgresql --help | false",
    "launch --sourceType=postgresql --runner=direct | false",
    "verify --sourceType postgresql | false",
    "bench writer --target postgresql --records 20000 | true",
    "bench writer | false",
    "check --target=postgresql --schema random | true",
  })
  void shouldInstallPostgresqlOnlyForAPostgresqlQuickstart(String arguments, boolean needed)
      throws IOException, InterruptedException {
    assertEquals(needed ? 0 : 1, run("rr_needs_private_postgresql", arguments), arguments);
  }

  /** The exit status of {@code function} of the scripts {@code ./rr} sources, given {@code arguments}. */
  private static int run(String function, String arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        ". \"$0/ensure-mariadb.sh\" && . \"$0/ensure-postgresql.sh\" && " + function + " \"$@\"",
        SCRIPTS.toString()));
    command.addAll(List.of(arguments.trim().split("\\s+")));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    process.waitFor(10, TimeUnit.SECONDS);
    return process.exitValue();
  }
}
