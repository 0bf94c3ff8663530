package dev.rr.common.input;

import dev.rr.common.input.InputFileException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Reads input files through Beam {@link FileSystems}, so a local path and a {@code gs://} URI
 * work the same way.
 *
 * <p>On a pipeline worker the runner has already registered the file systems with the job's
 * options; those are kept. Only when a path's scheme is unknown (e.g. {@code gs://} in the
 * launcher, before any pipeline exists) are the default file systems registered, once.
 */
public final class InputFiles {
  private static final Object REGISTRATION_LOCK = new Object();
  private static volatile boolean defaultsRegistered;

  private InputFiles() {}

  /** The whole file at {@code path} as UTF-8 text. */
  public static String readString(String path) throws IOException {
    try (InputStream in = open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Copies the file at {@code path} to the local file {@code target}, replacing it. */
  public static void copyToLocal(String path, Path target) throws IOException {
    try (InputStream in = open(path)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static InputStream open(String path) throws IOException {
    if (path == null || path.isBlank()) {
      throw new IOException("no file path given");
    }
    ensureSchemeRegistered(path);
    MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(path);
    ReadableByteChannel channel = FileSystems.open(metadata.resourceId());
    return Channels.newInputStream(channel);
  }

  private static void ensureSchemeRegistered(String path) {
    try {
      ResourceId ignored = FileSystems.matchNewResource(path, false);
    } catch (IllegalArgumentException unknownScheme) {
      // Only the local file system is known until someone registers the others.
      registerDefaults();
    }
  }

  private static void registerDefaults() {
    synchronized (REGISTRATION_LOCK) {
      if (!defaultsRegistered) {
        FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
        defaultsRegistered = true;
      }
    }
  }

  /** Like {@link #readString}, failing with an {@link InputFileException} naming the file. */
  static String readInputFile(String path) {
    try {
      return readString(path);
    } catch (IOException e) {
      throw new InputFileException(
          String.valueOf(path),
          List.of(new Problem("$", null, "the file cannot be read (" + e + ")")),
          e);
    }
  }
}
