package dev.rr.launcher.cli;

import com.google.cloud.Timestamp;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads RFC 3339 timestamps ({@code 2024-05-01T10:00:00Z}, fractions and offsets allowed). */
public final class TimestampConverter implements ITypeConverter<Timestamp> {
  @Override
  public Timestamp convert(String value) {
    try {
      return Timestamp.parseTimestamp(value.trim());
    } catch (RuntimeException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an RFC 3339 timestamp (e.g. 2024-05-01T10:00:00Z)");
    }
  }
}
