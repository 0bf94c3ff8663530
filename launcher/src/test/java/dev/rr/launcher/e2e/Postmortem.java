package dev.rr.launcher.e2e;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.model.ChangeRecord;
import dev.rr.launcher.bench.RawChangeStreamReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a failed comparison leaves behind, so that a rare loss can be explained after the run:
 * the scenario's buffer directory and inputs are copied under {@code target/e2e-postmortem/}
 * (JUnit deletes the originals), with the reader's and writer's progress rows and a list of every
 * change the change stream holds up to the cutover that no buffer file holds, by partition. One
 * summary line says whether the reader (changes missing from the buffer) or the writer (buffer
 * complete, shards not) lost data.
 */
final class Postmortem {
  static final Path ROOT = Paths.get("target", "e2e-postmortem");

  private Postmortem() {}

  /** Keeps the evidence of {@code fixture}'s run cut over at {@code at}; returns the summary. */
  static String keep(ReplicationFixture fixture, Timestamp at) {
    Path dir = ROOT.resolve(fixture.runId + "-" + System.currentTimeMillis());
    try {
      Files.createDirectories(dir);
      copyTree(fixture.buffer, dir.resolve("buffer"));
      Files.copy(fixture.sessionFile, dir.resolve("session.json"));
      Files.copy(fixture.shardsFile, dir.resolve("shards.json"));
      try (PrintWriter progress = writer(dir.resolve("progress.txt"))) {
        progress.println("start " + fixture.start + " cutover " + at);
        progress.println("created_upto " + fixture.metadataStore().fileCreateProgress()
            .createdUpto(fixture.runId));
        fixture.shardProgress().forEach((shard, row) -> progress.println(shard + " " + row));
      }
      Map<String, ChangeRecord> buffered = bufferedRecords(fixture.buffer);
      List<RawChangeStreamReader.Mod> absent = new ArrayList<>();
      Map<String, Integer> absentByPartition = new TreeMap<>();
      RawChangeStreamReader.Counts raw = new RawChangeStreamReader(fixture.client(),
          ReplicationFixture.CHANGE_STREAM).read(fixture.start, at, mod -> {
            if (!buffered.containsKey(key(mod.commitTimestamp(), mod.serverTransactionId(),
                mod.recordSequence(), mod.modIndex()))) {
              absent.add(mod);
              absentByPartition.merge(String.valueOf(mod.partition()), 1, Integer::sum);
            }
          });
      try (PrintWriter out = writer(dir.resolve("missing-from-buffer.txt"))) {
        absent.forEach(out::println);
      }
      String summary = String.format("postmortem %s: change stream %d mods up to the cutover, buffer"
              + " %d records, %d mods missing from the buffer%s (by partition %s)",
          dir.toAbsolutePath(), raw.mods(), buffered.size(), absent.size(),
          absent.isEmpty() ? "" : " from " + absent.get(0).commitTimestamp() + " to "
              + absent.get(absent.size() - 1).commitTimestamp(),
          absentByPartition);
      Files.writeString(dir.resolve("summary.txt"), summary + "\n", StandardCharsets.UTF_8);
      return summary;
    } catch (IOException | RuntimeException e) {
      return "postmortem in " + dir.toAbsolutePath() + " incomplete: " + e;
    }
  }

  /** Every record of every file under {@code buffer}, by its commit-order identity. */
  private static Map<String, ChangeRecord> bufferedRecords(Path buffer) throws IOException {
    Map<String, ChangeRecord> records = new HashMap<>();
    try (Stream<Path> files = Files.walk(buffer)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try {
          for (ChangeRecord record : BufferFileReader.readAll(
              org.apache.beam.sdk.io.FileSystems.matchNewResource(file.toString(), false))) {
            records.put(key(record.commitTimestamp(), record.serverTransactionId(),
                record.recordSequence(), record.modIndex()), record);
          }
        } catch (IOException | RuntimeException notABufferFile) {
          // A temporary or foreign file: not a record source.
        }
      }
    }
    return records;
  }

  private static String key(Timestamp commit, String transaction, String sequence, int modIndex) {
    return commit + "/" + transaction + "/" + sequence + "/" + modIndex;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static PrintWriter writer(Path file) throws IOException {
    return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }
}
