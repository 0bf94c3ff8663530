package dev.rr.launcher.cli;

import dev.rr.common.config.ConfigException;
import dev.rr.common.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as operators write them ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h})
 * through {@link Durations}, the parser the pipelines use.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value.trim());
    } catch (ConfigException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** The shortest form {@link #convert} reads back, for printing commands ({@code 120s} -> 2m). */
  public static String format(Duration duration) {
    return Durations.format(duration);
  }
}
