package dev.rr.reader.dao;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.input.InputFiles;
import dev.rr.reader.logic.RunInputs;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * The {@link RunInputs} of a run, kept beside its window files as {@code
 * <buffer>/<runId>.run-inputs.json}: written when the run starts, read when it resumes.
 */
public final class RunInputsFile {
  /** Suffix of the file name after the run identifier. */
  public static final String SUFFIX = ".run-inputs.json";

  private static final Gson GSON = new Gson();

  private RunInputsFile() {}

  /** The inputs this launch of {@code config} routes with. */
  public static RunInputs of(ReaderConfig config, List<String> shardIds) {
    String session = config.sessionFilePath().map(RunInputsFile::digest)
        .orElse(RunInputs.IDENTITY_MAPPING);
    String custom = config.customSharding()
        .map(c -> c.className() + " parameters=" + c.parameters() + " jar SHA-256="
            + digest(c.jarPath()))
        .orElse(RunInputs.NONE);
    return new RunInputs(session, shardIds, custom);
  }

  /** Writes {@code inputs} as the inputs run {@code runId} started with. */
  public static void write(String bufferDirectory, String runId, RunInputs inputs) {
    ResourceId file = location(bufferDirectory, runId);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(file, MimeTypes.TEXT))) {
      out.write(GSON.toJson(inputs).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The inputs run {@code runId} started with; empty for a run started before they were kept. */
  public static Optional<RunInputs> read(String bufferDirectory, String runId) {
    ResourceId file = location(bufferDirectory, runId);
    String text;
    try {
      MatchResult match = FileSystems.match(file.toString());
      if (match.status() == MatchResult.Status.NOT_FOUND || match.metadata().isEmpty()) {
        return Optional.empty();
      }
      text = InputFiles.readString(file.toString());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(GSON.fromJson(text, RunInputs.class));
    } catch (JsonParseException | NullPointerException e) {
      throw new IllegalStateException(file + " is not a run-inputs file: " + e.getMessage(), e);
    }
  }

  private static ResourceId location(String bufferDirectory, String runId) {
    return FileSystems.matchNewResource(bufferDirectory, true)
        .resolve(runId + SUFFIX,
            org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }

  private static String digest(String path) {
    try (InputStream in = Channels.newInputStream(
        FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId()))) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
