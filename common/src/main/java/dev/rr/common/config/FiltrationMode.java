package dev.rr.common.config;

/** Which change-stream records the reader drops before writing the buffer. */
public enum FiltrationMode implements NamedOption {
  /** Drop writes made by the forward migration (transaction tag starting with {@code txBy=}). */
  FORWARD_MIGRATION("forward_migration"),
  /** Keep every record. */
  NONE("none");

  /** The option these values are given in, used in error messages. */
  public static final String OPTION = "filtrationMode";

  private final String optionName;

  FiltrationMode(String optionName) {
    this.optionName = optionName;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  /**
   * The mode named exactly {@code value} ({@code forward_migration} or {@code none}).
   *
   * @throws ConfigException listing the valid names
   */
  public static FiltrationMode parse(String value) {
    return NamedOption.parse(FiltrationMode.class, OPTION, value);
  }
}
