package dev.rr.common.config;

/** How the reader pipeline starts. */
public enum ReaderRunMode implements NamedOption {
  /** A new run from the configured start timestamp. */
  REGULAR("regular"),
  /** Continue a run: restart from the earliest interval any shard still needs. */
  RESUME("resume");

  /** The option these values are given in, used in error messages. */
  public static final String OPTION = "runMode";

  private final String optionName;

  ReaderRunMode(String optionName) {
    this.optionName = optionName;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  /**
   * The mode named exactly {@code value} ({@code regular} or {@code resume}).
   *
   * @throws ConfigException listing the valid names
   */
  public static ReaderRunMode parse(String value) {
    return NamedOption.parse(ReaderRunMode.class, OPTION, value);
  }
}
