package dev.rr.reader.logic;

import dev.rr.common.buffer.WindowFiles;
import dev.rr.common.config.ReaderConfig;
import java.io.Serializable;
import java.time.Instant;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where the reader's files go under the output (buffer) directory:
 *
 * <ul>
 *   <li>{@code <out>/<shard>/<window file>}: records routed to a shard of the shards file;
 *   <li>{@code <out>/<skipDirectoryName>/<window file>}: records of tables the session does not
 *       map (shard field null);
 *   <li>{@code <out>/<skipDirectoryName>-unknown-shard/<window file>}: records whose shard id is
 *       not in the shards file (shard field holds that id);
 *   <li>{@code <out>/<skipDirectoryName>-late/<directory>/<start>-<end>-late-pane-<n>.txt}:
 *       records that arrived after their window was already final (should never happen with the
 *       change-stream source, whose watermark never passes unread data);
 *   <li>{@code <out>/<skipDirectoryName>-late/<directory>/<start>-<end>-expired-<id>.txt}:
 *       records so late that Beam's window expiry would have dropped them ({@link ExpiryRule}).
 * </ul>
 *
 * Window files are named by {@link WindowFiles}.
 */
public final class OutputLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Appended to {@code skipDirectoryName} to name the directory of late records. */
  public static final String LATE_SUFFIX = "-late";

  private final String outputDirectory;
  private final String skipDirectory;
  private final String unknownShardDirectory;

  public OutputLayout(String outputDirectory, String skipDirectory, String unknownShardDirectory) {
    this.outputDirectory = outputDirectory;
    this.skipDirectory = skipDirectory;
    this.unknownShardDirectory = unknownShardDirectory;
  }

  /** The layout a run of {@code config} writes. */
  public static OutputLayout of(ReaderConfig config) {
    return new OutputLayout(
        config.outputDirectory(), config.skipDirectoryName(), config.unknownShardDirectoryName());
  }

  public String outputDirectory() {
    return outputDirectory;
  }

  /** Directory name for records of unmapped tables. */
  public String skipDirectory() {
    return skipDirectory;
  }

  /** Directory name for records routed to a shard id missing from the shards file. */
  public String unknownShardDirectory() {
    return unknownShardDirectory;
  }

  /** Directory name for late records. */
  public String lateDirectory() {
    return skipDirectory + LATE_SUFFIX;
  }

  /** True when {@code directory} is one of the reader's own directories, not a shard. */
  public boolean isReserved(String directory) {
    return directory.equals(skipDirectory)
        || directory.equals(unknownShardDirectory)
        || directory.equals(lateDirectory());
  }

  /** The window file of {@code [start, end)} in {@code directory} (a shard or skip directory). */
  public ResourceId windowFile(String directory, Instant start, Instant end) {
    return WindowFiles.fileFor(outputDirectory, directory, start, end);
  }

  /** The file for late pane {@code paneIndex} of window {@code [start, end)} of {@code directory}. */
  public ResourceId lateFile(String directory, Instant start, Instant end, long paneIndex) {
    return inLateDirectory(directory, start, end, "-late-pane-" + paneIndex);
  }

  /**
   * The file for expired records of window {@code [start, end)} of {@code directory}; {@code id}
   * tells apart the batches of one window (the same records give the same id).
   */
  public ResourceId expiredFile(String directory, Instant start, Instant end, String id) {
    return inLateDirectory(directory, start, end, "-expired-" + id);
  }

  private ResourceId inLateDirectory(String directory, Instant start, Instant end, String tag) {
    String name = WindowFiles.fileName(start, end).replace(WindowFiles.SUFFIX, tag + ".txt");
    return WindowFiles.shardDirectory(outputDirectory, lateDirectory())
        .resolve(directory, StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(name, StandardResolveOptions.RESOLVE_FILE);
  }
}
