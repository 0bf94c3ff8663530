package dev.rr.common.buffer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines ({@code \n} or {@code \r\n}) from a byte stream, decoding each line separately as
 * strict UTF-8. Unlike a {@code BufferedReader}, which decodes ahead, a bad byte is reported on
 * the line that holds it, as a {@link BufferFormatException} (the file's content is wrong, not
 * the reading of it: rereading the file cannot help), with the decoder's exception as cause.
 * A caller that can read a line's bytes itself ({@link EncodedLine}) takes them undecoded.
 */
final class Utf8LineReader implements Closeable {
  private static final int CHUNK_BYTES = 64 * 1024;

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private int chunkStart;
  private int chunkEnd;
  private byte[] line = new byte[1024];
  private int lineLength;

  Utf8LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next line without its terminator, or null at the end of the stream.
   *
   * @throws BufferFormatException when the line is not valid UTF-8; it names the byte offset
   * @throws IOException when the stream cannot be read
   */
  String readLine() throws IOException {
    return advance() ? decodeLine() : null;
  }

  /**
   * Moves to the next line, whose bytes (terminator removed) are then {@link #bytes()} up to
   * {@link #length()}, not yet decoded; false at the end of the stream.
   *
   * @throws IOException when the stream cannot be read
   */
  boolean advance() throws IOException {
    lineLength = 0;
    boolean sawAnything = false;
    while (true) {
      if (chunkStart == chunkEnd) {
        chunkEnd = in.read(chunk);
        chunkStart = 0;
        if (chunkEnd <= 0) {
          chunkEnd = 0;
          return endLine(sawAnything);
        }
      }
      sawAnything = true;
      int newline = indexOfNewline();
      int end = newline < 0 ? chunkEnd : newline;
      append(chunkStart, end);
      if (newline >= 0) {
        chunkStart = newline + 1;
        return endLine(true);
      }
      chunkStart = chunkEnd;
    }
  }

  /** The bytes of the line {@link #advance} moved to; valid until the next call. */
  byte[] bytes() {
    return line;
  }

  /** How many of {@link #bytes()} the current line has. */
  int length() {
    return lineLength;
  }

  /**
   * The current line as text.
   *
   * @throws BufferFormatException when the line is not valid UTF-8; it names the byte offset
   */
  String decodeLine() {
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, lineLength);
    try {
      return decoder.decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new BufferFormatException("line is not valid UTF-8: " + badBytes(lineLength), e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private int indexOfNewline() {
    for (int i = chunkStart; i < chunkEnd; i++) {
      if (chunk[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(int from, int to) {
    int count = to - from;
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
    }
    System.arraycopy(chunk, from, line, lineLength, count);
    lineLength += count;
  }

  private boolean endLine(boolean sawAnything) {
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    return sawAnything;
  }

  /** Where the first malformed byte sequence of the current line starts, for the message. */
  private String badBytes(int length) {
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    CoderResult result = decoder.reset().decode(bytes, CharBuffer.allocate(length), true);
    decoder.reset();
    if (!result.isError()) {
      return "malformed input";
    }
    int at = bytes.position();
    StringBuilder shown = new StringBuilder();
    for (int i = at; i < at + result.length(); i++) {
      shown.append(String.format("%02X", line[i] & 0xFF));
    }
    return "byte 0x" + shown + " at byte offset " + at;
  }
}
