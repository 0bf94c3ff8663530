package dev.rr.writer.logic;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.buffer.BufferFileWriter;
import dev.rr.common.buffer.BufferRecordCodec;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.buffer.WindowFiles;
import dev.rr.common.model.ChangeRecord;
import dev.rr.writer.logic.ChangeMapper.SkipReason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Keeps records next to the buffer, one directory per reason and shard:
 *
 * <ul>
 *   <li>{@code <buffer>/_filtered/<shard>/} and {@code <buffer>/_unmapped/<shard>/}: skipped
 *       records in the buffer file format (so they can be replayed as a window file), one file
 *       per window and MySQL transaction, named {@code <windowStart>-<windowEnd>-<first commit
 *       seconds>.<nanos>-<transaction hash>.txt};
 *   <li>{@code <buffer>/_errors/<shard>/}: the record that stopped the shard, one JSON file
 *       {@code {shard, windowStart, windowEnd, error, record}} named like the above with {@code
 *       .json}.
 * </ul>
 */
public final class BufferRecordKeeper implements RecordKeeper {
  /** Directory under the buffer for records that stopped a shard. */
  public static final String ERROR_DIRECTORY = "_errors";

  private final String bufferDirectory;
  private final String shard;

  public BufferRecordKeeper(String bufferDirectory, String shard) {
    // Fails for shard ids that cannot be a directory name, like the reader's own directories.
    WindowFiles.shardDirectory(bufferDirectory, shard);
    this.bufferDirectory = bufferDirectory;
    this.shard = shard;
  }

  @Override
  public String keepSkipped(SkipReason reason, TimeWindow window, List<ChangeRecord> records)
      throws IOException {
    ResourceId file = file(reason.directoryName(), window, records.get(0), ".txt");
    BufferFileWriter.write(file, records);
    return file.toString();
  }

  @Override
  public String keepFailed(TimeWindow window, ChangeRecord record, String error)
      throws IOException {
    JsonObject json = new JsonObject();
    json.addProperty("shard", shard);
    json.addProperty("windowStart", window.start().toString());
    json.addProperty("windowEnd", window.end().toString());
    json.addProperty("error", error);
    json.add("record", JsonParser.parseString(BufferRecordCodec.encode(record)));
    ResourceId file = file(ERROR_DIRECTORY, window, record, ".json");
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(file, "application/json"))) {
      out.write(
          new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json)
              .getBytes(StandardCharsets.UTF_8));
    }
    return file.toString();
  }

  private ResourceId file(String directory, TimeWindow window, ChangeRecord first, String suffix) {
    String windowName = WindowFiles.fileName(window);
    String name =
        windowName.substring(0, windowName.length() - WindowFiles.SUFFIX.length())
            + "-" + first.commitTimestamp().getSeconds()
            + "." + String.format("%09d", first.commitTimestamp().getNanos())
            + "-" + hash(first.serverTransactionId())
            + suffix;
    return FileSystems.matchNewResource(bufferDirectory, true)
        .resolve(directory, StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(shard, StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(name, StandardResolveOptions.RESOLVE_FILE);
  }

  private static String hash(String transactionId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(transactionId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
