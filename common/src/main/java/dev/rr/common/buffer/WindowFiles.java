package dev.rr.common.buffer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Names and locations of buffer window files: {@code <buffer>/<shard>/<start>-<end>-pane-0-last-0-of-1.txt}
 * with start and end in ISO-8601 UTC with milliseconds, e.g. {@code
 * 2024-06-24T16:53:00.000Z-2024-06-24T16:53:10.000Z-pane-0-last-0-of-1.txt}.
 *
 * <p>Works for any Beam file system ({@code gs://...} and local directories). Outside a pipeline,
 * {@code FileSystems.setDefaultPipelineOptions(options)} must have been called for schemes other
 * than local files to resolve.
 */
public final class WindowFiles {
  /** Suffix of every window file name, after the window. */
  public static final String SUFFIX = "-pane-0-last-0-of-1.txt";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final String TIMESTAMP_PATTERN =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
  private static final Pattern FILE_NAME =
      Pattern.compile(
          "(" + TIMESTAMP_PATTERN + ")-(" + TIMESTAMP_PATTERN + ")" + Pattern.quote(SUFFIX));
  private static final Pattern SHARD_NAME = Pattern.compile("[^/\\\\]+");

  private WindowFiles() {}

  /** The file name of a window, e.g. {@code 2024-06-24T16:53:00.000Z-2024-06-24T16:53:10.000Z-pane-0-last-0-of-1.txt}. */
  public static String fileName(TimeWindow window) {
    return TIMESTAMP.format(window.start()) + "-" + TIMESTAMP.format(window.end()) + SUFFIX;
  }

  /**
   * The leading part of the name of every window file whose window starts at {@code start}.
   * Fixed width (years 0000-9999), so window file names sort by window start.
   */
  public static String startName(Instant start) {
    return TIMESTAMP.format(start);
  }

  /** The file name of the window {@code [start, end)}. */
  public static String fileName(Instant start, Instant end) {
    return fileName(new TimeWindow(start, end));
  }

  /**
   * The window a file name stands for, or empty for names that are not window files (temp
   * files, other tools' files). Takes the bare file name, not a path.
   */
  public static Optional<TimeWindow> parse(String fileName) {
    Matcher matcher = FILE_NAME.matcher(fileName);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      Instant start = Instant.from(TIMESTAMP.parse(matcher.group(1)));
      Instant end = Instant.from(TIMESTAMP.parse(matcher.group(2)));
      return start.isBefore(end) ? Optional.of(new TimeWindow(start, end)) : Optional.empty();
    } catch (DateTimeParseException e) {
      // Shaped like a window file but not a real date (e.g. month 13): not one of ours.
      return Optional.empty();
    }
  }

  /** The window of a file, or empty when it is not a window file. */
  public static Optional<TimeWindow> parse(ResourceId file) {
    String name = file.getFilename();
    return name == null ? Optional.empty() : parse(name);
  }

  /**
   * The directory holding a shard's window files, {@code <bufferDir>/<shard>/}. The buffer
   * directory may or may not end with {@code /}.
   *
   * @throws IllegalArgumentException when the shard id cannot be a single path segment
   */
  public static ResourceId shardDirectory(String bufferDir, String shard) {
    if (shard == null || !SHARD_NAME.matcher(shard).matches() || shard.equals(".")
        || shard.equals("..")) {
      throw new IllegalArgumentException(
          "shard id '" + shard + "' cannot be used as a buffer directory name");
    }
    return FileSystems.matchNewResource(bufferDir, true)
        .resolve(shard, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** The file of window {@code [start, end)} of {@code shard} under {@code bufferDir}. */
  public static ResourceId fileFor(String bufferDir, String shard, Instant start, Instant end) {
    return fileFor(bufferDir, shard, new TimeWindow(start, end));
  }

  /** The file of {@code window} of {@code shard} under {@code bufferDir}. */
  public static ResourceId fileFor(String bufferDir, String shard, TimeWindow window) {
    return shardDirectory(bufferDir, shard)
        .resolve(fileName(window), StandardResolveOptions.RESOLVE_FILE);
  }
}
