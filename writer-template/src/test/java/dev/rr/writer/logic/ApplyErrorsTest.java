package dev.rr.writer.logic;

import static dev.rr.common.mysql.ErrorClass.PERMANENT;
import static dev.rr.common.mysql.ErrorClass.TRANSIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import dev.rr.common.buffer.BufferFileException;
import dev.rr.common.buffer.BufferFormatException;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.checkpoint.CheckpointConflictException;
import dev.rr.common.routing.SpannerValueException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplyErrorsTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        // the content is wrong: reading or mapping it again gives the same
        row("bytes that are not UTF-8, as the JDK reports them (an IOException)",
            new BufferFileException("f line 2: cannot read", new MalformedInputException(1)),
            PERMANENT),
        row("the same, wrapped by the window run's reader",
            new UncheckedIOException("cannot read window file f",
                new MalformedInputException(1)), PERMANENT),
        row("a line that is not the buffer format",
            new BufferFileException("f line 2: not JSON", new BufferFormatException("not JSON")),
            PERMANENT),
        row("a value that does not fit its Spanner type",
            new SpannerValueException("t", "c", "INT64", "n/a", "not a number", null), PERMANENT),
        row("a failing custom transformation",
            new TransformationException("boom", new IllegalStateException()), PERMANENT),
        row("a statement Connector/J will not send",
            new PacketTooBigException(70_000, 65_536), PERMANENT),
        row("the server's 1153, its connection dropped after it",
            new SQLRecoverableException("Communications link failure", "08S01", 1153,
                new EOFException()), PERMANENT),
        // passing failures
        row("buffer I/O", new BufferFileException("f line 2: cannot read", new IOException("EIO")),
            TRANSIENT),
        row("a pool timeout", new SQLTransientConnectionException("timeout", null, 0), TRANSIENT),
        row("another writer moved the checkpoint",
            new CheckpointConflictException("moved"), TRANSIENT),
        row("a deadlock", new SQLException("deadlock", "40001", 1213), TRANSIENT),
        // MySQL's verdict otherwise
        row("a duplicate key", new SQLException("dup", "23000", 1062), PERMANENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void shouldClassifyWhatApplyingAWindowCanThrow(
      String description, Throwable error, ErrorClass expected) {
    assertEquals(expected, ApplyErrors.classify(error));
  }

  private static Arguments row(String description, Throwable error, ErrorClass expected) {
    return Arguments.of(description, error, expected);
  }
}
