package dev.rr.launcher.cli;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.launcher.verify.ShardDatabases;
import dev.rr.launcher.verify.Verifier;
import dev.rr.launcher.verify.VerifyConfig;
import dev.rr.launcher.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ParameterException;

/** Runs {@code rr verify}. */
final class VerifyCommands {
  private VerifyCommands() {}

  static int verify(VerifyCommand command) throws Exception {
    SpannerTarget source = command.spanner.toTarget(command.spec);
    if (SpannerOptions.nonBlank(command.sessionFilePath).isEmpty()) {
      throw new ParameterException(command.spec.commandLine(),
          "--sessionFilePath is required: verify compares through the session mapping");
    }
    if (SpannerOptions.nonBlank(command.shardingJar).isPresent()) {
      throw new ParameterException(command.spec.commandLine(),
          "custom shard-id fetchers are not supported by verify yet; verify one shard at a time"
              + " with a shards file holding only that shard and --tables");
    }
    SchemaMapping mapping = SessionFile.load(command.sessionFilePath);
    List<Shard> shards;
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      shards = ShardsFile.load(command.shardsFilePath, secrets);
    }
    Timestamp at = command.readTimestamp != null ? command.readTimestamp : Timestamp.now();
    VerifyConfig config = new VerifyConfig(at, command.tables, command.chunkSize,
        command.maxDifferences, command.sourceTimezone);
    PrintWriter out = command.spec.commandLine().getOut();
    PrintWriter err = command.spec.commandLine().getErr();
    try (Spanner spanner = SpannerClients.open(source)) {
      Verifier verifier = new Verifier(spanner.getDatabaseClient(SpannerClients.databaseId(source)),
          mapping, ShardDatabases.defaultRouter(shards), ShardDatabases.of(shards), config);
      VerifyReport report = verifier.verify(line -> {
        err.print("\r" + line + "\033[K");
        err.flush();
      });
      err.print("\r\033[K");
      err.flush();
      report.print(out);
      return report.equal() ? ExitCode.OK : ExitCode.FAILURE;
    }
  }
}
