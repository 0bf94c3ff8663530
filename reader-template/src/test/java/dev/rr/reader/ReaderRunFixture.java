package dev.rr.reader;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderConfigBuilder;
import dev.rr.common.metadata.FileCreateProgressDao;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.metadata.RunMetadataDao;
import dev.rr.common.model.ModType;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * One reader run against the emulator: a data database with a change stream, a fresh metadata
 * database, a shards file and a buffer directory; records the writes a test makes so that the
 * expected files can be derived from them.
 */
final class ReaderRunFixture {
  final SpannerEmulatorExtension spanner;
  final SpannerTestDatabase data;
  final SpannerTestDatabase metadata;
  final Path work;
  final Path buffer;
  final Path shardsFile;
  final Timestamp start;
  private final List<Expected> expected = new ArrayList<>();

  /** Databases made by fixtures of the running test; the emulator holds 100 per instance. */
  private static final List<SpannerTestDatabase> CREATED = new ArrayList<>();

  /** One expected buffer record: directory, table, change, keys and commit time. */
  record Expected(String directory, String table, ModType type, String keysJson, String shard,
      Timestamp commit) {
    String describe() {
      return table + " " + type + " " + keysJson + " -> " + shard + " @" + commit;
    }
  }

  ReaderRunFixture(SpannerEmulatorExtension spanner, Path work, List<String> shards, String... ddl)
      throws InterruptedException {
    this(spanner, work, shards, spanner.newDatabase(ddl));
  }

  /** A fixture whose data database is a PostgreSQL-dialect one made with {@code ddl}. */
  static ReaderRunFixture postgres(SpannerEmulatorExtension spanner, Path work,
      List<String> shards, String... ddl) throws InterruptedException {
    return new ReaderRunFixture(spanner, work, shards, spanner.newPostgresDatabase(ddl));
  }

  private ReaderRunFixture(SpannerEmulatorExtension spanner, Path work, List<String> shards,
      SpannerTestDatabase data) throws InterruptedException {
    this.spanner = spanner;
    this.work = work;
    this.data = data;
    this.metadata = spanner.newDatabase();
    synchronized (CREATED) {
      CREATED.add(data);
      CREATED.add(metadata);
    }
    this.buffer = work.resolve("buffer");
    this.shardsFile = work.resolve("shards.json");
    writeShardsFile(shardsFile, shards);
    // The change stream must exist before the start timestamp.
    Thread.sleep(5);
    this.start = Timestamp.now();
  }

  /** Drops the databases of every fixture made since the last call (call it after each test). */
  static void dropDatabases() {
    synchronized (CREATED) {
      for (SpannerTestDatabase database : CREATED) {
        try {
          database.adminClient().dropDatabase(database.instanceId(), database.databaseId());
        } catch (RuntimeException e) {
          // Best effort: a database still in use is left to the emulator's end.
        }
      }
      CREATED.clear();
    }
  }

  /** A builder with everything a bounded run of this fixture needs, up to {@code end}. */
  ReaderConfigBuilder config(String runId, String windowDuration, Timestamp end) {
    return dev.rr.common.config.ReaderConfig.builder()
        .spannerProjectId(data.projectId())
        .instanceId(data.instanceId())
        .databaseId(data.databaseId())
        .metadataDatabase(metadata.databaseId())
        .changeStreamName("cs")
        .spannerEmulatorHost(spanner.emulatorHost())
        .startTimestamp(start.toString())
        .endTimestamp(end.toString())
        .windowDuration(windowDuration)
        .gcsOutputDirectory(buffer.toString())
        .sourceShardsFilePath(shardsFile.toString())
        .runIdentifier(runId);
  }

  /** DirectRunner options for a bounded run. */
  static PipelineOptions directOptions() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    return options;
  }

  /** Notes that the write committed at {@code commit} must appear in {@code directory}. */
  void expect(String directory, String table, ModType type, String keysJson, String shard,
      Timestamp commit) {
    expected.add(new Expected(directory, table, type, keysJson, shard, commit));
  }

  /** The expected files (relative path) with their records, described, in commit order. */
  Map<String, List<String>> expectedFiles(Duration window) {
    IntervalGrid grid = IntervalGrid.anchoredAt(start, window);
    Map<String, List<String>> files = new TreeMap<>();
    expected.stream()
        .sorted((a, b) -> a.commit().compareTo(b.commit()))
        .forEach(e -> {
          Instant at = IntervalGrid.toInstant(e.commit());
          String name = dev.rr.common.buffer.WindowFiles.fileName(grid.windowStart(at), grid.windowEnd(at));
          files.computeIfAbsent(e.directory() + "/" + name, k -> new ArrayList<>()).add(e.describe());
        });
    return files;
  }

  /** The files the reader wrote, described like {@link #expectedFiles}. */
  Map<String, List<String>> actualFiles() {
    Map<String, List<String>> files = new TreeMap<>();
    BufferFiles.read(buffer).forEach((path, records) ->
        files.put(path, records.stream().map(BufferFiles::describe).toList()));
    return files;
  }

  /** The created_upto values of {@code runId}, as instants. */
  Map<String, Instant> createdUpto(String runId) {
    Map<String, Instant> values = new TreeMap<>();
    new FileCreateProgressDao(metadata.client(), MetadataTables.withoutSuffix())
        .createdUpto(runId)
        .forEach((shard, at) -> values.put(shard, IntervalGrid.toInstant(at)));
    return values;
  }

  RunMetadataDao runs() {
    return new RunMetadataDao(metadata.client(), MetadataTables.withoutSuffix());
  }

  static void writeShardsFile(Path file, List<String> shards) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < shards.size(); i++) {
      json.append(i == 0 ? "" : ",").append("{\"logicalShardId\":\"").append(shards.get(i))
          .append("\",\"host\":\"127.0.0.1\",\"port\":3306,\"user\":\"rr\",")
          .append("\"secretManagerUri\":\"projects/p/secrets/s/versions/1\",\"dbName\":\"db")
          .append(i).append("\"}");
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json.append("]").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Test resource as a file path. The shared fixtures come from common's test-jar, where a
   * resource is a jar entry rather than a file: such a resource is copied to a temporary file.
   */
  static String resource(String name) {
    java.net.URL url = ReaderRunFixture.class.getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      if (url.getProtocol().equals("file")) {
        return Path.of(url.toURI()).toString();
      }
      String fileName = name.substring(name.lastIndexOf('/') + 1);
      Path copy = Files.createTempDirectory("rr-resource").resolve(fileName);
      try (java.io.InputStream in = url.openStream()) {
        Files.copy(in, copy);
      }
      // Deleted in reverse order of registration: the file, then its directory.
      copy.getParent().toFile().deleteOnExit();
      copy.toFile().deleteOnExit();
      return copy.toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy test resource " + name, e);
    }
  }
}
