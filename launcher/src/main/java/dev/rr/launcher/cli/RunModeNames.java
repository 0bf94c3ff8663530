package dev.rr.launcher.cli;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters that accept exactly the documented run-mode and filtration-mode names. */
final class RunModeNames {
  private RunModeNames() {}

  private static String accept(String value, List<String> names) {
    if (!names.contains(value)) {
      throw new TypeConversionException(
          "'" + value + "' is not one of " + String.join(", ", names));
    }
    return value;
  }

  /** Reader run modes. */
  static final class Reader implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return accept(value, List.of("regular", "resume"));
    }
  }

  /** Writer run modes. */
  static final class Writer implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return accept(value, List.of(
          "regular", "resume", "resumeAll", "resumeSuccess", "resumeFailed", "reprocess"));
    }
  }

  /** Filtration modes. */
  static final class Filtration implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return accept(value, List.of("forward_migration", "none"));
    }
  }
}
