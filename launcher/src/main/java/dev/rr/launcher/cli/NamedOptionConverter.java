package dev.rr.launcher.cli;

import dev.rr.common.config.ConfigException;
import dev.rr.common.config.FiltrationMode;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.config.WriterRunMode;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts option text to the typed modes of {@code common/config}, through their own
 * {@code parse} (exactly the documented names), so the CLI and the pipelines agree.
 */
abstract class NamedOptionConverter<T> implements ITypeConverter<T> {
  private final Function<String, T> parse;

  NamedOptionConverter(Function<String, T> parse) {
    this.parse = parse;
  }

  @Override
  public T convert(String value) {
    try {
      return parse.apply(value);
    } catch (ConfigException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** {@code regular} or {@code resume}. */
  static final class Reader extends NamedOptionConverter<ReaderRunMode> {
    Reader() {
      super(ReaderRunMode::parse);
    }
  }

  /** {@code regular}, {@code resume}, {@code resumeAll}, ... */
  static final class Writer extends NamedOptionConverter<WriterRunMode> {
    Writer() {
      super(WriterRunMode::parse);
    }
  }

  /** {@code mysql} or {@code postgresql}. */
  static final class Source extends NamedOptionConverter<SourceType> {
    Source() {
      super(SourceType::parse);
    }
  }

  /** {@code forward_migration} or {@code none}. */
  static final class Filtration extends NamedOptionConverter<FiltrationMode> {
    Filtration() {
      super(FiltrationMode::parse);
    }
  }
}
