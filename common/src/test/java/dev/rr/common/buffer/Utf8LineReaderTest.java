package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {

  /** Hands out at most {@code max} bytes per read, to cross every chunk boundary. */
  private static InputStream trickle(byte[] bytes, int max) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        return super.read(buffer, offset, Math.min(length, max));
      }
    };
  }

  private static List<String> lines(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Utf8LineReader reader = new Utf8LineReader(in)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void shouldSplitOnLfAndCrLfAndKeepALastLineWithoutTerminator() throws Exception {
    byte[] bytes = "a\r\n\nä€😀 x\nlast".getBytes(StandardCharsets.UTF_8);
    List<String> expected = List.of("a", "", "ä€😀 x", "last");
    for (int max : new int[] {1, 2, 3, 1000}) {
      assertEquals(expected, lines(trickle(bytes, max)), "reads of " + max + " bytes");
    }
  }

  @Test
  void shouldReadLinesLongerThanItsChunk() throws Exception {
    String longLine = "€".repeat(100_000);
    byte[] bytes = (longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(longLine, "short"), lines(new ByteArrayInputStream(bytes)));
  }

  @Test
  void shouldReadNothingFromAnEmptyStream() throws Exception {
    try (Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(new byte[0]))) {
      assertNull(reader.readLine());
    }
  }

  @Test
  void shouldFailOnTheLineWithTheBadByteOnly() throws Exception {
    byte[] bytes = {'o', 'k', '\n', 'b', (byte) 0xE4, 'd', '\n', 'n', 'e', 'x', 't'};
    try (Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(bytes))) {
      assertEquals("ok", reader.readLine());
      BufferFormatException e = assertThrows(BufferFormatException.class, reader::readLine);
      assertEquals("line is not valid UTF-8: byte 0xE4 at byte offset 1", e.getMessage());
      assertInstanceOf(CharacterCodingException.class, e.getCause());
      assertEquals("next", reader.readLine());
      assertNull(reader.readLine());
    }
  }
}
