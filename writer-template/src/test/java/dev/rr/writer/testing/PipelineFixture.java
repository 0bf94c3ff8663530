package dev.rr.writer.testing;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import dev.rr.common.config.WriterConfig;
import dev.rr.common.config.WriterConfigBuilder;
import dev.rr.common.metadata.FileCreateProgressDao;
import dev.rr.common.metadata.FileProcessProgressDao;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.metadata.RunMetadata;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import dev.rr.common.spanner.SpannerRetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * What a writer pipeline test needs around it: a metadata database on the emulator with the run
 * row the reader would have written, a shards file, and the reader's progress per shard.
 */
public final class PipelineFixture {
  public static final String RUN_ID = "run_pipeline_it";

  private final SpannerTestDatabase metadata;
  private final Path directory;
  private final Map<String, MySqlTestDatabase> shards = new LinkedHashMap<>();
  private final MetadataTables tables = MetadataTables.withoutSuffix();

  public PipelineFixture(SpannerEmulatorExtension emulator, Path directory) {
    this.metadata = emulator.newDatabase();
    this.directory = directory;
  }

  public PipelineFixture shard(String id, MySqlTestDatabase database) {
    shards.put(id, database);
    return this;
  }

  public String bufferDirectory() {
    return directory.resolve("buffer").toString();
  }

  /** Creates the metadata tables and the reader's run row. */
  public void startRun(Instant start, Instant end, Duration window) {
    startRun(start, end, window, "projects/rr-test/instances/rr-test-instance/databases/source");
  }

  /** The same, for a run reading the change stream of {@code spannerDatabase}. */
  public void startRun(Instant start, Instant end, Duration window, String spannerDatabase) {
    MetadataStore store = MetadataStore.open(metadata.client(), metadata.adminClient(),
        metadata.id(), tables, SpannerRetry.forEmulatorHost(metadata.emulatorHost()));
    store.createMissingTables();
    store.runs().upsert(RunMetadata.builder()
        .runId(RUN_ID)
        .startTimestamp(timestamp(start))
        .endTimestamp(end == null ? null : timestamp(end))
        .windowDuration(window)
        .changeStreamName("allstream")
        .spannerDatabase(spannerDatabase)
        .readerRunMode(dev.rr.common.config.ReaderRunMode.REGULAR)
        .bufferDirectory(bufferDirectory())
        .skipDirectoryName("skip")
        .build());
  }

  /** Publishes the reader's created_upto for {@code shard}. */
  public void createdUpto(String shard, Instant value) {
    new FileCreateProgressDao(client(), tables).setCreatedUpto(RUN_ID, shard, timestamp(value));
  }

  /** The writer's progress row of {@code shard}. */
  public Optional<ShardProgress> progress(String shard) {
    return new FileProcessProgressDao(client(), tables).read(RUN_ID, shard);
  }

  public DatabaseClient client() {
    return metadata.client();
  }

  /** A configuration with the given extra settings (e.g. session file, run mode). */
  public WriterConfigBuilder config() throws IOException {
    Path shardsFile = directory.resolve("shards.json");
    StringJoiner json = new StringJoiner(",", "[", "]");
    shards.forEach((id, db) -> json.add("{\"logicalShardId\":\"" + id + "\",\"host\":\""
        + db.host() + "\",\"port\":" + db.port() + ",\"user\":\"" + db.user()
        + "\",\"password\":\"" + db.password() + "\",\"dbName\":\"" + db.name() + "\"}"));
    Files.writeString(shardsFile, json.toString());
    return WriterConfig.builder()
        .sourceShardsFilePath(shardsFile.toString())
        .spannerProjectId(metadata.projectId())
        .metadataInstance(metadata.instanceId())
        .metadataDatabase(metadata.databaseId())
        .spannerEmulatorHost(metadata.emulatorHost())
        .runIdentifier(RUN_ID)
        .pollInterval("200ms");
  }

  /** Writes the interleave session file next to the buffer; its path. */
  public String interleaveSessionFile() throws IOException {
    Path file = directory.resolve("session.json");
    Files.writeString(file, Fixtures.resource("/fixtures/interleave/session.json"));
    return file.toString();
  }

  /** DirectRunner options that return from run() at once. */
  public static PipelineOptions directOptions() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    return options;
  }

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }
}
