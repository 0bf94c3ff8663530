package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.SpannerException;
import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.buffer.BufferListing;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.Rr;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.cli.LaunchCommand;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.Launcher;
import dev.rr.launcher.launch.PipelineStarter;
import dev.rr.launcher.launch.RrLaunchArgs;
import dev.rr.reader.dofn.AssignShardFn;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.SpannerEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad inputs: each file or option mistake stops {@code rr launch --runner direct} before anything
 * is created or started, with a message naming the file, field and value; and data the inputs
 * do not cover (a table the session lacks, a shard id the shards file lacks) is counted and kept
 * at runtime, never lost.
 */
@ExtendWith(E2EReport.class)
class E2EBadInputsIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  @TempDir Path work;

  /** A starter that records being called instead of starting anything. */
  static final class RecordingStarter implements PipelineStarter {
    final AtomicInteger starts = new AtomicInteger();

    @Override
    public PipelineResult start(java.util.Map<String, String> parameters) {
      starts.incrementAndGet();
      throw new IllegalStateException("a pipeline was started despite a bad input");
    }
  }

  @Test
  void shouldRefuseEveryBadInputBeforeLaunchingAndNameIt() throws Exception {
    ReplicationFixture fixture = ReplicationFixture.create(SpannerEnv.shared(SPANNER), "badin",
        MYSQL.servers(3), work.resolve("run"));
    List<String> valid = launchArgs(fixture);
    Path session = Files.writeString(work.resolve("malformed-session.json"),
        "{\"SpSchema\": {\"t1\": {\"Name\": \"parent1\",}}");
    String shards = Files.readString(fixture.shardsFile);
    Path duplicate = Files.writeString(work.resolve("duplicate-shards.json"),
        shards.replace("\"shard2\"", "\"shard1\""));
    Path noPassword = Files.writeString(work.resolve("no-password-shards.json"),
        shards.replaceFirst("\"password\":\"[^\"]*\",", ""));
    Path badPort = Files.writeString(work.resolve("bad-port-shards.json"),
        shards.replaceFirst("\"port\":\\d+", "\"port\":70000"));
    List<Boolean> results = new ArrayList<>();

    results.add(fileRejected("bad-input-malformed-session", fixture,
        with(valid, "--sessionFilePath=", session.toString()), session.toString(), "line 1"));
    results.add(fileRejected("bad-input-duplicate-shard-ids", fixture,
        with(valid, "--sourceShardsFilePath=", duplicate.toString()), duplicate.toString(),
        "$[1].logicalShardId", "must be unique", "\"shard1\""));
    results.add(fileRejected("bad-input-missing-password", fixture,
        with(valid, "--sourceShardsFilePath=", noPassword.toString()), noPassword.toString(),
        "$[0]", "password or secretManagerUri"));
    results.add(fileRejected("bad-input-bad-port", fixture,
        with(valid, "--sourceShardsFilePath=", badPort.toString()), badPort.toString(),
        "$[0].port", "1 to 65535", "70000"));
    results.add(optionRejected("bad-input-end-before-start",
        with(valid, "--endTimestamp=", "2020-01-01T00:00:00Z"),
        "endTimestamp 2020-01-01T00:00:00Z is before startTimestamp " + fixture.start));
    results.add(optionRejected("bad-input-bad-windowDuration",
        with(valid, "--windowDuration=", "10x"), "--windowDuration", "10x"));
    results.add(optionRejected("bad-input-zero-windowDuration",
        with(valid, "--windowDuration=", "0s"), "--windowDuration", "0s"));

    assertEquals(List.of(true, true, true, true, true, true, true), results);
  }

  @Test
  void shouldCountAndKeepRecordsOfUnmappedTablesAndUnknownShards() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    long[] counted = new long[4];
    ScenarioResult result = E2EReport.run("runtime-unmapped-table-unknown-shard", () -> {
      try (ReplicationFixture fixture = ReplicationFixture.create(SpannerEnv.shared(SPANNER), "skips",
          MYSQL.servers(3), work, "CREATE TABLE audit_log (id INT64 NOT NULL, msg STRING(MAX),"
              + " migration_shard_id STRING(50)) PRIMARY KEY (id)")) {
        fixture.preLaunchChecks();
        PipelineResult reader = fixture.startReader(ReaderRunMode.REGULAR);
        fixture.startWriter(WriterRunMode.REGULAR);
        run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(31, 6, 12), workload -> {
          ReplicationRun.sleepScaled(2);
          List<Mutation> strays = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            strays.add(Mutation.newInsertBuilder("audit_log").set("id").to(i).set("msg")
                .to("not in the session").set("migration_shard_id").to("shard1").build());
          }
          for (int i = 0; i < 4; i++) {
            strays.add(Mutation.newInsertBuilder("parent1").set("id").to(8_000_000L + i)
                .set("migration_shard_id").to("shard9").build());
          }
          SpannerRetry.forEmulator().write(fixture.client(), strays);
          fixture.log("wrote 5 audit_log rows (unmapped) and 4 parent1 rows of shard9 (unknown)");
        });
        counted[0] = counter(reader, AssignShardFn.SKIPPED_RECORDS);
        counted[1] = counter(reader, AssignShardFn.UNKNOWN_SHARD_RECORDS);
        counted[2] = kept(fixture, "skip", "audit_log", null);
        counted[3] = kept(fixture, "skip-unknown-shard", "parent1", "shard9");
        fixture.log("counted %d skipped, %d unknown shard; kept %d and %d", counted[0], counted[1],
            counted[2], counted[3]);
      }
      // The shard9 rows are Spanner rows no shard holds: exactly those 4 must be "unrouted".
      boolean equalOtherwise = run[0].report().tables().stream().allMatch(t -> t.equal());
      return new ScenarioResult("runtime-unmapped-table-unknown-shard", run[0].report().spannerRows(),
          run[0].report().missing() + run[0].report().different(), run[0].report().extra(),
          run[0].balances().violations(), false, run[0].cutoverDone() && equalOtherwise
              && run[0].report().unroutedRows() == 4 && run[0].balances().violations() == 0
              && counted[0] == 5 && counted[1] == 4 && counted[2] == 5 && counted[3] == 4);
    });

    assertEquals(List.of(5L, 4L, 5L, 4L), List.of(counted[0], counted[1], counted[2], counted[3]),
        "skipped counter, unknown-shard counter, records kept in skip/, in skip-unknown-shard/");
    assertEquals(4, run[0].report().unroutedRows(), run[0].describe());
    assertTrue(result.passed(), result.line() + " " + run[0].describe());
  }

  /** Launches with {@code args} through the real command-line parsing and the Launcher's checks. */
  private boolean fileRejected(String name, ReplicationFixture fixture, List<String> args,
      String... expected) throws Exception {
    ScenarioResult result = E2EReport.run(name, () -> {
      RecordingStarter starter = new RecordingStarter();
      StringWriter out = new StringWriter();
      String message;
      try {
        new Launcher(new PrintWriter(out, true), starter, starter, true).launch(parse(args));
        message = "(launch returned normally)";
      } catch (RuntimeException e) {
        message = String.valueOf(e.getMessage());
      }
      boolean named = containsAll(message, expected);
      boolean nothingCreated = !exists(fixture.env, fixture.metadata);
      System.out.printf("[%s] %s%n", name, message.replace('\n', ' '));
      return ScenarioResult.checksOnly(name, named && nothingCreated && starter.starts.get() == 0);
    });
    return result.passed();
  }

  /**
   * Runs {@code rr launch} with {@code args}; the option must be refused with exit code 2. With
   * {@code --dry-run} added, an option wrongly accepted ends the command (exit 0, a failure here)
   * instead of starting pipelines; options are validated the same way either way.
   */
  private boolean optionRejected(String name, List<String> args, String... expected) throws Exception {
    ScenarioResult result = E2EReport.run(name, () -> {
      List<String> dryRun = new ArrayList<>(args);
      dryRun.add("--dry-run");
      RrRun rr = RrRun.of(dryRun.toArray(String[]::new));
      System.out.printf("[%s] exit %d: %s%n", name, rr.exitCode(), rr.err().lines().findFirst().orElse(""));
      return ScenarioResult.checksOnly(name, rr.exitCode() == ExitCode.USAGE
          && containsAll(rr.err(), expected));
    });
    return result.passed();
  }

  /** The {@code rr launch} arguments of the fixture's regular launch on the DirectRunner. */
  private static List<String> launchArgs(ReplicationFixture fixture) {
    LaunchConfig config = fixture.config(ReaderRunMode.REGULAR, WriterRunMode.REGULAR);
    List<String> args = RrLaunchArgs.of(config);
    return new ArrayList<>(args.subList(1, args.size()));
  }

  private static List<String> with(List<String> args, String option, String value) {
    UnaryOperator<String> replace = a -> a.startsWith(option) ? option + value : a;
    List<String> changed = new ArrayList<>(args.stream().map(replace).toList());
    if (changed.stream().noneMatch(a -> a.startsWith(option))) {
      changed.add(option + value);
    }
    return changed;
  }

  private static LaunchConfig parse(List<String> args) {
    CommandLine commandLine = Rr.newCommandLine();
    CommandLine.ParseResult parsed = commandLine.parseArgs(args.toArray(String[]::new));
    LaunchCommand launch = (LaunchCommand) parsed.subcommand().commandSpec().userObject();
    return launch.toConfig();
  }

  private static boolean containsAll(String text, String... parts) {
    for (String part : parts) {
      if (!text.contains(part)) {
        System.out.printf("missing \"%s\" in: %s%n", part, text);
        return false;
      }
    }
    return true;
  }

  private static boolean exists(SpannerEnv env, SpannerEnv.Database database) {
    try {
      env.spanner().getDatabaseAdminClient().getDatabase(database.instanceId(), database.databaseId());
      return true;
    } catch (SpannerException e) {
      if (e.getErrorCode() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(AssignShardFn.class, name)).build()).getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  /** Records of {@code table} (for {@code shard}, if given) kept in buffer directory {@code directory}. */
  private static long kept(ReplicationFixture fixture, String directory, String table, String shard)
      throws Exception {
    long count = 0;
    for (ResourceId file : BufferListing.windowFiles(fixture.buffer.toString(), directory).values()) {
      for (ChangeRecord record : BufferFileReader.readAll(file)) {
        if (record.tableName().equals(table) && (shard == null || shard.equals(record.shard()))) {
          count++;
        }
      }
    }
    return count;
  }
}
