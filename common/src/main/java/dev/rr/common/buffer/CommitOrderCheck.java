package dev.rr.common.buffer;

import com.google.cloud.Timestamp;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Tells whether a buffer file is in commit order ({@link ChangeRecord#ORDERING}) by reading only
 * each line's ordering fields, which matters because a writer checks every window file before
 * applying it. A line as the reader writes it is read from its bytes ({@link EncodedLine#key}),
 * its values only checked for where they end; any other line is decoded as text.
 *
 * <p>A line whose ordering fields cannot be read this way (or that is not JSON) is decoded in
 * full with {@link BufferRecordCodec#decodeAll}, so a broken line fails here with the same
 * {@link BufferFileException} (file, line number, reason) that {@link BufferFileReader} reports.
 * Other fields are not validated here; a line with a bad value elsewhere fails when it is read.
 */
public final class CommitOrderCheck {

  private CommitOrderCheck() {}

  /** True when the records of {@code fileSpec} (a path or {@code gs://} URI) are in commit order. */
  public static boolean isSorted(String fileSpec) throws IOException {
    ResourceId file = FileSystems.matchSingleFileSpec(fileSpec).resourceId();
    EncodedLine encoded = new EncodedLine();
    try (Utf8LineReader lines = new Utf8LineReader(Channels.newInputStream(FileSystems.open(file)))) {
      LineKey previous = null;
      long lineNumber = 0;
      while (true) {
        try {
          if (!lines.advance()) {
            return true;
          }
        } catch (IOException e) {
          throw new BufferFileException(
              file + " line " + (lineNumber + 1) + ": cannot read: " + e.getMessage(), e);
        }
        lineNumber++;
        LineKey key = encoded.key(lines.bytes(), lines.length());
        if (key == null) {
          key = keyOfText(lines, file + " line " + lineNumber);
          if (key == null) {
            continue;
          }
        }
        if (previous != null && previous.lastComesAfterFirstOf(key)) {
          return false;
        }
        previous = key;
      }
    }
  }

  /** The key of a line not in the encoder's shape, read from its text; null for a blank line. */
  private static LineKey keyOfText(Utf8LineReader lines, String where) {
    String line;
    try {
      line = lines.decodeLine();
    } catch (BufferFormatException e) {
      throw new BufferFileException(where + ": " + e.getMessage(), e);
    }
    return line.isBlank() ? null : keyOf(line, where);
  }

  /** The ordering key of the first record of {@code line}, and how many records it holds. */
  static LineKey keyOf(String line, String where) {
    try {
      LineKey key = scan(line);
      if (key != null) {
        return key;
      }
    } catch (IOException | RuntimeException e) {
      // Not the common shape: the full decoder reads it, or names what is wrong with it.
    }
    List<ChangeRecord> records;
    try {
      records = BufferRecordCodec.decodeAll(line);
    } catch (BufferFormatException e) {
      throw new BufferFileException(where + ": " + e.getMessage(), e);
    }
    ChangeRecord first = records.get(0);
    return new LineKey(first.commitTimestamp(), first.serverTransactionId(),
        first.recordSequence(), first.modIndex(), records.size());
  }

  /** Reads the ordering fields, skipping the rest; null when one is missing. */
  private static LineKey scan(String line) throws IOException {
    Timestamp commit = null;
    String transaction = null;
    String sequence = null;
    long modIndex = 0;
    int mods = 0;
    try (JsonReader json = new JsonReader(new StringReader(line))) {
      json.beginObject();
      while (json.hasNext()) {
        switch (json.nextName()) {
          case BufferRecordCodec.COMMIT_TIMESTAMP -> commit = timestamp(json);
          case BufferRecordCodec.SERVER_TRANSACTION_ID -> transaction = string(json);
          case BufferRecordCodec.RECORD_SEQUENCE -> sequence = string(json);
          case BufferRecordCodec.MOD_INDEX -> modIndex = json.nextLong();
          case BufferRecordCodec.MODS -> mods = count(json);
          default -> json.skipValue();
        }
      }
      json.endObject();
      if (json.peek() != JsonToken.END_DOCUMENT) {
        return null;
      }
    }
    if (commit == null || transaction == null || sequence == null || mods == 0
        || modIndex < 0 || modIndex + mods - 1 > Integer.MAX_VALUE) {
      return null;
    }
    return new LineKey(commit, transaction, sequence, (int) modIndex, mods);
  }

  private static Timestamp timestamp(JsonReader json) throws IOException {
    long seconds = Long.MIN_VALUE;
    long nanos = 0;
    json.beginObject();
    while (json.hasNext()) {
      switch (json.nextName()) {
        case BufferRecordCodec.SECONDS -> seconds = json.nextLong();
        case BufferRecordCodec.NANOS -> nanos = json.nextLong();
        default -> json.skipValue();
      }
    }
    json.endObject();
    if (seconds == Long.MIN_VALUE) {
      throw new IllegalStateException("no seconds");
    }
    return Timestamp.ofTimeSecondsAndNanos(seconds, Math.toIntExact(nanos));
  }

  private static String string(JsonReader json) throws IOException {
    if (json.peek() != JsonToken.STRING) {
      throw new IllegalStateException("not a string");
    }
    return json.nextString();
  }

  private static int count(JsonReader json) throws IOException {
    int count = 0;
    json.beginArray();
    while (json.hasNext()) {
      json.skipValue();
      count++;
    }
    json.endArray();
    return count;
  }

  /** The ordering fields of a line's first record; its other records follow by modIndex. */
  record LineKey(
      Timestamp commit, String transaction, String sequence, int modIndex, int records) {

    /** True when this line's last record sorts after {@code next}'s first record. */
    boolean lastComesAfterFirstOf(LineKey next) {
      int order = commit.compareTo(next.commit);
      if (order == 0) {
        order = transaction.compareTo(next.transaction);
      }
      if (order == 0) {
        order = sequence.compareTo(next.sequence);
      }
      if (order == 0) {
        order = Integer.compare(modIndex + records - 1, next.modIndex);
      }
      return order > 0;
    }
  }
}
