package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.ConfigException;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.RunMetadata;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.Rr;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.cli.LaunchCommand;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rr launch} refuses what the reader would refuse at start-up before any pipeline starts,
 * and every command fails in seconds, naming the endpoint or option, when Spanner or the
 * metadata cannot be found.
 */
class LaunchRefusalIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  @TempDir Path dir;

  /** Counts starts instead of starting a pipeline. */
  static final class CountingStarter implements PipelineStarter {
    final AtomicInteger starts = new AtomicInteger();

    @Override
    public PipelineResult start(Map<String, String> parameters) {
      starts.incrementAndGet();
      throw new IllegalStateException("started");
    }
  }

  @Test
  void shouldRefuseAnExistingRunIdentifierBeforeStartingAnyPipeline() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)");
    List<String> args = launchArgs(spanner, "taken");
    LaunchConfig config = parse(args);
    try (Spanner client = SpannerClients.open(config.source())) {
      MetadataStore.createDatabaseIfMissing(client.getDatabaseAdminClient(),
          SpannerClients.databaseId(config.metadata().database()), Dialect.GOOGLE_STANDARD_SQL);
      MetadataStore store = SpannerClients.metadata(client, config.metadata());
      store.createMissingTables();
      store.runs().upsert(RunMetadata.builder().runId("taken")
          .startTimestamp(Timestamp.parseTimestamp("2024-01-01T00:00:00Z"))
          .windowDuration(Duration.ofSeconds(2)).changeStreamName("rrstream")
          .spannerDatabase(SpannerClients.databaseId(config.source()).getName())
          .readerRunMode(ReaderRunMode.REGULAR).bufferDirectory(dir.resolve("buffer").toString())
          .skipDirectoryName("skip").build());
    }
    CountingStarter starter = new CountingStarter();

    ConfigException refused = assertThrows(ConfigException.class, () ->
        new Launcher(new PrintWriter(new StringWriter()), starter, starter, true).launch(config));

    assertTrue(refused.getMessage().contains("runIdentifier 'taken' already exists (started at "
        + "2024-01-01T00:00:00Z): use runMode=resume"), refused.getMessage());
    assertEquals(0, starter.starts.get(), "neither reader nor writer started");
  }

  @Test
  void shouldFailWithinSecondsNamingTheEmulatorWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    long started = System.nanoTime();

    RrRun run = RrRun.of("status", "--runIdentifier=r", "--emulatorHost=127.0.0.1:" + port,
        "--instanceId=inst", "--databaseId=appdb");

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(ExitCode.FAILURE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("cannot reach the Spanner emulator (--emulatorHost) at 127.0.0.1:"
        + port), run.err());
    assertTrue(run.err().contains("is the emulator running"), run.err());
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
  }

  @Test
  void shouldNameAMissingMetadataDatabase() {
    SpannerTestDatabase spanner = SPANNER.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)");

    RrRun run = RrRun.of("status", "--runIdentifier=r", "--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--metadataDatabase=nosuchmeta");

    assertEquals(ExitCode.FAILURE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("metadata database projects/" + spanner.projectId() + "/instances/"
        + spanner.instanceId() + "/databases/nosuchmeta"), run.err());
    assertTrue(run.err().contains("does not exist: check --metadataInstance and --metadataDatabase"),
        run.err());
  }

  @Test
  void shouldNameAWrongTableSuffixAndTheTablesThatExist() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)");
    LaunchConfig config = parse(launchArgs(spanner, "r", "--metadataTableSuffix=blue"));
    try (Spanner client = SpannerClients.open(config.source())) {
      MetadataStore.createDatabaseIfMissing(client.getDatabaseAdminClient(),
          SpannerClients.databaseId(config.metadata().database()), Dialect.GOOGLE_STANDARD_SQL);
      SpannerClients.metadata(client, config.metadata()).createMissingTables();
    }

    RrRun run = RrRun.of("status", "--runIdentifier=r", "--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--metadataDatabase="
            + config.metadata().database().databaseId(), "--metadataTableSuffix=green");

    assertEquals(ExitCode.FAILURE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("has no table spanner_to_gcs_metadata_green"), run.err());
    assertTrue(run.err().contains("check --metadataTableSuffix (given _green)"), run.err());
    assertTrue(run.err().contains("shard_file_create_progress_blue"), run.err());
  }

  private List<String> launchArgs(SpannerTestDatabase spanner, String runId, String... more)
      throws Exception {
    MySqlTestDatabase db = MYSQL.newDatabase();
    Path shards = Files.writeString(dir.resolve("shards.json"),
        LaunchIT.shardsJson(Map.of("s1", db)));
    String metadataDb = "meta" + Long.toHexString(System.nanoTime() % 0xffffffL);
    List<String> args = new ArrayList<>(List.of("launch", "--runner=direct",
        "--runIdentifier=" + runId, "--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--metadataDatabase=" + metadataDb,
        "--changeStreamName=rrstream", "--windowDuration=2s",
        "--bufferDirectory=" + dir.resolve("buffer"), "--sourceShardsFilePath=" + shards));
    args.addAll(List.of(more));
    return args;
  }

  private static LaunchConfig parse(List<String> args) {
    CommandLine.ParseResult result = Rr.newCommandLine().parseArgs(args.toArray(String[]::new));
    return ((LaunchCommand) result.subcommand().commandSpec().userObject()).toConfig();
  }
}
