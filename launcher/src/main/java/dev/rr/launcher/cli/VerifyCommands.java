package dev.rr.launcher.cli;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.input.IdentitySchemaMappings;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.routing.ShardIdFetchers;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceTimezone;
import dev.rr.common.sink.ShardDialects;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.mysql.ShardConnections;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.launcher.verify.RowRouter;
import dev.rr.launcher.verify.ShardDatabases;
import dev.rr.launcher.verify.Verifier;
import dev.rr.launcher.verify.VerifyConfig;
import dev.rr.launcher.verify.VerifyJson;
import dev.rr.launcher.verify.VerifyReport;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ParameterException;

/** Runs {@code rr verify}. */
final class VerifyCommands {
  private VerifyCommands() {}

  static int verify(VerifyCommand command) throws Exception {
    SpannerTarget source = command.spanner.toTarget(command.spec);
    Optional<String> jar = SpannerOptions.nonBlank(command.shardingJar);
    Optional<String> className = SpannerOptions.nonBlank(command.shardingClass);
    if (jar.isPresent() != className.isPresent()) {
      throw new ParameterException(command.spec.commandLine(),
          "--shardingCustomJarPath and --shardingCustomClassName must be given together");
    }
    List<Shard> shards;
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      shards = ShardsFile.load(command.shardsFilePath, secrets, command.sourceType);
    }
    PrintWriter out = command.spec.commandLine().getOut();
    PrintWriter err = command.spec.commandLine().getErr();
    try (Spanner spanner = SpannerClients.open(source)) {
      DatabaseClient client = spanner.getDatabaseClient(SpannerClients.databaseId(source));
      Timestamp at = command.readTimestamp != null ? command.readTimestamp : SpannerTime.now(client);
      SchemaMapping mapping = mapping(command, client, shards.get(0));
      // The writer's rule: the option, else the session's TimezoneOffset, else UTC.
      VerifyConfig config = new VerifyConfig(at, command.tables, command.chunkSize,
          command.maxDifferences,
          SourceTimezone.resolve(Optional.ofNullable(command.sourceTimezone), mapping));
      RowRouter router = jar.isPresent()
          ? ShardDatabases.customRouter(mapping, shards, ShardIdFetchers.load(jar.get(),
              className.get(), SpannerOptions.nonBlank(command.shardingParameters).orElse(null)))
          : ShardDatabases.defaultRouter(mapping, shards);
      Verifier verifier = new Verifier(client, mapping, router, ShardDatabases.of(shards), config,
          command.sourceType);
      // Progress (rewritten in place) only for a person at a terminal; scripts get the result.
      PrintWriter progress = Terminal.progress(err);
      VerifyReport report = verifier.verify(line -> {
        progress.print("\r" + line + "\033[K");
        progress.flush();
      });
      progress.print("\r\033[K");
      progress.flush();
      if (command.json) {
        out.println(VerifyJson.render(report));
        out.flush();
      } else {
        report.print(out);
      }
      return report.equal() ? ExitCode.OK : ExitCode.FAILURE;
    }
  }

  /** The session mapping, or the identity mapping read from Spanner and the first shard. */
  private static SchemaMapping mapping(VerifyCommand command, DatabaseClient spanner, Shard first)
      throws Exception {
    Optional<String> session = SpannerOptions.nonBlank(command.sessionFilePath);
    if (session.isPresent()) {
      return SessionFile.load(session.get());
    }
    try (Connection connection = ShardConnections.open(first)) {
      return IdentitySchemaMappings.fromDatabases(spanner, connection,
          ShardDialects.of(first, ZoneOffset.UTC));
    }
  }
}
