package dev.rr.launcher.cli;

import dev.rr.launcher.quickstart.QuickstartSettings;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The local services a command runs on ({@code rr quickstart}, {@code rr check}): a Spanner
 * emulator and a MySQL server, each started privately unless one is given here.
 */
public final class LocalServicesOptions {
  @Option(names = "--emulatorHost", description = "Use this running Spanner emulator (host:port) instead of starting one.")
  String emulatorHost;

  @Option(names = "--mysqlHost", description = "Use this MySQL server instead of starting a private MariaDB.")
  String mysqlHost;

  @Option(names = "--mysqlPort", defaultValue = "3306", description = "Port of --mysqlHost (default: ${DEFAULT-VALUE}).")
  int mysqlPort;

  @Option(names = "--mysqlUser", defaultValue = "root", description = "User on --mysqlHost (default: ${DEFAULT-VALUE}).")
  String mysqlUser;

  @Option(names = "--mysqlPassword", defaultValue = "", description = "Password on --mysqlHost (default: empty).")
  String mysqlPassword;

  /** The emulator to use, empty to start one. */
  Optional<String> emulatorHost() {
    return SpannerOptions.nonBlank(emulatorHost);
  }

  /** The MySQL server to use, empty to start a private MariaDB. */
  Optional<QuickstartSettings.MySqlEndpoint> mysql() {
    return SpannerOptions.nonBlank(mysqlHost)
        .map(host -> new QuickstartSettings.MySqlEndpoint(host, mysqlPort, mysqlUser, mysqlPassword));
  }
}
