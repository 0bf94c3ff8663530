package dev.rr.launcher.e2e;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.rr.common.config.FiltrationMode;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.input.SecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.launch.ChangeStreamDdl;
import dev.rr.launcher.launch.CustomCode;
import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.launch.Jobs;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.PipelineParameters;
import dev.rr.launcher.launch.PreLaunchChecks;
import dev.rr.launcher.launch.ReplicationSettings;
import dev.rr.launcher.launch.ResumingReader;
import dev.rr.launcher.launch.RunSettings;
import dev.rr.launcher.launch.Runner;
import dev.rr.launcher.spanner.MetadataTarget;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.launcher.status.CutoverCheck;
import dev.rr.launcher.status.CutoverWaiter;
import dev.rr.launcher.status.MetadataRunStateSource;
import dev.rr.launcher.verify.ShardDatabases;
import dev.rr.launcher.verify.Verifier;
import dev.rr.launcher.verify.VerifyConfig;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.MySqlTestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;

/**
 * One scenario's replication: a schema (the sample, or another {@link Schema}) in a fresh Spanner
 * database with a change stream, one fresh database per shard on three separate servers (MySQL,
 * or PostgreSQL: {@link ShardServers}), the session and shards files, a buffer directory, and the
 * reader and writer it starts (stopped by {@link #close()}).
 */
final class ReplicationFixture implements AutoCloseable {
  static final List<String> SHARD_IDS = List.of("shard1", "shard2", "shard3");
  static final String CHANGE_STREAM = "rrstream";
  static final Duration WINDOW = Duration.ofSeconds(2);
  static final Duration CUTOVER_TIMEOUT =
      Duration.ofSeconds((long) (180 * Math.max(1, ReplicationRun.SCALE)));
  /** Writer options the suite sets beyond the launch's: look for new windows often. */
  static final Map<String, String> WRITER_EXTRAS = Map.of("pollInterval", "300ms");

  /** What a fixture replicates: the session file and the DDL of Spanner and of each kind of shard. */
  record Schema(String sessionJson, List<String> spannerDdl, List<String> mysqlDdl,
      List<String> postgresDdl) {
    /** The quickstart's sharded sample. */
    static Schema sample() {
      return new Schema(SampleSchema.sessionJson(), SampleSchema.spannerDdl(), SampleSchema.mysqlDdl(),
          SampleSchema.postgresDdl());
    }
  }

  final SpannerEnv env;
  final SpannerEnv.Database data;
  /** The metadata database: named here, created by {@link #preLaunchChecks()}. */
  SpannerEnv.Database metadata;
  /** The shards' servers, of the run's kind. */
  final ShardServers shardServers;
  /** The shard databases, one per {@link #SHARD_IDS} entry. */
  final List<TestShard> testShards;
  /** MySQL runs: the servers of {@link #shardServers} (empty on PostgreSQL). */
  final List<MySqlTestServer> servers;
  /** MySQL runs: {@link #testShards} as the MySQL test support names them (empty on PostgreSQL). */
  final List<MySqlTestDatabase> shardDatabases;
  final Path buffer;
  final Path sessionFile;
  final Path shardsFile;
  final String runId;
  final Schema schema;
  /** First commit time replicated: reset after the pre-launch checks, so the reader starts near now. */
  Timestamp start;
  private final long createdNanos = System.nanoTime();
  /** Standard output with every line prefixed like {@link #log}. */
  final PrintWriter out = new PrintWriter(new java.io.Writer() {
    private final StringBuilder line = new StringBuilder();

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        if (chars[i] == '\n') {
          log("%s", line);
          line.setLength(0);
        } else {
          line.append(chars[i]);
        }
      }
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }, true);
  private final List<PipelineResult> readers = new ArrayList<>();
  private final List<PipelineResult> writers = new ArrayList<>();

  private ReplicationFixture(SpannerEnv env, String name, ShardServers shardServers,
      List<TestShard> testShards, Path work, Schema schema, List<String> extraSpannerDdl)
      throws IOException {
    this.schema = schema;
    this.env = env;
    this.shardServers = shardServers;
    this.testShards = List.copyOf(testShards);
    boolean mysql = shardServers instanceof MySqlShardServers;
    this.servers = mysql ? ((MySqlShardServers) shardServers).servers() : List.of();
    this.shardDatabases = mysql ? testShards.stream().map(MySqlShardServers::mysql).toList() : List.of();
    this.buffer = Files.createDirectories(work.resolve("buffer"));
    this.sessionFile = work.resolve("session.json");
    this.shardsFile = work.resolve("shards.json");
    this.runId = "e2e-" + name;
    Files.writeString(sessionFile, schema.sessionJson(), StandardCharsets.UTF_8);
    Files.writeString(shardsFile, shardsJson(testShards), StandardCharsets.UTF_8);
    List<String> ddl = new ArrayList<>(schema.spannerDdl());
    ddl.addAll(extraSpannerDdl);
    ddl.add(ChangeStreamDdl.create(CHANGE_STREAM));
    this.data = env.createDatabase(ddl);
    this.metadata = new SpannerEnv.Database(data.instanceId(), data.databaseId() + "_m");
    // The change stream must exist before the first timestamp read.
    this.start = Timestamp.now();
  }

  /**
   * Creates everything for scenario {@code name} (a short identifier) on {@code env} and the
   * first three {@code servers}, with {@code extraSpannerDdl} applied after the sample schema.
   */
  static ReplicationFixture create(SpannerEnv env, String name, List<MySqlTestServer> servers,
      Path work, String... extraSpannerDdl) throws Exception {
    return create(env, name, servers, work, Schema.sample(), extraSpannerDdl);
  }

  /** The same for {@code schema} instead of the sample. */
  static ReplicationFixture create(SpannerEnv env, String name, List<MySqlTestServer> servers,
      Path work, Schema schema, String... extraSpannerDdl) throws Exception {
    return create(env, name, new MySqlShardServers(servers), work, schema, extraSpannerDdl);
  }

  /** The same on the shard servers {@code shardServers} (MySQL or PostgreSQL). */
  static ReplicationFixture create(SpannerEnv env, String name, ShardServers shardServers,
      Path work, Schema schema, String... extraSpannerDdl) throws Exception {
    List<TestShard> databases = new ArrayList<>();
    for (int i = 0; i < SHARD_IDS.size(); i++) {
      databases.add(shardServers.newDatabase(i, shardServers.ddl(schema)));
    }
    return new ReplicationFixture(env, name, shardServers, databases, work, schema, List.of(extraSpannerDdl));
  }

  /** A fresh database on {@code server} with the sample's MySQL schema. */
  static MySqlTestDatabase createShardDatabase(MySqlTestServer server) throws SQLException {
    return createShardDatabase(server, Schema.sample());
  }

  /** A fresh database on {@code server} with {@code schema}'s MySQL tables. */
  static MySqlTestDatabase createShardDatabase(MySqlTestServer server, Schema schema) throws SQLException {
    MySqlTestDatabase database = server.newDatabase();
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      for (String ddl : schema.mysqlDdl()) {
        statement.execute(ddl);
      }
    }
    return database;
  }

  /** Prints a progress line prefixed with the run and the seconds since the fixture was made. */
  void log(String format, Object... args) {
    System.out.printf("[%s +%.1fs] %s%n", runId, (System.nanoTime() - createdNanos) / 1e9,
        String.format(format, args));
  }

  DatabaseClient client() {
    return env.client(data);
  }

  /** The launch of this fixture with the given run modes (both pipelines, DirectRunner). */
  LaunchConfig config(ReaderRunMode readerMode, WriterRunMode writerMode) {
    return config(runId, buffer, start, Optional.empty(), readerMode, writerMode);
  }

  private LaunchConfig config(String run, Path bufferDir, Timestamp from, Optional<Timestamp> to,
      ReaderRunMode readerMode, WriterRunMode writerMode) {
    SpannerTarget source = new SpannerTarget(env.projectId(), data.instanceId(), data.databaseId(),
        Optional.empty(), Optional.of(env.emulatorHost()));
    MetadataTarget metadataTarget = new MetadataTarget(
        source.withDatabase(metadata.instanceId(), metadata.databaseId()), Optional.empty());
    ReplicationSettings replication = new ReplicationSettings(CHANGE_STREAM, Optional.of(from),
        to, WINDOW, bufferDir.toString(), Optional.of(sessionFile.toString()),
        shardsFile.toString(), FiltrationMode.FORWARD_MIGRATION, "skip", Optional.of(ZoneOffset.UTC),
        shardServers.type());
    RunSettings settings = new RunSettings(Jobs.BOTH, Runner.DIRECT, run, readerMode, writerMode, false);
    return new LaunchConfig(settings, source, metadataTarget, replication, CustomCode.none(),
        Optional.empty(), Map.of(), WRITER_EXTRAS);
  }

  /** Runs the launcher's pre-launch checks (they create the metadata database and tables). */
  void preLaunchChecks() throws Exception {
    // Made by the test support, so that it is dropped with the test's other databases.
    metadata = env.createDatabase(List.of());
    log("databases ready; pre-launch checks");
    new PreLaunchChecks(env.spanner(), out, true).run(config(ReaderRunMode.REGULAR, WriterRunMode.REGULAR));
    start = Timestamp.now();
  }

  /** Starts the reader in {@code mode}, as {@code rr launch --runner direct} does. */
  PipelineResult startReader(ReaderRunMode mode) throws Exception {
    PipelineResult reader = DirectPipelines.reader()
        .start(PipelineParameters.reader(config(mode, WriterRunMode.REGULAR)));
    readers.add(reader);
    log("reader started (%s)", mode.optionName());
    return reader;
  }

  /**
   * Runs a separate bounded reader of the same change stream, session and shards from {@code
   * from} to {@code to} (inclusive) as run {@code run} into {@code bufferDir}, and waits for it to
   * finish. Its window grid starts at {@code from}; the run's metadata rows are its own.
   */
  void runBoundedReader(String run, Path bufferDir, Timestamp from, Timestamp to) throws Exception {
    PipelineResult reader = DirectPipelines.reader().start(PipelineParameters.reader(
        config(run, bufferDir, from, Optional.of(to), ReaderRunMode.REGULAR, WriterRunMode.REGULAR)));
    PipelineResult.State state = reader.waitUntilFinish(org.joda.time.Duration.standardMinutes(2));
    if (state != PipelineResult.State.DONE) {
      stop(reader);
      throw new IllegalStateException("the bounded reader " + run + " ended " + state);
    }
    log("bounded reader %s read %s..%s", run, from, to);
  }

  /** Starts the writer in {@code mode}, as {@code rr launch --runner direct} does. */
  PipelineResult startWriter(WriterRunMode mode) throws Exception {
    PipelineResult writer = DirectPipelines.writer()
        .start(PipelineParameters.writer(config(ReaderRunMode.REGULAR, mode)));
    writers.add(writer);
    log("writer started (%s)", mode.optionName());
    return writer;
  }

  /** How many times the readers started so far relaunched themselves ({@link ResumingReader}). */
  int readerRelaunches() {
    return readers.stream().mapToInt(reader -> ((ResumingReader) reader).relaunches()).sum();
  }

  /** Cancels every reader started so far and waits for them to stop. */
  void stopReaders() {
    readers.forEach(ReplicationFixture::stop);
    readers.clear();
  }

  /** Cancels every writer started so far and waits for them to stop. */
  void stopWriters() {
    writers.forEach(ReplicationFixture::stop);
    writers.clear();
  }

  /**
   * Stops the writers as a crash would: cancels them and, meanwhile, kills every shard session
   * they hold (but {@code sparedSessions}), so that an open window transaction is rolled back
   * rather than finished.
   */
  void killWriters(Set<Long> sparedSessions) throws SQLException, InterruptedException {
    writers.forEach(ReplicationFixture::cancel);
    for (int round = 0; round < 3; round++) {
      for (TestShard shard : testShards) {
        shardServers.killSessions(shard, sparedSessions);
      }
      Thread.sleep(300);
    }
    stopWriters();
    log("writers killed");
  }

  /** The reader's {@code created_upto} of this run, by shard (shards without one absent). */
  Map<String, Timestamp> createdUpto() {
    return metadataStore().fileCreateProgress().createdUpto(runId);
  }

  /** The writer's progress rows of this run, by shard. */
  Map<String, ShardProgress> shardProgress() {
    return metadataStore().fileProcessProgress().read(runId);
  }

  MetadataStore metadataStore() {
    return SpannerClients.metadata(env.spanner(),
        config(ReaderRunMode.REGULAR, WriterRunMode.REGULAR).metadata());
  }

  /** Waits until every shard applied everything committed up to {@code at} (or a shard failed). */
  CutoverCheck.Outcome cutover(Timestamp at) throws InterruptedException {
    MetadataStore store = metadataStore();
    MetadataRunStateSource states = new MetadataRunStateSource(
        store.fileCreateProgress(), store.fileProcessProgress(), Clock.systemUTC());
    CutoverCheck.Outcome outcome = new CutoverWaiter(states, Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()), out).await(runId, at, CUTOVER_TIMEOUT, Duration.ofMillis(500));
    log("cutover at %s: %s %s", at, outcome.verdict(), String.join("; ", outcome.reasons()));
    return outcome;
  }

  /** Compares Spanner at {@code at} with the shards, every row of every mapped table; prints the report. */
  VerifyReport verify(Timestamp at) throws SQLException {
    return verify(at, shards());
  }

  /** {@link #verify(Timestamp)} against other shard databases (e.g. the control's). */
  VerifyReport verify(Timestamp at, List<Shard> shards) throws SQLException {
    SchemaMapping mapping = mapping();
    VerifyReport report = new Verifier(client(), mapping, ShardDatabases.defaultRouter(mapping, shards),
        ShardDatabases.of(shards), VerifyConfig.at(at), shardServers.type()).verify(line -> { });
    report.print(out);
    log("verified");
    return report;
  }

  SchemaMapping mapping() {
    return SessionFile.load(sessionFile.toString());
  }

  /** The shards of the shards file. */
  List<Shard> shards() {
    return ShardsFile.load(shardsFile.toString(), SecretResolver.none(), shardServers.type());
  }

  @Override
  public void close() {
    stopWriters();
    stopReaders();
  }

  static String shardsJson(List<TestShard> databases) {
    JsonArray shards = new JsonArray();
    for (int i = 0; i < databases.size(); i++) {
      TestShard database = databases.get(i);
      JsonObject shard = new JsonObject();
      shard.addProperty("logicalShardId", SHARD_IDS.get(i));
      shard.addProperty("host", database.host());
      shard.addProperty("port", database.port());
      shard.addProperty("user", database.user());
      shard.addProperty("password", database.password());
      shard.addProperty("dbName", database.name());
      shards.add(shard);
    }
    return shards.toString();
  }

  private static void cancel(PipelineResult pipeline) {
    try {
      pipeline.cancel();
    } catch (IOException | RuntimeException e) {
      // Cancelling a pipeline that already failed reports that failure; it is stopped either way.
    }
  }

  private static void stop(PipelineResult pipeline) {
    cancel(pipeline);
    try {
      pipeline.waitUntilFinish(org.joda.time.Duration.standardSeconds(30));
    } catch (RuntimeException e) {
      // A cancelled DirectRunner pipeline may surface the cancellation as an error.
    }
  }
}
