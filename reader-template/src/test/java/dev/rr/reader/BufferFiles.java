package dev.rr.reader;

import dev.rr.common.buffer.BufferRecordCodec;
import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a buffer directory the way a test wants to compare it. */
final class BufferFiles {
  private BufferFiles() {}

  /** Every file under {@code root} (relative path) with its records, in file order. */
  /** Files of the buffer that hold records (not the run's inputs file). */
  static boolean isWindowFile(Path file) {
    return Files.isRegularFile(file)
        && !file.getFileName().toString().endsWith(dev.rr.reader.dao.RunInputsFile.SUFFIX);
  }

  static Map<String, List<ChangeRecord>> read(Path root) {
    Map<String, List<ChangeRecord>> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(BufferFiles::isWindowFile).toList()) {
        files.put(root.relativize(file).toString(),
            Files.readAllLines(file).stream().map(BufferRecordCodec::decode).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Every file under {@code root} (relative path) with its bytes as text. */
  static Map<String, String> contents(Path root) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(BufferFiles::isWindowFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** What a test compares of a record: table, change, keys, shard and commit time. */
  static String describe(ChangeRecord record) {
    return record.tableName() + " " + record.modType() + " " + record.keysJson() + " -> "
        + record.shard() + " @" + record.commitTimestamp();
  }
}
